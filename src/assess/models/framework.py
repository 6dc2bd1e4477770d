"""A framework's requirement list (NIS2, ISO/IEC 27001, IT-Grundschutz, DIN SPEC 27076).

It lives next to the catalog (``catalogs/<catalog-id>/frameworks/<framework-id>.yaml``) and names
every requirement a control's ``refs`` may point to, plus those of the same themes the catalog does
not touch, so that a view can say plainly what the catalog leaves out.
"""

from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import Field

from assess.models.base import NonEmpty, StrictModel, Text
from assess.models.catalog import Slug


class Requirement(StrictModel):
    id: NonEmpty = Field(description="The requirement as the catalog's refs write it.")
    title: Text


class FrameworkRequirements(StrictModel):
    schema_version: Literal[1]
    id: Slug = Field(description="The framework id the catalog's refs use.")
    catalog: Slug = Field(description="The catalog id this list belongs to.")
    name: Text
    source: NonEmpty
    requirements: list[Requirement] = Field(min_length=1)

    @cached_property
    def by_id(self) -> dict[str, Requirement]:
        return {r.id: r for r in self.requirements}


def split_ref(ref: str) -> list[str]:
    """The requirement ids in one ref: ``"A.5.5, A.5.31"`` names two."""
    return [part.strip() for part in ref.split(",") if part.strip()]
