"""Markdown: the whole evaluation as a document – summary, roadmap, details, support, method."""

from __future__ import annotations

from assess.i18n import compact, percent, t
from assess.render.safe import printable
from assess.render.text import contact_line
from assess.render.view import View


def _cell(text: str | None) -> str:
    """Table-cell text: user text cannot break the table or inject markup."""
    if not text:
        return ""
    out = " ".join(text.split()).replace("|", "\\|")
    for char in "<>*_`[]":
        out = out.replace(char, "\\" + char)
    return out


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(view: View) -> str:
    lang = view.lang
    controls = {c.id: c for c in view.controls}
    m = view.maturity
    out = [
        f"# {t('title', lang)} – {_cell(view.company.name)}",
        "",
        t(
            "assessed",
            lang,
            catalog=f"`{view.catalog.id}@{view.catalog.version}`",
            date=view.assessment.date_label,
            assessor=_cell(view.assessment.assessor),
        ),
        "",
        f"**{t('maturity', lang)}: {m.level} – {m.name}.** {m.description}",
        "",
    ]
    if m.next_level is None:
        out.append(t("top_level", lang))
    else:
        out.append(
            t("next_blocked", lang, level=m.next_level, name=m.next_name, count=len(m.blockers))
            + ": "
            + ", ".join(m.blockers)
        )
    out += [
        "",
        f"**{t('score', lang)}: {percent(view.score.overall, lang)}**",
        "",
        _row([t("phase", lang), t("score", lang)]),
        _row(["---", "---:"]),
        *[_row([p.title, percent(p.percent, lang)]) for p in view.score.phases],
        "",
        f"## {t('critical_gaps', lang)}",
        "",
    ]
    if not view.critical_gaps:
        out.append(t("no_critical_gaps", lang))
    out += [
        f"- **{cid}** {controls[cid].title} – {controls[cid].status_label}"
        for cid in view.critical_gaps
    ]

    out += ["", f"## {t('roadmap', lang)}", ""]
    for horizon in ("30d", "90d", "12m"):
        items = [i for i in view.roadmap if i.horizon == horizon]
        if not items:
            continue
        out += [
            f"### {t(horizon, lang)}",
            "",
            _row(
                [
                    "#",
                    t("control", lang),
                    t("reason", lang),
                    t("effort", lang),
                    t("owner", lang),
                    t("support", lang),
                ]
            ),
            _row(["---:", "---", "---", "---:", "---", "---"]),
        ]
        for i in items:
            out.append(
                _row(
                    [
                        str(i.rank),
                        f"{i.control} {_cell(i.title)}",
                        _cell(i.reason),
                        f"{i.effort}/5",
                        i.owner_label,
                        ", ".join(i.support),
                    ]
                )
            )
        out.append("")

    if view.open_questions:
        out += [
            f"## {t('open_questions', lang)}",
            "",
            *[f"- {cid} {controls[cid].question}" for cid in view.open_questions],
            "",
        ]

    out += [f"## {t('details', lang)}", ""]
    for phase in view.score.phases:
        out += [
            f"### {phase.title} – {percent(phase.percent, lang)}",
            "",
            _row(
                [
                    t("control", lang),
                    t("status", lang),
                    t("weight", lang),
                    t("note", lang),
                    t("evidence", lang),
                    t("owner", lang),
                    t("due", lang),
                ]
            ),
            _row(["---", "---", "---:", "---", "---", "---", "---"]),
        ]
        for c in view.controls:
            if c.phase != phase.id or not c.applicable:
                continue
            status = f"**{c.status_label}** ({t('gap_marker', lang)})" if c.gap else c.status_label
            weight = compact(c.weight, lang) + ("\\*" if c.weight_reasons else "")
            out.append(
                _row(
                    [
                        f"{c.id} {_cell(c.title)}",
                        status,
                        weight,
                        _cell(c.note),
                        _cell(c.evidence),
                        _cell(c.owner),
                        c.due or "",
                    ]
                )
            )
        out.append("")
        reasons = [
            f"- \\* {c.id}: {r}"
            for c in view.controls
            if c.phase == phase.id and c.applicable
            for r in c.weight_reasons
        ]
        if reasons:
            out += [*reasons, ""]

    na = [c for c in view.controls if not c.applicable]
    out += [f"## {t('not_applicable', lang)}", ""]
    out += [f"- {c.id} {c.title}: {_cell(c.justification)}" for c in na] or [t("none", lang)]

    out += ["", f"## {t('call', lang)}", ""]
    if not any(c.key == "first_contact" for c in view.emergency_contacts):
        out.append(f"- {t('no_first_contact', lang)}")
    out += [f"- {_cell(contact_line(c))}" for c in view.emergency_contacts]
    out += ["", f"## {t('support', lang)}", ""]
    for s in view.support:
        details = ", ".join(d for d in (s.phone, s.email) if d)
        out.append(
            f"- **{s.name}** (`{s.id}`, {s.provider}): {s.helps_with} {s.when} <{s.url}>"
            + (f" – {details}" if details else "")
            + f" ({t('source', lang)}: {s.source}, {t('checked', lang)} {s.checked})"
        )
    out += ["", f"{t('source', lang)}: {view.catalog.source}", ""]
    return printable("\n".join(out))
