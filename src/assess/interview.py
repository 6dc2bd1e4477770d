"""The guided self-check (``assess check``) as a pure state machine.

The interview walks the controls that apply to the company, phase by phase. At each control it
takes a status key (``3 2 1 0 n u``), Enter to keep the answer offered as default, ``b`` to go
back, ``s`` to skip; after ``n`` a justification; after a status an optional note. Every change
yields a new ``Assessment`` that the caller saves at once. No terminal, no files, no clock: the
day of the answers is given. The terminal loop lives in the CLI and only reads keys and prints.

An answer carried over from an earlier assessment holds ``reviewed: false`` until it is
confirmed (Enter) or changed; such answers count as not yet answered, so a new run resumes at the
first control that is neither answered nor confirmed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import yaml

from assess.models.answers import Answer, Assessment, CatalogPin
from assess.models.base import Lang
from assess.models.catalog import Catalog, Control, StatusId
from assess.models.condition import holds
from assess.models.profile import Profile
from assess.render.safe import printable

# One key per status; the digits are the points of the scale.
KEYS: dict[str, StatusId] = {
    "3": "fulfilled",
    "2": "largely",
    "1": "partial",
    "0": "not",
    "n": "na",
    "u": "unknown",
}
STATUS_KEY: dict[str, str] = {status: key for key, status in KEYS.items()}
KEEP, BACK, SKIP = "", "b", "s"
CLEAR_NOTE = "-"


class Step(StrEnum):
    STATUS = "status"
    JUSTIFICATION = "justification"
    NOTE = "note"


class Notice(StrEnum):
    """Why an input was refused, or what it did; the CLI words it."""

    MANDATORY = "mandatory"  # a mandatory control cannot be answered not applicable
    NO_DEFAULT = "no_default"  # Enter without an answer to keep
    BAD_KEY = "bad_key"
    AT_START = "at_start"  # 'b' at the first control
    NEED_JUSTIFICATION = "need_justification"


@dataclass(frozen=True)
class Result:
    """What one input did: ``changed`` means the assessment must be saved now."""

    changed: bool = False
    notice: Notice | None = None


@dataclass(frozen=True)
class PhaseProgress:
    phase: str
    answered: int
    applicable: int


@dataclass(frozen=True)
class Progress:
    answered: int
    applicable: int
    phases: list[PhaseProgress] = field(default_factory=list)


def is_answered(answer: Answer | None) -> bool:
    """Answered (or confirmed) in this assessment, as opposed to missing or carried over."""
    return answer is not None and answer.reviewed is not False


def inherited_from(assessment: Assessment, catalog: Catalog, control_id: str) -> str | None:
    """The retired control whose answer stands in for ``control_id`` (none if it has its own)."""
    key = catalog.answer_key(control_id, assessment.answers)
    return None if key == control_id else key


def own_or_inherited(assessment: Assessment, catalog: Catalog, control_id: str) -> Answer | None:
    """The answer to a control, or (as in ``evaluate``) that of a retired control it replaced,
    marked not reviewed: it was given to another question."""
    own = assessment.answers.get(control_id)
    if own is not None:
        return own
    old = inherited_from(assessment, catalog, control_id)
    return None if old is None else assessment.answers[old].model_copy(update={"reviewed": False})


def applicable_controls(catalog: Catalog, profile: Profile) -> list[Control]:
    """The controls the profile does not rule out, phase by phase in catalog order."""
    values = profile.condition_values
    return [
        c
        for phase in catalog.phases
        for c in catalog.controls
        if c.phase == phase.id and (c.applies_if is None or holds(c.applies_if, values))
    ]


def carry_over(
    previous: Assessment,
    previous_catalog: Catalog,
    catalog: Catalog,
    profile_ref: str | None,
    date: dt.date,
    assessor: str,
) -> Assessment:
    """A new assessment that starts from ``previous``: each answer to a control the catalog
    still has is kept, its status as the scale's id, marked ``reviewed: false`` and dated when
    it was last updated (or given). A control that replaced a retired one starts from the
    retired one's answer; answers to retired controls are not carried. A 'not applicable' on a
    control that is now mandatory is left out: it would make the file invalid, and the
    interview asks it afresh."""
    answers = {}
    for control in catalog.controls:
        old = own_or_inherited(previous, catalog, control.id)
        if old is None:
            continue
        status = previous_catalog.resolve_status(old.status)
        if status is None or (status == "na" and control.mandatory):
            continue
        answers[control.id] = old.model_copy(
            update={"status": status, "updated": old.updated or previous.date, "reviewed": False}
        )
    return Assessment(
        catalog=CatalogPin(id=catalog.id, version=catalog.version),
        profile=profile_ref,
        date=date,
        assessor=assessor,
        answers=answers,
    )


class _Dumper(yaml.SafeDumper):
    """Writes every value out: the reader refuses anchors and aliases (&id001 / *id001), which
    the emitter would otherwise use for a date shared by several answers."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(assessment: Assessment, catalog: Catalog) -> str:
    """The assessment as an answers file, emitted by the YAML emitter; answers in catalog order."""
    order = {c.id: i for i, c in enumerate(catalog.controls)}
    answers = {}
    for control_id in sorted(assessment.answers, key=lambda k: (order.get(k, math.inf), k)):
        answer = assessment.answers[control_id]
        answers[control_id] = answer.model_dump(mode="python", exclude_none=True)
    data: dict[str, Any] = {"catalog": str(assessment.catalog)}
    if assessment.profile is not None:
        data["profile"] = assessment.profile
    data |= {"date": assessment.date, "assessor": assessment.assessor, "answers": answers}
    if assessment.retired:  # answers kept by a migration to a new edition stay kept
        data["retired"] = {
            k: a.model_dump(mode="python", exclude_none=True) for k, a in assessment.retired.items()
        }
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class Interview:
    """The state of one guided check: where it stands and the answers so far."""

    def __init__(
        self, catalog: Catalog, profile: Profile, assessment: Assessment, today: dt.date
    ) -> None:
        self.catalog = catalog
        self.profile = profile
        self.assessment = assessment
        self.today = today
        self.controls = applicable_controls(catalog, profile)
        self.step = Step.STATUS
        self.finished = False
        self._pending: Answer | None = None  # an 'n' waiting for its justification
        first = self.first_open()
        self.resumed_complete = first is None  # everything answered: a review from the start
        self.position = first if first is not None else 0
        if not self.controls:
            self.finished = True

    # --- what the terminal shows ---

    def first_open(self) -> int | None:
        """The index of the first applicable control not yet answered or confirmed."""
        for index, control in enumerate(self.controls):
            if not is_answered(self.assessment.answers.get(control.id)):
                return index
        return None

    @property
    def control(self) -> Control:
        return self.controls[self.position]

    @property
    def current(self) -> Answer | None:
        """The answer the file holds for the current control (or the retired control it
        replaced): offered as default on Enter."""
        return own_or_inherited(self.assessment, self.catalog, self.control.id)

    def progress(self) -> Progress:
        answered = {cid for cid, a in self.assessment.answers.items() if is_answered(a)}
        phases = []
        for phase in self.catalog.phases:
            ids = [c.id for c in self.controls if c.phase == phase.id]
            if ids:
                phases.append(PhaseProgress(phase.id, len(answered & set(ids)), len(ids)))
        done = sum(p.answered for p in phases)
        return Progress(done, len(self.controls), phases)

    # --- inputs ---

    def key(self, key: str) -> Result:
        """A key at the status step: a status key, Enter (keep), ``b`` back, ``s`` skip."""
        assert self.step is Step.STATUS, self.step
        key = key.strip().lower()
        if key == BACK:
            if self.position == 0:
                return Result(notice=Notice.AT_START)
            self.position -= 1
            return Result()
        if key == SKIP:
            self._advance()
            return Result()
        if key == KEEP:
            return self._keep()
        status = KEYS.get(key)
        if status is None:
            return Result(notice=Notice.BAD_KEY)
        if status == "na" and self.control.mandatory:
            return Result(notice=Notice.MANDATORY)
        old = self.current
        base = old if old is not None else Answer(status=status)
        answer = base.model_copy(
            update={
                "status": status,
                "updated": self.today,
                "reviewed": None,
                "justification": base.justification if status == "na" else None,
            }
        )
        if status == "na":
            self._pending = answer
            self.step = Step.JUSTIFICATION
            return Result()
        self._store(answer)
        self.step = Step.NOTE
        return Result(changed=True)

    def text(self, text: str) -> Result:
        """A line typed at the justification or note step. Enter keeps what is there; at the
        note step ``-`` removes the note."""
        assert self.step in (Step.JUSTIFICATION, Step.NOTE), self.step
        text = " ".join(text.split())
        if self.step is Step.JUSTIFICATION:
            assert self._pending is not None
            if text:
                self._pending = self._pending.model_copy(update={"justification": text})
            if not (self._pending.justification or "").strip():
                return Result(notice=Notice.NEED_JUSTIFICATION)
            self._store(self._pending)
            self._pending = None
            self.step = Step.NOTE
            return Result(changed=True)
        current = self.current
        assert current is not None
        if not text:
            self._advance()
            return Result()
        note = None if text == CLEAR_NOTE else text
        self._store(current.model_copy(update={"note": note}))
        self._advance()
        return Result(changed=True)

    def quit(self) -> None:
        self.finished = True

    # --- internals ---

    def _keep(self) -> Result:
        old = self.current
        if old is None:
            return Result(notice=Notice.NO_DEFAULT)
        status = self.catalog.resolve_status(old.status)
        if status == "na" and self.control.mandatory:
            return Result(notice=Notice.MANDATORY)
        if status == "na" and not (old.justification or "").strip():
            self._pending = old.model_copy(
                update={"status": "na", "updated": self.today, "reviewed": None}
            )
            self.step = Step.JUSTIFICATION
            return Result()
        self._store(old.model_copy(update={"updated": self.today, "reviewed": None}))
        self._advance()
        return Result(changed=True)

    def _store(self, answer: Answer) -> None:
        answers = {**self.assessment.answers, self.control.id: answer}
        self.assessment = self.assessment.model_copy(update={"answers": answers})

    def _advance(self) -> None:
        """On to the next control not answered yet (answered ones were done already, ``b``
        goes back to them); in a review of a complete file, simply the next one."""
        self.step = Step.STATUS
        later = list(range(self.position + 1, len(self.controls)))
        if not self.resumed_complete:
            answers = self.assessment.answers
            later = [i for i in later if not is_answered(answers.get(self.controls[i].id))]
        if later:
            self.position = later[0]
        else:
            self.finished = True


