"""``assess questionnaire import``: answers from a filled-in questionnaire.

Three kinds of input are told apart by their content: our own exports (matched by control id,
exactly), our review sheets (the reviewer's choice decides) and foreign questionnaires (header
row and columns found from header words or a mapping, rows matched by :mod:`matcher`). Our own
answers files (yaml/json) are read too, so that one assessment can be merged into another.

Nothing here guesses silently: every row ends as imported, review, unmatched, conflict or
error, and says why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from assess.errors import InputError, Problem
from assess.exchange.columns import COLUMNS, FORMAT, META_SHEET, REVIEW_FORMAT, restore
from assess.exchange.mapping import Mapping
from assess.exchange.matcher import THRESHOLD, Candidate, Matcher, decide
from assess.exchange.tables import Cell, Sheet, read_csv, read_xlsx
from assess.exchange.vocabulary import Vocabulary
from assess.models.answers import Answer, AnswerSource
from assess.models.catalog import Catalog, StatusId

Decision = Literal["imported", "review", "unmatched", "conflict", "error"]
Kind = Literal["own", "review", "foreign", "answers"]
IMPORT_FORMAT = "assess.import/1"

ACCEPTED = (
    "vollständig umgesetzt, weitgehend umgesetzt, teilweise umgesetzt, nicht umgesetzt, "
    "entbehrlich, unbekannt (or fulfilled, largely, partial, not, na, unknown); ja, nein, "
    "teilweise, weitgehend, entfällt, n. a., yes, no, partly, largely, ✓, ✗, x, grün, gelb, rot, "
    "0–3, 0/25/50/75/100 %"
)
_NA_REASONS = ("entfällt laut Unternehmensprofil", "not applicable by company profile")
_NONE_CHOICES = ("— keine —", "— none —")
# Lowest status first: conflicting rows for one control resolve to the lowest.
_ORDER: dict[str, int] = {
    "not": 0, "unknown": 1, "partial": 2, "largely": 3, "fulfilled": 4, "na": 5,
}  # fmt: skip

# Header words of foreign questionnaires (folded to lower case, checked as substrings).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "question": (
        "frage", "anforderung", "prüfpunkt", "prüffrage", "kontrollfrage", "maßnahme",
        "massnahme", "kriterium", "thema", "question", "requirement", "control", "item",
        "criterion", "description", "beschreibung", "gegenstand", "aspekt", "topic",
    ),
    "answer": (
        "antwort", "status", "bewertung", "erfüllt", "umsetzung", "umgesetzt", "ja/nein",
        "erfüllungsgrad", "answer", "response", "compliance", "compliant", "yes/no", "rating",
        "implemented", "result", "ergebnis",
    ),
    "comment": (
        "bemerkung", "kommentar", "anmerkung", "notiz", "erläuterung", "hinweis", "comment",
        "remark", "note", "explanation",
    ),
    "evidence": ("nachweis", "evidence", "beleg", "dokument"),
    "owner": ("verantwortlich", "zuständig", "owner", "responsible"),
    "due": ("termin", "frist", "fällig", "due", "deadline"),
    "justification": ("begründung", "justification", "rationale"),
    "id": ("nr", "nummer", "id", "no.", "ref", "#"),
}  # fmt: skip
_HEADER_SCAN = 30


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
    message: str | None = None
    answer: Answer | None = None
    controls: list[str] = field(default_factory=list)

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
                {"control": c.control, "confidence": c.confidence, "terms": list(c.terms)}
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
    notices: list[str] = field(default_factory=list)
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
                if old is None or _ORDER[r.answer.status] < _ORDER[old.status]:
                    found[control] = r.answer
        ordered = {c.id: found[c.id] for c in self.catalog.controls if c.id in found}
        # Answers to retired controls (older exports) come last; they stand in for successors.
        return ordered | {cid: found[cid] for cid in sorted(found) if cid not in ordered}


def _text(value: Cell) -> str:
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


def _date(value: Cell) -> dt.date | None:
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


def _column_index(spec: str, header: Sequence[Cell]) -> int | None:
    """A column given as a letter (``C``) or as its header text."""
    if re.fullmatch(r"[A-Za-z]{1,3}", spec.strip()) and not any(
        _text(h).casefold() == spec.strip().casefold() for h in header
    ):
        index = 0
        for char in spec.strip().upper():
            index = index * 26 + (ord(char) - 64)
        return index - 1
    for i, h in enumerate(header):
        if _text(h).casefold() == spec.strip().casefold():
            return i
    return None


def read_questionnaire(
    path: Path,
    catalog: Catalog | None = None,
    mapping: Mapping | None = None,
    matcher: Matcher | None = None,
) -> Questionnaire:
    """Read ``path`` (xlsx, csv, or our yaml/json answers) and decide every row.

    ``catalog`` is the catalog to match against (default: the pin in our own exports, else the
    newest bundled catalog).
    """
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        return _read_answers_file(path, catalog)
    if suffix in (".xlsx", ".xlsm"):
        sheets = read_xlsx(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        sheets = [read_csv(path)]
    else:
        raise InputError(
            [
                Problem(
                    str(path),
                    f"cannot import {suffix or 'a file without suffix'}",
                    fix="give an .xlsx or .csv questionnaire, or a .yaml/.json answers file",
                )
            ]
        )
    meta = next((s for s in sheets if s.name == META_SHEET), None)
    info = _meta(meta) if meta is not None else {}
    pin = info.get("catalog")
    if catalog is not None and pin and info.get("format") == FORMAT and catalog.pin != pin:
        raise InputError(
            [
                Problem(
                    str(path),
                    f"the questionnaire was exported for {pin}, not for {catalog.pin}",
                    fix=f"import it with --catalog {pin}, or export it again from {catalog.pin}",
                )
            ]
        )
    cat = catalog or _catalog_of(path, pin)
    vocabulary = Vocabulary(cat, mapping.vocabulary if mapping else None)
    if info.get("format") == FORMAT:
        return _read_own(path, sheets, meta, info, cat, vocabulary)
    if info.get("format") == REVIEW_FORMAT:
        return _read_review(path, sheets, info, cat, vocabulary)
    if meta is None and len(sheets) == 1 and _own_csv(sheets[0], cat):
        return _read_own(path, sheets, None, info, cat, vocabulary)
    return _read_foreign(path, sheets, cat, vocabulary, mapping, matcher)


def _catalog_of(path: Path, pin: Cell) -> Catalog:
    from assess.api import load_catalog
    from assess.errors import NotFoundError

    if pin is None:
        return load_catalog("acs-it-notfall")
    try:
        return load_catalog(str(pin))
    except NotFoundError as exc:
        raise InputError(
            [
                Problem(
                    str(path), f"the questionnaire is for {pin}: {exc}", fix="pass --catalog FILE"
                )
            ]
        ) from None


def _meta(sheet: Sheet) -> dict[str, Any]:
    info: dict[str, Any] = {"rows": {}}
    table = False
    for cells in sheet.rows:
        key = _text(cells[0] if cells else None)
        if key == "row":
            table = True
            continue
        if table and len(cells) >= 4 and isinstance(cells[0], int | float):
            info["rows"][int(cells[0])] = (
                _text(cells[1]),
                restore(_text(cells[2])),
                _text(cells[3]) != "no",
            )
        elif not table and len(cells) >= 2:
            info[key] = restore(_text(cells[1])) if cells[1] is not None else None
    return info


def _own_header(rows: list[list[Cell]]) -> bool:
    if not rows:
        return False
    header = [_text(c).casefold() for c in rows[0]]
    ours = {c.header(lang).casefold() for c in COLUMNS for lang in ("de", "en")}
    return bool(header) and header[0] == "id" and sum(h in ours for h in header) >= 3


def _own_csv(sheet: Sheet, catalog: Catalog) -> bool:
    """Our export saved as csv: our header, and most ids are the catalog's (current or
    retired), so that a foreign sheet with an 'ID' and a 'Status' column is not taken for it."""
    if not _own_header(sheet.rows[:1]):
        return False
    ids = [_text(r[0]).upper() for r in sheet.rows[1:] if r and _text(r[0])]
    known = sum(1 for i in ids if i in catalog.controls_by_id or i in catalog.retired)
    return bool(ids) and known * 2 >= len(ids)


def _columns(header: Sequence[Cell]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = _text(cell).casefold()
        for column in COLUMNS:
            if name in (column.de.casefold(), column.en.casefold()):
                found.setdefault(column.key, i)
    return found


def _error(
    sheet: str | None, row: int, text: str, message: str, status: StatusId | None = None
) -> RowResult:
    return RowResult(sheet, row, text, status, "error", message=message)


def _answer_fields(
    get: Any, status: StatusId, control_id: str, catalog: Catalog, own: bool
) -> tuple[dict[str, Any], str | None]:
    """The answer's fields from a row (``get(key)`` gives a cell), or an error message."""
    fix = restore if own else (lambda s: s)
    values: dict[str, Any] = {"status": status}
    for key in ("justification", "note", "evidence", "owner"):
        text = _text(get(key))
        if text:
            values[key] = fix(text)
    try:
        due = _date(get("due"))
    except ValueError:
        return values, f"due date {_text(get('due'))!r} is not a date; write it as dd.mm.yyyy"
    if due is not None:
        values["due"] = due
    control = catalog.controls_by_id.get(control_id)
    if status == "na" and control is not None:
        if control.mandatory:
            return values, f"{control_id} is mandatory and cannot be not applicable"
        if not values.get("justification"):
            return values, (
                f"{control_id} is marked not applicable without a justification; "
                "fill in the justification"
            )
    return values, None


