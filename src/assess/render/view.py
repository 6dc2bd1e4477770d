"""The one typed context every renderer gets: labels resolved, numbers computed, reasons worded.

The JSON output is this view as it stands (``schema: assess.evaluation/1``); text and markdown
format it. No renderer computes scores of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assess.i18n import compact, date, number, t
from assess.models.base import Lang
from assess.support import duty_findings, fitting, recipients, stale_since

if TYPE_CHECKING:
    from assess.api import Outcome
    from assess.models.profile import Profile
    from assess.models.result import ControlResult, RoadmapItem
    from assess.models.support import SupportDirectory, SupportEntry

SCHEMA = "assess.evaluation/1"
CONTACTS_SCHEMA = "assess.contacts/1"
TOP_STEPS = 5  # how many next steps a summary shows


@dataclass(frozen=True)
class CatalogView:
    id: str
    version: str
    revision: int
    label: str
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
    inherited_from: str | None
    not_reviewed: bool = False
    answer_source: str | None = None  # where an imported answer came from (file, sheet, row)


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
    hours: str | None
    phone_out_of_hours: str | None
    land: str | None
    emergency: bool
    source: str
    checked: str


@dataclass(frozen=True)
class DeadlineView:
    within: str
    what: str
    from_awareness: bool


@dataclass(frozen=True)
class DutyView:
    id: str
    status: str
    status_label: str | None
    title: str
    legal_basis: str
    because: str
    recipient: str
    recipients: list[str]
    deadlines: list[DeadlineView]
    content: str
    note: str | None
    notes: list[str]
    source: str
    checked: str


@dataclass(frozen=True)
class Nis2View:
    entity: str
    label: str
    basis: str | None
    reason: str
    from_profile: bool


@dataclass(frozen=True)
class DutiesView:
    notice: str
    nis2: Nis2View
    items: list[DutyView]


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
    duties: DutiesView
    warnings: list[str]
    controls: list[ControlView]
    not_reviewed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ContactsView:
    """The contact sheet: own contacts, fitting external services, reporting duties."""

    schema: str
    lang: Lang
    company: CompanyView
    date: str
    date_label: str
    support_directory: str
    own: list[ContactView]
    emergency: list[SupportView]
    other: list[SupportView]
    duties: DutiesView
    warnings: list[str]


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
    note = answer.note if answer else None
    if result.inherited_from is not None:
        origin = t("inherited", lang, id=result.inherited_from)
        note = f"{origin} {note}" if note else origin
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
        note=note,
        evidence=answer.evidence if answer else None,
        owner=answer.owner if answer else None,
        due=answer.due.isoformat() if answer and answer.due else None,
        source_ref=control.source_ref.get(lang),
        inherited_from=result.inherited_from,
        not_reviewed=result.not_reviewed,
        answer_source=answer.source.describe(lang) if answer and answer.source else None,
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
    duties = duties_view(outcome.directory, profile, lang)
    used = (
        set(ev.emergency_support)
        | {s for item in ev.roadmap for s in item.support}
        | {s for d in duties.items for s in d.recipients}
    )
    support = [support_view(e, lang) for e in outcome.directory.entries if e.id in used]
    return View(
        schema=SCHEMA,
        lang=lang,
        catalog=CatalogView(
            catalog.id,
            catalog.version,
            catalog.revision,
            t("catalog_label", lang, pin=catalog.pin, revision=catalog.revision),
            catalog.title.get(lang),
            f"{catalog.source.publisher}: {catalog.source.title} ({catalog.source.date})",
        ),
        support_directory=ev.directory,
        company=company_view(profile),
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
        emergency_contacts=own_contacts(profile, lang),
        emergency_support=ev.emergency_support,
        support=support,
        duties=duties,
        warnings=[
            *retired_warnings(outcome, lang),
            *stale_warnings(outcome.directory, support, duties, ev.date, lang),
        ],
        controls=[_control(r, outcome, lang) for r in ev.controls],
        not_reviewed=[r.id for r in ev.controls if r.not_reviewed],
    )


def retired_warnings(outcome: Outcome, lang: Lang) -> list[str]:
    """One line per answer to a control that the catalog's revision has retired."""
    lines = []
    for cid in outcome.evaluation.retired_answers:
        revision, change = outcome.catalog.retired[cid]
        key = "retired_split" if change.replaced_by else "retired_dropped"
        lines.append(
            t(key, lang, id=cid, revision=revision, successors=", ".join(change.replaced_by))
        )
    return lines