# --- words for the terminal (pure: the CLI prints them) ---

_TEXTS: dict[str, tuple[str, str]] = {
    "phase": ("Phase", "Phase"),
    "mandatory": ("Pflichtmaßnahme", "mandatory"),
    "keys": (
        "3 vollständig · 2 weitgehend · 1 teilweise · 0 nicht umgesetzt · n entbehrlich · "
        "u unbekannt",
        "3 fulfilled · 2 largely · 1 partial · 0 not · n not applicable · u unknown",
    ),
    "commands": (
        "? Hinweise · b zurück · s überspringen · q speichern und beenden",
        "? guidance · b back · s skip · q save and quit",
    ),
    "default": ("Bisher ({date}): {status}", "So far ({date}): {status}"),
    "default_undated": ("Bisher: {status}", "So far: {status}"),
    "enter_keeps": ("Enter übernimmt und bestätigt", "Enter keeps and confirms"),
    "inherited": (
        "Antwort auf {control}, das in der neuen Katalogrevision durch diese Maßnahme ersetzt ist",
        "The answer to {control}, which this control replaces in the new catalog revision",
    ),
    "not_reviewed": ("ungeprüft übernommen", "not reviewed"),
    "progress": ("Fortschritt: {done}/{total} beantwortet", "Progress: {done}/{total} answered"),
    "prompt": ("Ihre Wahl", "Your choice"),
    "justification": (
        "Warum ist die Maßnahme entbehrlich? (Begründung)",
        "Why does the control not apply? (justification)",
    ),
    "note": (
        "Notiz (Enter: {keep}, - löscht)",
        "Note (Enter: {keep}, - removes it)",
    ),
    "note_keep": ("behalten", "keep"),
    "note_none": ("keine", "none"),
    Notice.MANDATORY: (
        "Pflichtmaßnahme: sie kann nicht entbehrlich sein – bitte den tatsächlichen Stand wählen.",
        "Mandatory control: it cannot be not applicable – choose its real status.",
    ),
    Notice.NO_DEFAULT: (
        "Noch keine Antwort – bitte einen Status wählen (oder s zum Überspringen).",
        "No answer yet – choose a status (or s to skip).",
    ),
    Notice.BAD_KEY: (
        "Unbekannte Taste – 3 2 1 0 n u, Enter, ?, b, s oder q.",
        "Unknown key – 3 2 1 0 n u, Enter, ?, b, s or q.",
    ),
    Notice.AT_START: ("Schon bei der ersten Maßnahme.", "Already at the first control."),
    Notice.NEED_JUSTIFICATION: (
        "Eine Begründung ist nötig, wenn die Maßnahme entbehrlich ist.",
        "A justification is needed when the control does not apply.",
    ),
    "resumed": (
        "Fortsetzung bei {control} ({done} von {total} schon beantwortet).",
        "Resuming at {control} ({done} of {total} answered already).",
    ),
    "complete": (
        "Alle {total} Maßnahmen sind beantwortet – Durchsicht von vorn (q beendet).",
        "All {total} controls are answered – reviewing from the start (q quits).",
    ),
    "saved": ("Gespeichert in {path}.", "Saved in {path}."),
    "continue": ("Weiter mit: {command}", "Continue with: {command}"),
    "report": ("Bericht: {command}", "Report: {command}"),
    "interrupted": (
        "Abgebrochen – alle gegebenen Antworten sind in {path} gespeichert.",
        "Interrupted – every answer given is saved in {path}.",
    ),
    "assessor": ("Wer bewertet? (Name)", "Who assesses? (name)"),
    "not_a_tty": (
        "assess check ist ein Dialog und braucht ein Terminal für Ein- und Ausgabe. Ohne Dialog: "
        "'assess answers template' erzeugt eine Datei zum Ausfüllen, 'assess evaluate' wertet "
        "sie aus.",
        "assess check is a dialogue and needs a terminal for input and output. Without one: "
        "'assess answers template' writes a file to fill in, 'assess evaluate' evaluates it.",
    ),
}


