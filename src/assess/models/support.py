"""The support directory: external services that help, with source and check date."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from assess.models.base import NonEmpty, StrictModel, Text, quoted_version
from assess.models.catalog import Slug
from assess.models.condition import Condition
from assess.models.profile import Bundesland


class SupportEntry(StrictModel):
    id: Slug
    name: Text
    provider: NonEmpty = Field(description="The organisation behind the service.")
    kind: Literal["authority", "police", "chamber", "network", "list", "material"]
    helps_with: Text
    when: Text = Field(description="When to contact it.")
    tags: list[Slug] = Field(description="Support tags of the catalog this entry serves.")
    emergency: bool = Field(
        default=False, description="Shown among the contacts to call during an IT emergency."
    )
    land: Bundesland | None = Field(default=None, description="Only for companies in this Land.")
    applies_if: Condition | None = None
    url: NonEmpty
    phone: str | None = None
    email: str | None = None
    hours: Text | None = Field(default=None, description="When it can be reached, if verified.")
    phone_out_of_hours: str | None = Field(
        default=None, description="The number to call outside those hours, if verified."
    )
    source: NonEmpty = Field(description="Where the facts of this entry come from (URL).")
    checked: dt.date = Field(description="When the facts were last checked against the source.")


class Deadline(StrictModel):
    within: Text = Field(description="The deadline and when it starts, e.g. '24 h after …'.")
    what: Text = Field(description="What must be reported by then.")
    from_awareness: bool = Field(
        default=False,
        description="Whether the deadline runs from becoming aware of the incident (and not "
        "from a classification, an earlier report or a request).",
    )


class Caveat(StrictModel):
    """A note on a duty for companies meeting a condition; ``exempts`` lifts the duty for them."""

    when: Condition
    exempts: bool = False
    note: Text = Field(description="What holds instead, e.g. where such a company reports.")
    source: NonEmpty


class Duty(StrictModel):
    """A legal reporting duty: when it applies, to whom, by when and with what."""

    id: Slug
    title: Text
    legal_basis: Text
    applies_if: Condition | None = None
    because: Text = Field(description="Why it applies, in the words of its condition.")
    recipient: Text
    contact_tags: list[Slug] = Field(
        default=[],
        description="Support tags whose fitting entries receive the report (e.g. the Land's "
        "data-protection authority).",
    )
    deadlines: list[Deadline]
    content: Text = Field(description="What the report must contain.")
    note: Text | None = None
    caveats: list[Caveat] = Field(default=[])
    source: NonEmpty
    checked: dt.date


class DirectoryChange(StrictModel):
    kind: Literal["changed", "added", "removed", "directory"]
    entry: Slug | None = Field(
        default=None, description="The entry or duty changed, added or removed."
    )
    what: Text
    why: Text


class DirectoryRevision(StrictModel):
    revision: int = Field(ge=1)
    date: dt.date
    summary: Text
    changes: list[DirectoryChange] = Field(default=[])


class SupportDirectory(StrictModel):
    schema_version: Literal[1]
    id: Slug
    version: NonEmpty
    revision: int = Field(default=1, ge=1)
    title: Text
    entries: list[SupportEntry]
    duties: list[Duty] = Field(default=[])
    changes: list[DirectoryRevision] = Field(
        default=[], description="Change log, newest revision first."
    )

    _check_version = field_validator("version", mode="before")(quoted_version)

    @property
    def pin(self) -> str:
        return f"{self.id}@{self.version}"
