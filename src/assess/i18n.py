"""Interface texts in German and English, and number and date formats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

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
    "further_contact": ("Weiterer Notfallkontakt", "Further emergency contact"),
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
    "answer_source": ("Herkunft der Antwort", "Answer from"),
    "details": ("Maßnahmen im Einzelnen", "Controls in detail"),
    "not_applicable": ("Entbehrliche Maßnahmen", "Controls not applicable"),
    "na_profile": ("laut Unternehmensprofil nicht anwendbar", "not applicable by company profile"),
    "weight_raised": ("Gewicht ×{factor}: {reason}", "Weight ×{factor}: {reason}"),
    "source": ("Quelle", "Source"),
    "checked": ("geprüft", "checked"),
    "gap_marker": ("Lücke", "gap"),
    # Answers carried over and not confirmed, or older than 12 months (assess check, issue 11).
    "not_reviewed": ("Ungeprüft übernommen ({count})", "Not reviewed ({count})"),
    "not_reviewed_marker": ("ungeprüft übernommen", "not reviewed"),
    "not_reviewed_hint": (
        "Aus einer früheren Bewertung übernommen und nicht bestätigt, oder seit mehr als "
        "12 Monaten nicht aktualisiert – bitte prüfen (assess check).",
        "Carried over from an earlier assessment and not confirmed, or not updated for more "
        "than 12 months – please review (assess check).",
    ),
    "history_title": ("Verlauf über die Jahre", "History over the years"),
    "history_intro": (
        "{count} Bewertungen, alle mit derselben Katalogfassung bewertet: Umsetzungsgrad je "
        "Phase und insgesamt (oben), Reifegrad (Stufen unten).",
        "{count} assessments, all scored with the same catalog revision: score per phase and "
        "overall (top), maturity level (steps below).",
    ),
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
    "duty_possible": (
        "möglich – gilt, falls Umsatz und Bilanzsumme die Schwellen überschreiten",
        "possible – applies if turnover and balance sheet exceed the thresholds",
    ),
    "catalog_label": ("{pin} (Revision {revision})", "{pin} (revision {revision})"),
    "revision": ("Revision", "revision"),
    "changes_title": (
        "Änderungen an {pin} (aktuell Revision {revision})",
        "Changes to {pin} (now revision {revision})",
    ),
    "no_changes": ("Kein Änderungsprotokoll.", "No change log."),
    "change_changed": ("geändert", "changed"),
    "change_added": ("neu", "added"),
    "change_retired": ("entfallen", "retired"),
    "change_catalog": ("Katalog", "catalog"),
    "change_removed": ("entfernt", "removed"),
    "change_directory": ("Verzeichnis", "directory"),
    "change_why": ("Grund", "why"),
    "scored_with": (
        "Beide Bewertungen sind mit {catalog} berechnet; frühere Antworten zählen mit den "
        "heutigen Gewichten.",
        "Both assessments are scored with {catalog}; earlier answers count with today's weights.",
    ),
    "retired_split": (
        "{id} ist seit Revision {revision} aufgeteilt in {successors}; die Antwort auf {id} gilt "
        "für diese Maßnahmen, bis sie einzeln beantwortet sind.",
        "{id} was split into {successors} in revision {revision}; the answer to {id} stands for "
        "them until they are answered one by one.",
    ),
    "retired_dropped": (
        "{id} ist seit Revision {revision} entfallen; die Antwort wird nicht mehr bewertet.",
        "{id} was retired in revision {revision}; its answer is no longer scored.",
    ),
    "inherited": ("[Antwort von {id} übernommen]", "[answer taken over from {id}]"),
    "out_of_hours": ("außerhalb der Dienstzeit", "out of hours"),
    "duty_exempt": ("entfällt für dieses Unternehmen", "lifted for this company"),
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
    # --- the management report and the emergency card -----------------------------------------
    "report_title": ("Bericht zur IT-Notfallbereitschaft", "IT emergency readiness report"),
    "keywords": (
        "IT-Notfall, Notfallmanagement, Reifegrad, Umsetzungsgrad",
        "IT emergency, emergency management, maturity, implementation score",
    ),
    "page": ("Seite", "Page"),
    "generated_by": ("Erstellt mit assess {version}", "Made with assess {version}"),
    "company": ("Unternehmen", "Company"),
    "employees": ("Beschäftigte", "employees"),
    "assessment_date": ("Bewertung vom", "Assessed on"),
    "assessor": ("Bewertet durch", "Assessed by"),
    "catalog": ("Katalog", "Catalog"),
    "applicable_count": ("anwendbare Maßnahmen", "applicable controls"),
    "blocks_next": (
        "Was Reifegrad {level} ({name}) noch blockiert",
        "What still blocks maturity level {level} ({name})",
    ),
    "blocks_intro": (
        "Diese {count} Maßnahmen müssen mindestens weitgehend umgesetzt sein:",
        "These {count} controls must be at least largely fulfilled:",
    ),
    "change_since": (
        "Veränderung seit der Bewertung vom {date}",
        "Change since the assessment of {date}",
    ),
    "before": ("vorher", "before"),
    "now": ("jetzt", "now"),
    "delta": ("Veränderung", "change"),
    "improved": ("Verbessert", "Improved"),
    "regressed": ("Verschlechtert", "Regressed"),
    "top_steps": (
        "Die {count} wichtigsten nächsten Schritte",
        "The {count} most important next steps",
    ),
    "toc": ("Inhalt", "Contents"),
    "roadmap_intro": (
        "Jede Lücke mit dem Grund für ihren Rang: zuerst kritische Lücken, dann was den nächsten "
        "Reifegrad blockiert, dann der größte Gewinn je Aufwand; offene Voraussetzungen stehen vor "
        "dem, was auf ihnen aufbaut.",
        "Every gap with the reason for its rank: critical gaps first, then what blocks the next "
        "maturity level, then the largest gain per effort; open prerequisites come before what "
        "builds on them.",
    ),
    "critical": ("kritisch", "critical"),
    "details_intro": (
        "Alle anwendbaren Maßnahmen je Phase. Lücken sind mit ✗ und dem Wort „Lücke“ markiert.",
        "All applicable controls by phase. Gaps are marked with ✗ and the word “gap”.",
    ),
    "contacts_support": ("Kontakte und Unterstützung", "Contacts and support"),
    "phone": ("Tel.", "Phone"),
    "card_section": ("IT-Notfallkarte", "IT emergency card"),
    "card_kicker": ("Aushang für alle Beschäftigten", "Notice for all staff"),
    "card_title": ("Verhalten im IT-Notfall", "What to do in an IT emergency"),
    "card_call": ("Ruhe bewahren und sofort melden", "Stay calm and report at once"),
    "card_if_unreachable": ("Nicht erreichbar? Dann:", "Not reachable? Then:"),
    "card_more_contacts": (
        "Weitere Notfallkontakte ({count}): in der Kontaktliste des Notfallhandbuchs.",
        "Further emergency contacts ({count}): in the emergency manual's contact list.",
    ),
    "card_report": ("Was Sie melden", "What to report"),
    "card_report_1": (
        "Wer meldet? Name und Rückrufnummer",
        "Who is reporting? Name and call-back number",
    ),
    "card_report_2": (
        "Welches Gerät oder System ist betroffen? Wo steht es?",
        "Which device or system is affected? Where is it?",
    ),
    "card_report_3": (
        "Was haben Sie beobachtet? Meldungen, ungewöhnliches Verhalten",
        "What did you notice? Messages, unusual behaviour",
    ),
    "card_report_4": ("Wann ist es Ihnen aufgefallen?", "When did you notice it?"),
    "card_report_5": (
        "Was haben Sie unmittelbar davor getan (z. B. Anhang geöffnet)?",
        "What did you do just before (e.g. opened an attachment)?",
    ),
    "card_dont": ("Was Sie nicht tun", "What not to do"),
    "card_dont_1": (
        "Nicht auf eigene Faust handeln – erst nach Absprache mit dem Erstkontakt",
        "Do not act on your own – only after agreeing with the first contact",
    ),
    "card_dont_2": (
        "Nichts löschen, keine Spuren beseitigen, nicht selbst reparieren",
        "Do not delete anything, remove traces or repair it yourself",
    ),
    "card_dont_3": (
        "Keine Forderungen erfüllen, nichts bezahlen, keine Zugangsdaten eingeben",
        "Do not meet demands, pay anything or enter credentials",
    ),
    "card_dont_4": (
        "Nicht mit Außenstehenden über den Vorfall sprechen",
        "Do not talk to outsiders about the incident",
    ),
    "card_external": (
        "Externe Hilfe (Kontakt über den Erstkontakt oder die Geschäftsführung)",
        "External help (contacted by the first contact or the management)",
    ),
    "card_deadlines": ("Meldefristen laufen ab Kenntnis", "Reporting deadlines run from awareness"),
    "card_footer": (
        "Stand {date} · nach dem Vorbild der IT-Notfallkarte des BSI · erstellt mit assess",
        "As of {date} · modelled on the BSI's IT emergency card · made with assess",
    ),
    "appendix": ("Anhang: Methode und Anwendbarkeit", "Appendix: method and applicability"),
    "method": ("Methode", "Method"),
    "method_score": (
        "Umsetzungsgrad: Jede anwendbare Maßnahme zählt mit ihrem Gewicht (Kritikalität mal "
        "Zuschläge aus dem Unternehmensprofil) und den Punkten ihres Status, geteilt durch die "
        "Höchstpunktzahl; „unbekannt“ zählt wie „nicht umgesetzt“.",
        "Implementation score: every applicable control counts with its weight (criticality times "
        "the factors from the company profile) and the points of its status, divided by the "
        "maximum; “unknown” counts as “not fulfilled”.",
    ),
    "method_maturity": (
        "Reifegrad: Eine Stufe ist erreicht, wenn jede anwendbare Maßnahme dieser und der "
        "niedrigeren Stufen mindestens weitgehend umgesetzt ist (Stufen nach BSI-Standard 200-4).",
        "Maturity level: a stage is reached when every applicable control of that stage and the "
        "stages below is at least largely fulfilled (stages after BSI standard 200-4).",
    ),
    "method_roadmap": (
        "Fahrplan: zuerst kritische Lücken (Maßnahmen höchster Kritikalität, nicht mindestens "
        "weitgehend umgesetzt), dann Lücken, die den nächsten Reifegrad blockieren, dann nach "
        "Gewinn an Umsetzungsgrad je Aufwand. Eine offene Voraussetzung wird vor die Maßnahme "
        "gezogen, die auf ihr aufbaut. Zeiträume: kritische Lücken 30 Tage, Blocker 90 Tage, "
        "alles andere 12 Monate.",
        "Roadmap: critical gaps first (controls of the highest criticality not at least largely "
        "fulfilled), then gaps that block the next maturity level, then by gain in score per "
        "effort. An open prerequisite is pulled before the control that builds on it. Horizons: "
        "critical gaps 30 days, blockers 90 days, everything else 12 months.",
    ),
    "points": ("Punkte", "Points"),
    "counts_for_stage": ("zählt für den Reifegrad", "counts for maturity"),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "name": ("Name", "Name"),
    "meaning": ("Bedeutung", "Meaning"),
    "reached": ("erreicht", "reached"),
    "catalog_and_sources": ("Katalog und Quellen", "Catalog and sources"),
    "directory": ("Unterstützungsverzeichnis", "Support directory"),
    "directory_note": (
        "Jeder Eintrag nennt seine Quelle und das Datum der letzten Prüfung.",
        "Every entry names its source and the date it was last checked.",
    ),
    "soa": ("Erklärung zur Anwendbarkeit", "Statement of applicability"),
    "soa_intro": (
        "{count} Maßnahmen sind für dieses Unternehmen entbehrlich:",
        "{count} controls do not apply to this company:",
    ),
    "decided_by": ("Entschieden durch", "Decided by"),
    "na_by_profile": ("Unternehmensprofil", "company profile"),
    "na_by_answer": ("Antwort mit Begründung", "answer with justification"),
    "legend": (
        "! = verpflichtend · S = Stufe · E = Aufwand (1–5)",
        "! = mandatory · S = stage · E = effort (1–5)",
    ),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in."""
    return text_of(_TEXTS, key, lang, **values)


def text_of(table: Mapping[str, tuple[str, str]], key: str, lang: Lang, **values: object) -> str:
    """The text for ``key`` from a table of (German, English) texts, as ``t`` does for the
    interface texts; modules with texts of their own keep their table beside them."""
    de, en = table[key]
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


def iso_date(value: str, lang: Lang) -> str:
    """An ISO date as the views carry it (2026-05-31) in the output language (31.05.2026)."""
    return date(dt.date.fromisoformat(value), lang)
