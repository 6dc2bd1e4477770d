"""A ready-to-fill answers file: every control with its question, optionally last year's answers.

Pure: catalog, profile and previous answers in, YAML text out.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import yaml

from assess.models.answers import Answer, Assessment
from assess.models.base import Lang
from assess.models.catalog import Catalog
from assess.models.condition import holds
from assess.models.profile import Profile

_HEAD = {
    "de": [
        "Selbstbewertung nach {pin} – {company}",
        "Status je Maßnahme: vollständig | weitgehend | teilweise | nicht | entbehrlich",
        "  | unbekannt (oder fulfilled | largely | partial | not | na | unknown);",
        "  'entbehrlich' braucht eine justification. Ausführlich:",
        "  VOR-01: {{status: teilweise, note: …, owner: …, due: 2026-06-30}}",
    ],
    "en": [
        "Self-assessment along {pin} – {company}",
        "Status per control: fulfilled | largely | partial | not | na | unknown",
        "  (German: vollständig | weitgehend | teilweise | nicht | entbehrlich | unbekannt);",
        "  'na' needs a justification. Full form:",
        "  VOR-01: {{status: partial, note: …, owner: …, due: 2026-06-30}}",
    ],
}
_NOT_FOR_PROFILE = {"de": "entfällt laut Profil", "en": "not applicable by profile"}
_CARRIED = {
    "de": "Übernommene Antworten: nach Prüfung 'reviewed: false' löschen (oder assess check).",
    "en": "Carried-over answers: delete 'reviewed: false' once checked (or use assess check).",
}
_TAKEN_OVER = {
    "de": "{id}: Antwort von {old} übernommen ({old} ist seit Revision {revision} aufgeteilt)",
    "en": "{id}: answer taken over from {old} ({old} was split in revision {revision})",
}
_DROPPED = {
    "de": "{old} ist seit Revision {revision} entfallen; die Antwort ({status}) wird nicht "
    "übernommen.",
    "en": "{old} was retired in revision {revision}; its answer ({status}) is not carried over.",
}
_ASSESSOR = {"de": "Name der bewertenden Person eintragen", "en": "fill in who assesses"}


#: Characters YAML allows in a stream (YAML 1.1 "printable"), line breaks aside.
_PRINTABLE = re.compile(
    "[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]"
)


def _one_line(text: str) -> str:
    """``text`` fit for a YAML comment: one line (a line break in a company name must not start
    a new key), nothing YAML forbids (control characters would make the file unreadable)."""
    return " ".join(_PRINTABLE.sub(" ", text).split())


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, but text with a line break or a character YAML does not print
    is always double-quoted, where every character is escaped: PyYAML writes a NEL (U+0085)
    raw into single-quoted text, and reading folds it to a space."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _PRINTABLE.search(value) or any(c in value for c in "\n\r") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _scalar(value: str) -> str:
    """A string as a YAML scalar, quoted where YAML needs it."""
    dumped = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=math.inf)
    return dumped.removesuffix("\n...\n").strip()


def _value(answer: Answer) -> str:
    """An answer as YAML: the short form where only the status is set, else a flow mapping."""
    # Where last year's answer was imported from is no source of this year's.
    data = answer.model_dump(exclude_none=True, exclude={"source"})
    if set(data) == {"status"}:
        return _scalar(data["status"])
    dumped = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        default_flow_style=True,
        width=math.inf,
        sort_keys=False,
    )
    return dumped.strip()


def answers_template(
    catalog: Catalog,
    date: dt.date,
    lang: Lang,
    profile: Profile | None = None,
    profile_ref: str | None = None,
    previous: Assessment | None = None,
) -> str:
    """The answers file as text; previous answers are carried over as the starting point."""
    company = profile.name if profile else "…"
    company = _one_line(company)
    lines = [f"# {line.format(pin=catalog.pin, company=company)}" for line in _HEAD[lang]]
    if previous is not None:
        assessor = _one_line(previous.assessor)
        lines.append(f"# {previous.date.isoformat()}: {assessor} → {date.isoformat()}")
        lines.append(f"# {_CARRIED[lang]}")
    lines += [
        f"catalog: {catalog.pin}",
        *([f"profile: {_scalar(profile_ref)}"] if profile_ref else []),
        f"date: {date.isoformat()}",
        f'assessor: ""  # {_ASSESSOR[lang]}',
        "answers:",
    ]
    values = profile.condition_values if profile else {}
    for phase in catalog.phases:
        lines.append(f"  # --- {phase.title.get(lang)} ---")
        for c in catalog.controls:
            if c.phase != phase.id:
                continue
            crit = catalog.criticality_label(c.criticality, lang)
            stage = catalog.stage(c.stage).name.get(lang)
            lines.append(f"  # {c.id} {_one_line(c.title.get(lang))} [{crit}, {stage}]")
            lines.append(f"  # {_one_line(c.question.get(lang))}")
            if profile and c.applies_if is not None and not holds(c.applies_if, values):
                lines.append(f"  # {c.id}: {_NOT_FOR_PROFILE[lang]}")
                continue
            key = catalog.answer_key(c.id, previous.answers) if previous else None
            old = previous.answers[key] if previous and key else None
            if key is not None and key != c.id:
                # A control that took over a retired one's question starts from its answer.
                revision = catalog.retired[key][0]
                lines.append(f"  # {_TAKEN_OVER[lang].format(id=c.id, old=key, revision=revision)}")
            if old is not None and previous is not None:
                updated = old.updated or previous.date
                old = old.model_copy(update={"updated": updated, "reviewed": False})
            lines.append(f"  {c.id}: {_value(old) if old else 'unknown'}")
    for retired, (revision, change) in sorted(catalog.retired.items()):
        if previous is not None and retired in previous.answers and not change.replaced_by:
            status = previous.answers[retired].status
            note = _DROPPED[lang].format(old=retired, revision=revision, status=status)
            lines.append(f"  # {note}")
    return "\n".join(lines) + "\n"
