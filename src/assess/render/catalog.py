"""Text views of a catalog for `assess catalog show`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from assess.i18n import date, t
from assess.models.base import Lang
from assess.models.catalog import Catalog, Change, Control
from assess.models.support import SupportDirectory
from assess.render.safe import printable


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
        f"{t('source', lang)}: {catalog.source.title}, {c.source_ref.get(lang)}",
    ]
    if c.depends_on:
        lines.append(f"{t('depends_on', lang)}: {', '.join(c.depends_on)}")
    if c.refs:
        refs = ", ".join(f"{frameworks[r.framework]} {r.ref}" for r in c.refs)
        lines.append(f"{t('references', lang)}: {refs}")
    return "\n".join(lines) + "\n"


def changes_data(item: Catalog | SupportDirectory, lang: Lang) -> dict[str, Any]:
    """The change log as plain data (schema ``assess.changes/1``), newest revision first."""
    return {
        "schema": "assess.changes/1",
        "pin": item.pin,
        "revision": item.revision,
        "revisions": [
            {
                "revision": r.revision,
                "date": r.date.isoformat(),
                "summary": r.summary.get(lang),
                "changes": [
                    {
                        "kind": c.kind,
                        "id": c.control if isinstance(c, Change) else c.entry,
                        **(
                            {"replaced_by": c.replaced_by}
                            if isinstance(c, Change) and c.replaced_by
                            else {}
                        ),
                        "what": c.what.get(lang),
                        "why": c.why.get(lang),
                    }
                    for c in r.changes
                ],
            }
            for r in item.changes
        ],
    }


def render_changes(item: Catalog | SupportDirectory, fmt: str, lang: Lang) -> str:
    """`assess catalog changes`: the change log as text, markdown or JSON."""
    data = changes_data(item, lang)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    kinds = {k: t(f"change_{k}", lang) for k in KINDS}
    md = fmt == "markdown"
    title = t("changes_title", lang, pin=item.pin, revision=item.revision)
    lines = [f"# {_md(title, md)}" if md else title, ""]
    if not data["revisions"]:
        lines.append(t("no_changes", lang))
    for r in data["revisions"]:
        head = f"{t('revision', lang).capitalize()} {r['revision']} ({date(_day(r['date']), lang)})"
        lines += [f"## {head}" if md else head, "", _md(r["summary"], md), ""]
        for c in r["changes"]:
            label = kinds[c["kind"]] + (f" {c['id']}" if c["id"] else "")
            successors = f" → {', '.join(c['replaced_by'])}" if c.get("replaced_by") else ""
            if md:
                lines.append(f"- **{label}**{successors}: {_md(c['what'], md)}")
                lines.append(f"  *{t('change_why', lang)}:* {_md(c['why'], md)}")
            else:
                lines.append(f"  {label}{successors}: {c['what']}")
                lines.append(f"      {t('change_why', lang)}: {c['why']}")
        lines.append("")
    return printable("\n".join(lines).rstrip("\n") + "\n")


KINDS = ("changed", "added", "retired", "catalog", "removed", "directory")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _md(text: str, md: bool) -> str:
    """Catalog text in markdown: no raw HTML (a fetched catalog is untrusted)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") if md else text
