"""A migration map: what became of each control of one catalog edition in the next.

``catalogs/<catalog-id>/migrations/<from>__<to>.yaml``. Every control of the old edition is
listed once, so that no answer can be lost without a word.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from assess.models.base import NonEmpty, StrictModel, Text, quoted_version
from assess.models.catalog import Slug

Action = Literal["same", "renamed", "split", "merged", "retired"]


class Change(StrictModel):
    old: NonEmpty = Field(description="The control id in the old edition.")
    action: Action = Field(
        description="same: same id; renamed: one new id; split: several new controls; "
        "merged: into one new control together with others; retired: gone."
    )
    to: list[NonEmpty] = Field(
        default_factory=list,
        description="The new ids (renamed: one, split: two or more, merged: one; none else).",
    )
    changed_meaning: bool = Field(
        default=False,
        description="The question changed so much that a carried answer must be reviewed.",
    )
    note: Text | None = Field(default=None, description="What changed, for the reviewer.")


class MigrationMap(StrictModel):
    schema_version: Literal[1]
    catalog: Slug
    from_version: NonEmpty = Field(alias="from")
    to_version: NonEmpty = Field(alias="to")
    changes: list[Change]

    _check_from = field_validator("from_version", mode="before")(quoted_version)
    _check_to = field_validator("to_version", mode="before")(quoted_version)
