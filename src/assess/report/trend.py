"""The report's history part: a trend chart (score per phase over the years, with the maturity
level as steps below) and the table of the years, from ``assess.history`` views.

Inline SVG as the other charts: no script, colours as attributes, every number also as text
(the table, and the chart's accessible title); each line has its own dash pattern and marker,
so it reads in grey scale too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from assess.history import Scored, StepView, YearView, history_view
from assess.i18n import percent
from assess.models.base import Lang
from assess.report.charts import INK, LINE, TEXT, _num

# One style per phase (and the overall score): colour, dash pattern, marker.
SERIES = [
    ("#0b4f8a", "", "circle"),
    ("#2e7d32", "6 3", "square"),
    ("#b26a00", "2 3", "diamond"),
    ("#6a1b9a", "8 3 2 3", "triangle"),
    ("#00695c", "4 4", "circle"),
]
LEFT, TOP, PLOT_W, PLOT_H = 52, 12, 460, 200
STEP_H = 16  # height of one maturity level in the band below
LEGEND_W = 190


@dataclass(frozen=True)
class TrendContext:
    chart: Markup
    phases: list[str]
    years: list[YearView]
    steps: list[StepView]


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        points = f"{_num(x)},{_num(y - 5)} {_num(x + 5)},{_num(y)} {_num(x)},{_num(y + 5)} "
        points += f"{_num(x - 5)},{_num(y)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "triangle":
        points = f"{_num(x)},{_num(y - 5)} {_num(x + 5)},{_num(y + 4)} {_num(x - 5)},{_num(y + 4)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" fill="{colour}"/>'


def trend_chart(
    years: Sequence[YearView], top_level: int, overall_label: str, level_label: str, lang: Lang
) -> Markup:
    """Score per phase over the assessments (0–100 %), the maturity level as steps below."""
    n = len(years)
    band = STEP_H * (top_level + 1)
    width = LEFT + PLOT_W + 16 + LEGEND_W
    height = TOP + PLOT_H + 34 + band + 10

    def x_at(i: int) -> float:
        return LEFT + (PLOT_W / 2 if n == 1 else PLOT_W * i / (n - 1))

    def y_at(value: float) -> float:
        return TOP + PLOT_H * (1 - value / 100)

    series = [
        (p.title, [y.phases[i].percent for y in years]) for i, p in enumerate(years[0].phases)
    ]
    series.append((overall_label, [y.overall for y in years]))
    summary = "; ".join(
        f"{y.date_label}: {overall_label} {percent(y.overall, lang)}, "
        + ", ".join(f"{p.title} {percent(p.percent, lang)}" for p in y.phases)
        + f", {y.level} {y.level_name}"
        for y in years
    )
    parts = [
        f'<svg class="chart trend" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(summary)}</title>",
    ]
    for tick in range(0, 101, 25):
        y = y_at(tick)
        parts += [
            f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{_num(y)}" y2="{_num(y)}" '
            f'stroke="{LINE}"/>',
            f'<text x="{LEFT - 6}" y="{_num(y + 4)}" text-anchor="end" {TEXT}>{tick} %</text>',
        ]
    for i, year in enumerate(years):
        parts.append(
            f'<text x="{_num(x_at(i))}" y="{TOP + PLOT_H + 18}" text-anchor="middle" {TEXT}>'
            f"{escape(year.date_label)}</text>"
        )
    for index, (label, values) in enumerate(series):
        colour, dash, marker = SERIES[index % len(SERIES)]
        overall = index == len(series) - 1
        colour = INK if overall else colour
        points = [(x_at(i), y_at(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="{3 if overall else 2}"{dash_attr}/>'
            )
        parts += [_marker(marker, x, y, colour) for x, y in points]
        ly = TOP + 10 + index * 20
        lx = LEFT + PLOT_W + 16
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts += [
            f'<line x1="{lx}" x2="{lx + 26}" y1="{ly}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="{3 if overall else 2}"{dash_attr}/>',
            _marker(marker, lx + 13, ly, colour),
            f'<text x="{lx + 32}" y="{ly + 4}" {TEXT}>{escape(label)}</text>',
        ]
    # The maturity level as steps: one row per level, the line steps up or down at each year.
    base = TOP + PLOT_H + 34
    for level in range(top_level + 1):
        y = base + band - STEP_H * (level + 0.5)
        parts.append(
            f'<text x="{LEFT - 6}" y="{_num(y + 4)}" text-anchor="end" {TEXT}>{level}</text>'
        )
    half = PLOT_W / (2 * max(n - 1, 1))
    step_points = []
    for i, year in enumerate(years):
        y = base + band - STEP_H * (year.level + 0.5)
        left = x_at(i) - (half if i > 0 else 0)
        right = x_at(i) + (half if i < n - 1 else 0)
        step_points += [(left, y), (right, y)]
    parts += [
        f'<rect x="{LEFT}" y="{base}" width="{PLOT_W}" height="{band}" fill="none" '
        f'stroke="{LINE}"/>',
        f'<text x="{LEFT + PLOT_W + 16}" y="{base + 12}" {TEXT}>{escape(level_label)}</text>',
        '<polyline points="'
        + " ".join(f"{_num(x)},{_num(y)}" for x, y in step_points)
        + f'" fill="none" stroke="{INK}" stroke-width="3"/>',
    ]
    parts.append("</svg>")
    return Markup("".join(parts))


def trend_context(
    scored: Sequence[Scored], lang: Lang, overall_label: str, level_label: str
) -> TrendContext:
    """Chart and table of the years; the catalog's highest stage sets the level band."""
    view = history_view(scored, lang)
    top = max(s.level for s in scored[-1].outcome.catalog.stages)
    return TrendContext(
        chart=trend_chart(view.years, top, overall_label, level_label, lang),
        phases=[p.title for p in view.years[0].phases],
        years=view.years,
        steps=view.steps,
    )
