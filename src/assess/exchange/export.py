"""``assess questionnaire export``: one function that builds the questionnaire and writes it in
the format the output file's suffix names."""

from __future__ import annotations

from pathlib import Path

from assess.errors import InputError, Problem
from assess.exchange.csvio import Dialect
from assess.exchange.questionnaire import Questionnaire, build_questionnaire
from assess.models.base import Lang

SUFFIXES = (".xlsx", ".csv", ".html")


def questionnaire_format(output: Path) -> str:
    """``xlsx``, ``csv`` or ``html`` from the suffix of ``output``; anything else is an error."""
    suffix = output.suffix.lower()
    if suffix in SUFFIXES:
        return suffix[1:]
    raise InputError(
        [
            Problem(
                str(output),
                f"cannot write a questionnaire as {suffix or 'a file without suffix'}",
                fix=f"name the output {', '.join('FILE' + s for s in SUFFIXES)}",
            )
        ]
    )


def render_questionnaire(q: Questionnaire, fmt: str, dialect: Dialect = "excel-de") -> bytes:
    """The questionnaire's bytes in ``fmt`` (the one place that dispatches on the format)."""
    if fmt == "xlsx":
        from assess.clock import now
        from assess.exchange.xlsx import questionnaire_xlsx

        return questionnaire_xlsx(q, now())
    if fmt == "csv":
        from assess.exchange.csvio import questionnaire_csv

        return questionnaire_csv(q, dialect)
    raise ValueError(f"unknown questionnaire format {fmt!r}")


def export_questionnaire(
    output: Path,
    profile: str | None,
    previous: Path | None,
    catalog: str | Path | None,
    lang: Lang,
    dialect: Dialect = "excel-de",
) -> None:
    """Build the questionnaire and write it atomically to ``output`` in the format its suffix
    names: the workbook or csv for auditors, or the offline HTML form (exchange.htmlform)."""
    from assess.api import (
        load_assessment,
        load_catalog,
        load_profile,
        profile_ref,
        questionnaire_form,
    )
    from assess.clock import today
    from assess.output import write_atomic

    fmt = questionnaire_format(output)
    if fmt == "html":
        write_atomic(output, questionnaire_form(profile, previous, lang, output, catalog))
        return
    old = prof = ref = None
    if previous is not None:
        old, cat, prof = load_assessment(previous, None, profile)
        if catalog is not None:
            cat = load_catalog(catalog)
        if profile is None and old.profile is not None:
            ref = profile_ref(old.profile, previous.parent, output.parent)
    else:
        cat = load_catalog(catalog or "acs-it-notfall")
    if profile is not None:
        prof = load_profile(profile)
        ref = profile_ref(profile, None, output.parent)
    q = build_questionnaire(cat, today(), lang, prof, ref, old)
    write_atomic(output, render_questionnaire(q, fmt, dialect))
