"""What became of each row of an imported questionnaire, and the answer fields a row gives.

Shared by the readers of our own exports (``own``), of foreign sheets (``foreign``) and of
answers files (``importer``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from assess.exchange.columns import restore
from assess.exchange.matcher import Candidate
from assess.exchange.messages import ACCEPTED as ACCEPTED
from assess.exchange.messages import Message, Param, StatusRef, as_message
from assess.exchange.tables import Cell
from assess.models.answers import Answer, AnswerSource
from assess.models.catalog import Catalog, StatusId

Decision = Literal["imported", "review", "unmatched", "conflict", "error"]
Kind = Literal["own", "review", "foreign", "answers"]
IMPORT_FORMAT = "assess.import/1"

# Lowest status first: conflicting rows for one control resolve to the lowest.
STATUS_ORDER: dict[str, int] = {
    "not": 0, "unknown": 1, "partial": 2, "largely": 3, "fulfilled": 4, "na": 5,
}  # fmt: skip

# Header words of foreign questionnaires (folded to lower case, checked as substrings).


@dataclass
class RowResult:
    """What became of one row."""

    sheet: str | None
    row: int
    text: str
    status: StatusId | None
    decision: Decision
    control: str | None = None
    confidence: float | None = None
    candidates: list[Candidate] = field(default_factory=list)
    message: Message | None = None
    answer: Answer | None = None
    controls: list[str] = field(default_factory=list)
    # The row's comment, for a row in review: the review sheet carries it back into the answer.
    comment: str = ""

    def place(self, file: str, lang: str = "en") -> str:
        return AnswerSource(file=file, sheet=self.sheet, row=self.row).describe(lang)

    def as_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "text": self.text,
            "status": self.status,
            "control": self.control,
            **({"controls": self.controls} if len(self.controls) > 1 else {}),
            "confidence": self.confidence,
            "decision": self.decision,
            "candidates": [
                {
                    "control": c.control,
                    "confidence": c.confidence,
                    "terms": list(c.terms),
                    **({"better_row": c.better} if c.better is not None else {}),
                }
                for c in self.candidates
            ],
            "message": self.message,
        }


@dataclass
class Questionnaire:
    """A read questionnaire, before any merging: rows with their decisions."""

    file: str
    kind: Kind
    catalog: Catalog
    rows: list[RowResult]
    notices: list[Message] = field(default_factory=list)
    assessor: str | None = None
    profile_ref: str | None = None

    def count(self, decision: Decision) -> int:
        return sum(1 for r in self.rows if r.decision == decision)

    def answers(self) -> dict[str, Answer]:
        """The answers to write, in catalog order; a conflict resolved to its lowest status."""
        found: dict[str, Answer] = {}
        for r in self.rows:
            if r.answer is None or r.decision not in ("imported", "conflict"):
                continue
            for control in r.controls:
                old = found.get(control)
                if old is None or STATUS_ORDER[r.answer.status] < STATUS_ORDER[old.status]:
                    found[control] = r.answer
        ordered = {c.id: found[c.id] for c in self.catalog.controls if c.id in found}
        # Answers to retired controls (older exports) come last; they stand in for successors.
        return ordered | {cid: found[cid] for cid in sorted(found) if cid not in ordered}


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


_DATE_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def cell_date(value: Cell) -> dt.date | None:
    """A due date from a date cell, ``dd.mm.yyyy`` or ``yyyy-mm-dd``; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DATE_DE.match(text)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    return dt.date.fromisoformat(text)


def error_row(
    sheet: str | None, row: int, text: str, message: str, status: StatusId | None = None
) -> RowResult:
    """A row with an error; ``message`` is a Message, or the English text of one (see
    ``messages.as_message``)."""
    return RowResult(sheet, row, text, status, "error", message=as_message(message))


Getter = Callable[[str], Cell]


def getter(cells: list[Cell], cols: Mapping[str, int]) -> Getter:
    """``get(key)``: the cell of column ``key`` in a row (None where the column is missing or
    the row shorter)."""

    def get(key: str) -> Cell:
        i = cols.get(key)
        return cells[i] if i is not None and i < len(cells) else None

    return get


def answer_fields(
    get: Getter, status: StatusId, control_id: str, catalog: Catalog, own: bool
) -> tuple[dict[str, Any], Message | None]:
    """The answer's fields from a row (``get(key)`` gives a cell), or an error message."""
    fix = restore if own else (lambda s: s)
    values: dict[str, Any] = {"status": status}
    for key in ("justification", "note", "evidence", "owner"):
        text = cell_text(get(key))
        if text:
            values[key] = fix(text)
    try:
        due = cell_date(get("due"))
    except ValueError:
        return values, Message("bad_due", due=cell_text(get("due")))
    if due is not None:
        values["due"] = due
    control = catalog.controls_by_id.get(control_id)
    if status == "na" and control is not None:
        if control.mandatory:
            return values, Message("mandatory_na", control=control_id)
        if not values.get("justification"):
            return values, Message("na_without_justification", control=control_id)
    return values, None


def resolve_conflicts(rows: list[RowResult]) -> list[RowResult]:
    """Several rows for one control: all become conflicts; the lowest status wins."""
    by_control: dict[str, list[RowResult]] = {}
    for r in rows:
        if r.decision == "imported":
            for c in r.controls:
                by_control.setdefault(c, []).append(r)
    for control, group in by_control.items():
        if len(group) < 2:
            continue
        lowest = min(group, key=lambda r: (STATUS_ORDER[r.status or "unknown"], r.row))
        for r in group:
            r.decision = "conflict"
            common: dict[str, Param] = {
                "control": control,
                "rows": ", ".join(str(g.row) for g in group),
                "lowest": StatusRef(lowest.status or "unknown"),
                "row": lowest.row,
            }
            r.message = (
                Message("conflict_lowest", **common)
                if r is lowest
                else Message("conflict_other", **common, status=StatusRef(r.status or "unknown"))
            )
    return rows
