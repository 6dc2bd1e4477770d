"""The portfolio summary as CSV, JSON, xlsx and HTML.

CSV and JSON are for machines: stable English keys, ISO dates, numbers with a decimal point.
xlsx and HTML are for people: German or English labels, German dates in German.
Text from the input files never acts: CSV cells that a spreadsheet would read as a formula get a
leading apostrophe, xlsx cells hold text as text (never a formula), HTML is autoescaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from assess.batch import SCORE_BINS, Company, Group, Portfolio
from assess.exchange.columns import neutralise
from assess.i18n import date as format_date
from assess.i18n import number
from assess.models.base import Lang

SCHEMA = "assess.portfolio/1"


class Format(StrEnum):
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    HTML = "html"


LABELS: dict[str, tuple[str, str]] = {
    "title": ("Portfolio: IT-Notfall-Readiness", "Portfolio: IT emergency readiness"),
    "as_of": ("Stand", "As of"),
    "file": ("Datei", "File"),
    "company": ("Unternehmen", "Company"),
    "land": ("Land", "Land"),
    "size": ("Beschäftigte", "Employees"),
    "sector": ("Branche", "Sector"),
    "date": ("Datum", "Date"),
    "catalog": ("Katalog", "Catalog"),
    "level": ("Reifegrad", "Maturity level"),
    "score": ("Umsetzungsgrad %", "Implementation score %"),
    "critical": ("Kritische Lücken", "Critical gaps"),
    "top_item": ("Nächster Schritt", "Next step"),
    "stale": ("Ungeprüft übernommen", "Not reviewed"),
    "due": ("Nächste Prüfung fällig", "Next check due"),
    "previous": ("Vorherige Bewertung", "Previous assessment"),
    "change": ("Veränderung (Punkte)", "Change (points)"),
    "level_change": ("Veränderung Reifegrad", "Level change"),
    "overdue": ("Überfällig", "Overdue"),
    "regressed": ("Verschlechtert", "Regressed"),
    "yes": ("ja", "yes"),
    "companies": ("Unternehmen", "Companies"),
    "files": ("Antwortdateien gelesen", "Answers files read"),
    "unreadable": ("Nicht lesbare Dateien", "Unreadable files"),
    "problems": ("Probleme", "Problems"),
    "levels": ("Verteilung der Reifegrade", "Maturity levels"),
    "scores": ("Verteilung des Umsetzungsgrads", "Implementation scores"),
    "no_score": ("ohne anwendbare Maßnahme", "nothing applicable"),
    "top_gaps": ("Häufigste kritische Lücken", "Most common critical gaps"),
    "control": ("Maßnahme", "Control"),
    "overdue_list": (
        "Überfällig (letzte Bewertung älter als 12 Monate)",
        "Overdue (last assessment more than 12 months ago)",
    ),
    "regressed_list": ("Verschlechtert seit der vorherigen Bewertung", "Regressed since last time"),
    "by_sector": ("Nach Branche", "By sector"),
    "by_size": ("Nach Größe (Beschäftigte)", "By size (employees)"),
    "by_land": ("Nach Land", "By Land"),
    "group": ("Gruppe", "Group"),
    "mean_score": ("Ø Umsetzungsgrad %", "Mean score %"),
    "with_critical": ("mit kritischen Lücken", "with critical gaps"),
    "level_n": ("Reifegrad {0}", "Level {0}"),
    "none": ("keine", "none"),
}


def label(key: str, lang: Lang) -> str:
    de, en = LABELS[key]
    return de if lang == "de" else en


@dataclass(frozen=True)
class Names:
    """Titles of controls and phases from the catalogs the portfolio uses."""

    controls: dict[str, str]
    phases: dict[str, str]
    phase_order: list[str]

    @classmethod
    def load(cls, pins: list[str], lang: Lang) -> Names:
        from assess.api import load_catalog
        from assess.errors import AssessError

        controls: dict[str, str] = {}
        phases: dict[str, str] = {}
        for pin in pins:
            try:
                catalog = load_catalog(pin)
            except AssessError:  # the rows were read with it, so this is unlikely: ids stay
                continue
            for control in catalog.controls:
                controls.setdefault(control.id, control.title.get(lang))
            for phase in catalog.phases:
                phases.setdefault(phase.id, phase.title.get(lang))
        return cls(controls, phases, list(phases))


def _phase_ids(portfolio: Portfolio, names: Names) -> list[str]:
    seen = dict.fromkeys(p for c in portfolio.companies for p, _ in c.row.phases)
    return [p for p in names.phase_order if p in seen] + [p for p in seen if p not in names.phases]


def _num(value: float | None) -> float | str:
    return "" if value is None else round(value, 1)


# --- machine formats -------------------------------------------------------------------------


def _record(c: Company, phase_ids: list[str]) -> dict[str, Any]:
    r = c.row
    phases = dict(r.phases)
    return {
        "file": r.file,
        "company": r.name,
        "land": r.land,
        "employees": r.employees,
        "size": r.size,
        "sector": r.sector,
        "date": r.date.isoformat(),
        "catalog": r.catalog,
        "level": r.level,
        "score": r.score,
        "phases": {p: phases.get(p) for p in phase_ids},
        "critical_gaps": list(r.critical),
        "top_item": r.top_item,
        "stale_answers": r.stale,
        "next_check_due": r.due.isoformat(),
        "previous_date": c.previous.date.isoformat() if c.previous else None,
        "score_change": c.change,
        "level_change": c.level_change,
        "overdue": c.overdue,
        "regressed": c.regressed,
    }


def render_csv(portfolio: Portfolio, names: Names) -> str:
    """One row per company (or per file with --all); the aggregates are in json, xlsx, html."""
    phase_ids = _phase_ids(portfolio, names)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = ["file", "company", "land", "employees", "size", "sector", "date", "catalog", "level"]
    head += ["score", *(f"score_{p}" for p in phase_ids), "critical_gaps", "top_item"]
    head += ["stale_answers", "next_check_due", "previous_date", "score_change", "level_change"]
    writer.writerow([*head, "overdue", "regressed"])
    for c in portfolio.companies:
        rec = _record(c, phase_ids)
        cells: list[object] = [rec[k] for k in head[:9]]
        cells += [_num(rec["score"]), *(_num(rec["phases"][p]) for p in phase_ids)]
        cells += [" ".join(rec["critical_gaps"]), rec["top_item"] or ""]
        cells += [rec["stale_answers"], rec["next_check_due"], rec["previous_date"] or ""]
        cells += [_num(rec["score_change"]), "" if c.level_change is None else c.level_change]
        cells += [str(c.overdue).lower(), str(c.regressed).lower()]
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in cells])
    return out.getvalue()


def _group(g: Group) -> dict[str, Any]:
    return {
        "group": g.key,
        "companies": g.count,
        "mean_score": g.mean_score,
        "levels": {str(k): v for k, v in g.levels.items()},
        "with_critical_gaps": g.with_critical,
        "overdue": g.overdue,
        "regressed": g.regressed,
    }


def to_data(portfolio: Portfolio, names: Names) -> dict[str, Any]:
    """The whole summary as plain data (the JSON output)."""
    phase_ids = _phase_ids(portfolio, names)
    width = 100 // SCORE_BINS
    return {
        "schema": SCHEMA,
        "today": portfolio.today.isoformat(),
        "files_read": portfolio.files,
        "catalogs": portfolio.catalogs,
        "companies": [_record(c, phase_ids) for c in portfolio.companies],
        "unreadable": [
            {"file": f.file, "problems": list(f.problems)} for f in portfolio.unreadable
        ],
        "portfolio": {
            "companies": sum(portfolio.levels.values()),
            "levels": {str(k): v for k, v in portfolio.levels.items()},
            "scores": [
                {"from": i * width, "to": (i + 1) * width, "companies": n}
                for i, n in enumerate(portfolio.scores)
            ],
            "no_score": portfolio.no_score,
            "top_critical_gaps": [
                {"control": cid, "title": names.controls.get(cid, cid), "companies": n}
                for cid, n in portfolio.top_gaps
            ],
            "overdue": [c.row.file for c in portfolio.overdue],
            "regressed": [c.row.file for c in portfolio.regressed],
            "by_sector": [_group(g) for g in portfolio.by_sector],
            "by_size": [_group(g) for g in portfolio.by_size],
            "by_land": [_group(g) for g in portfolio.by_land],
        },
    }


def render_json(portfolio: Portfolio, names: Names) -> str:
    return json.dumps(to_data(portfolio, names), ensure_ascii=False, indent=2) + "\n"


# --- documents for people ---------------------------------------------------------------------


def _table(portfolio: Portfolio, names: Names, lang: Lang) -> tuple[list[str], list[list[Any]]]:
    """The company table with labels, values typed (numbers, dates, texts)."""
    phase_ids = _phase_ids(portfolio, names)
    keys = ["company", "land", "size", "sector", "date", "level", "score"]
    head = [label(k, lang) for k in keys]
    head += [f"{names.phases.get(p, p)} %" for p in phase_ids]
    tail = ["critical", "top_item", "stale", "due", "previous", "change", "level_change"]
    head += [label(k, lang) for k in [*tail, "overdue", "regressed", "file"]]
    yes = label("yes", lang)
    rows = []
    for c in portfolio.companies:
        r = c.row
        phases = dict(r.phases)
        top = f"{r.top_item} {names.controls.get(r.top_item, '')}".strip() if r.top_item else ""
        rows.append(
            [r.name, r.land, r.employees, r.sector, r.date, r.level, r.score]
            + [phases.get(p) for p in phase_ids]
            + [", ".join(r.critical), top, r.stale, r.due]
            + [c.previous.date if c.previous else None, c.change, c.level_change]
            + [yes if c.overdue else "", yes if c.regressed else "", r.file]
        )
    return head, rows


def _group_table(groups: list[Group], levels: list[int], lang: Lang) -> list[list[Any]]:
    head = [label("group", lang), label("companies", lang), label("mean_score", lang)]
    head += [label("level_n", lang).format(n) for n in levels]
    head += [label(k, lang) for k in ("with_critical", "overdue", "regressed")]
    body: list[list[Any]] = [head]
    for g in groups:
        body.append(
            [g.key, g.count, g.mean_score]
            + [g.levels.get(n, 0) for n in levels]
            + [g.with_critical, g.overdue, g.regressed]
        )
    return body


def _all_levels(portfolio: Portfolio) -> list[int]:
    top = max((c.row.max_level for c in portfolio.companies), default=0)
    return list(range(top + 1))


def render_xlsx(portfolio: Portfolio, names: Names, lang: Lang) -> bytes:
    """A workbook: companies, portfolio figures, the three groupings, unreadable files."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    # Write-only: rows stream to the file, the workbook does not hold every cell.
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    date_format = "DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD"

    def sheet(title: str, rows: list[list[Any]]) -> None:
        ws = book.create_sheet(title[:31])
        ws.freeze_panes = "A2"
        for index, values in enumerate(rows):
            cells = []
            for value in values:
                cell = WriteOnlyCell(ws, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text, even "=…": never a formula
                elif isinstance(value, dt.date):
                    cell.number_format = date_format
                if index == 0:
                    cell.font = bold
                cells.append(cell)
            ws.append(cells)

    head, rows = _table(portfolio, names, lang)
    sheet(label("companies", lang), [head, *rows])
    levels = _all_levels(portfolio)
    summary: list[list[Any]] = [[label("as_of", lang), portfolio.today]]
    summary += [[label("files", lang), portfolio.files]]
    summary += [[label("companies", lang), sum(portfolio.levels.values())], []]
    summary += [[label("levels", lang)]]
    summary += [[label("level_n", lang).format(n), portfolio.levels.get(n, 0)] for n in levels]
    summary += [[], [label("scores", lang)]]
    summary += [[band, n] for band, n in zip(_bands(), portfolio.scores, strict=True)]
    summary += [[label("no_score", lang), portfolio.no_score], [], [label("top_gaps", lang)]]
    summary += [[cid, names.controls.get(cid, ""), n] for cid, n in portfolio.top_gaps]
    summary += [[], [label("overdue_list", lang)]]
    summary += [[c.row.name, c.row.date, c.row.file] for c in portfolio.overdue]
    summary += [[], [label("regressed_list", lang)]]
    summary += [[c.row.name, c.change, c.row.file] for c in portfolio.regressed]
    sheet("Portfolio", summary)
    sheet(label("by_sector", lang), _group_table(portfolio.by_sector, levels, lang))
    sheet(label("by_size", lang), _group_table(portfolio.by_size, levels, lang))
    sheet(label("by_land", lang), _group_table(portfolio.by_land, levels, lang))
    failures = [[label("file", lang), label("problems", lang)]]
    failures += [[f.file, "\n".join(f.problems)] for f in portfolio.unreadable]
    sheet(label("unreadable", lang), failures)
    # The same bytes for the same input: the workbook's dates are the summary's day, the zip
    # entries have one fixed time (the questionnaire export's way of saving).
    from assess.exchange.xlsx import save_workbook

    return save_workbook(book, dt.datetime.combine(portfolio.today, dt.time()))


def _bands() -> list[str]:
    width = 100 // SCORE_BINS
    return [f"{i * width}–{(i + 1) * width} %" for i in range(SCORE_BINS)]


def _bars(items: list[tuple[str, int]], title: str) -> str:
    """A horizontal bar chart as inline SVG; labels and counts as text too."""
    from markupsafe import escape

    row, label_w, bar_w, value_w = 24, 200, 260, 60
    top = max((n for _, n in items), default=0) or 1
    height = row * len(items) + 4
    width = label_w + bar_w + value_w
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (text, n) in enumerate(items):
        y = 2 + i * row
        parts += [
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="12">'
            f"{escape(text)}</text>",
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w * n / top:.1f}" height="{row - 8}" '
            'fill="#0b4f8a"/>',
            f'<text x="{label_w + bar_w + 8}" y="{y + 16}" font-size="12">{n}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def render_html(portfolio: Portfolio, names: Names, lang: Lang) -> str:
    """One self-contained page: figures, charts (inline SVG), groupings and the table."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("assess", "batch_templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )

    def show(value: Any) -> str:
        if value is None:
            return "–"
        if isinstance(value, dt.date):
            return format_date(value, lang)
        if isinstance(value, float):
            return number(value, lang)
        return str(value)

    env.filters["show"] = show
    levels = _all_levels(portfolio)
    level_items = [(label("level_n", lang).format(n), portfolio.levels.get(n, 0)) for n in levels]
    score_items = list(zip(_bands(), portfolio.scores, strict=True))
    head, rows = _table(portfolio, names, lang)
    groups = [
        (label(key, lang), _group_table(getattr(portfolio, key), levels, lang))
        for key in ("by_sector", "by_size", "by_land")
    ]

    def text(key: str) -> str:
        return label(key, lang)

    return env.get_template("portfolio.html").render(
        lang=lang,
        t=text,
        today=portfolio.today,
        files=portfolio.files,
        companies=sum(portfolio.levels.values()),
        level_chart=Markup(_bars(level_items, label("levels", lang))),
        score_chart=Markup(_bars(score_items, label("scores", lang))),
        no_score=portfolio.no_score,
        top_gaps=[(cid, names.controls.get(cid, ""), n) for cid, n in portfolio.top_gaps],
        overdue=portfolio.overdue,
        regressed=portfolio.regressed,
        groups=groups,
        head=head,
        rows=rows,
        unreadable=portfolio.unreadable,
    )


def render(portfolio: Portfolio, fmt: Format, lang: Lang) -> str | bytes:
    """The summary in ``fmt``; xlsx as bytes, the others as text."""
    names = Names.load(portfolio.catalogs, lang)
    if fmt is Format.CSV:
        return render_csv(portfolio, names)
    if fmt is Format.JSON:
        return render_json(portfolio, names)
    if fmt is Format.XLSX:
        return render_xlsx(portfolio, names, lang)
    return render_html(portfolio, names, lang)
