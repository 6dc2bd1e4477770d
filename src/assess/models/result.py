"""What an evaluation produces. Every number can be traced to answers and catalog data."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from assess.models.answers import Answer
from assess.models.base import StrictModel, Text
from assess.models.catalog import CriticalityId, StatusId

Horizon = Literal["30d", "90d", "12m"]
HORIZONS: tuple[Horizon, ...] = ("30d", "90d", "12m")


class WeightReason(StrictModel):
    factor: float
    reason: Text


class ControlResult(StrictModel):
    id: str
    phase: str
    stage: int
    criticality: CriticalityId
    applicable: bool
    status: StatusId
    na_source: Literal["profile", "answer"] | None = Field(
        default=None, description="Why not applicable: the profile's conditions or the answer."
    )
    value: int | None
    weight: float
    weight_reasons: list[WeightReason]
    points: float = Field(description="weight × value / max value; 0 when not applicable.")
    meets_stage: bool
    gap: bool = Field(description="Applicable and not fulfilled.")
    critical: bool = Field(description="Top criticality and not even largely fulfilled.")
    answer: Answer | None
    inherited_from: str | None = Field(
        default=None,
        description="The retired control whose answer stands in, until this one is answered.",
    )
    not_reviewed: bool = Field(
        default=False,
        description="Carried over and not confirmed, or updated more than 12 months before "
        "the assessment date.",
    )


class Score(StrictModel):
    percent: float | None = Field(
        description="Umsetzungsgrad, rounded to one decimal; None if nothing applies."
    )
    points: float
    weight: float
    counts: dict[StatusId, int]


class PhaseScore(Score):
    phase: str


class Maturity(StrictModel):
    level: int
    next_level: int | None
    blockers: list[str] = Field(description="Controls that keep the next level from being reached.")


class RoadmapItem(StrictModel):
    rank: int
    control: str
    horizon: Horizon
    critical: bool
    blocks_level: int | None
    prerequisite_for: list[str]
    gain: float = Field(description="Percentage points the overall score gains when fulfilled.")
    effort: int
    benefit_per_effort: float
    owner_role: str
    support: list[str] = Field(description="Ids of support-directory entries that help.")


class Evaluation(StrictModel):
    catalog_id: str
    catalog_version: str
    catalog_revision: int = Field(description="The revision of the catalog that scored this.")
    retired_answers: list[str] = Field(
        default=[], description="Answered controls that this revision has retired."
    )
    directory: str
    company: str
    date: dt.date
    assessor: str
    overall: Score
    phases: list[PhaseScore]
    maturity: Maturity
    controls: list[ControlResult]
    roadmap: list[RoadmapItem]
    emergency_support: list[str]
    duties: list[str] = Field(description="Ids of the reporting duties that apply.")
    possible_duties: list[str] = Field(
        default=[],
        description="Ids of duties that apply if the figures missing for the NIS2 class exceed "
        "the thresholds.",
    )
    exempt_duties: list[str] = Field(
        default=[],
        description="Ids of duties the law lifts for this company (a note says where it "
        "reports instead).",
    )
