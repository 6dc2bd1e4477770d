"""The import command's library side: read, merge into existing answers, write atomically.

Nothing is written when any row has an error or when ``--into`` meets a differing answer
without ``--prefer``; with ``dry_run`` nothing is written at all.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from assess.errors import InputError, Problem
from assess.exchange.columns import COLUMNS
from assess.exchange.importer import IMPORT_FORMAT, Questionnaire, RowResult, read_questionnaire
from assess.exchange.matcher import Candidate
from assess.exchange.messages import Message
from assess.models.answers import Answer, Assessment, CatalogPin
from assess.models.base import Lang
from assess.models.catalog import Catalog

Prefer = Literal["imported", "existing"]

_LABELS = {
    "de": {
        "title": "Import von {file} ({kind}, {pin})",
        "own": "eigener Export",
        "review": "Prüfliste",
        "foreign": "fremder Fragebogen",
        "answers": "Antwortdatei",
        "counts": "übernommen {imported} · zur Prüfung {review} · nicht zuordenbar {unmatched} · "
        "Konflikte {conflicts} · Fehler {errors}",
        "errors": "Fehler",
        "review_list": "Zur Prüfung",
        "unmatched_list": "Nicht im Katalog",
        "conflict_list": "Konflikte",
        "merge": "Abweichend von {into}",
        "existing": "bisher",
        "imported": "importiert",
        "notices": "Hinweise",
        "row": "Zeile",
        "better": "; Zeile {row} passt besser",
        "dry": "Probelauf: nichts geschrieben.",
        "nothing": "Nichts geschrieben.",
    },
    "en": {
        "title": "Import of {file} ({kind}, {pin})",
        "own": "own export",
        "review": "review sheet",
        "foreign": "foreign questionnaire",
        "answers": "answers file",
        "counts": "imported {imported} · review {review} · unmatched {unmatched} · "
        "conflicts {conflicts} · errors {errors}",
        "errors": "Errors",
        "review_list": "To review",
        "unmatched_list": "Not in the catalog",
        "conflict_list": "Conflicts",
        "merge": "Differing from {into}",
        "existing": "existing",
        "imported": "imported",
        "notices": "Notices",
        "row": "row",
        "better": "; row {row} fits better",
        "dry": "Dry run: nothing written.",
        "nothing": "Nothing written.",
    },
}


@dataclass(frozen=True)
class MergeConflict:
    """An imported answer that differs from the one already in the ``--into`` file."""

    control: str
    existing: Answer
    imported: Answer

    def describe(self, lang: Lang = "en", catalog: Catalog | None = None) -> str:
        words = _LABELS[lang]
        source = self.imported.source
        where = source.describe(lang) if source else words["imported"]
        return (
            f"{self.control}: {words['existing']} {_summary(self.existing, lang, catalog)} ≠ "
            f"{words['imported']} {_summary(self.imported, lang, catalog)} ({where})"
        )


def _candidate(c: Candidate, lang: Lang) -> str:
    """A review candidate with its confidence and what it matched on."""
    from assess.i18n import number

    terms = ", ".join(c.terms[:3])
    return (
        f"{c.control} ({number(c.confidence, lang, 2)}{': ' + terms if terms else ''}"
        f"{_better(c, lang)})"
    )


def _better(c: Candidate, lang: Lang) -> str:
    """Why a candidate counts with a reduced score: another row of the sheet points at it more
    clearly."""
    return "" if c.better is None else _LABELS[lang]["better"].format(row=c.better)


# The answer's fields by their column headers in German; "reviewed" has no column.
_FIELDS_DE = {c.key: c.de for c in COLUMNS} | {
    "justification": "Begründung",
    "reviewed": "bestätigt",
}


def _summary(answer: Answer, lang: Lang = "en", catalog: Catalog | None = None) -> str:
    data = answer.model_dump(exclude_none=True, exclude={"source", "updated"})
    if lang == "en":
        return ", ".join(f"{k}={v}" for k, v in data.items())
    from assess.i18n import date

    def value(key: str, v: Any) -> str:
        status = catalog.resolve_status(str(v)) if key == "status" and catalog else None
        if status is not None and catalog is not None:
            return f"„{catalog.status(status).label.get(lang)}“"
        if isinstance(v, dt.date):
            return date(v, lang)
        if isinstance(v, bool):
            return "ja" if v else "nein"
        return f"„{v}“"

    return ", ".join(f"{_FIELDS_DE.get(k, k)} {value(k, v)}" for k, v in data.items())


def _same(a: Answer, b: Answer) -> bool:
    skip = {"source", "updated"}
    return a.model_dump(exclude=skip) == b.model_dump(exclude=skip)


@dataclass
class ImportReport:
    """What an import found and did."""

    questionnaire: Questionnaire
    into: Path | None = None
    prefer: Prefer | None = None
    merge_conflicts: list[MergeConflict] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    dry_run: bool = False

    @property
    def failed(self) -> bool:
        return self.questionnaire.count("error") > 0 or (
            bool(self.merge_conflicts) and self.prefer is None
        )

    def counts(self) -> dict[str, int]:
        q = self.questionnaire
        return {
            "imported": q.count("imported"),
            "review": q.count("review"),
            "unmatched": q.count("unmatched"),
            "conflicts": q.count("conflict"),
            "errors": q.count("error"),
        }

    def as_json(self) -> dict[str, Any]:
        q = self.questionnaire
        return {
            "format": IMPORT_FORMAT,
            "source": {"file": q.file, "kind": q.kind, "catalog": q.catalog.pin},
            "rows": [r.as_json() for r in q.rows],
            **self.counts(),
            "notices": q.notices,
            "merge_conflicts": [
                {
                    "control": m.control,
                    "existing": m.existing.model_dump(mode="json", exclude_none=True),
                    "imported": m.imported.model_dump(mode="json", exclude_none=True),
                }
                for m in self.merge_conflicts
            ],
            "prefer": self.prefer,
            "written": [str(p) for p in self.written],
        }

    def as_text(self, lang: Lang) -> str:
        words = _LABELS[lang]
        q = self.questionnaire
        out = [
            words["title"].format(file=q.file, kind=words[q.kind], pin=q.catalog.pin),
            "  " + words["counts"].format(**self.counts()),
        ]

        def section(title: str, lines: list[str]) -> None:
            if lines:
                out.extend(["", f"{title}:", *[f"  {line}" for line in lines]])

        def place(r: RowResult) -> str:
            return r.place(q.file, lang)

        def say(message: Message | None) -> str:
            return message.text(lang, q.catalog) if message is not None else ""

        # The notices explain the whole import (where the answers were taken from, what
        # was skipped): right below the counts.
        section(words["notices"], [say(n) for n in q.notices])
        section(
            words["errors"],
            [f"{place(r)}: {say(r.message)}" for r in q.rows if r.decision == "error"],
        )
        section(
            words["review_list"],
            [
                f"{place(r)}: „{_short(r.text)}“ → "
                + ", ".join(_candidate(c, lang) for c in r.candidates)
                + (f" – {say(r.message)}" if r.message else "")
                for r in q.rows
                if r.decision == "review"
            ],
        )
        section(
            words["unmatched_list"],
            [f"{place(r)}: „{_short(r.text)}“" for r in q.rows if r.decision == "unmatched"],
        )
        section(
            words["conflict_list"],
            [f"{place(r)}: {say(r.message)}" for r in q.rows if r.decision == "conflict"],
        )
        section(
            words["merge"].format(into=self.into),
            [m.describe(lang, q.catalog) for m in self.merge_conflicts],
        )
        out.append("")
        if self.dry_run:
            out.append(words["dry"])
        elif not self.written:
            out.append(words["nothing"])
        out += [f"→ {p}" for p in self.written]
        return "\n".join(out) + "\n"


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class _NoAliases(yaml.SafeDumper):
    """Writes a repeated value out again: our loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def answers_yaml(assessment: Assessment, comment: str) -> str:
    """An answers file as YAML, emitted (never formatted by hand), answers in catalog order."""
    data: dict[str, Any] = {"catalog": str(assessment.catalog)}
    if assessment.profile is not None:
        data["profile"] = assessment.profile
    data["date"] = assessment.date
    data["assessor"] = assessment.assessor
    data["answers"] = {
        cid: a.model_dump(exclude_none=True) for cid, a in assessment.answers.items()
    }
    body = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=math.inf)
    lines = [f"# {line}" for line in comment.splitlines()]
    return "\n".join(lines) + "\n" + body