def company_view(profile: Profile) -> CompanyView:
    return CompanyView(profile.name, profile.bundesland.value, profile.employees, profile.sector)


def support_view(e: SupportEntry, lang: Lang) -> SupportView:
    return SupportView(
        id=e.id,
        name=e.name.get(lang),
        provider=e.provider,
        helps_with=e.helps_with.get(lang),
        when=e.when.get(lang),
        url=e.url,
        phone=e.phone,
        email=e.email,
        hours=e.hours.get(lang) if e.hours else None,
        phone_out_of_hours=e.phone_out_of_hours,
        land=e.land.value if e.land else None,
        emergency=e.emergency,
        source=e.source,
        checked=e.checked.isoformat(),
    )


def same_person(a: ContactView, b: ContactView) -> bool:
    """The same person or line: equal names, or equal phone numbers."""

    def digits(phone: str | None) -> str:
        return re.sub(r"\D", "", phone or "")

    return a.name.strip().casefold() == b.name.strip().casefold() or (
        bool(digits(a.phone)) and digits(a.phone) == digits(b.phone)
    )


def own_contacts(profile: Profile, lang: Lang) -> list[ContactView]:
    """The company's own emergency contacts, first contact first, then the further contacts in
    the profile's order; a further contact who is already listed (same name or same phone
    number) is not listed again."""
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
    for contact in profile.contacts.further:
        view = ContactView(
            "further",
            contact.role or t("further_contact", lang),
            contact.name,
            contact.phone,
            contact.email,
            contact.availability,
        )
        if not any(same_person(view, c) for c in contacts):
            contacts.append(view)
    return contacts


def duties_view(directory: SupportDirectory, profile: Profile, lang: Lang) -> DutiesView:
    """The NIS2 classification with its reasoning and the reporting duties that apply."""
    c = profile.nis2
    return DutiesView(
        notice=t("legal_notice", lang),
        nis2=Nis2View(
            c.entity.value, c.label.get(lang), c.basis, c.reason.get(lang), c.from_profile
        ),
        items=[
            DutyView(
                id=d.id,
                status=f.status,
                status_label=None if f.status == "applies" else t(f"duty_{f.status}", lang),
                title=d.title.get(lang),
                legal_basis=d.legal_basis.get(lang),
                because=d.because.get(lang),
                recipient=d.recipient.get(lang),
                recipients=[e.id for e in recipients(directory, profile, d)],
                deadlines=[
                    DeadlineView(x.within.get(lang), x.what.get(lang), x.from_awareness)
                    for x in d.deadlines
                ],
                content=d.content.get(lang),
                note=d.note.get(lang) if d.note else None,
                notes=[n.get(lang) for n in f.notes],
                source=d.source,
                checked=d.checked.isoformat(),
            )
            for f in duty_findings(directory, profile)
            for d in (f.duty,)
        ],
    )


def stale_warnings(
    directory: SupportDirectory,
    support: list[SupportView],
    duties: DutiesView,
    on: dt.date,
    lang: Lang,
) -> list[str]:
    """One warning naming the shown entries and duties checked more than 12 months before ``on``."""
    limit = stale_since(on).isoformat()
    old = [(s.id, s.checked) for s in support if s.checked < limit]
    old += [(d.id, d.checked) for d in duties.items if d.checked < limit]
    if not old:
        return []
    oldest = dt.date.fromisoformat(min(checked for _, checked in old))
    return [
        t(
            "stale",
            lang,
            count=len(old),
            directory=directory.pin,
            oldest=date(oldest, lang),
            on=date(on, lang),
            ids=", ".join(i for i, _ in old),
        )
    ]


def build_contacts(
    profile: Profile, directory: SupportDirectory, on: dt.date, lang: Lang
) -> ContactsView:
    """The contact sheet for a company on a given day."""
    entries = fitting(directory, profile)
    emergency = [support_view(e, lang) for e in entries if e.emergency]
    other = [support_view(e, lang) for e in entries if not e.emergency]
    duties = duties_view(directory, profile, lang)
    return ContactsView(
        schema=CONTACTS_SCHEMA,
        lang=lang,
        company=company_view(profile),
        date=on.isoformat(),
        date_label=date(on, lang),
        support_directory=directory.pin,
        own=own_contacts(profile, lang),
        emergency=emergency,
        other=other,
        duties=duties,
        warnings=stale_warnings(directory, emergency + other, duties, on, lang),
    )
