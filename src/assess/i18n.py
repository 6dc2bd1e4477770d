"""Interface texts in German and English, and number and date formats."""

from __future__ import annotations

import datetime as dt

from assess.models.base import Lang

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("IT-Notfall-Readiness", "IT emergency readiness"),
    "assessed": (
        "Katalog {catalog} · Bewertung vom {date} durch {assessor}",
        "Catalog {catalog} · assessed on {date} by {assessor}",
    ),
    "maturity": ("Reifegrad", "Maturity level"),
    "score": ("Umsetzungsgrad", "Implementation score"),
    "phase": ("Phase", "Phase"),
    "next_blocked": (
        "Stufe {level} ({name}) fehlt noch: {count} Maßnahmen sind nicht mindestens weitgehend "
        "umgesetzt",
        "Level {level} ({name}) not yet reached: {count} controls are not at least largely "
        "fulfilled",
    ),
    "top_level": ("Höchste Stufe erreicht.", "Highest level reached."),
    "critical_gaps": ("Kritische Lücken", "Critical gaps"),
    "no_critical_gaps": ("Keine kritischen Lücken.", "No critical gaps."),
    "next_steps": ("Nächste Schritte", "Next steps"),
    "roadmap": ("Fahrplan", "Roadmap"),
    "open_questions": ("Offene Fragen (Status unbekannt)", "Open questions (status unknown)"),
    "call": ("Im IT-Notfall anrufen", "Whom to call in an IT emergency"),
    "own_contacts": ("Eigene Notfallkontakte", "Own emergency contacts"),
    "external": ("Externe Hilfe", "External help"),
    "no_first_contact": (
        "Kein Erstkontakt im Profil – tragen Sie unter contacts.first_contact ein, wen die "
        "Beschäftigten zuerst anrufen.",
        "No first contact in the profile – add whom staff call first under contacts.first_contact.",
    ),
    "first_contact": ("Erstkontakt", "First contact"),
    "it_provider": ("IT-Dienstleister", "IT service provider"),
    "management": ("Geschäftsführung", "Management"),
    "data_protection_officer": ("Datenschutzbeauftragte/r", "Data protection officer"),
    "more_in": (
        "Vollständiger Fahrplan: --format markdown oder --format json",
        "Full roadmap: --format markdown or --format json",
    ),
    "reason_critical": (
        "kritische Lücke: Maßnahme der höchsten Kritikalität ist {status}",
        "critical gap: a control of the highest criticality is {status}",
    ),
    "reason_prerequisite": ("Voraussetzung für {controls}", "prerequisite for {controls}"),
    "reason_blocks": (
        "blockiert Reifegrad {level} ({name})",
        "blocks maturity level {level} ({name})",
    ),
    "reason_gain": (
        "+{gain} Prozentpunkte Umsetzungsgrad bei Aufwand {effort}/5",
        "+{gain} percentage points of score at effort {effort}/5",
    ),
    "30d": ("innerhalb von 30 Tagen", "within 30 days"),
    "90d": ("innerhalb von 90 Tagen", "within 90 days"),
    "12m": ("innerhalb von 12 Monaten", "within 12 months"),
    "30d_short": ("30 Tage", "30 days"),
    "90d_short": ("90 Tage", "90 days"),
    "12m_short": ("12 Monate", "12 months"),
    "control": ("Maßnahme", "Control"),
    "status": ("Status", "Status"),
    "weight": ("Gewicht", "Weight"),
    "effort": ("Aufwand", "Effort"),
    "owner": ("Verantwortlich", "Owner"),
    "support": ("Unterstützung", "Support"),
    "reason": ("Begründung", "Reason"),
    "rank": ("Rang", "Rank"),
    "horizon": ("Zeitraum", "Horizon"),
    "note": ("Notiz", "Note"),
    "evidence": ("Nachweis", "Evidence"),
    "due": ("Termin", "Due"),
    "details": ("Maßnahmen im Einzelnen", "Controls in detail"),
    "not_applicable": ("Entbehrliche Maßnahmen", "Controls not applicable"),
    "na_profile": ("laut Unternehmensprofil nicht anwendbar", "not applicable by company profile"),
    "weight_raised": ("Gewicht ×{factor}: {reason}", "Weight ×{factor}: {reason}"),
    "source": ("Quelle", "Source"),
    "checked": ("geprüft", "checked"),
    "gap_marker": ("Lücke", "gap"),
    "none": ("keine", "none"),
    "stage": ("Stufe", "Stage"),
    "criticality": ("Kritikalität", "Criticality"),
    "mandatory": ("verpflichtend", "mandatory"),
    "question": ("Frage", "Question"),
    "depends_on": ("Setzt voraus", "Depends on"),
    "references": ("Bezüge", "References"),
    "duties": ("Meldepflichten", "Reporting duties"),
    "legal_notice": (
        "Orientierungshilfe aus den Angaben im Unternehmensprofil, keine Rechtsberatung: "
        "maßgeblich sind die Gesetze und die Hinweise der Behörden.",
        "Guidance from the company profile, not legal advice: the law and the authorities' "
        "guidance decide.",
    ),
    "nis2": ("NIS2 (BSIG 2025)", "NIS2 (BSIG 2025)"),
    "no_duties": (
        "Nach den Angaben im Profil greift keine der erfassten Meldepflichten.",
        "By the profile, none of the duties covered applies.",
    ),
    "legal_basis": ("Rechtsgrundlage", "Legal basis"),
    "because": ("Warum", "Why"),
    "recipient": ("An", "To"),
    "deadlines": ("Fristen", "Deadlines"),
    "content": ("Inhalt", "Content"),
    "hours": ("erreichbar", "hours"),
    "contacts_title": ("Notfallkontakte", "Emergency contacts"),
    "as_of": (
        "Stand {date} · Verzeichnis {directory}",
        "As of {date} · directory {directory}",
    ),
    "external_emergency": ("Externe Hilfe im IT-Notfall", "External help in an IT emergency"),
    "external_other": ("Weitere Unterstützung", "Further support"),
    "warning": ("Warnung", "Warning"),
    "stale": (
        "{count} Angaben aus {directory} wurden zuletzt vor mehr als 12 Monaten geprüft "
        "(ältester Stand {oldest}, Stichtag {on}): {ids} – Kontaktdaten und Fristen vor Gebrauch "
        "an der Quelle prüfen oder ein aktuelles Verzeichnis installieren.",
        "{count} items of {directory} were last checked more than 12 months ago "
        "(oldest {oldest}, reference date {on}): {ids} – check contacts and deadlines at the "
        "source before use, or install a current directory.",
    ),
    "legend": (
        "! = verpflichtend · S = Stufe · E = Aufwand (1–5)",
        "! = mandatory · S = stage · E = effort (1–5)",
    ),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in."""
    de, en = _TEXTS[key]
    text = de if lang == "de" else en
    return text.format(**values) if values else text


def number(value: float, lang: Lang, digits: int = 1) -> str:
    """A number with a decimal comma in German: 22,4 / 22.4."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "de" else text


def compact(value: float, lang: Lang) -> str:
    """A factor or weight without trailing zeros: 1,5 / 1.5 / 2."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text


def percent(value: float | None, lang: Lang) -> str:
    """22,4 % / 22.4%; a dash where there is no score."""
    if value is None:
        return "–"
    return f"{number(value, lang)} %" if lang == "de" else f"{number(value, lang)}%"


def date(value: dt.date, lang: Lang) -> str:
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()
