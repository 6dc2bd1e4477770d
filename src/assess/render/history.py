"""The history of one company's assessments and the comparison of two: text, JSON, markdown."""

from __future__ import annotations

import json
from dataclasses import asdict

from assess.history import CompareView, ControlChange, HistoryView, YearView
from assess.i18n import percent
from assess.models.base import Lang
from assess.render import Format
from assess.render.markdown import _cell, _row
from assess.render.safe import printable

_TEXTS: dict[str, tuple[str, str]] = {
    "history": ("Verlauf", "History"),
    "compare": ("Vergleich", "Comparison"),
    "catalog": (
        "Alle Bewertungen bewertet mit Katalog {catalog}, Revision {revision}",
        "Every assessment scored with catalog {catalog}, revision {revision}",
    ),
    "date": ("Datum", "Date"),
    "score": ("Umsetzungsgrad", "Score"),
    "level": ("Reifegrad", "Level"),
    "critical": ("Krit. Lücken", "Critical gaps"),
    "not_reviewed": ("Ungeprüft", "Not reviewed"),
    "phases": ("Phasen", "Phases"),
    "step": ("{before} → {after}", "{before} → {after}"),
    "improved": ("verbessert", "improved"),
    "regressed": ("verschlechtert", "regressed"),
    "applicability": ("Anwendbarkeit geändert", "applicability changed"),
    "same": ("unverändert", "unchanged"),
    "none": ("keine", "none"),
    "inherited": (
        "{file}: Antworten zu abgelösten Maßnahmen gelten für ihre Nachfolger: {ids}",
        "{file}: answers to retired controls stand in for their successors: {ids}",
    ),
    "control": ("Maßnahme", "Control"),
    "before": ("Vorher", "Before"),
    "after": ("Nachher", "After"),
    "change": ("Änderung", "Change"),
    "overall": ("Gesamt", "Overall"),
}
_MARK = {"improved": "+", "regressed": "−", "applicability": "~", "same": "="}


def _t(key: str, lang: Lang, **values: object) -> str:
    de, en = _TEXTS[key]
    return (de if lang == "de" else en).format(**values)


def _signed(value: float | None, lang: Lang) -> str:
    if value is None:
        return "–"
    text = percent(abs(value), lang).replace(" %", "").replace("%", "")
    unit = "Pp." if lang == "de" else "pp"
    return f"{'+' if value > 0 else '−' if value < 0 else '±'}{text} {unit}"


def _change(c: ControlChange) -> str:
    return f"{c.id} {c.title}: {c.before_label} → {c.after_label}"


def _year_cells(y: YearView, lang: Lang) -> list[str]:
    return [
        y.date_label,
        percent(y.overall, lang),
        f"{y.level} {y.level_name}",
        *[percent(p.percent, lang) for p in y.phases],
        str(len(y.critical_gaps)),
        str(len(y.not_reviewed)),
    ]


def _year_heads(view_years: list[YearView], lang: Lang) -> list[str]:
    phases = view_years[0].phases
    return [
        _t("date", lang),
        _t("score", lang),
        _t("level", lang),
        *[p.prefix for p in phases],
        _t("critical", lang),
        _t("not_reviewed", lang),
    ]


def _legend(years: list[YearView]) -> str:
    return " · ".join(f"{p.prefix} = {p.title}" for p in years[0].phases)


def _table(heads: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]
    lines = []
    for row in [heads, *rows]:
        cells = [
            row[0].ljust(widths[0]),
            *[c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)],
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def _inherited(years: list[YearView], lang: Lang) -> list[str]:
    return [
        _t("inherited", lang, file=y.file, ids=", ".join(y.inherited)) for y in years if y.inherited
    ]


def history_text(view: HistoryView) -> str:
    lang = view.lang
    lines = [
        f"{_t('history', lang)} – {view.company}",
        _t("catalog", lang, catalog=view.catalog, revision=view.revision),
        "",
        *_table(_year_heads(view.years, lang), [_year_cells(y, lang) for y in view.years]),
        "",
        _legend(view.years),
    ]
    for step in view.steps:
        lines += ["", _t("step", lang, before=step.before, after=step.after) + ":"]
        for kind, items in (("improved", step.improved), ("regressed", step.regressed)):
            lines.append(
                f"  {_t(kind, lang)} ({len(items)}):" + ("" if items else f" {_t('none', lang)}")
            )
            lines += [f"    {_MARK[kind]} {_change(c)}" for c in items]
    lines += ["", *_inherited(view.years, lang)] if any(y.inherited for y in view.years) else []
    return printable("\n".join(lines) + "\n")