def _read_own(
    path: Path,
    sheets: list[Sheet],
    meta: Sheet | None,
    info: dict[str, Any],
    catalog: Catalog,
    vocabulary: Vocabulary,
) -> Questionnaire:
    """Our own export: rows are matched by id; changes to the sheet are reported."""
    from assess.clock import today
    from assess.validate import suggest

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
    questions = {c.id: {_text(c.question.de), _text(c.question.en)} for c in catalog.controls}
    rows: list[RowResult] = []
    notices: list[str] = []
    seen: dict[str, int] = {}
    updated = today()
    for number, cells in enumerate(sheet.rows[1:], start=2):

        def get(key: str, cells: list[Cell] = cells) -> Cell:
            i = cols.get(key)
            return cells[i] if i is not None and i < len(cells) else None

        control_id = _text(get("id")).upper()
        raw = _text(get("status"))
        question = restore(_text(get("question")))
        place = AnswerSource(file=file, sheet=sheet.name, row=number).describe("en")
        if not control_id:
            if raw:
                rows.append(
                    _error(
                        sheet.name,
                        number,
                        question,
                        "a status without an id; restore the id of the control",
                    )
                )
            continue
        retired = control_id in catalog.retired and control_id not in catalog.controls_by_id
        if control_id not in catalog.controls_by_id and not retired:
            hint = suggest(control_id, catalog.controls_by_id) or "restore the id as exported"
            rows.append(
                _error(
                    sheet.name,
                    number,
                    question,
                    f"no control {control_id} in {catalog.pin} – {hint}",
                )
            )
            continue
        if control_id in seen:
            rows.append(
                _error(
                    sheet.name,
                    number,
                    question,
                    f"{control_id} appears twice (rows {seen[control_id]} and "
                    f"{number}); delete one of the rows",
                )
            )
            continue
        seen[control_id] = number
        if applicable.get(control_id) is False or (
            meta is None
            and vocabulary.status(raw) == "na"
            and restore(_text(get("justification"))) in _NA_REASONS
        ):
            continue  # not applicable by profile: the profile decides, not the sheet
        was = expected_row.get(control_id)
        if was is not None and was != number:
            notices.append(f"{place}: {control_id} was moved here from row {was}")
        if not raw:
            continue
        status = vocabulary.status(raw)
        if status is None:
            rows.append(
                _error(
                    sheet.name,
                    number,
                    question,
                    f"unknown status {raw!r} for {control_id}; use one of: {ACCEPTED}",
                )
            )
            continue
        values, problem = _answer_fields(get, status, control_id, catalog, own=True)
        if problem is not None:
            rows.append(_error(sheet.name, number, question, problem, status))
            continue
        answer = Answer(
            **values, updated=updated, source=AnswerSource(file=file, sheet=sheet.name, row=number)
        )
        if retired:
            successors = ", ".join(catalog.retired[control_id][1].replaced_by) or "no control"
            notices.append(
                f"{place}: {control_id} is retired in revision {catalog.retired[control_id][0]} "
                f"of {catalog.pin}; its answer stands in for {successors} until they are answered"
            )
            rows.append(
                RowResult(
                    sheet.name,
                    number,
                    question,
                    status,
                    "imported",
                    control_id,
                    1.0,
                    [],
                    None,
                    answer,
                    [control_id],
                )
            )
            continue
        original = expected.get(was, (None, None, True))[1] if was else None
        changed = (
            question != original
            if original is not None
            else bool(question) and question not in questions[control_id]
        )
        if changed:
            rows.append(
                RowResult(
                    sheet.name,
                    number,
                    question,
                    status,
                    "review",
                    control_id,
                    None,
                    [Candidate(control_id, 1.0)],
                    f"the question text of {control_id} "
                    "was changed; check that the answer still fits the control",
                    answer,
                    [control_id],
                )
            )
            continue
        rows.append(
            RowResult(
                sheet.name,
                number,
                question,
                status,
                "imported",
                control_id,
                1.0,
                [],
                None,
                answer,
                [control_id],
            )
        )
    exported = info.get("revision")
    if exported is not None and str(exported) != str(catalog.revision):
        notices.append(
            f"{file}: exported with revision {exported} of {catalog.pin}, imported with revision "
            f"{catalog.revision}; see 'assess catalog changes {catalog.pin}'"
        )
    for r, (cid, _, ok) in sorted(expected.items()):
        if ok and cid not in seen:
            notices.append(
                f"{file}, sheet {sheet.name}: {cid} (row {r} as exported) is missing; "
                "it stays unanswered"
            )
    assessor = None
    cover = next((s for s in sheets if s.name in ("Deckblatt", "Cover")), None)
    if cover is not None:
        assessor = _text(cover.cell(8, 1)) or None
    return Questionnaire(file, "own", catalog, rows, notices, assessor, info.get("profile"))


