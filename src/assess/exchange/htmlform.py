"""The offline questionnaire: one self-contained HTML file a consultant sends to a client.

Safety rule: the page loads nothing and runs only its own script. A Content-Security-Policy
(``default-src 'none'``) admits exactly the inline script and style by their SHA-256 hashes;
every text from the catalog, profile or last year's answers is put in by the autoescaping
template or read by the script as JSON data, and the script writes text with ``textContent``
only. The page does not score: it saves the answers as a JSON answers file for ``assess``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.i18n import date, text_of
from assess.interview import applicable_controls, own_or_inherited
from assess.models.answers import Answer, Assessment
from assess.models.base import Lang
from assess.models.catalog import STATUS_IDS, Catalog
from assess.models.profile import Profile

TEMPLATES = Path(__file__).parent / "templates"

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Selbstbewertung IT-Notfall-Readiness", "IT emergency readiness self-assessment"),
    "intro": (
        "Bitte beantworten Sie jede Frage so, wie es heute im Unternehmen ist. Ihre Eingaben "
        "bleiben in diesem Browser gespeichert, auch wenn Sie die Seite schließen. Wenn Sie fertig "
        "sind (oder zwischendurch), klicken Sie auf „Antworten speichern“ und senden Sie die "
        "gespeicherte Datei zurück. Diese Seite lädt nichts aus dem Internet und rechnet "
        "nichts aus.",
        "Please answer each question as things are in the company today. What you enter stays "
        "stored in this browser, even when you close the page. When you are done (or in between), "
        "click “Save answers” and send the saved file back. This page loads nothing from the "
        "internet and computes no scores.",
    ),
    "assessor": ("Ausgefüllt von (Name)", "Filled in by (name)"),
    "progress": ("Fortschritt", "Progress"),
    "answered": ("beantwortet", "answered"),
    "guidance": ("Hinweise", "Guidance"),
    "mandatory": (
        "Pflichtmaßnahme – kann nicht entbehrlich sein",
        "Mandatory – cannot be not applicable",
    ),
    "justification": ("Begründung (warum entbehrlich?)", "Justification (why not applicable?)"),
    "note": ("Notiz", "Note"),
    "owner": ("Verantwortlich", "Owner"),
    "due": ("Erledigen bis", "Due"),
    "previous": ("Vorjahr ({date}): {status}", "Last time ({date}): {status}"),
    "confirm": ("Unverändert bestätigt", "Confirmed unchanged"),
    "save": ("Antworten speichern", "Save answers"),
    "saved": ("Gespeichert: {file}", "Saved: {file}"),
    "need_assessor": (
        "Bitte oben eintragen, wer den Fragebogen ausfüllt.",
        "Please enter above who fills in the questionnaire.",
    ),
    "need_justification": (
        "Bitte begründen, warum diese Maßnahmen entbehrlich sind: {ids}",
        "Please justify why these controls do not apply: {ids}",
    ),
    "to_review": (
        "· {count} aus dem Vorjahr übernommen, noch nicht bestätigt",
        "· {count} carried over from last time, not yet confirmed",
    ),
    "company": ("Unternehmen", "Company"),
    "catalog": ("Katalog", "Catalog"),
}


def _t(key: str, lang: Lang, **values: object) -> str:
    # without values the {placeholders} stay, for the page's JavaScript to fill in
    return text_of(_TEXTS, key, lang, **values)


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _json_script(data: Any) -> str:
    """JSON that is safe inside a <script type=application/json>: no '<', '>' or '&' as such."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class StatusChoice:
    id: str
    label: str
    disabled: bool
    checked: bool


@dataclass(frozen=True)
class FormControl:
    id: str
    phase: str
    title: str
    question: str
    guidance: str
    criticality: str
    mandatory: bool
    choices: list[StatusChoice]
    previous: str | None  # "Last time (date): status", when carried over
    updated: str | None
    note: str
    owner: str
    due: str
    justification: str


@dataclass(frozen=True)
class FormPhase:
    id: str
    title: str
    controls: list[FormControl]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "antworten"


def _control(
    catalog: Catalog, control_id: str, old: Answer | None, on: dt.date | None, lang: Lang
) -> FormControl:
    c = catalog.controls_by_id[control_id]
    status = catalog.resolve_status(old.status) if old is not None else None
    if status == "na" and c.mandatory:
        status = None  # not a possible answer any more: the client chooses
    previous = None
    updated = None
    if old is not None and status is not None:
        when = old.updated or on
        updated = when.isoformat() if when else None
        label = catalog.status(status).label.get(lang)
        previous = _t("previous", lang, date=date(when, lang) if when else "–", status=label)
    return FormControl(
        id=c.id,
        phase=c.phase,
        title=c.title.get(lang),
        question=c.question.get(lang),
        guidance=c.guidance.get(lang),
        criticality=catalog.criticality_label(c.criticality, lang),
        mandatory=c.mandatory,
        choices=[
            StatusChoice(
                s,
                catalog.status(s).label.get(lang),
                disabled=s == "na" and c.mandatory,
                checked=s == status,
            )
            for s in STATUS_IDS
        ],
        previous=previous,
        updated=updated,
        note=(old.note or "") if old else "",
        owner=(old.owner or "") if old else "",
        due=old.due.isoformat() if old and old.due else "",
        justification=(old.justification or "") if old and status == "na" else "",
    )


def questionnaire_html(
    catalog: Catalog,
    profile: Profile,
    profile_ref: str | None,
    lang: Lang,
    created: dt.date,
    previous: Assessment | None = None,
    previous_catalog: Catalog | None = None,
) -> str:
    """The questionnaire page for ``profile``: applicable controls phase by phase, prefilled
    from ``previous`` (by control id)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    old_catalog = previous_catalog or catalog
    controls = applicable_controls(catalog, profile)
    phases = []
    for phase in catalog.phases:
        items = []
        for c in controls:
            if c.phase != phase.id:
                continue
            old = own_or_inherited(previous, catalog, c.id) if previous else None
            if old is not None:
                resolved = old_catalog.resolve_status(old.status)
                old = old.model_copy(update={"status": resolved}) if resolved else None
            items.append(_control(catalog, c.id, old, previous.date if previous else None, lang))
        if items:
            phases.append(FormPhase(phase.id, phase.title.get(lang), items))
    script = (TEMPLATES / "questionnaire.js").read_text(encoding="utf-8")
    style = (TEMPLATES / "questionnaire.css").read_text(encoding="utf-8")
    data = {
        "key": f"{catalog.pin}|{profile.name}|{created.isoformat()}",
        "catalog": catalog.pin,
        "profile": profile_ref,
        "file": f"{_slug(profile.name)}-antworten.json"
        if lang == "de"
        else f"{_slug(profile.name)}-answers.json",
        "assessor": previous.assessor if previous else "",
        "texts": {
            k: _t(k, lang) for k in ("saved", "need_assessor", "need_justification", "to_review")
        },
    }
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    csp = (
        "default-src 'none'; "
        f"script-src '{_csp_hash(script)}'; style-src '{_csp_hash(style)}'; "
        "img-src 'none'; form-action 'none'; base-uri 'none'"
    )
    return env.get_template("questionnaire.html.j2").render(
        lang=lang,
        t=lambda key, **values: _t(key, lang, **values),
        csp=csp,
        script=Markup(script),
        style=Markup(style),
        data=Markup(_json_script(data)),
        company=profile.name,
        catalog=catalog,
        catalog_title=catalog.title.get(lang),
        created=date(created, lang),
        phases=phases,
        total=len(controls),
        assessor=data["assessor"],
    )
