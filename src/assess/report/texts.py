"""Texts of the management report and the card that the other outputs do not use.

Looked up before the shared texts of ``assess.i18n``; kept here so the report's wording can grow
without touching every renderer's table.
"""

from __future__ import annotations

from assess.i18n import t as shared
from assess.i18n import text_of
from assess.models.base import Lang

_TEXTS: dict[str, tuple[str, str]] = {
    # --- page 1 --------------------------------------------------------------------------------
    "where_we_stand": ("Wo wir stehen", "Where we stand"),
    "what_first": ("Was zuerst zu tun ist", "What to do first"),
    "whom_to_call": ("Wen im IT-Notfall anrufen", "Whom to call in an IT emergency"),
    "duties_short": ("Pflichten", "Duties"),
    "open_short": ("Offene Fragen", "Open questions"),
    "change_short": ("Veränderung seit {date}", "Change since {date}"),
    "maturity_of": ("Stufe {level} von {top}: {name}", "Level {level} of {top}: {name}"),
    "light_green": ("gut", "good"),
    "light_yellow": ("Lücken", "gaps"),
    "light_red": ("großer Handlungsbedarf", "much to do"),
    "light_none": ("nicht bewertet", "not assessed"),
    "lights_legend": (
        "Ampel je Phase: ✓ grün = gut (ab {green} %), ! gelb = Lücken (ab {yellow} %), "
        "✗ rot = großer Handlungsbedarf (unter {yellow} %).",
        "Traffic light per phase: ✓ green = good (from {green}%), ! yellow = gaps (from "
        "{yellow}%), ✗ red = much to do (below {yellow}%).",
    ),
    "who": ("Wer", "Who"),
    "what": ("Was", "What"),
    "action_due": ("bis {date}", "by {date}"),
    "duties_line": (
        "NIS2: {entity}. Kürzeste Meldefrist: {within} – {what} ({basis}).",
        "NIS2: {entity}. Shortest reporting deadline: {within} – {what} ({basis}).",
    ),
    "duties_line_none": (
        "NIS2: {entity}. Nach dem Profil greift keine der erfassten Meldepflichten.",
        "NIS2: {entity}. By the profile, none of the reporting duties covered applies.",
    ),
    "open_count_0": (
        "Alle anwendbaren Maßnahmen sind beantwortet.",
        "Every applicable control is answered.",
    ),
    "open_count_1": (
        "1 von {total} Maßnahmen ist unbeantwortet oder unbekannt.",
        "1 of {total} controls is unanswered or unknown.",
    ),
    "open_count_n": (
        "{count} von {total} Maßnahmen sind unbeantwortet oder unbekannt.",
        "{count} of {total} controls are unanswered or unknown.",
    ),
    "not_reviewed_line": (
        "Ungeprüft übernommen: {count} – Antworten aus einer früheren Bewertung, nicht bestätigt "
        "oder älter als 12 Monate (Liste in „Ergebnis im Überblick“).",
        "Not reviewed: {count} – answers carried over and not confirmed, or older than 12 "
        "months (list in “Results at a glance”).",
    ),
    "open_warning": (
        "Mehr als ein Viertel ist offen – das Ergebnis ist noch nicht aussagekräftig. Klären Sie "
        "die offenen Fragen zuerst (Abschnitt „Offene Fragen“).",
        "More than a quarter is open – the result is not meaningful yet. Settle the open "
        "questions first (section “Open questions”).",
    ),
    "phase_change": ("{before} → {after} ({delta})", "{before} → {after} ({delta})"),
    "more_actions": (
        "Alle {count} Maßnahmen des Fahrplans mit Begründung: Abschnitt „Fahrplan“.",
        "All {count} roadmap items with their reasons: section “Roadmap”.",
    ),
    "created_on": ("Erstellt am {date}", "Created on {date}"),
    "light": ("Ampel", "Traffic light"),
    "flag_regressed": ("verschlechtert", "worse"),
    "lights_see_appendix": (
        "Ampel: ✓ gut, ! Lücken, ✗ großer Handlungsbedarf – Schwellenwerte im Anhang (Methode).",
        "Traffic light: ✓ good, ! gaps, ✗ much to do – thresholds in the appendix (method).",
    ),
    "zac_line": ("Polizei bei Cyberangriffen: {name}", "Police for cyber attacks: {name}"),
    "legend_steps": (
        "Gefüllte Stufen sind erreicht; die dick umrandete ist die jetzige.",
        "Filled steps are reached; the one with the thick outline is the current one.",
    ),
    "legend_bars": (
        "Balken: Umsetzungsgrad je Phase von 0 bis 100 %, Zahl rechts.",
        "Bars: score per phase from 0 to 100%, figure on the right.",
    ),
    "legend_previous": (
        "Rote gestrichelte Linie: Wert der Bewertung vom {date}.",
        "Red dashed line: value at the assessment of {date}.",
    ),
    "results": ("Ergebnis im Überblick", "Results at a glance"),
    "blocks_intro_1": (
        "Diese Maßnahme muss mindestens weitgehend umgesetzt sein:",
        "This control must be at least largely fulfilled:",
    ),
    "blocks_intro_n": (
        "Diese {count} Maßnahmen müssen mindestens weitgehend umgesetzt sein:",
        "These {count} controls must be at least largely fulfilled:",
    ),
    "soa_intro_1": (
        "1 Maßnahme ist für dieses Unternehmen entbehrlich:",
        "1 control does not apply to this company:",
    ),
    "soa_intro_n": (
        "{count} Maßnahmen sind für dieses Unternehmen entbehrlich:",
        "{count} controls do not apply to this company:",
    ),
    "details_legend": (
        "Alle anwendbaren Maßnahmen je Phase. Zeichen: ✓ erfüllt · ◐ fast erfüllt (weitgehend "
        "umgesetzt, zählt für den Reifegrad) · ✗ Lücke (teilweise oder nicht umgesetzt) · "
        "? offen (unbekannt) · „! kritisch“ = Maßnahme höchster Kritikalität mit Lücke.",
        "All applicable controls by phase. Marks: ✓ met · ◐ nearly met (largely fulfilled, counts "
        "for maturity) · ✗ gap (partly or not fulfilled) · ? open (unknown) · “! critical” = a "
        "control of the highest criticality with a gap.",
    ),
    "no_gaps_phase": ("Keine Lücken in dieser Phase.", "No gaps in this phase."),
    "role": ("Rolle", "Role"),
    "answer_details": ("Notiz, Nachweis, Verantwortlich, Termin", "Note, evidence, owner, due"),
    "email": ("E-Mail", "E-mail"),
    # --- roadmap and details --------------------------------------------------------------------
    "effort_1": ("wenige Stunden", "a few hours"),
    "effort_2": ("ein bis zwei Tage", "a day or two"),
    "effort_3": ("einige Tage", "several days"),
    "effort_4": ("einige Wochen", "several weeks"),
    "effort_5": ("ein Projekt über Monate", "a project over months"),
    "effort_scale": (
        "Aufwand auf einer Skala von 1 bis 5: 1 = wenige Stunden, 2 = ein bis zwei Tage, "
        "3 = einige Tage, 4 = einige Wochen, 5 = ein Projekt über Monate.",
        "Effort on a scale of 1 to 5: 1 = a few hours, 2 = a day or two, 3 = several days, "
        "4 = several weeks, 5 = a project over months.",
    ),
    "reason_regressed": (
        "verschlechtert seit der letzten Bewertung ({before} → {after})",
        "worse than at the previous assessment ({before} → {after})",
    ),
    "due_from_horizon": (
        "Termin aus der Antwort, sonst Bewertungsdatum plus Zeitraum.",
        "Due date from the answer, else the assessment date plus the horizon.",
    ),
    "severity_fulfilled": ("erfüllt", "met"),
    "severity_largely": ("fast erfüllt", "nearly met"),
    "severity_partial": ("Lücke", "gap"),
    "severity_not": ("Lücke", "gap"),
    "severity_unknown": ("offen", "open"),
    "open_section": ("Offene Fragen", "Open questions"),
    "open_intro": (
        "Diese Maßnahmen sind unbeantwortet oder mit „unbekannt“ bewertet; sie zählen wie „nicht "
        "umgesetzt“. Eine Antwort ändert das Ergebnis.",
        "These controls are unanswered or rated “unknown”; they count as “not fulfilled”. An "
        "answer changes the result.",
    ),
    "no_open": ("Keine offenen Fragen.", "No open questions."),
    "crown_jewels": (
        "Kronjuwelen und tolerierbare Ausfallzeit",
        "Crown jewels and tolerable downtime",
    ),
    "crown_intro": (
        "Aus dem Unternehmensprofil (Zusammenfassung der Business-Impact-Analyse), kürzeste "
        "Ausfallzeit zuerst.",
        "From the company profile (summary of the business impact analysis), shortest downtime "
        "first.",
    ),
    "crown_none": (
        "Im Profil sind keine Kronjuwelen genannt – halten Sie fest, welche Prozesse wie lange "
        "ausfallen dürfen (Maßnahme VOR-10).",
        "The profile names no crown jewels – record which processes may fail for how long.",
    ),
    "mta": ("maximal tolerierbare Ausfallzeit", "maximum tolerable downtime"),
    "kind": ("Art", "Kind"),
    "kind_process": ("Prozess", "process"),
    "kind_asset": ("Wert", "asset"),
    "hours_1": ("1 Stunde", "1 hour"),
    "hours_n": ("{n} Stunden", "{n} hours"),
    "signoff": ("Freigabe durch die Geschäftsleitung", "Approval by the management"),
    "signoff_intro": (
        "Die Geschäftsleitung billigt die Maßnahmen zum Risikomanagement und überwacht ihre "
        "Umsetzung (für NIS2-Einrichtungen Pflicht nach § 38 BSIG, für alle anderen gute Praxis).",
        "The management approves the risk-management measures and supervises their "
        "implementation (a duty for NIS2 entities under § 38 BSIG, good practice for everyone "
        "else).",
    ),
    "signoff_name": ("Name", "Name"),
    "signoff_date": ("Datum", "Date"),
    "signoff_signature": ("Unterschrift", "Signature"),
    "details_gaps_only": (
        "Kurzfassung: nur Maßnahmen mit Lücke. Alle Maßnahmen: assess report --details all.",
        "Short version: controls with a gap only. All controls: assess report --details all.",
    ),
    "soa_only_if": (
        "Gilt nur bei {condition} – trifft hier nicht zu.",
        "Applies only if {condition} – not the case here.",
    ),
    "soa_field": ("{field} {op} {value} (hier: {actual})", "{field} {op} {value} (here: {actual})"),
    "and": ("und", "and"),
    "or": ("oder", "or"),
    "not": ("nicht", "not"),
    # --- the card -------------------------------------------------------------------------------
    "card_hours": ("erreichbar {hours}", "available {hours}"),
    "card_out_of_hours": ("Außerhalb dieser Zeiten:", "Outside these hours:"),
    "card_first_steps": ("Sofort tun", "Do at once"),
    "card_do_1": (
        "Arbeit am betroffenen Gerät oder System sofort beenden.",
        "Stop working on the affected device or system at once.",
    ),
    "card_do_2": (
        "Gerät nicht ausschalten – nur wenn der Erstkontakt es sagt. Netzwerkkabel erst auf "
        "Anweisung ziehen.",
        "Do not switch it off unless you are told to. Unplug the network cable only when told.",
    ),
    "card_do_3": (
        "Notieren, was Sie gesehen haben (Meldung, Uhrzeit, was Sie gerade getan haben).",
        "Write down what you saw (message, time, what you were doing).",
    ),
    "card_do_4": (
        "Sofort melden – lieber einmal zu viel anrufen als einmal zu wenig.",
        "Report at once – better to call once too often than once too few.",
    ),
    "card_management_box": (
        "Für die Geschäftsführung: Meldefristen laufen ab Kenntnis",
        "For the management: reporting deadlines run from awareness",
    ),
    "card_management_web": ("Für die Geschäftsführung: im Netz", "For the management: on the web"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The report's text for ``key``, else the shared one."""
    if key not in _TEXTS:
        return shared(key, lang, **values)
    return text_of(_TEXTS, key, lang, **values)