def history_markdown(view: HistoryView) -> str:
    lang = view.lang
    heads = _year_heads(view.years, lang)
    out = [
        f"# {_t('history', lang)} – {_cell(view.company)}",
        "",
        _t("catalog", lang, catalog=f"`{view.catalog}`", revision=view.revision),
        "",
        _row(heads),
        _row(["---", *["---:"] * (len(heads) - 1)]),
        *[_row(_year_cells(y, lang)) for y in view.years],
        "",
        _cell(_legend(view.years)),
    ]
    for step in view.steps:
        out += ["", f"## {_t('step', lang, before=step.before, after=step.after)}", ""]
        for kind, items in (("improved", step.improved), ("regressed", step.regressed)):
            out.append(
                f"**{_t(kind, lang)} ({len(items)})**" + ("" if items else f": {_t('none', lang)}")
            )
            out += ["", *[f"- {_cell(_change(c))}" for c in items], ""] if items else [""]
    out += [f"- {_cell(d)}" for d in _inherited(view.years, lang)]
    return printable("\n".join(out).rstrip("\n") + "\n")


def _score_rows(view: CompareView, lang: Lang) -> list[list[str]]:
    old_phases = {p.id: p.percent for p in view.old.phases}
    rows = [
        [
            _t("overall", lang),
            percent(view.old.overall, lang),
            percent(view.new.overall, lang),
            _signed(view.overall_delta, lang),
        ],
        [
            _t("level", lang),
            str(view.old.level),
            str(view.new.level),
            f"{view.new.level - view.old.level:+d}",
        ],
    ]
    rows += [
        [
            p.title,
            percent(old_phases.get(p.id), lang),
            percent(p.percent, lang),
            _signed(view.phase_deltas[p.id], lang),
        ]
        for p in view.new.phases
    ]
    return rows


def compare_text(view: CompareView) -> str:
    lang = view.lang
    heads = ["", view.old.date_label, view.new.date_label, _t("change", lang)]
    lines = [
        f"{_t('compare', lang)} – {view.company}: {view.old.file} → {view.new.file}",
        _t("catalog", lang, catalog=view.catalog, revision=view.revision),
        "",
        *_table(heads, _score_rows(view, lang)),
        "",
    ]
    counts = {k: sum(1 for c in view.controls if c.change == k) for k in _MARK}
    lines += [" · ".join(f"{_MARK[k]} {_t(k, lang)} {n}" for k, n in counts.items()), ""]
    lines += [f"{_MARK[c.change]} {_change(c)}" for c in view.controls if c.change != "same"]
    same = [c.id for c in view.controls if c.change == "same"]
    if same:
        lines += ["", f"{_MARK['same']} {_t('same', lang)}: {', '.join(same)}"]
    lines += (
        ["", *_inherited([view.old, view.new], lang)]
        if view.old.inherited or view.new.inherited
        else []
    )
    return printable("\n".join(lines) + "\n")


def compare_markdown(view: CompareView) -> str:
    lang = view.lang
    heads = ["", view.old.date_label, view.new.date_label, _t("change", lang)]
    out = [
        f"# {_t('compare', lang)} – {_cell(view.company)}",
        "",
        f"{_cell(view.old.file)} → {_cell(view.new.file)}; "
        + _t("catalog", lang, catalog=f"`{view.catalog}`", revision=view.revision),
        "",
        _row(heads),
        _row(["---", "---:", "---:", "---:"]),
        *[_row([_cell(c) for c in row]) for row in _score_rows(view, lang)],
        "",
        _row([_t("control", lang), _t("before", lang), _t("after", lang), _t("change", lang)]),
        _row(["---", "---", "---", "---"]),
        *[
            _row(
                [
                    f"{c.id} {_cell(c.title)}",
                    c.before_label,
                    c.after_label,
                    f"{_MARK[c.change]} {_t(c.change, lang)}",
                ]
            )
            for c in view.controls
        ],
    ]
    out += (
        ["", *[f"- {_cell(d)}" for d in _inherited([view.old, view.new], lang)]]
        if view.old.inherited or view.new.inherited
        else []
    )
    return printable("\n".join(out) + "\n")


def render_history(view: HistoryView, fmt: Format) -> str:
    if fmt is Format.JSON:
        return json.dumps(asdict(view), ensure_ascii=False, indent=2) + "\n"
    return history_text(view) if fmt is Format.TEXT else history_markdown(view)


def render_compare(view: CompareView, fmt: Format) -> str:
    if fmt is Format.JSON:
        return json.dumps(asdict(view), ensure_ascii=False, indent=2) + "\n"
    return compare_text(view) if fmt is Format.TEXT else compare_markdown(view)
