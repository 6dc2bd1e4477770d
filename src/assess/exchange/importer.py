"""``assess questionnaire import``: answers from a filled-in questionnaire.

Three kinds of input are told apart by their content: our own exports (matched by control id,
exactly), our review sheets (the reviewer's choice decides) and foreign questionnaires (header
row and columns found from header words or a mapping, rows matched by :mod:`matcher`). Our own
answers files (yaml/json) are read too, so that one assessment can be merged into another.

Nothing here guesses silently: every row ends as imported, review, unmatched, conflict or
error, and says why.
"""

from __future__ import annotations

from pathlib import Path

from assess.errors import InputError, Problem
from assess.exchange.columns import FORMAT, META_SHEET, REVIEW_FORMAT
from assess.exchange.foreign import read_foreign
from assess.exchange.mapping import Mapping
from assess.exchange.matcher import Matcher
from assess.exchange.own import is_own_csv, read_meta, read_own, read_review
from assess.exchange.rows import IMPORT_FORMAT, Questionnaire, RowResult
from assess.exchange.tables import Cell, read_csv, read_xlsx
from assess.exchange.vocabulary import Vocabulary
from assess.models.answers import AnswerSource
from assess.models.catalog import Catalog

__all__ = ["IMPORT_FORMAT", "Questionnaire", "RowResult", "read_questionnaire"]


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
    info = read_meta(meta) if meta is not None else {}
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
        return read_own(path, sheets, meta, info, cat, vocabulary)
    if info.get("format") == REVIEW_FORMAT:
        return read_review(path, sheets, info, cat, vocabulary)
    if meta is None and len(sheets) == 1 and is_own_csv(sheets[0], cat):
        return read_own(path, sheets, None, info, cat, vocabulary)
    return read_foreign(path, sheets, cat, vocabulary, mapping, matcher)


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
