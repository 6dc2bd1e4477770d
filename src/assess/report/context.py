"""The one typed context the report and card templates get, built from the evaluation view.

Templates only format: every number here comes from the evaluation (``View``), every comparison
from two evaluations; no template computes a score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from assess.i18n import compact, date, t
from assess.models.base import Lang
from assess.render.view import (
    TOP_STEPS,
    ContactsView,
    ControlView,
    RoadmapView,
    View,
    build_contacts,
    build_view,
)
from assess.report import charts

if TYPE_CHECKING:
    from assess.api import Outcome


@dataclass(frozen=True)
class ScoreChange:
    id: str
    label: str
    before: float | None
    after: float | None
    delta: float | None


@dataclass(frozen=True)
class ControlChange:
    id: str
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class Comparison:
    date_label: str
    scored_with: str
    level_before: int
    level_after: int
    overall: ScoreChange
    phases: list[ScoreChange]
    improved: list[ControlChange]
    regressed: list[ControlChange]


@dataclass(frozen=True)
class ScaleRow:
    label: str
    points: str
    meets_stage: bool


@dataclass(frozen=True)
class WeightRow:
    label: str
    weight: str


@dataclass(frozen=True)
class StageRow:
    level: int
    name: str
    description: str
    reached: bool


@dataclass(frozen=True)
class ReportContext:
    lang: Lang
    view: View
    controls: dict[str, ControlView]
    contacts: ContactsView
    comparison: Comparison | None
    top_steps: list[RoadmapView]
    controls_by_phase: dict[str, list[ControlView]]
    not_applicable: list[ControlView]
    support_names: dict[str, str]
    scale: list[ScaleRow]
    weights: list[WeightRow]
    stages: list[StageRow]
    phase_chart: Markup
    maturity_chart: Markup


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 1)


def compare(current: Outcome, previous: Outcome, lang: Lang) -> Comparison:
    """What changed since the previous assessment: scores, level and each control's status.

    Both must be scored with the same catalog revision, so that no comparison mixes weights.
    """
    now, old = current.evaluation, previous.evaluation
    if (old.catalog_id, old.catalog_version, old.catalog_revision) != (
        now.catalog_id,
        now.catalog_version,
        now.catalog_revision,
    ):
        raise ValueError("a comparison needs both assessments scored with one catalog revision")
    old_phases = {p.phase: p.percent for p in old.phases}
    phases = [
        ScoreChange(
            p.phase,
            current.catalog.phase(p.phase).title.get(lang),
            old_phases.get(p.phase),
            p.percent,
            _delta(old_phases.get(p.phase), p.percent),
        )
        for p in now.phases
    ]
    old_results = {r.id: r for r in old.controls}
    improved: list[ControlChange] = []
    regressed: list[ControlChange] = []
    for result in now.controls:
        before = old_results.get(result.id)
        if before is None or not (result.applicable and before.applicable):
            continue
        value_now = current.catalog.status(result.status).value or 0
        value_old = previous.catalog.status(before.status).value or 0
        if value_now == value_old:
            continue
        change = ControlChange(
            result.id,
            current.catalog.controls_by_id[result.id].title.get(lang),
            previous.catalog.status(before.status).label.get(lang),
            current.catalog.status(result.status).label.get(lang),
        )
        (improved if value_now > value_old else regressed).append(change)
    return Comparison(
        date_label=date(old.date, lang),
        scored_with=t(
            "scored_with",
            lang,
            catalog=t(
                "catalog_label", lang, pin=current.catalog.pin, revision=current.catalog.revision
            ),
        ),
        level_before=old.maturity.level,
        level_after=now.maturity.level,
        overall=ScoreChange(
            "overall",
            t("score", lang),
            old.overall.percent,
            now.overall.percent,
            _delta(old.overall.percent, now.overall.percent),
        ),
        phases=phases,
        improved=improved,
        regressed=regressed,
    )


def build_report(outcome: Outcome, lang: Lang, previous: Outcome | None = None) -> ReportContext:
    """Everything the report template shows, computed once."""
    view = build_view(outcome, lang)
    contacts = build_contacts(outcome.profile, outcome.directory, outcome.evaluation.date, lang)
    catalog = outcome.catalog
    comparison = None if previous is None else compare(outcome, previous, lang)
    applicable = [c for c in view.controls if c.applicable]
    old_percent = {} if comparison is None else {p.id: p.before for p in comparison.phases}
    return ReportContext(
        lang=lang,
        view=view,
        controls={c.id: c for c in view.controls},
        contacts=contacts,
        comparison=comparison,
        top_steps=view.roadmap[:TOP_STEPS],
        controls_by_phase={
            p.id: [c for c in applicable if c.phase == p.id] for p in view.score.phases
        },
        not_applicable=[c for c in view.controls if not c.applicable],
        support_names={s.id: s.name for s in [*view.support, *contacts.emergency, *contacts.other]},
        scale=[
            ScaleRow(s.label.get(lang), "–" if s.value is None else str(s.value), s.meets_stage)
            for s in catalog.scale
        ],
        weights=[
            WeightRow(c.label.get(lang), compact(c.weight, lang)) for c in catalog.criticality
        ],
        stages=[
            StageRow(
                s.level, s.name.get(lang), s.description.get(lang), s.level <= view.maturity.level
            )
            for s in catalog.stages
        ],
        phase_chart=charts.phase_bars(
            [(p.title, p.percent, old_percent.get(p.id)) for p in view.score.phases], lang
        ),
        maturity_chart=charts.maturity_steps(
            [(s.level, s.name.get(lang)) for s in catalog.stages], view.maturity.level
        ),
    )
