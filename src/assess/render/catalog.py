"""Text views of a catalog for `assess catalog show`."""

from __future__ import annotations

from assess.i18n import t
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
                flag = "!" if c.mandatory else " "
                lines.append(
                    f"  {c.id}{flag} S{c.stage} {crit:<8} E{c.effort}  {c.title.get(lang)}"
                )
        lines.append("")
    lines.append(t("legend", lang))
    return "\n".join(lines) + "\n"


def render_control(catalog: Catalog, c: Control, lang: Lang) -> str:
    facts = [
        f"{t('phase', lang)}: {catalog.phase(c.phase).title.get(lang)}",
        f"{t('stage', lang)} {c.stage} ({catalog.stage(c.stage).name.get(lang)})",
        f"{t('criticality', lang)}: {catalog.criticality_label(c.criticality, lang)}",
        f"{t('effort', lang)} {c.effort}/5",
        *([t("mandatory", lang)] if c.mandatory else []),
    ]
    frameworks = {f.id: f.name for f in catalog.frameworks}
    lines = [
        f"{c.id} – {c.title.get(lang)}",
        " · ".join(facts),
        "",
        f"{t('question', lang)}: {c.question.get(lang)}",
        "",
        c.guidance.get(lang),
        "",
        f"{t('source', lang)}: {catalog.source.title}, {c.source_ref}",
    ]
    if c.depends_on:
        lines.append(f"{t('depends_on', lang)}: {', '.join(c.depends_on)}")
    if c.refs:
        refs = ", ".join(f"{frameworks[r.framework]} {r.ref}" for r in c.refs)
        lines.append(f"{t('references', lang)}: {refs}")
    return "\n".join(lines) + "\n"
