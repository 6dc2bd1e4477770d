"""Reading our own exports (matched by control id, exactly) and our review sheets."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assess.errors import InputError, Problem
from assess.exchange.columns import COLUMNS, restore
from assess.exchange.matcher import Candidate
from assess.exchange.messages import Message
from assess.exchange.rows import (
    Decision,
    Questionnaire,
    RowResult,
    answer_fields,
    cell_text,
    error_row,
    getter,
    resolve_conflicts,
)
from assess.exchange.tables import Cell, Sheet
from assess.exchange.vocabulary import Vocabulary
from assess.models.answers import Answer, AnswerSource
from assess.models.catalog import Catalog

_NA_REASONS = ("entfällt laut Unternehmensprofil", "not applicable by company profile")
_NONE_CHOICES = ("— keine —", "— none —")


def read_meta(sheet: Sheet) -> dict[str, Any]:
    info: dict[str, Any] = {"rows": {}}
    table = False
    for cells in sheet.rows:
        key = cell_text(cells[0] if cells else None)
        if key == "row":
            table = True
            continue
        if table and len(cells) >= 4 and isinstance(cells[0], int | float):
            info["rows"][int(cells[0])] = (
                cell_text(cells[1]),
                restore(cell_text(cells[2])),
                cell_text(cells[3]) != "no",
            )
        elif not table and len(cells) >= 2:
            info[key] = restore(cell_text(cells[1])) if cells[1] is not None else None
    return info


def _own_header(rows: list[list[Cell]]) -> bool:
    if not rows:
        return False
    header = [cell_text(c).casefold() for c in rows[0]]
    ours = {c.header(lang).casefold() for c in COLUMNS for lang in ("de", "en")}
    return bool(header) and header[0] == "id" and sum(h in ours for h in header) >= 3


def is_own_csv(sheet: Sheet, catalog: Catalog) -> bool:
    """Our export saved as csv: our header, and most ids are the catalog's (current or
    retired), so that a foreign sheet with an 'ID' and a 'Status' column is not taken for it."""
    if not _own_header(sheet.rows[:1]):
        return False
    ids = [cell_text(r[0]).upper() for r in sheet.rows[1:] if r and cell_text(r[0])]
    known = sum(1 for i in ids if i in catalog.controls_by_id or i in catalog.retired)
    return bool(ids) and known * 2 >= len(ids)


def _columns(header: Sequence[Cell]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = cell_text(cell).casefold()
        for column in COLUMNS:
            if name in (column.de.casefold(), column.en.casefold()):
                found.setdefault(column.key, i)
    return found


def read_own(
    path: Path,
    sheets: list[Sheet],
    meta: Sheet | None,
    info: dict[str, Any],
    catalog: Catalog,
    vocabulary: Vocabulary,
) -> Questionnaire:
    """Our own export: rows are matched by id; changes to the sheet are reported."""
    import difflib

    from assess.clock import today

    name = info.get("sheet")
    sheet = next((s for s in sheets if s.name == name), None) if name else None
    if sheet is None:
        sheet = next((s for s in sheets if s.rows and _own_header(s.rows[:1])), None)
    if sheet is None:
        raise InputError(
            [
                Problem(
                    str(path),
                    f"the questions sheet {name!r} is missing",
                    fix="import the file as exported, with its sheet 'Fragen' / 'Questions'",
                )
            ]
        )
    file = path.name
    header = sheet.rows[0] if sheet.rows else []
    cols = _columns(header)
    for key in ("id", "status"):
        if key not in cols:
            raise InputError(
                [
                    Problem(
                        str(path),
                        f"sheet {sheet.name}: the column {key!r} is missing",
                        line=1,
                        fix="restore the header row as exported",
                    )
                ]
            )
    expected: dict[int, tuple[str, str, bool]] = info.get("rows", {})
    expected_row = {cid: r for r, (cid, _, _) in expected.items()}
    applicable = {cid: ok for cid, _, ok in expected.values()}
    questions = {
        c.id: {cell_text(c.question.de), cell_text(c.question.en)} for c in catalog.controls
    }
    rows: list[RowResult] = []
    notices: list[Message] = []
    seen: dict[str, int] = {}
    updated = today()
    for number, cells in enumerate(sheet.rows[1:], start=2):
        get = getter(cells, cols)
        control_id = cell_text(get("id")).upper()
        raw = cell_text(get("status"))
        question = restore(cell_text(get("question")))
        place = AnswerSource(file=file, sheet=sheet.name, row=number)
        if not control_id:
            if raw:
                rows.append(
                    error_row(
                        sheet.name,
                        number,
                        question,
                        Message("no_id"),
                    )
                )
            continue
        retired = control_id in catalog.retired and control_id not in catalog.controls_by_id
        if control_id not in catalog.controls_by_id and not retired:
            near = difflib.get_close_matches(control_id, list(catalog.controls_by_id), 1, 0.6)
            found = (
                Message("unknown_control_near", control=control_id, pin=catalog.pin, near=near[0])
                if near
                else Message("unknown_control", control=control_id, pin=catalog.pin)
            )
            rows.append(error_row(sheet.name, number, question, found))
            continue
        if control_id in seen:
            rows.append(
                error_row(
                    sheet.name,
                    number,
                    question,
                    Message("twice", control=control_id, first=seen[control_id], row=number),
                )
            )
            continue
        seen[control_id] = number
        if applicable.get(control_id) is False or (
            meta is None
            and vocabulary.status(raw) == "na"
            and restore(cell_text(get("justification"))) in _NA_REASONS
        ):
            continue  # not applicable by profile: the profile decides, not the sheet
        was = expected_row.get(control_id)
        if was is not None and was != number:
            notices.append(Message("moved", place=place, control=control_id, was=was))
        if not raw:
            continue
        status = vocabulary.status(raw)
        if status is None:
            rows.append(
                error_row(
                    sheet.name,
                    number,
                    question,
                    Message("unknown_status_own", raw=raw, control=control_id),
                )
            )
            continue
        values, problem = answer_fields(get, status, control_id, catalog, own=True)
        if problem is not None:
            rows.append(error_row(sheet.name, number, question, problem, status))
            continue
        answer = Answer(
            **values, updated=updated, source=AnswerSource(file=file, sheet=sheet.name, row=number)
        )
        decision: Decision = "imported"
        confidence: float | None = 1.0
        candidates: list[Candidate] = []
        reason: Message | None = None
        if retired:
            revision, retirement = catalog.retired[control_id]
            successors = ", ".join(retirement.replaced_by)
            notices.append(
                Message(
                    "retired" if successors else "retired_alone",
                    place=place,
                    control=control_id,
                    revision=str(revision),
                    pin=catalog.pin,
                    successors=successors,
                )
            )
        else:
            original = expected.get(was, (None, None, True))[1] if was else None
            changed = (
                question != original
                if original is not None
                else bool(question) and question not in questions[control_id]
            )
            if changed:
                decision, confidence = "review", None
                candidates = [Candidate(control_id, 1.0)]
                reason = Message("question_changed", control=control_id)
        rows.append(
            RowResult(
                sheet.name,
                number,
                question,
                status,
                decision,
                control_id,
                confidence,
                candidates,
                reason,
                answer,
                [control_id],
            )
        )
    exported = info.get("revision")
    if exported is not None and str(exported) != str(catalog.revision):
        notices.append(
            Message(
                "revision",
                file=file,
                exported=str(exported),
                pin=catalog.pin,
                revision=str(catalog.revision),
            )
        )
    for r, (cid, _, ok) in sorted(expected.items()):
        if ok and cid not in seen:
            notices.append(Message("missing", file=file, sheet=str(sheet.name), control=cid, row=r))
    assessor = None
    cover = next((s for s in sheets if s.name in ("Deckblatt", "Cover")), None)
    if cover is not None:
        assessor = cell_text(cover.cell(8, 1)) or None
    return Questionnaire(file, "own", catalog, rows, notices, assessor, info.get("profile"))


def read_review(
    path: Path, sheets: list[Sheet], info: dict[str, Any], catalog: Catalog, vocabulary: Vocabulary
) -> Questionnaire:
    """A review sheet we wrote: each chosen control is imported with the original row as the
    source; a row without a choice stays in review; 'none' means not covered."""
    from assess.clock import today

    sheet = next((s for s in sheets if s.name == "Review"), None)
    if sheet is None:
        raise InputError([Problem(str(path), "the sheet 'Review' is missing")])
    original = str(info.get("source") or path.name)
    rows: list[RowResult] = []
    for number, cells in enumerate(sheet.rows[1:], start=2):
        padded = [*cells, *[None] * 8][:8]
        sheet_name, row_no, text, raw, choice = (
            cell_text(padded[0]) or None,
            padded[1],
            restore(cell_text(padded[2])),
            cell_text(padded[3]),
            restore(cell_text(padded[5])),
        )
        if not isinstance(row_no, int | float):
            continue
        row = int(row_no)
        status = vocabulary.status(raw) if raw else None
        if raw and status is None:
            rows.append(
                error_row(
                    sheet_name,
                    row,
                    text,
                    Message("review_unknown_status", number=number, raw=raw),
                )
            )
            continue
        if not choice:
            rows.append(
                RowResult(
                    sheet_name,
                    row,
                    text,
                    status,
                    "review",
                    message=Message("review_open"),
                )
            )
            continue
        if choice in _NONE_CHOICES:
            rows.append(
                RowResult(
                    sheet_name,
                    row,
                    text,
                    status,
                    "unmatched",
                    message=Message("review_none"),
                )
            )
            continue
        control_id = choice.split()[0].upper()
        if control_id not in catalog.controls_by_id or status is None:
            why = (
                Message("review_choose_status", number=number)
                if status is None
                else Message("review_choose_control", number=number, pin=catalog.pin)
            )
            rows.append(error_row(sheet_name, row, text, why))
            continue

        # Sheets written before the columns for the justification and the note have none.
        get = getter(cells, {"justification": 6, "note": 7})
        values, problem = answer_fields(get, status, control_id, catalog, own=True)
        if problem is not None:
            rows.append(error_row(sheet_name, row, text, problem, status))
            continue
        answer = Answer(
            **values, updated=today(), source=AnswerSource(file=original, sheet=sheet_name, row=row)
        )
        rows.append(
            RowResult(
                sheet_name,
                row,
                text,
                status,
                "imported",
                control_id,
                None,
                [],
                Message("review_chosen"),
                answer,
                [control_id],
            )
        )
    return Questionnaire(original, "review", catalog, resolve_conflicts(rows), [])