def say(key: str, lang: Lang, **values: object) -> str:
    """An interview text in ``lang``."""
    de, en = _TEXTS[key]
    return (de if lang == "de" else en).format(**values)


def progress_line(interview: Interview, lang: Lang) -> str:
    progress = interview.progress()
    parts = [say("progress", lang, done=progress.answered, total=progress.applicable)]
    parts += [
        f"{interview.catalog.phase(p.phase).title.get(lang)} {p.answered}/{p.applicable}"
        for p in progress.phases
    ]
    return " · ".join(parts)


def _status_label(catalog: Catalog, answer: Answer, lang: Lang) -> str:
    status = catalog.resolve_status(answer.status) or "unknown"
    label = f"{STATUS_KEY[status]} {catalog.status(status).label.get(lang)}"
    details = [d for d in (answer.justification, answer.note) if d]
    return label + (f" – {details[0]}" if details else "")


def question_text(interview: Interview, lang: Lang) -> str:
    """The screen for the current control: where, the question, the answer so far, the keys."""
    from assess.i18n import date

    c = interview.control
    catalog = interview.catalog
    phase = catalog.phase(c.phase).title.get(lang)
    crit = catalog.criticality_label(c.criticality, lang)
    head = f"[{interview.position + 1}/{len(interview.controls)}] {phase} · {c.id} · {crit}"
    if c.mandatory:
        head += f" · {say('mandatory', lang)}"
    lines = [progress_line(interview, lang), "", head, c.title.get(lang), "", c.question.get(lang)]
    old = interview.current
    if old is not None:
        label = _status_label(catalog, old, lang)
        if old.updated is not None:
            line = say("default", lang, date=date(old.updated, lang), status=label)
        else:
            line = say("default_undated", lang, status=label)
        if old.reviewed is False:
            line += f" ({say('not_reviewed', lang)})"
        lines += ["", line]
        source = inherited_from(interview.assessment, catalog, c.id)
        if source is not None:
            lines.append(f"  {say('inherited', lang, control=source)}")
        lines.append(f"  {say('enter_keeps', lang)}")
    lines += ["", say("keys", lang), say("commands", lang)]
    return printable("\n".join(lines))


def note_prompt(interview: Interview, lang: Lang) -> str:
    current = interview.current
    keep = current is not None and current.note
    return printable(
        say("note", lang, keep=say("note_keep" if keep else "note_none", lang))
        + (f" [{current.note}]" if current is not None and current.note else "")
    )
