"""The measure catalog: phases, maturity stages, answer scale and controls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from assess.models.base import Int, Lang, NonEmpty, Number, StrictModel, Text, quoted_version
from assess.models.condition import Condition

# Catalog controls: three letters of the phase and two digits. Overlays add controls of their
# own with the prefix X- (e.g. X-01, X-IT-02); a catalog file itself cannot use it.
ControlId = Annotated[
    str, StringConstraints(pattern=r"^(?:[A-Z]{3}-\d{2}|X-[A-Z0-9]+(?:-[A-Z0-9]+)*)$")
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]

StatusId = Literal["fulfilled", "largely", "partial", "not", "na", "unknown"]
STATUS_IDS: tuple[StatusId, ...] = ("fulfilled", "largely", "partial", "not", "na", "unknown")
CriticalityId = Literal["top", "high", "normal"]


class Source(StrictModel):
    publisher: NonEmpty
    title: NonEmpty
    date: NonEmpty = Field(description="Publication date as printed, e.g. '2021-05'.")
    url: str | None = None


class Phase(StrictModel):
    id: Slug
    prefix: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="The three letters that start the ids of this phase's controls."
    )
    title: Text
    description: Text


class Stage(StrictModel):
    level: Int = Field(ge=0, le=9)
    name: Text
    description: Text


class ScaleEntry(StrictModel):
    id: StatusId
    value: Int | None = Field(ge=0, description="Points; null for 'not applicable'.")
    meets_stage: bool = Field(description="Whether this status counts as met for maturity.")
    label: Text
    aliases: list[NonEmpty] = Field(default=[])


class Criticality(StrictModel):
    id: CriticalityId
    weight: Number = Field(gt=0)
    label: Text


class Role(StrictModel):
    id: Slug
    label: Text


class SupportTag(StrictModel):
    id: Slug
    label: Text


class Framework(StrictModel):
    id: Slug
    name: NonEmpty


class FrameworkRef(StrictModel):
    framework: Slug
    ref: NonEmpty


class WeightModifier(StrictModel):
    when: Condition
    factor: Number = Field(gt=0, le=5)
    reason: Text


class Keywords(StrictModel):
    """Words an auditor may use for a control, beyond its title and question (for matching
    foreign questionnaires): synonyms, parts of compounds, common abbreviations."""

    de: list[NonEmpty] = Field(default=[])
    en: list[NonEmpty] = Field(default=[])


class Control(StrictModel):
    id: ControlId
    phase: Slug
    title: Text
    question: Text
    guidance: Text
    source_ref: Text = Field(
        description="Where the measure stands in the source document (its German section names, "
        "and in English with the German name in brackets)."
    )
    criticality: CriticalityId
    stage: Int = Field(ge=1, le=9)
    effort: Int = Field(ge=1, le=5, description="1 = hours, 5 = a project of months.")
    mandatory: bool = Field(
        default=False, description="A mandatory control cannot be answered as not applicable."
    )
    applies_if: Condition | None = None
    weight_modifiers: list[WeightModifier] = Field(default=[])
    depends_on: list[ControlId] = Field(default=[])
    support: list[Slug] = Field(default=[])
    owner_role: Slug
    keywords: Keywords | None = None
    refs: list[FrameworkRef] = Field(default=[])


ChangeKind = Literal["changed", "added", "retired", "catalog"]


class Change(StrictModel):
    """One change of a revision: to a control (changed, added, retired) or to the catalog."""

    kind: ChangeKind
    control: ControlId | None = Field(
        default=None, description="The control changed, added or retired; none for 'catalog'."
    )
    what: Text
    why: Text
    replaced_by: list[ControlId] = Field(
        default=[],
        description="For a retired control: the controls that take over its question. An answer "
        "to the retired id stands in for each of them until they are answered themselves.",
    )


class Revision(StrictModel):
    """A revision of the encoding of one edition: what changed, and why."""

    revision: Int = Field(ge=1)
    date: dt.date
    summary: Text
    changes: list[Change] = Field(default=[])


class Catalog(StrictModel):
    schema_version: Literal[1]
    id: Slug
    version: NonEmpty = Field(description="The edition: the source document it encodes.")
    revision: Int = Field(
        default=1,
        ge=1,
        description="The revision of this encoding of the edition; bumped by every content "
        "change, which the change log records.",
    )
    title: Text
    description: Text
    source: Source
    languages: list[Lang]
    released: dt.date
    phases: list[Phase]
    stages: list[Stage]
    scale: list[ScaleEntry]
    criticality: list[Criticality]
    roles: list[Role]
    support_tags: list[SupportTag]
    frameworks: list[Framework]
    controls: list[Control]
    changes: list[Revision] = Field(default=[], description="Change log, newest revision first.")

    _check_version = field_validator("version", mode="before")(quoted_version)

    @property
    def pin(self) -> str:
        return f"{self.id}@{self.version}"

    @cached_property
    def controls_by_id(self) -> dict[str, Control]:
        return {c.id: c for c in self.controls}

    @cached_property
    def retired(self) -> dict[str, tuple[int, Change]]:
        """Retired control ids with the revision that retired them and the change."""
        return {
            c.control: (r.revision, c)
            for r in self.changes
            for c in r.changes
            if c.kind == "retired" and c.control is not None
        }

    def answer_key(self, control_id: str, answered: Container[str]) -> str | None:
        """The id whose answer counts for ``control_id``: its own, else the first answered
        retired control whose question it took over (until it is answered itself)."""
        if control_id in answered:
            return control_id
        return next((o for o in self.predecessors.get(control_id, []) if o in answered), None)

    @cached_property
    def predecessors(self) -> dict[str, list[str]]:
        """For each current control, the retired ids whose answers stand in for it."""
        found: dict[str, list[str]] = {}
        for old, (_, change) in sorted(self.retired.items()):
            for new in change.replaced_by:
                found.setdefault(new, []).append(old)
        return found

    @cached_property
    def max_value(self) -> int:
        """The points of the best status (3 on the bundled scale)."""
        return max(s.value for s in self.scale if s.value is not None)

    @cached_property
    def _status_names(self) -> dict[str, StatusId]:
        # The first entry of the scale that names a text wins, as in a walk down the scale.
        names: dict[str, StatusId] = {}
        for entry in self.scale:
            names.setdefault(entry.id, entry.id)
            for alias in entry.aliases:
                names.setdefault(alias.casefold(), entry.id)
        return names

    def resolve_status(self, text: str) -> StatusId | None:
        """The status id that ``text`` (an id or an alias, in any case) stands for."""
        return self._status_names.get(text.strip().casefold())

    @cached_property
    def _scale_by_id(self) -> dict[str, ScaleEntry]:
        return {s.id: s for s in reversed(self.scale)}  # the first of an id wins, as in a walk

    def status(self, status_id: str) -> ScaleEntry:
        return self._scale_by_id[status_id]

    def stage(self, level: int) -> Stage:
        return next(s for s in self.stages if s.level == level)

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def support_tag(self, tag_id: str) -> SupportTag:
        return next(t for t in self.support_tags if t.id == tag_id)

    @cached_property
    def _weights(self) -> dict[str, float]:
        return {c.id: c.weight for c in reversed(self.criticality)}

    def weight(self, criticality: str) -> float:
        return self._weights[criticality]

    def criticality_label(self, criticality: str, lang: Lang) -> str:
        return next(c.label.get(lang) for c in self.criticality if c.id == criticality)
