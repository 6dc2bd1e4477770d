"""A framework view (``assess evaluate --view …``) as text, markdown or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict

from assess.i18n import percent
from assess.render import Format
from assess.render.markdown import _cell, _row
from assess.render.safe import printable
from assess.views import FrameworkView, RequirementView, tr


def render_framework(view: FrameworkView, fmt: Format) -> str:
    """The view in ``fmt``; always ends with a newline."""
    if fmt is Format.JSON:
        return json.dumps(asdict(view), ensure_ascii=False, indent=2) + "\n"
    if fmt is Format.TEXT:
        return _text(view)
    return _markdown(view)


def _name(req: RequirementView) -> str:
    """Id and title; the id alone where the title repeats it (DIN SPEC topic areas in German)."""
    return req.id if req.title == req.id else f"{req.id} – {req.title}"


def _figure(req: RequirementView, view: FrameworkView) -> str:
    return tr(
        "figure",
        view.lang,
        percent=percent(req.percent, view.lang),
        met=req.met,
        applicable=req.applicable,
    )


def _text(view: FrameworkView) -> str:
    lang = view.lang
    lines = [
        tr("view_title", lang, name=view.name),
        tr("assessed", lang, company=view.company, catalog=view.catalog, date=view.date_label),
        "",
        view.notice,
        "",
        view.summary.text,
    ]
    for req in view.requirements:
        if req.coverage == "not_covered":
            continue
        lines += ["", _name(req), f"  {req.coverage_label}"]
        if req.coverage == "covered":
            lines.append(f"  {_figure(req, view)}")
        for c in req.controls:
            lines.append(f"  - {c.id} {c.title}: {c.status_label}")
    uncovered = [r for r in view.requirements if r.coverage == "not_covered"]
    if uncovered:
        lines += ["", f"{tr('not_covered_heading', lang)}:"]
        lines += [f"  - {_name(r)}" for r in uncovered]
    return printable("\n".join(lines)) + "\n"


def _markdown(view: FrameworkView) -> str:
    lang = view.lang
    out = [
        f"# {_cell(tr('view_title', lang, name=view.name))}",
        "",
        _cell(
            tr("assessed", lang, company=view.company, catalog=view.catalog, date=view.date_label)
        ),
        "",
        f"> {_cell(view.notice)}",
        "",
        _cell(view.summary.text),
        "",
        _row(
            [
                tr("requirement", lang),
                tr("coverage", lang),
                tr("score", lang),
                tr("controls", lang),
            ]
        ),
        _row(["---"] * 4),
    ]
    for req in view.requirements:
        controls = ", ".join(f"{c.id} ({_cell(c.status_label)})" for c in req.controls)
        out.append(
            _row(
                [
                    _cell(_name(req)),
                    _cell(req.coverage_label),
                    percent(req.percent, lang) if req.coverage == "covered" else "–",
                    controls or "–",
                ]
            )
        )
    return printable("\n".join(out)) + "\n"