def _read_review(
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
        padded = [*cells, None, None, None, None, None, None][:6]
        sheet_name, row_no, text, raw, choice = (
            _text(padded[0]) or None,
            padded[1],
            restore(_text(padded[2])),
            _text(padded[3]),
            restore(_text(padded[5])),
        )
        if not isinstance(row_no, int | float):
            continue
        row = int(row_no)
        status = vocabulary.status(raw) if raw else None
        if raw and status is None:
            rows.append(
                _error(
                    sheet_name,
                    row,
                    text,
                    f"review sheet row {number}: unknown status {raw!r}; use one of: {ACCEPTED}",
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
                    message="no control chosen in the review sheet yet",
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
                    message="not covered by the catalog (review)",
                )
            )
            continue
        control_id = choice.split()[0].upper()
        if control_id not in catalog.controls_by_id or status is None:
            why = "a status" if status is None else f"a control of {catalog.pin}"
            rows.append(_error(sheet_name, row, text, f"review sheet row {number}: choose {why}"))
            continue

        def get(key: str) -> Cell:
            return None

        values, problem = _answer_fields(get, status, control_id, catalog, own=False)
        if problem is not None:
            rows.append(_error(sheet_name, row, text, problem, status))
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
                "chosen in the review",
                answer,
                [control_id],
            )
        )
    return Questionnaire(original, "review", catalog, _resolve_conflicts(rows), [])


