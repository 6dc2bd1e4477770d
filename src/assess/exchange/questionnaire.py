"""A questionnaire to fill in: the rows of the catalog for one company, in one language.

Pure: catalog, profile and previous answers in, rows out. The xlsx and csv writers only lay
these rows out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assess.i18n import date as format_date
from assess.models.answers import Assessment
from assess.models.base import Lang
from assess.models.catalog import Catalog
from assess.models.condition import holds
from assess.models.profile import Profile

_NA_REASON = {"de": "entfällt laut Unternehmensprofil", "en": "not applicable by company profile"}
_CARRIED = {"de": "übernommen vom {date}", "en": "carried over from {date}"}
_FROM = {"de": " (Antwort auf {control})", "en": " (answer to {control})"}
_YES_NO = {"de": ("ja", "nein"), "en": ("yes", "no")}


@dataclass(frozen=True)
class Row:
    """One control as a questionnaire row; ``applicable`` false rows are shown but locked."""

    id: str
    phase: str
    title: str
    question: str
    guidance: str
    criticality: str
    mandatory: str
    status: str
    justification: str
    note: str
    evidence: str
    owner: str
    due: dt.date | None
    origin: str
    applicable: bool

    def cells(self) -> dict[str, str | dt.date | None]:
        return {
            "id": self.id,
            "phase": self.phase,
            "title": self.title,
            "question": self.question,
            "guidance": self.guidance,
            "criticality": self.criticality,
            "mandatory": self.mandatory,
            "status": self.status,
            "justification": self.justification,
            "note": self.note,
            "evidence": self.evidence,
            "owner": self.owner,
            "due": self.due,
            "origin": self.origin,
        }


@dataclass(frozen=True)
class Questionnaire:
    """Everything an export writes: cover facts, the status labels and the rows."""

    catalog: Catalog
    lang: Lang
    date: dt.date
    company: str | None
    profile_ref: str | None
    previous: dt.date | None
    status_labels: list[str]
    rows: list[Row]


def _flat(text: str) -> str:
    return " ".join(text.split())


def build_questionnaire(
    catalog: Catalog,
    date: dt.date,
    lang: Lang,
    profile: Profile | None = None,
    profile_ref: str | None = None,
    previous: Assessment | None = None,
) -> Questionnaire:
    """The rows of the catalog in phase order; with ``previous``, last time's answers filled in
    and marked as carried over; with ``profile``, what does not apply marked with the reason."""
    values = profile.condition_values if profile else {}
    yes, no = _YES_NO[lang]
    rows = []
    for phase in catalog.phases:
        for c in catalog.controls:
            if c.phase != phase.id:
                continue
            applicable = not (
                profile and c.applies_if is not None and not holds(c.applies_if, values)
            )
            old, origin_id = None, c.id
            if previous is not None and applicable:
                # A retired control's answer stands in for its successors (split controls).
                key = catalog.answer_key(c.id, previous.answers)
                if key is not None:
                    old, origin_id = previous.answers[key], key
            status = justification = note = evidence = owner = origin = ""
            due = None
            if not applicable:
                status = catalog.status("na").label.get(lang)
                justification = _NA_REASON[lang]
            elif old is not None and previous is not None:
                resolved = catalog.resolve_status(old.status)
                status = catalog.status(resolved).label.get(lang) if resolved else old.status
                justification = old.justification or ""
                note, evidence, owner = old.note or "", old.evidence or "", old.owner or ""
                due = old.due
                origin = _CARRIED[lang].format(date=format_date(previous.date, lang))
                if origin_id != c.id:
                    origin += _FROM[lang].format(control=origin_id)
            rows.append(
                Row(
                    id=c.id,
                    phase=phase.title.get(lang),
                    title=_flat(c.title.get(lang)),
                    question=_flat(c.question.get(lang)),
                    guidance=_flat(c.guidance.get(lang)),
                    criticality=catalog.criticality_label(c.criticality, lang),
                    mandatory=yes if c.mandatory else no,
                    status=status,
                    justification=justification,
                    note=note,
                    evidence=evidence,
                    owner=owner,
                    due=due,
                    origin=origin,
                    applicable=applicable,
                )
            )
    return Questionnaire(
        catalog=catalog,
        lang=lang,
        date=date,
        company=profile.name if profile else None,
        profile_ref=profile_ref,
        previous=previous.date if previous else None,
        status_labels=[s.label.get(lang) for s in catalog.scale],
        rows=rows,
    )
