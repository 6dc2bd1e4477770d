"""Text views of a catalog for `assess catalog show`."""

from __future__ import annotations

from assess.models.base import Lang
from assess.models.catalog import Catalog, Control


def render_catalog(catalog: Catalog, lang: Lang) -> str:
    lines = [
        f"{catalog.pin} – {catalog.title.get(lang)}",
        f"{catalog.source.publisher}: {catalog.source.title} ({catalog.source.date})",
        "",
    ]
    for phase in catalog.phases:
        lines.append(f"{phase.title.get(lang)} ({phase.prefix})")
        for c in catalog.controls:
            if c.phase == phase.id:
                crit = catalog.criticality_label(c.criticality, lang)
                flags = "!" if c.mandatory else " "
                lines.append(f"  {c.id}{flags} S{c.stage} {crit:<8} E{c.effort}  {c.title.get(lang)}")
        lines.append("")
    lines.append("! = mandatory / verpflichtend · S = stage / Stufe · E = effort / Aufwand (1–5)")
    return "\n".join(lines) + "\n"


def render_control(catalog: Catalog, c: Control, lang: Lang) -> str:
    de = lang == "de"
    refs = ", ".join(
        f"{next(f.name for f in catalog.frameworks if f.id == r.framework)} {r.ref}"
        for r in c.refs
    )
    lines = [
        f"{c.id} – {c.title.get(lang)}",
        f"{'Phase' if de else 'Phase'}: {catalog.phase(c.phase).title.get(lang)} · "
        f"{'Stufe' if de else 'Stage'} {c.stage} ({catalog.stage(c.stage).name.get(lang)}) · "
        f"{'Kritikalität' if de else 'Criticality'}: {catalog.criticality_label(c.criticality, lang)}"
        f" · {'Aufwand' if de else 'Effort'} {c.effort}/5"
        + (" · " + ("verpflichtend" if de else "mandatory") if c.mandatory else ""),
        "",
        f"{'Frage' if de else 'Question'}: {c.question.get(lang)}",
        "",
        c.guidance.get(lang),
        "",
        f"{'Quelle' if de else 'Source'}: {catalog.source.title}, {c.source_ref}",
    ]
    if c.depends_on:
        lines.append(f"{'Setzt voraus' if de else 'Depends on'}: {', '.join(c.depends_on)}")
    if refs:
        lines.append(f"{'Bezüge' if de else 'References'}: {refs}")
    return "\n".join(lines) + "\n"