def _find_header(sheet: Sheet, mapping: Mapping | None) -> tuple[int, dict[str, int]] | None:
    """The header row (1-based) and the columns found in it, or None."""
    candidates = (
        [mapping.header_row] if mapping and mapping.header_row else range(1, _HEADER_SCAN + 1)
    )
    spec = mapping.columns if mapping else None
    for number in candidates:
        header = sheet.rows[number - 1] if number <= len(sheet.rows) else []
        found: dict[str, int] = {}
        named = 0  # columns recognised by their header text, not only by a letter
        if spec is not None:
            for key, value in spec.model_dump(exclude_none=True).items():
                index = _column_index(value, header)
                if index is not None:
                    found[key] = index
                    named += any(_text(h).casefold() == value.strip().casefold() for h in header)
        for i, cell in enumerate(header):
            name = _text(cell).casefold()
            if not name or len(name) > 60 or i in found.values():
                continue
            for key, words in HEADER_WORDS.items():
                if key in found:
                    continue
                hit = (
                    name in words or name.rstrip(".:") in words
                    if key == "id"
                    else any(w in name for w in words)
                )
                if hit:
                    found[key] = i
                    named += 1
                    break
        explicit = mapping is not None and mapping.header_row is not None
        if "question" in found and "answer" in found and (named or explicit):
            return number, found
    return None


