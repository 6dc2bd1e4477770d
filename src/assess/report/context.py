"""The one typed context the report and card templates get, built from the evaluation view.

Templates only format: every number here comes from the evaluation (``View``), every comparison
from two evaluations; no template computes a score.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from assess.i18n import compact, date, number, percent
from assess.models.base import Lang
from assess.render.view import (
    TOP_STEPS,
    ContactsView,
    ContactView,
    ControlView,
    SupportView,
    View,
    build_contacts,
    build_view,
    reason,
)
from assess.report import actions, charts
from assess.report.texts import t
from assess.roadmap import build_roadmap

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
class Action:
    """One roadmap item as the reader acts on it: what, who, by when, how much work, why."""

    rank: int
    control: str
    title: str
    what: str
    who: str
    due: str
    due_label: str
    horizon: str
    horizon_label: str
    effort: int
    effort_words: str
    reason: str
    critical: bool
    regressed: bool
    status: str
    status_label: str
    support: list[str]


@dataclass(frozen=True)
class PhaseLight:
    id: str
    title: str
    percent: float | None
    light: actions.Light
    change: str | None


@dataclass(frozen=True)
class Jewel:
    name: str
    kind: str
    downtime: str


@dataclass(frozen=True)
class SoaRow:
    id: str
    title: str
    reason: str
    decided_by: str


@dataclass(frozen=True)
class Summary:
    """Page 1: what the managing director acts on."""

    land: str
    maturity_words: str
    lights: list[PhaseLight]
    lights_legend: str
    first_contact: ContactView | None
    zac: SupportView | None
    duties_line: str
    open_count: int
    open_total: int
    open_line: str
    open_warning: bool


@dataclass(frozen=True)
class ReportContext:
    lang: Lang
    view: View
    controls: dict[str, ControlView]
    contacts: ContactsView
    comparison: Comparison | None
    summary: Summary
    actions: list[Action]
    top_steps: list[Action]
    open_questions: list[ControlView]
    jewels: list[Jewel]
    soa: list[SoaRow]
    details: str
    created_label: str
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


def _actions(
    outcome: Outcome, lang: Lang, view: View, comparison: Comparison | None
) -> list[Action]:
    """The roadmap as actions; a regression since the previous assessment ranks higher."""
    ev, catalog, profile = outcome.evaluation, outcome.catalog, outcome.profile
    regressed = {} if comparison is None else {c.id: c for c in comparison.regressed}
    items = ev.roadmap
    if regressed:
        items = build_roadmap(
            catalog,
            ev.controls,
            ev.maturity,
            ev.overall.weight,
            profile,
            outcome.directory,
            frozenset(regressed),
        )
    results = {r.id: r for r in ev.controls}
    out = []
    for item in items:
        result, control = results[item.control], catalog.controls_by_id[item.control]
        answer = result.answer
        due = actions.due_date(ev.date, item.horizon, answer.due if answer else None)
        why = reason(item, result, outcome, lang)
        change = regressed.get(item.control)
        if change is not None:
            why = t("reason_regressed", lang, before=change.before, after=change.after) + "; " + why
        out.append(
            Action(
                rank=item.rank,
                control=item.control,
                title=control.title.get(lang),
                what=actions.what_to_do(control.guidance.de, control.guidance.get(lang)),
                who=actions.who(
                    answer.owner if answer else None,
                    item.owner_role,
                    catalog.role(item.owner_role).label.get(lang),
                    profile,
                    lang,
                ),
                due=due.isoformat(),
                due_label=date(due, lang),
                horizon=item.horizon,
                horizon_label=t(item.horizon, lang),
                effort=item.effort,
                effort_words=t(f"effort_{item.effort}", lang),
                reason=why,
                critical=item.critical,
                regressed=change is not None,
                status=result.status,
                status_label=catalog.status(result.status).label.get(lang),
                support=item.support,
            )
        )
    return out


def _duties_line(contacts: ContactsView, lang: Lang) -> str:
    """The NIS2 class and the shortest reporting deadline that applies, in one line."""
    duties = contacts.duties
    shortest: tuple[int, str, str, str] | None = None
    for duty in duties.items:
        if duty.status != "applies":
            continue
        for deadline in duty.deadlines:
            hours = actions.hours_in(deadline.within)
            if hours is not None and (shortest is None or hours < shortest[0]):
                shortest = (hours, duty.legal_basis, duty.title, deadline.within)
    if shortest is None:
        return t("duties_line_none", lang, entity=duties.nis2.label)
    hours, basis, what, _ = shortest
    return t(
        "duties_line",
        lang,
        entity=duties.nis2.label,
        within=actions.duration(hours, lang),
        basis=basis,
        what=what,
    )


def _summary(
    view: View, contacts: ContactsView, comparison: Comparison | None, top: int
) -> Summary:
    lang = view.lang
    firsts = [c for c in contacts.own if c.key == "first_contact"]
    land = view.company.bundesland
    zacs = [s for s in contacts.emergency if s.id.startswith("zac-") and s.land == land]
    applicable = [c for c in view.controls if c.applicable]
    open_count = sum(1 for c in applicable if c.status == "unknown")
    total = len(applicable)
    if open_count == 0:
        open_line = t("open_count_0", lang)
    elif open_count == 1:
        open_line = t("open_count_1", lang, total=total)
    else:
        open_line = t("open_count_n", lang, count=open_count, total=total)
    changes: dict[str, str] = {}
    if comparison is not None:
        from assess.report import signed

        for p in comparison.phases:
            changes[p.id] = t(
                "phase_change",
                lang,
                before=percent(p.before, lang),
                after=percent(p.after, lang),
                delta=signed(p.delta, lang),
            )
    return Summary(
        land=actions.land_name(land, lang),
        maturity_words=t(
            "maturity_of", lang, level=view.maturity.level, top=top, name=view.maturity.name
        ),
        lights=[
            PhaseLight(p.id, p.title, p.percent, actions.light(p.percent, lang), changes.get(p.id))
            for p in view.score.phases
        ],
        lights_legend=t(
            "lights_legend",
            lang,
            green=number(actions.GREEN, lang, 0),
            yellow=number(actions.YELLOW, lang, 0),
        ),
        first_contact=firsts[0] if firsts else None,
        zac=zacs[0] if zacs else None,
        duties_line=_duties_line(contacts, lang),
        open_count=open_count,
        open_total=total,
        open_line=open_line,
        open_warning=total > 0 and open_count / total > actions.OPEN_LIMIT,
    )


def _soa_row(c: ControlView, outcome: Outcome, lang: Lang) -> SoaRow:
    """A control that does not apply, with the actual reason in words."""
    if c.na_source == "profile":
        condition = outcome.catalog.controls_by_id[c.id].applies_if
        why = (
            t("na_profile", lang)
            if condition is None
            else actions.condition_words(condition, outcome.profile, lang)
        )
    else:
        why = c.justification or ""
    return SoaRow(c.id, c.title, why, t("na_by_" + (c.na_source or "answer"), lang))


def build_report(
    outcome: Outcome,
    lang: Lang,
    previous: Outcome | None = None,
    details: str = "all",
    created: dt.date | None = None,
) -> ReportContext:
    """Everything the report template shows, computed once."""
    from assess.clock import today

    view = build_view(outcome, lang)
    contacts = build_contacts(outcome.profile, outcome.directory, outcome.evaluation.date, lang)
    catalog = outcome.catalog
    comparison = None if previous is None else compare(outcome, previous, lang)
    applicable = [c for c in view.controls if c.applicable]
    old_percent = {} if comparison is None else {p.id: p.before for p in comparison.phases}
    steps = _actions(outcome, lang, view, comparison)
    shown = applicable if details == "all" else [c for c in applicable if c.gap]
    return ReportContext(
        lang=lang,
        view=view,
        controls={c.id: c for c in view.controls},
        contacts=contacts,
        comparison=comparison,
        summary=_summary(view, contacts, comparison, max(s.level for s in catalog.stages)),
        actions=steps,
        top_steps=steps[:TOP_STEPS],
        open_questions=[c for c in applicable if c.status == "unknown"],
        jewels=[
            Jewel(j.name, t(f"kind_{j.kind}", lang), actions.duration(j.max_downtime_hours, lang))
            for j in sorted(outcome.profile.crown_jewels, key=lambda j: j.max_downtime_hours)
        ],
        soa=[_soa_row(c, outcome, lang) for c in view.controls if not c.applicable],
        details=details,
        created_label=t("created_on", lang, date=date(created or today(), lang)),
        controls_by_phase={p.id: [c for c in shown if c.phase == p.id] for p in view.score.phases},
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
            [(s.level, s.name.get(lang)) for s in catalog.stages], view.maturity.level, lang
        ),
    )
