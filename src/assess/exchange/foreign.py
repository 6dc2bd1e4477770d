"""Reading foreign questionnaires: the header row and columns found from header words (or a
mapping), each row's text matched to the catalog's controls by ``matcher``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from assess.errors import InputError, Problem
from assess.exchange.columns import META_SHEET
from assess.exchange.mapping import Mapping
from assess.exchange.matcher import THRESHOLD, Candidate, Matcher, decide
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
from assess.models.catalog import Catalog, StatusId

HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "question": (
        "frage", "anforderung", "prüfpunkt", "prüffrage", "kontrollfrage", "maßnahme",
        "massnahme", "kriterium", "thema", "question", "requirement", "control", "item",
        "criterion", "description", "beschreibung", "gegenstand", "aspekt", "topic", "checkpunkt",
        "prüfungshandlung",
    ),
    "answer": (
        "antwort", "status", "bewertung", "erfüllt", "umsetzung", "umgesetzt", "ja/nein",
        "erfüllungsgrad", "answer", "response", "compliance", "compliant", "yes/no", "rating",
        "implemented", "result", "ergebnis", "umsetzungsstand", "sachstand", "ist-stand",
        "stand beim", "einschätzung", "erledigt", "done",
    ),
    "comment": (
        "bemerkung", "kommentar", "anmerkung", "notiz", "erläuterung", "hinweis", "feststellung",
        "befund", "comment", "remark", "note", "explanation", "finding", "observation",
    ),
    "evidence": ("nachweis", "evidence", "beleg", "dokument"),
    "owner": ("verantwortlich", "zuständig", "owner", "responsible"),
    "due": ("termin", "frist", "fällig", "due", "deadline"),
    "justification": ("begründung", "justification", "rationale"),
    "id": ("nr", "nummer", "id", "no.", "ref", "#"),
}  # fmt: skip
_HEADER_SCAN = 30
# Columns that rate or classify the question, not answer it: "Risk rating" or "Priorität
# (Bewertung)" holds no status even though a header word of the answers is in it.
_NOT_ANSWERS = (
    "risk", "risiko", "prio", "gewicht", "weight", "anwendbar", "applicable", "mandatory",
    "pflicht", "kritikalität", "criticality", "relevan", "soll", "ziel", "target",
)  # fmt: skip
# Weaker names of an answer column, taken only where no header names the answers with a word
# above ("Ampel (Ziel)" beside "Status"; a "Stand" of dates beside "Umsetzungsstatus"): words
# that also head other columns, and whole labels (or "Stand …") too short to look for inside
# longer ones ("Stand" is in "Gegenstand" and "Standort").
_WEAK_ANSWERS = ("ampel", "traffic light", "reifegrad")
_ANSWER_LABELS = frozenset(("stand", "status quo", "passt?", "passt", "ok?", "check?"))
_QUESTION_LABELS = frozenset(("check", "audit item"))
# Header words of a comment column that an audit programme also uses for its verdicts.
_VERDICT = ("feststellung", "befund", "finding", "observation")


def _column_index(spec: str, header: Sequence[Cell]) -> int | None:
    """A column given as a letter (``C``) or as its header text."""
    if re.fullmatch(r"[A-Za-z]{1,3}", spec.strip()) and not any(
        cell_text(h).casefold() == spec.strip().casefold() for h in header
    ):
        index = 0
        for char in spec.strip().upper():
            index = index * 26 + (ord(char) - 64)
        return index - 1
    for i, h in enumerate(header):
        if cell_text(h).casefold() == spec.strip().casefold():
            return i
    return None


def _letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _names(key: str, label: str, words: tuple[str, ...]) -> bool:
    """Whether a header ``label`` (casefolded) names the column ``key``: an id column by its
    whole label, an answer column by a word unless the label rates the question or sets a
    target, a question column also by a whole short label ("Check"); the others by a word."""
    whole = label.rstrip(".:")
    if key == "question" and whole in _QUESTION_LABELS:
        return True
    if key == "id":
        return label in words or whole in words
    if key == "answer":
        return any(w in label for w in words) and not _rates(label)
    return any(w in label for w in words)


def _label(cell: Cell) -> str:
    """A header cell as the header words are looked for in it: casefolded, a slash without
    spaces ("Ja / Nein / Teilweise" names the answers as "ja/nein")."""
    return re.sub(r"\s*/\s*", "/", cell_text(cell).casefold())


def _rates(label: str) -> bool:
    """Whether a header ``label`` (casefolded) rates or classifies the question or sets a
    target (``_NOT_ANSWERS``) – unless it asks for the answer by name and gives its scale:
    "Target response (Yes / No / Partially)" asks a due diligence's target company for its
    answer, while "Anwendbar (ja/nein)" and "Risk response" stay what they are."""
    if any(w in label for w in _ANSWER_NOUNS) and ("yes/no" in label or "ja/nein" in label):
        return False
    return any(w in label for w in _NOT_ANSWERS)


_ANSWER_NOUNS = ("response", "answer", "antwort")


def _weak_answer(label: str) -> bool:
    """Whether a header ``label`` (casefolded) names the answers in a weaker way (see
    ``_WEAK_ANSWERS``)."""
    whole = label.rstrip(".:")
    if _rates(label):
        return False
    return (
        whole in _ANSWER_LABELS
        or whole.startswith("stand ")  # Stand heute, Stand in der Praxis
        or any(w in label for w in _WEAK_ANSWERS)
    )


def _by_words(header: Sequence[Cell], found: dict[str, int]) -> int:
    """Adds to ``found`` the columns whose header text names them; returns how many it added."""
    # Labels of at most 60 characters.
    labels = {i: name for i, cell in enumerate(header) if 0 < len(name := _label(cell)) <= 60}
    named = 0
    for i, name in labels.items():
        if i in found.values():
            continue
        for key, words in HEADER_WORDS.items():
            if key not in found and _names(key, name, words):
                found[key] = i
                named += 1
                break
    if "answer" not in found:
        for i, name in labels.items():
            if i not in found.values() and _weak_answer(name):
                found["answer"] = i
                return named + 1
    return named


def _sentence(cell: Cell) -> bool:
    """Whether a cell reads as a sentence (a question or statement of the sheet, not a column
    label): it ends with a question mark, or with a full stop after three words or more."""
    text = cell_text(cell).rstrip()
    return text.endswith("?") or (text.endswith(".") and len(text.split()) > 2)


def _verdicts(sheet: Sheet, header_row: int, found: dict[str, int], vocabulary: Vocabulary) -> bool:
    """Whether the comment column below a header holds the answers: an audit programme heads
    its verdicts 'Feststellung' or 'Befund' (words that otherwise name the comment column). So
    only where that column is headed by such a word, is filled in at least 70 % of the
    question rows, and at least 80 % of its cells are status words, not more than half of them
    numbers (a priority or weighting is no verdict)."""
    comment = found.get("comment")
    header = sheet.rows[header_row - 1]
    if comment is None or not any(w in cell_text(header[comment]).casefold() for w in _VERDICT):
        return False
    below = sheet.rows[header_row : header_row + 200]
    question = found["question"]
    asked = [row for row in below if question < len(row) and cell_text(row[question])]
    texts = [t for row in asked if comment < len(row) and (t := cell_text(row[comment]))]
    return _holds_answers(texts, len(asked), vocabulary)


def _find_header(
    sheet: Sheet, mapping: Mapping | None, vocabulary: Vocabulary
) -> tuple[int, dict[str, int], str] | None:
    """The header row (1-based; 0 when the answers start at the top), the columns found in it
    and how they were found ("words", "verdicts": see ``_verdicts``, "cells": see ``_by_cells``),
    or None. Header words are tried on every row first; only then verdicts and the cells, and
    never where a mapping names the columns."""
    candidates = (
        [mapping.header_row] if mapping and mapping.header_row else range(1, _HEADER_SCAN + 1)
    )
    spec = mapping.columns if mapping else None
    explicit = mapping is not None and mapping.header_row is not None
    verdicts = []
    for number in candidates:
        header = sheet.rows[number - 1] if number <= len(sheet.rows) else []
        found: dict[str, int] = {}
        named = 0  # columns recognised by their header text, not only by a letter
        if spec is not None:
            for key, value in spec.model_dump(exclude_none=True).items():
                index = _column_index(value, header)
                if index is not None:
                    found[key] = index
                    named += any(
                        cell_text(h).casefold() == value.strip().casefold() for h in header
                    )
        fixed = dict(found)
        named += _by_words(header, found)
        if "question" in found and "question" not in fixed and _sentence(header[found["question"]]):
            continue  # a question of the sheet ("… dokumentiert.") that uses a header word
        if "question" in found and "answer" in found and (named or explicit):
            return number, found, "words"
        if header and "question" in found and "comment" in found and "answer" not in found:
            verdicts.append((number, fixed, found))
    if spec is not None and spec.answer is not None:
        # The mapping names the columns but no header word names them: the header is the row
        # above the first answer, the last one before it with a label in the answer column.
        return _above_first_answer(sheet, spec.model_dump(exclude_none=True), vocabulary)
    for number, fixed, found in verdicts:
        if _verdicts(sheet, number, found, vocabulary):
            columns = {**fixed, "answer": found["comment"]}
            _by_words(sheet.rows[number - 1], columns)  # another comment column, if any
            return number, columns, "verdicts"
    if spec is None:
        return _by_cells(sheet, vocabulary)
    return None


# Where no header names the columns, they are read from the cells (``_by_cells``), in the first
# rows of the sheet; the questions are texts of three words or more on average, and five of them
# at least are answered (a legend "ja = umgesetzt, nein = …" on a cover sheet is no questionnaire).
_CELL_SCAN = 300
_CELL_COLUMNS = 50
_MIN_WORDS = 3.0
_MIN_ANSWERS = 5


def _by_cells(sheet: Sheet, vocabulary: Vocabulary) -> tuple[int, dict[str, int], str] | None:
    """The header row and columns of a sheet whose header words name no question and answer
    column, found from the cells: the answers are the one column that holds answers beside the
    questions (``_holds_answers``), the questions the column with the longest texts in its
    rows. The header is the last row above the first answer with a label in either column (0
    when there is none); a comment column is taken from its header words, else the column right
    of the answers where it holds free text (not status words). None where no single
    column holds answers: two columns of status words ("applicable?" and the answer) or a
    column of numbers (a priority 1–3, or a 0–3 scale: which is which, only a mapping says),
    and never a column whose label rates the question ("Anwendbar", "Risiko")."""
    rows = [r[:_CELL_COLUMNS] for r in sheet.rows[:_CELL_SCAN]]
    width = max((len(r) for r in rows), default=0)
    words = [[len(cell_text(c).split()) for c in r] + [0] * (width - len(r)) for r in rows]
    answers = []
    for col in range(width):
        answered = [n for n, r in enumerate(rows) if col < len(r) and vocabulary.status(r[col])]
        if len(answered) < _MIN_ANSWERS:
            continue
        lengths = {
            other: sum(words[n][other] for n in answered) / len(answered)
            for other in range(width)
            if other != col
        }
        question = max(lengths, key=lambda c: (lengths[c], -c), default=None)
        if question is None or lengths[question] < _MIN_WORDS:
            continue
        asked = [r for n, r in enumerate(rows) if words[n][question] > 1]
        texts = [t for r in asked if col < len(r) and (t := cell_text(r[col]))]
        header = _label_row(rows, answered[0], (question, col))
        above = rows[header - 1] if header else []
        label = _label(above[col]) if col < len(above) else ""
        if _holds_answers(texts, len(asked), vocabulary) and not _rates(label):
            answers.append((col, question, header))
    if len(answers) != 1:
        return None
    answer, question, header = answers[0]
    found = {"question": question, "answer": answer}
    if header:
        _by_words(rows[header - 1], found)
    # Beside the answers, a column of free text that no header word names otherwise: comments.
    beside = answer + 1
    if "comment" not in found and beside not in found.values() and beside < width:
        notes = [
            t
            for r in rows
            if beside < len(r) and vocabulary.status(r[answer]) and (t := cell_text(r[beside]))
        ]
        if notes and sum(vocabulary.status(t) is None for t in notes) > len(notes) / 2:
            found["comment"] = beside
    return header, found, "cells"


def _label_row(rows: Sequence[Sequence[Cell]], first: int, columns: Sequence[int]) -> int:
    """The last row (1-based) above row index ``first`` with a label in one of ``columns``, or
    0 when there is none."""
    for above in range(first, 0, -1):
        row = rows[above - 1]
        if any(c < len(row) and cell_text(row[c]) for c in columns):
            return above
    return 0


def _holds_answers(texts: Sequence[str], asked: int, vocabulary: Vocabulary) -> bool:
    """Whether the filled cells ``texts`` of a column beside ``asked`` questions are its
    answers: filled in at least 70 % of the question rows, at least 80 % of them (and three or
    more) status words, not more than half of them numbers (a priority or weighting is no
    answer)."""
    known = sum(vocabulary.status(t) is not None for t in texts)
    numbers = sum(t.isascii() and t.isdigit() for t in texts)
    return (
        len(texts) >= 3
        and len(texts) >= 0.7 * asked
        and known >= 0.8 * len(texts)
        and numbers <= 0.5 * len(texts)
    )


def _above_first_answer(
    sheet: Sheet, spec: dict[str, str], vocabulary: Vocabulary
) -> tuple[int, dict[str, int], str] | None:
    """The header row and columns of a sheet whose mapping names the columns by letter, found
    from the rows: the header is the last row with a label in the answer column above the first
    row whose answer is a status word (0 when there is no such label: the answers start at the
    top). None when the columns are not there or no answer is found in the first rows."""
    found = {k: i for k, v in spec.items() if (i := _column_index(v, [])) is not None}
    if "question" not in found or "answer" not in found:
        return None  # a column named by its header text, and no row has that text
    for number in range(1, min(len(sheet.rows), _HEADER_SCAN) + 1):
        cells = sheet.rows[number - 1]
        answer = cells[found["answer"]] if found["answer"] < len(cells) else None
        if vocabulary.status(answer) is None:
            continue
        return _label_row(sheet.rows, number - 1, (found["answer"],)), found, "words"
    return None


# Answer problems of a foreign row that the review resolves (message keys: the problem's, the
# review's).
_REVIEW_INSTEAD = {
    "mandatory_na": "review_mandatory_na",
    "na_without_justification": "review_na_justification",
}


def _about(sheet: Sheet, key: str, **params: str) -> Message:
    """A notice about ``sheet``: naming it where the file has sheets (``key_sheet``), not for
    a csv."""
    if sheet.name:
        return Message(f"{key}_sheet", sheet=sheet.name, **params)
    return Message(key, **params)


def read_foreign(
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
    notices: list[Message] = []
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
                notices.append(Message("hidden_sheet", file=file, sheet=str(s.name)))
        chosen = [s for s in chosen if not s.hidden]
    found_any = False
    updated = today()
    for sheet in chosen:
        located = _find_header(sheet, mapping, vocabulary)
        if located is None:
            notices.append(_about(sheet, "no_columns", file=file))
            continue
        found_any = True
        header_row, cols, how = located
        if how == "cells":
            comment = (
                Message("cells_comment", column=_letter(cols["comment"]))
                if "comment" in cols
                else ""
            )
            notices.append(
                _about(
                    sheet,
                    "cells",
                    file=file,
                    question=_letter(cols["question"]),
                    answer=_letter(cols["answer"]),
                    comment=comment,
                )
            )
        if how == "verdicts":
            head = cell_text(sheet.rows[header_row - 1][cols["answer"]])
            notices.append(
                _about(sheet, "verdicts", file=file, column=_letter(cols["answer"]), head=head)
            )
        # First the rows with a question and a known status, so that the sheet's questions are
        # matched together (``Matcher.match_sheet``: a topic is asked about once).
        answered: list[tuple[int, list[Cell], str, StatusId] | RowResult] = []
        for number in range(header_row + 1, len(sheet.rows) + 1):
            cells = sheet.rows[number - 1]
            get = getter(cells, cols)
            text = cell_text(get("question"))
            raw = cell_text(get("answer"))
            if not text and not raw:
                continue
            if not text:
                answered.append(
                    error_row(sheet.name, number, text, Message("answer_without_question", raw=raw))
                )
                continue
            if not raw:
                continue  # a section heading or an unanswered question
            status = vocabulary.status(get("answer"))
            if status is None:
                answered.append(
                    error_row(
                        sheet.name,
                        number,
                        text,
                        Message("unknown_status_foreign", raw=raw),
                    )
                )
                continue
            answered.append((number, cells, text, status))
        asked = [a for a in answered if not isinstance(a, RowResult) and a[0] not in fixed]
        numbers = [a[0] for a in asked]
        matched = dict(zip(numbers, matcher.match_sheet([a[2] for a in asked]), strict=True))
        for item in answered:
            if isinstance(item, RowResult):
                rows.append(item)
                continue
            number, cells, text, status = item
            get = getter(cells, cols)
            if number in fixed:
                targets = fixed[number]
                ids = [] if targets is None else [targets] if isinstance(targets, str) else targets
                candidates = [Candidate(c, 1.0) for c in ids]
                decision: Decision = "imported" if ids else "unmatched"
                confidence: float | None = 1.0 if ids else None
            else:
                candidates = [
                    c if c.better is None else replace(c, better=numbers[c.better])
                    for c in matched[number]
                ]
                decision = decide(candidates, threshold)  # type: ignore[assignment]
                ids = [candidates[0].control] if decision == "imported" else []
                confidence = candidates[0].confidence if candidates else None
            control = ids[0] if ids else None
            comment = cell_text(get("comment"))
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
                        comment=comment,
                    )
                )
                continue
            values: dict[str, Any] = {}
            problem = None
            row_cols = dict(cols)
            if status == "na" and not cell_text(get("justification")) and "comment" in cols:
                row_cols["justification"] = cols["comment"]  # the comment says why
            get_row = getter(cells, row_cols)
            for cid in ids:
                values, problem = answer_fields(get_row, status, cid, catalog, own=False)
                if problem is not None:
                    break
            if problem is not None and problem.key in _REVIEW_INSTEAD:
                # The sheet is someone else's: its "n/a" goes to review, where the reviewer
                # gives the justification or another status, instead of failing the import.
                why = Message(_REVIEW_INSTEAD[problem.key], control=problem.params["control"])
                review = RowResult(
                    sheet.name, number, text, status, "review", None, confidence, candidates, why
                )
                review.comment = comment
                rows.append(review)
                continue
            if problem is not None:
                rows.append(error_row(sheet.name, number, text, problem, status))
                continue
            if comment and "note" not in values:
                values["note"] = comment
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
    return Questionnaire(file, "foreign", catalog, resolve_conflicts(rows), notices)