def _read_foreign(
    path: Path,
    sheets: list[Sheet],
    catalog: Catalog,
    vocabulary: Vocabulary,
    mapping: Mapping | None,
    matcher: Matcher | None,
) -> Questionnaire:
    from assess.clock import today

    file = path.name
    matcher = matcher or Matcher.for_catalog(catalog)
    threshold = mapping.threshold if mapping and mapping.threshold else THRESHOLD
    fixed = mapping.rows if mapping else {}
    notices: list[str] = []
    rows: list[RowResult] = []
    chosen = [s for s in sheets if s.name != META_SHEET]
    if mapping and mapping.sheet:
        chosen = [s for s in chosen if s.name == mapping.sheet]
        if not chosen:
            names = ", ".join(str(s.name) for s in sheets)
            raise InputError(
                [
                    Problem(
                        str(path),
                        f"no sheet {mapping.sheet!r} (sheets: {names})",
                        fix="correct 'sheet' in the mapping",
                    )
                ]
            )
    else:
        for s in chosen:
            if s.hidden:
                notices.append(
                    f"{file}: hidden sheet {s.name!r} skipped (name it in a "
                    "mapping's 'sheet' to import it)"
                )
        chosen = [s for s in chosen if not s.hidden]
    found_any = False
    updated = today()
    for sheet in chosen:
        located = _find_header(sheet, mapping)
        if located is None:
            where = f"sheet {sheet.name!r}" if sheet.name else "the file"
            notices.append(f"{file}: no question and answer columns found in {where}")
            continue
        found_any = True
        header_row, cols = located
        for number in range(header_row + 1, len(sheet.rows) + 1):
            cells = sheet.rows[number - 1]

            def get(key: str, cells: list[Cell] = cells, cols: dict[str, int] = cols) -> Cell:
                i = cols.get(key)
                return cells[i] if i is not None and i < len(cells) else None

            text = _text(get("question"))
            raw = _text(get("answer"))
            if not text and not raw:
                continue
            if not text:
                rows.append(
                    _error(sheet.name, number, text, f"an answer {raw!r} without a question")
                )
                continue
            if not raw:
                continue  # a section heading or an unanswered question
            status = vocabulary.status(get("answer"))
            if status is None:
                rows.append(
                    _error(
                        sheet.name,
                        number,
                        text,
                        f"unknown status {raw!r}; use one "
                        f"of: {ACCEPTED}, or add it to the mapping's 'vocabulary'",
                    )
                )
                continue
            if number in fixed:
                targets = fixed[number]
                ids = [] if targets is None else [targets] if isinstance(targets, str) else targets
                candidates = [Candidate(c, 1.0) for c in ids]
                decision: Decision = "imported" if ids else "unmatched"
                confidence: float | None = 1.0 if ids else None
            else:
                candidates = matcher.match(text)
                decision = decide(candidates, threshold)  # type: ignore[assignment]
                ids = [candidates[0].control] if decision == "imported" else []
                confidence = candidates[0].confidence if candidates else None
            control = ids[0] if ids else None
            if decision != "imported":
                rows.append(
                    RowResult(
                        sheet.name,
                        number,
                        text,
                        status,
                        decision,
                        None,
                        confidence,
                        candidates if decision == "review" else candidates[:1],
                    )
                )
                continue
            values: dict[str, Any] = {}
            problem = None
            row_cols = dict(cols)
            if status == "na" and not _text(get("justification")) and "comment" in cols:
                row_cols["justification"] = cols["comment"]  # the comment says why

            def get_row(
                key: str, cells: list[Cell] = cells, cols: dict[str, int] = row_cols
            ) -> Cell:
                i = cols.get(key)
                return cells[i] if i is not None and i < len(cells) else None

            for cid in ids:
                values, problem = _answer_fields(get_row, status, cid, catalog, own=False)
                if problem is not None:
                    break
            if problem is not None:
                rows.append(_error(sheet.name, number, text, problem, status))
                continue
            if "comment" in cols and "note" not in values:
                note = _text(get("comment"))
                if note:
                    values["note"] = note
            answer = Answer(
                **values,
                updated=updated,
                source=AnswerSource(file=file, sheet=sheet.name, row=number),
            )
            rows.append(
                RowResult(
                    sheet.name,
                    number,
                    text,
                    status,
                    "imported",
                    control,
                    confidence,
                    candidates,
                    None,
                    answer,
                    ids,
                )
            )
    if not found_any:
        raise InputError(
            [
                Problem(
                    str(path),
                    "found no header row with a question and an answer column in "
                    f"the first {_HEADER_SCAN} rows",
                    fix="name the columns in a mapping: --mapping MAP.yaml with "
                    "'columns: {question: B, answer: C}'",
                )
            ]
        )
    return Questionnaire(file, "foreign", catalog, _resolve_conflicts(rows), notices)


