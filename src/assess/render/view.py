"""The one typed context every renderer gets: labels resolved, numbers computed, reasons worded.

The JSON output is this view as it stands (``schema: assess.evaluation/1``); text and markdown
format it. No renderer computes scores of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assess.i18n import compact, date, number, t
from assess.models.base import Lang

if TYPE_CHECKING:
    from assess.api import Outcome
    from assess.models.result import ControlResult, RoadmapItem

SCHEMA = "assess.evaluation/1"


@dataclass(frozen=True)
class CatalogView:
    id: str
    version: str
    title: str
    source: str


@dataclass(frozen=True)
class CompanyView:
    name: str
    bundesland: str
    employees: int
    sector: str


@dataclass(frozen=True)
class AssessmentView:
    date: str
    date_label: str
    assessor: str


@dataclass(frozen=True)
class PhaseView:
    id: str
    title: str
    percent: float | None
    applicable: int
    counts: dict[str, int]


@dataclass(frozen=True)
class ScoreView:
    overall: float | None
    phases: list[PhaseView]


@dataclass(frozen=True)
class MaturityView:
    level: int
    name: str
    description: str
    next_level: int | None
    next_name: str | None
    blockers: list[str]


@dataclass(frozen=True)
class ControlView:
    id: str
    title: str
    question: str
    phase: str
    stage: int
    criticality: str
    criticality_label: str
    mandatory: bool
    applicable: bool
    status: str
    status_label: str
    na_source: str | None
    justification: str | None
    weight: float
    weight_reasons: list[str]
    points: float
    gap: bool
    critical: bool
    note: str | None
    evidence: str | None
    owner: str | None
    due: str | None
    source_ref: str


@dataclass(frozen=True)
class RoadmapView:
    rank: int
    control: str
    title: str
    horizon: str
    horizon_label: str
    reason: str
    critical: bool
    blocks_level: int | None
    prerequisite_for: list[str]
    gain: float
    effort: int
    owner_role: str
    owner_label: str
    support: list[str]


@dataclass(frozen=True)
class SupportView:
    id: str
    name: str
    provider: str
    helps_with: str
    when: str
    url: str
    phone: str | None
    email: str | None
    emergency: bool
    source: str
    checked: str


@dataclass(frozen=True)
class ContactView:
    key: str
    label: str
    name: str
    phone: str | None
    email: str | None
    availability: str | None


@dataclass(frozen=True)
class View:
    schema: str
    lang: Lang
    catalog: CatalogView
    support_directory: str
    company: CompanyView
    assessment: AssessmentView
    score: ScoreView
    maturity: MaturityView
    critical_gaps: list[str]
    open_questions: list[str]
    roadmap: list[RoadmapView]
    emergency_contacts: list[ContactView]
    emergency_support: list[str]
    support: list[SupportView]
    controls: list[ControlView]


def reason(item: RoadmapItem, result: ControlResult, outcome: Outcome, lang: Lang) -> str:
    """Why an item stands where it does, in words, most important first."""
    catalog = outcome.catalog
    parts = []
    if item.critical:
        parts.append(
            t("reason_critical", lang, status=catalog.status(result.status).label.get(lang))
        )
    if item.prerequisite_for:
        parts.append(t("reason_prerequisite", lang, controls=", ".join(item.prerequisite_for)))
    if item.blocks_level is not None:
        name = catalog.stage(item.blocks_level).name.get(lang)
        parts.append(t("reason_blocks", lang, level=item.blocks_level, name=name))
    parts.append(t("reason_gain", lang, gain=number(item.gain, lang), effort=item.effort))
    return "; ".join(parts)


def _control(result: ControlResult, outcome: Outcome, lang: Lang) -> ControlView:
    control = outcome.catalog.controls_by_id[result.id]
    answer = result.answer
    reasons = [
        t(
            "weight_raised",
            lang,
            factor=compact(w.factor, lang),
            reason=w.reason.get(lang),
        )
        for w in result.weight_reasons
    ]
    justification = answer.justification if answer and result.na_source == "answer" else None
    if result.na_source == "profile":
        justification = t("na_profile", lang)
    return ControlView(
        id=result.id,
        title=control.title.get(lang),
        question=control.question.get(lang),
        phase=result.phase,
        stage=result.stage,
        criticality=result.criticality,
        criticality_label=outcome.catalog.criticality_label(result.criticality, lang),
        mandatory=control.mandatory,
        applicable=result.applicable,
        status=result.status,
        status_label=outcome.catalog.status(result.status).label.get(lang),
        na_source=result.na_source,
        justification=justification,
        weight=result.weight,
        weight_reasons=reasons,
        points=round(result.points, 4),
        gap=result.gap,
        critical=result.critical,
        note=answer.note if answer else None,
        evidence=answer.evidence if answer else None,
        owner=answer.owner if answer else None,
        due=answer.due.isoformat() if answer and answer.due else None,
        source_ref=control.source_ref,
    )


def build_view(outcome: Outcome, lang: Lang) -> View:
    """The context for every renderer, in one place."""
    ev, catalog, profile = outcome.evaluation, outcome.catalog, outcome.profile
    titles = {c.id: c.title.get(lang) for c in catalog.controls}
    results = {r.id: r for r in ev.controls}
    stage = catalog.stage(ev.maturity.level)
    next_stage = None if ev.maturity.next_level is None else catalog.stage(ev.maturity.next_level)

    roadmap = [
        RoadmapView(
            rank=item.rank,
            control=item.control,
            title=titles[item.control],
            horizon=item.horizon,
            horizon_label=t(item.horizon, lang),
            reason=reason(item, results[item.control], outcome, lang),
            critical=item.critical,
            blocks_level=item.blocks_level,
            prerequisite_for=item.prerequisite_for,
            gain=item.gain,
            effort=item.effort,
            owner_role=item.owner_role,
            owner_label=catalog.role(item.owner_role).label.get(lang),
            support=item.support,
        )
        for item in ev.roadmap
    ]
    used = set(ev.emergency_support) | {s for item in ev.roadmap for s in item.support}
    support = [
        SupportView(
            id=e.id,
            name=e.name.get(lang),
            provider=e.provider,
            helps_with=e.helps_with.get(lang),
            when=e.when.get(lang),
            url=e.url,
            phone=e.phone,
            email=e.email,
            emergency=e.emergency,
            source=e.source,
            checked=e.checked.isoformat(),
        )
        for e in outcome.directory.entries
        if e.id in used
    ]
    contacts = []
    for key in ("first_contact", "it_provider", "management", "data_protection_officer"):
        contact = getattr(profile.contacts, key)
        if contact is not None:
            contacts.append(
                ContactView(
                    key,
                    t(key, lang),
                    contact.name,
                    contact.phone,
                    contact.email,
                    contact.availability,
                )
            )
    return View(
        schema=SCHEMA,
        lang=lang,
        catalog=CatalogView(
            catalog.id,
            catalog.version,
            catalog.title.get(lang),
            f"{catalog.source.publisher}: {catalog.source.title} ({catalog.source.date})",
        ),
        support_directory=ev.directory,
        company=CompanyView(
            profile.name, profile.bundesland.value, profile.employees, profile.sector
        ),
        assessment=AssessmentView(ev.date.isoformat(), date(ev.date, lang), ev.assessor),
        score=ScoreView(
            overall=ev.overall.percent,
            phases=[
                PhaseView(
                    id=p.phase,
                    title=catalog.phase(p.phase).title.get(lang),
                    percent=p.percent,
                    applicable=sum(n for s, n in p.counts.items() if s != "na"),
                    counts={str(k): n for k, n in p.counts.items()},
                )
                for p in ev.phases
            ],
        ),
        maturity=MaturityView(
            level=ev.maturity.level,
            name=stage.name.get(lang),
            description=stage.description.get(lang),
            next_level=ev.maturity.next_level,
            next_name=None if next_stage is None else next_stage.name.get(lang),
            blockers=ev.maturity.blockers,
        ),
        critical_gaps=[r.id for r in ev.controls if r.critical],
        open_questions=[r.id for r in ev.controls if r.applicable and r.status == "unknown"],
        roadmap=roadmap,
        emergency_contacts=contacts,
        emergency_support=ev.emergency_support,
        support=support,
        controls=[_control(r, outcome, lang) for r in ev.controls],
    )
