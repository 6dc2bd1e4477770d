"""The import's notices and row messages, in German and English.

A :class:`Message` is a key of ``_TEXTS`` with its parameters. It *is* its English text (a
``str``): the JSON report (``assess.import/1``) and every caller that reads a notice or a row's
message as text keep getting exactly the English words, while the text output says it in the
user's language with :meth:`Message.text`. Control ids, file and sheet names and the user's own
words are parameters and are never translated; in German the user's words stand in „…“.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from assess.i18n import text_of
from assess.models.answers import AnswerSource
from assess.models.base import Lang
from assess.models.catalog import Catalog

ACCEPTED = (
    "vollständig umgesetzt, weitgehend umgesetzt, teilweise umgesetzt, nicht umgesetzt, "
    "entbehrlich, unbekannt (or fulfilled, largely, partial, not, na, unknown); ja, nein, "
    "teilweise, weitgehend, entfällt, n. a., yes, no, partly, largely, ✓, ✗, x, grün, gelb, rot, "
    "0–3, 0/25/50/75/100 %"
)
_ACCEPTED_DE = ACCEPTED.replace("(or ", "(oder ")


@dataclass(frozen=True)
class StatusRef:
    """A status id as a parameter: the id in English (as before), its label in German."""

    id: str


Param = str | int | AnswerSource | StatusRef

_TEXTS: dict[str, tuple[str, str]] = {
    # Text that no reader made into a message of its own: said as it is in both languages.
    "text": ("{text}", "{text}"),
    # Notices
    "hidden_sheet": (
        "{file}: ausgeblendetes Blatt „{sheet}“ übersprungen (nennen Sie es unter „sheet“ in "
        "einem Mapping, um es zu importieren)",
        "{file}: hidden sheet {sheet!r} skipped (name it in a mapping's 'sheet' to import it)",
    ),
    "no_columns_sheet": (
        "{file}: keine Frage- und Antwortspalten im Blatt „{sheet}“ gefunden",
        "{file}: no question and answer columns found in sheet {sheet!r}",
    ),
    "no_columns": (
        "{file}: keine Frage- und Antwortspalten in der Datei gefunden",
        "{file}: no question and answer columns found in the file",
    ),
    "verdicts_sheet": (
        "{file}: keine Spaltenüberschrift im Blatt „{sheet}“ benennt die Antworten; sie sind "
        "Spalte {column} „{head}“ entnommen, deren Zellen Statuswörter sind (nennen Sie die "
        "Spalten in einem Mapping, falls das nicht stimmt)",
        "{file}: no header names the answers in sheet {sheet!r}; taken from column {column} "
        "{head!r}, whose cells are status words (name the columns in a mapping if that is wrong)",
    ),
    "verdicts": (
        "{file}: keine Spaltenüberschrift benennt die Antworten; sie sind Spalte {column} "
        "„{head}“ entnommen, deren Zellen Statuswörter sind (nennen Sie die Spalten in einem "
        "Mapping, falls das nicht stimmt)",
        "{file}: no header names the answers; taken from column {column} {head!r}, whose cells "
        "are status words (name the columns in a mapping if that is wrong)",
    ),
    "cells_sheet": (
        "{file}: keine Spaltenüberschrift im Blatt „{sheet}“ benennt Fragen und Antworten; sie "
        "sind den Zellen entnommen: Fragen aus Spalte {question}, Antworten aus Spalte "
        "{answer}{comment} (nennen Sie die Spalten in einem Mapping, falls das nicht stimmt)",
        "{file}: no header names the questions and answers in sheet {sheet!r}; read from the "
        "cells: questions from column {question}, answers from column {answer}{comment} (name "
        "the columns in a mapping if that is wrong)",
    ),
    "cells": (
        "{file}: keine Spaltenüberschrift benennt Fragen und Antworten; sie sind den Zellen "
        "entnommen: Fragen aus Spalte {question}, Antworten aus Spalte {answer}{comment} "
        "(nennen Sie die Spalten in einem Mapping, falls das nicht stimmt)",
        "{file}: no header names the questions and answers; read from the cells: questions "
        "from column {question}, answers from column {answer}{comment} (name the columns in a "
        "mapping if that is wrong)",
    ),
    "cells_comment": (", Kommentare aus Spalte {column}", ", comments from column {column}"),
    "moved": (
        "{place}: {control} wurde aus Zeile {was} hierher verschoben",
        "{place}: {control} was moved here from row {was}",
    ),
    "retired": (
        "{place}: {control} ist seit Revision {revision} von {pin} nicht mehr im Katalog; ihre "
        "Antwort gilt für {successors}, bis diese beantwortet sind",
        "{place}: {control} is retired in revision {revision} of {pin}; its answer stands in "
        "for {successors} until they are answered",
    ),
    "retired_alone": (
        "{place}: {control} ist seit Revision {revision} von {pin} nicht mehr im Katalog; ihre "
        "Antwort gilt für keine andere Maßnahme",
        "{place}: {control} is retired in revision {revision} of {pin}; its answer stands in "
        "for no control until they are answered",
    ),
    "revision": (
        "{file}: exportiert mit Revision {exported} von {pin}, importiert mit Revision "
        "{revision}; siehe „assess catalog changes {pin}“",
        "{file}: exported with revision {exported} of {pin}, imported with revision {revision}; "
        "see 'assess catalog changes {pin}'",
    ),
    "missing": (
        "{file}, Blatt {sheet}: {control} (beim Export Zeile {row}) fehlt; die Maßnahme bleibt "
        "unbeantwortet",
        "{file}, sheet {sheet}: {control} (row {row} as exported) is missing; it stays unanswered",
    ),
    # Rows of our own exports
    "no_id": (
        "ein Status ohne ID; tragen Sie die ID der Maßnahme wieder ein",
        "a status without an id; restore the id of the control",
    ),
    "unknown_control": (
        "keine Maßnahme {control} in {pin} – tragen Sie die ID wie exportiert wieder ein",
        "no control {control} in {pin} – restore the id as exported",
    ),
    "unknown_control_near": (
        "keine Maßnahme {control} in {pin} – meinten Sie {near}?",
        "no control {control} in {pin} – did you mean {near!r}?",
    ),
    "twice": (
        "{control} steht zweimal im Blatt (Zeilen {first} und {row}); löschen Sie eine der Zeilen",
        "{control} appears twice (rows {first} and {row}); delete one of the rows",
    ),
    "unknown_status_own": (
        f"unbekannter Status „{{raw}}“ für {{control}}; zulässig sind: {_ACCEPTED_DE}",
        f"unknown status {{raw!r}} for {{control}}; use one of: {ACCEPTED}",
    ),
    "question_changed": (
        "der Fragetext von {control} wurde geändert; prüfen Sie, ob die Antwort noch zur "
        "Maßnahme passt",
        "the question text of {control} was changed; check that the answer still fits the control",
    ),
    # Rows of our review sheets
    "review_unknown_status": (
        f"Prüfliste, Zeile {{number}}: unbekannter Status „{{raw}}“; zulässig sind: {_ACCEPTED_DE}",
        f"review sheet row {{number}}: unknown status {{raw!r}}; use one of: {ACCEPTED}",
    ),
    "review_open": (
        "in der Prüfliste ist noch keine Maßnahme gewählt",
        "no control chosen in the review sheet yet",
    ),
    "review_none": (
        "vom Katalog nicht abgedeckt (laut Prüfliste)",
        "not covered by the catalog (review)",
    ),
    "review_choose_status": (
        "Prüfliste, Zeile {number}: wählen Sie einen Status",
        "review sheet row {number}: choose a status",
    ),
    "review_choose_control": (
        "Prüfliste, Zeile {number}: wählen Sie eine Maßnahme aus {pin}",
        "review sheet row {number}: choose a control of {pin}",
    ),
    "review_chosen": ("in der Prüfliste gewählt", "chosen in the review"),
    "review_mandatory_na": (
        "{control} ist verpflichtend und kann nicht entbehrlich sein; wählen Sie in der "
        "Prüfliste einen anderen Status",
        "{control} is mandatory and cannot be not applicable; choose another status in the "
        "review sheet",
    ),
    "review_na_justification": (
        "{control} ist ohne Begründung als entbehrlich gekennzeichnet; tragen Sie die "
        "Begründung in der Prüfliste ein",
        "{control} is marked not applicable without a justification; fill it in in the review "
        "sheet",
    ),
    # Rows of foreign questionnaires
    "answer_without_question": (
        "eine Antwort „{raw}“ ohne Frage",
        "an answer {raw!r} without a question",
    ),
    "unknown_status_foreign": (
        f"unbekannter Status „{{raw}}“; zulässig sind: {_ACCEPTED_DE}, oder ergänzen Sie das "
        "Wort im Mapping unter „vocabulary“",
        f"unknown status {{raw!r}}; use one of: {ACCEPTED}, or add it to the mapping's "
        "'vocabulary'",
    ),
    # The answer's fields (any kind of sheet)
    "bad_due": (
        "Termin „{due}“ ist kein Datum; schreiben Sie ihn als TT.MM.JJJJ",
        "due date {due!r} is not a date; write it as dd.mm.yyyy",
    ),
    "mandatory_na": (
        "{control} ist verpflichtend und kann nicht entbehrlich sein",
        "{control} is mandatory and cannot be not applicable",
    ),
    "na_without_justification": (
        "{control} ist ohne Begründung als entbehrlich gekennzeichnet; tragen Sie die "
        "Begründung ein",
        "{control} is marked not applicable without a justification; fill in the justification",
    ),
    # Several rows for one control
    "conflict_lowest": (
        "{control} ist in den Zeilen {rows} beantwortet; es gilt der niedrigste Status "
        "(„{lowest}“, Zeile {row})",
        "{control} is answered in rows {rows}; the lowest status ({lowest}, row {row}) is taken",
    ),
    "conflict_other": (
        "{control} ist in den Zeilen {rows} beantwortet; es gilt der niedrigste Status "
        "(„{lowest}“, Zeile {row}), nicht „{status}“ aus dieser Zeile",
        "{control} is answered in rows {rows}; the lowest status ({lowest}, row {row}) is taken "
        "(not this row's {status})",
    ),
}


def _value(param: Param, lang: Lang, catalog: Catalog | None) -> str | int:
    if isinstance(param, Message):  # a part of the message, said in the same language
        return param.text(lang, catalog)
    if isinstance(param, AnswerSource):
        return param.describe(lang)
    if isinstance(param, StatusRef):
        if lang == "de" and catalog is not None:
            return catalog.status(param.id).label.get(lang)
        return param.id
    return param


class Message(str):
    """A notice or row message of the import: its English text, with the key and parameters
    to say it in German as well (see the module's docstring)."""

    key: str
    params: dict[str, Param]

    def __new__(cls, key: str, **params: Param) -> Self:
        self = super().__new__(cls, _render(key, "en", params, None))
        self.key = key
        self.params = params
        return self

    def text(self, lang: Lang, catalog: Catalog | None = None) -> str:
        """The message in ``lang``; with ``catalog``, statuses by their labels in German."""
        return _render(self.key, lang, self.params, catalog)

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle: rebuilt from key and params
        return (_rebuild, (self.key, self.params))


def _rebuild(key: str, params: dict[str, Param]) -> Message:
    return Message(key, **params)


def _render(key: str, lang: Lang, params: Mapping[str, Param], catalog: Catalog | None) -> str:
    return text_of(
        _TEXTS, key, lang, **{name: _value(p, lang, catalog) for name, p in params.items()}
    )


def as_message(text: str) -> Message:
    """``text`` as a message: a Message stays as it is, any other text is said as it is."""
    if isinstance(text, Message):
        return text
    return Message("text", text=text)