def _resolve_conflicts(rows: list[RowResult]) -> list[RowResult]:
    """Several rows for one control: all become conflicts; the lowest status wins."""
    by_control: dict[str, list[RowResult]] = {}
    for r in rows:
        if r.decision == "imported":
            for c in r.controls:
                by_control.setdefault(c, []).append(r)
    for control, group in by_control.items():
        if len(group) < 2:
            continue
        lowest = min(group, key=lambda r: (_ORDER[r.status or "unknown"], r.row))
        others = ", ".join(str(r.row) for r in group if r is not lowest)
        for r in group:
            r.decision = "conflict"
            r.message = (
                f"{control} is answered in rows {', '.join(str(g.row) for g in group)}; "
                f"the lowest status ({lowest.status}, row {lowest.row}) is taken"
                + ("" if r is lowest else f" (not this row's {r.status})")
            )
        del others
    return rows


def _read_answers_file(path: Path, catalog: Catalog | None) -> Questionnaire:
    """Our own answers (yaml/json): every answer is imported, its line as the row."""
    from assess.api import load_catalog
    from assess.load import load_yaml_file, locate
    from assess.models.answers import Assessment
    from assess.validate import Locator, check_answers, parse_model

    data, text = load_yaml_file(path)
    where = Locator(str(path), text, data)
    assessment = parse_model(Assessment, data, where)
    cat = catalog or load_catalog(str(assessment.catalog))
    problems = check_answers(assessment, cat, where)
    if problems:
        raise InputError(problems)
    root = where._root
    rows = []
    for cid, answer in assessment.answers.items():
        line = locate(root, ["answers", cid]) or 1
        status = cat.resolve_status(answer.status)
        source = answer.source or AnswerSource(file=path.name, row=line)
        fixed = answer.model_copy(update={"status": status, "source": source})
        rows.append(
            RowResult(None, line, cid, status, "imported", cid, 1.0, [], None, fixed, [cid])
        )
    return Questionnaire(
        path.name, "answers", cat, rows, [], assessment.assessor, assessment.profile
    )
