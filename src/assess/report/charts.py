"""Inline SVG charts drawn from the data: no JavaScript, no external file, text escaped.

Each chart carries its numbers as text too (labels and values), so it reads in print, in
grey scale and with a screen reader.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from assess.i18n import percent
from assess.models.base import Lang

ROW = 30
LABEL_W = 170
BAR_W = 250
VALUE_W = 70
# Colours as attributes, not classes: PDF renderers draw inline SVG without the page's CSS.
INK, LINE, ACCENT, BAD = "#1a1a1a", "#c8c8c8", "#0b4f8a", "#a11a1a"
TEXT = f'font-family="Assess Sans, DejaVu Sans, Arial, sans-serif" font-size="12" fill="{INK}"'


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def phase_bars(rows: list[tuple[str, float | None, float | None]], lang: Lang) -> Markup:
    """Horizontal bars, one per phase: (label, percent, previous percent or None)."""
    width = LABEL_W + BAR_W + VALUE_W
    height = ROW * len(rows) + 6
    summary = "; ".join(f"{label}: {percent(value, lang)}" for label, value, _ in rows)
    then = "vorher" if lang == "de" else "before"
    described = "; ".join(
        f"{label}: {percent(value, lang)}"
        + (f" ({then} {percent(old, lang)})" if old is not None else "")
        for label, value, old in rows
    )
    scale = "Umsetzungsgrad je Phase, 0 bis 100 %" if lang == "de" else "Score per phase, 0–100%"
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg" aria-labelledby="phase-chart-t '
        'phase-chart-d">',
        f'<title id="phase-chart-t">{escape(summary)}</title>',
        f'<desc id="phase-chart-d">{escape(scale)}: {escape(described)}</desc>',
    ]
    for i, (label, value, before) in enumerate(rows):
        y = 3 + i * ROW
        filled = BAR_W * (value or 0) / 100
        parts += [
            f'<text x="0" y="{y + 18}" {TEXT}>{escape(label)}</text>',
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{BAR_W}" height="18" fill="#fff" '
            f'stroke="{LINE}"/>',
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{_num(filled)}" height="18" fill="{ACCENT}"/>',
        ]
        if before is not None:
            x = LABEL_W + BAR_W * before / 100
            parts.append(
                f'<line x1="{_num(x)}" x2="{_num(x)}" y1="{y}" y2="{y + 26}" stroke="{BAD}" '
                'stroke-width="2" stroke-dasharray="3 2"/>'
            )
        parts.append(
            f'<text x="{width - 4}" y="{y + 18}" text-anchor="end" {TEXT}>'
            f"{escape(percent(value, lang))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def maturity_steps(stages: list[tuple[int, str]], level: int, lang: Lang = "de") -> Markup:
    """A staircase of the maturity stages; reached ones filled, the current one outlined."""
    reached = "erreicht" if lang == "de" else "reached"
    now = next((name for n, name in stages if n == level), "")
    words = (
        f"Reifegrad {level} ({now}) {reached}" if lang == "de" else f"Level {level} ({now}) reached"
    )
    step_w, step_h = 122, 18
    width = step_w * len(stages)
    height = step_h * len(stages) + 24
    parts = [
        f'<svg class="chart steps" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(', '.join(f'{n} {name}' for n, name in stages))}</title>",
        f"<desc>{escape(words)}</desc>",
    ]
    for i, (number, name) in enumerate(stages):
        h = step_h * (i + 1)
        x, y = i * step_w, height - h
        fill = ACCENT if number <= level else "#fff"
        stroke = f'stroke="{INK}" stroke-width="3"' if number == level else f'stroke="{ACCENT}"'
        parts += [
            f'<rect x="{x + 1.5}" y="{y}" width="{step_w - 3}" height="{h - 1.5}" fill="{fill}" '
            f"{stroke}/>",
            f'<text x="{x + step_w / 2:g}" y="{y - 6}" text-anchor="middle" {TEXT}>'
            f"{number} {escape(name)}</text>",
        ]
    parts.append("</svg>")
    return Markup("".join(parts))