def import_questionnaire(
    path: Path,
    *,
    mapping: Path | None = None,
    profile: str | None = None,
    catalog: str | None = None,
    into: Path | None = None,
    prefer: Prefer | None = None,
    output: Path | None = None,
    dry_run: bool = False,
    review_out: Path | None = None,
    lang: Lang = "de",
) -> ImportReport:
    """Import ``path``; merge into ``into``; write ``output`` (default: ``into``) unless there
    are errors or unresolved differences, or ``dry_run``."""
    from assess.api import load_catalog, profile_ref
    from assess.clock import now, today
    from assess.exchange.mapping import load_mapping
    from assess.output import write_atomic
    from assess.validate import Locator, check_answers, parse_model

    if output is None and into is None and not dry_run:
        raise InputError(
            [
                Problem(
                    str(path),
                    "no place to write the answers",
                    fix="give -o ANSWERS.yaml or --into ANSWERS.yaml (or --dry-run to only check)",
                )
            ]
        )
    rules = load_mapping(mapping) if mapping is not None else None
    cat = load_catalog(catalog) if catalog is not None else None
    q = read_questionnaire(path, cat, rules)
    report = ImportReport(q, into=into, prefer=prefer, dry_run=dry_run)
    imported = q.answers()

    existing: Assessment | None = None
    if into is not None and into.exists():
        from assess.load import load_yaml_file

        data, text = load_yaml_file(into)
        existing = parse_model(Assessment, data, Locator(str(into), text, data))
        if str(existing.catalog) != q.catalog.pin:
            raise InputError(
                [
                    Problem(
                        str(into),
                        f"the answers are for {existing.catalog} but {path.name} is for "
                        f"{q.catalog.pin}",
                        fix="merge into answers of the same catalog version",
                    )
                ]
            )
    answers: dict[str, Answer] = dict(existing.answers) if existing else {}
    for cid, new in imported.items():
        old = answers.get(cid)
        if old is None or _same(old, new):
            answers[cid] = new if old is None else old
            continue
        report.merge_conflicts.append(MergeConflict(cid, old, new))
        if prefer == "imported":
            answers[cid] = new
    order = {c.id: i for i, c in enumerate(q.catalog.controls)}
    answers = dict(sorted(answers.items(), key=lambda item: order.get(item[0], len(order))))

    target = output or into
    target_dir = target.parent if target is not None else Path.cwd()
    if profile is not None:
        ref: str | None = profile_ref(profile, None, target_dir)
    elif existing is not None:
        ref = existing.profile
    elif q.profile_ref:
        ref = profile_ref(q.profile_ref, path.parent, target_dir)
    else:
        ref = None
    assessment = Assessment(
        catalog=CatalogPin(id=q.catalog.id, version=q.catalog.version),
        profile=ref,
        date=existing.date if existing else today(),
        assessor=existing.assessor if existing else (q.assessor or f"Import {q.file}"),
        answers=answers,
    )
    problems = check_answers(assessment, q.catalog, Locator(str(target or path), None, None))
    if problems:
        raise InputError(problems)
    if report.failed or dry_run:
        return report
    assert target is not None
    reviews = [r for r in q.rows if r.decision == "review"]
    if review_out is not None and reviews:
        write_atomic(review_out, _review_sheet(q, reviews, lang, now()))
        report.written.append(review_out)
    comment = f"Answers imported by assess from {q.file} ({q.kind}), {today().isoformat()}"
    write_atomic(target, answers_yaml(assessment, comment))
    report.written.insert(0, target)
    return report


def _review_sheet(
    q: Questionnaire, reviews: list[RowResult], lang: Lang, stamp: dt.datetime
) -> bytes:
    from assess.exchange.xlsx import ReviewLine, review_xlsx
    from assess.i18n import number

    none = "— keine —" if lang == "de" else "— none —"
    lines = []
    for r in reviews:
        choices = [
            f"{c.control} {q.catalog.controls_by_id[c.control].title.get(lang)}"
            for c in r.candidates
        ]
        label = q.catalog.status(r.status).label.get(lang) if r.status else ""
        suggestions = "\n".join(
            f"{c.control} ({number(c.confidence, lang, 2)}{_better(c, lang)})" for c in r.candidates
        )
        why = r.comment if r.status == "na" else ""  # a foreign sheet's comment says why
        lines.append(
            ReviewLine(r.sheet, r.row, r.text, label, [*choices, none], suggestions, why, r.comment)
        )
    return review_xlsx(lines, q.file, q.catalog.pin, lang, stamp)
