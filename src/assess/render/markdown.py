"""Markdown: the whole evaluation as a document – summary, roadmap, details, support, method."""

from __future__ import annotations

import re

from assess.i18n import compact, iso_date, percent, t
from assess.models.base import Lang
from assess.render.safe import printable
from assess.render.text import contact_line
from assess.render.view import ContactsView, DutiesView, SupportView, View

_WWW = re.compile(r"(www)\.", re.IGNORECASE)


def _cell(text: str | None) -> str:
    """Table-cell text: user text cannot break the table or inject markup."""
    if not text:
        return ""
    out = " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")
    for char in "<>*_`[]&!#~":
        out = out.replace(char, "\\" + char)
    # No autolinks from user text: a web address stays text (GFM links http://, www.).
    return _WWW.sub(r"\1\\.", out.replace("://", ":\\/\\/"))


_URL = re.compile(r"https?://[^\s<>`\\]+")


def _link(url: str) -> str:
    """A web address of the catalog or directory as a link; anything else stays text."""
    return f"<{url}>" if _URL.fullmatch(url) else _cell(url)


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
            catalog=f"`{view.catalog.id}@{view.catalog.version}` "
            f"({t('revision', lang)} {view.catalog.revision})",
            date=view.assessment.date_label,
            assessor=_cell(view.assessment.assessor),
        ),
        "",
        f"**{t('maturity', lang)}: {m.level} – {_cell(m.name)}.** {_cell(m.description)}",
        "",
    ]
    if m.next_level is None:
        out.append(t("top_level", lang))
    else:
        out.append(
            t(
                "next_blocked",
                lang,
                level=m.next_level,
                name=_cell(m.next_name),
                count=len(m.blockers),
            )
            + ": "
            + ", ".join(m.blockers)
        )
    out += [
        "",
        f"**{t('score', lang)}: {percent(view.score.overall, lang)}**",
        "",
        _row([t("phase", lang), t("score", lang)]),
        _row(["---", "---:"]),
        *[_row([_cell(p.title), percent(p.percent, lang)]) for p in view.score.phases],
        "",
        f"## {t('critical_gaps', lang)}",
        "",
    ]
    if not view.critical_gaps:
        out.append(t("no_critical_gaps", lang))
    out += [
        f"- **{cid}** {_cell(controls[cid].title)} – {controls[cid].status_label}"
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
                        _cell(i.owner_label),
                        ", ".join(i.support),
                    ]
                )
            )
        out.append("")

    if view.open_questions:
        out += [
            f"## {t('open_questions', lang)}",
            "",
            *[f"- {cid} {_cell(controls[cid].question)}" for cid in view.open_questions],
            "",
        ]

    if view.not_reviewed:
        out += [
            f"## {t('not_reviewed', lang, count=len(view.not_reviewed))}",
            "",
            t("not_reviewed_hint", lang),
            "",
            *[f"- {cid} {_cell(controls[cid].title)}" for cid in view.not_reviewed],
            "",
        ]

    out += [f"## {t('details', lang)}", ""]
    for phase in view.score.phases:
        out += [
            f"### {_cell(phase.title)} – {percent(phase.percent, lang)}",
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
            if c.not_reviewed:
                status += f" ({t('not_reviewed_marker', lang)})"
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
                        iso_date(c.due, lang) if c.due else "",
                    ]
                )
            )
        out.append("")
        reasons = [
            f"- \\* {c.id}: {_cell(r)}"
            for c in view.controls
            if c.phase == phase.id and c.applicable
            for r in c.weight_reasons
        ]
        if reasons:
            out += [*reasons, ""]
        sources = [
            f"- {c.id}: {t('answer_source', lang)}: {_cell(c.answer_source)}"
            for c in view.controls
            if c.phase == phase.id and c.applicable and c.answer_source
        ]
        if sources:
            out += [*sources, ""]

    na = [c for c in view.controls if not c.applicable]
    out += [f"## {t('not_applicable', lang)}", ""]
    out += [f"- {c.id} {_cell(c.title)}: {_cell(c.justification)}" for c in na] or [t("none", lang)]

    out += ["", f"## {t('call', lang)}", ""]
    if not any(c.key == "first_contact" for c in view.emergency_contacts):
        out.append(f"- {t('no_first_contact', lang)}")
    out += [f"- {_cell(contact_line(c))}" for c in view.emergency_contacts]
    out += ["", f"## {t('support', lang)}", ""]
    out += [support_item(s, lang) for s in view.support]
    out += ["", *duties_markdown(view.duties, view.support, lang)]
    out += _warnings(view.warnings, lang)
    out += ["", f"{t('source', lang)}: {_cell(view.catalog.source)}", ""]
    return printable("\n".join(out))


def support_item(s: SupportView, lang: Lang) -> str:
    late = f"{t('out_of_hours', lang)}: {s.phone_out_of_hours}" if s.phone_out_of_hours else None
    details = ", ".join(d for d in (s.phone, s.email, s.hours, late) if d)
    return (
        f"- **{_cell(s.name)}** (`{s.id}`, {_cell(s.provider)}): {_cell(s.helps_with)} "
        f"{_cell(s.when)} {_link(s.url)}"
        + (f" – {_cell(details)}" if details else "")
        + f" ({t('source', lang)}: {_link(s.source)}, "
        f"{t('checked', lang)} {iso_date(s.checked, lang)})"
    )


def duties_markdown(duties: DutiesView, support: list[SupportView], lang: Lang) -> list[str]:
    """The reporting-duties section: classification, then each duty in full."""
    names = {s.id: s.name for s in support}
    nis2 = duties.nis2
    out = [
        f"## {t('duties', lang)}",
        "",
        f"*{_cell(duties.notice)}*",
        "",
        f"**{t('nis2', lang)}:** {_cell(nis2.reason)}"
        + (f" ({_cell(nis2.basis)})" if nis2.basis else ""),
        "",
    ]
    if not duties.items:
        out += [t("no_duties", lang), ""]
    for d in duties.items:
        to = _cell(", ".join(names.get(r, r) for r in d.recipients) or d.recipient)
        out += [
            f"### {_cell(d.title)} ({_cell(d.legal_basis)})",
            "",
            *([f"**{d.status_label}**", ""] if d.status_label else []),
            *[f"> {_cell(note)}" for note in d.notes],
            *([""] if d.notes else []),
            f"- {t('because', lang)}: {_cell(d.because)}",
            f"- {t('recipient', lang)}: {to}",
            *[f"- **{_cell(x.within)}:** {_cell(x.what)}" for x in d.deadlines],
            f"- {t('content', lang)}: {_cell(d.content)}",
            *([f"- {_cell(d.note)}"] if d.note else []),
            f"- {t('source', lang)}: {_link(d.source)}, "
            f"{t('checked', lang)} {iso_date(d.checked, lang)}",
            "",
        ]
    return out


def _warnings(warnings: list[str], lang: Lang) -> list[str]:
    return [f"> **{t('warning', lang)}:** {_cell(w)}" for w in warnings]


def render_contacts_markdown(view: ContactsView) -> str:
    lang = view.lang
    out = [
        f"# {t('contacts_title', lang)} – {_cell(view.company.name)} ({view.company.bundesland})",
        "",
        t("as_of", lang, date=view.date_label, directory=f"`{view.support_directory}`"),
        "",
        f"## {t('own_contacts', lang)}",
        "",
    ]
    if not any(c.key == "first_contact" for c in view.own):
        out.append(f"- {t('no_first_contact', lang)}")
    out += [f"- {_cell(contact_line(c))}" for c in view.own]
    for heading, entries in (
        ("external_emergency", view.emergency),
        ("external_other", view.other),
    ):
        out += ["", f"## {t(heading, lang)}", "", *[support_item(s, lang) for s in entries]]
    out += ["", *duties_markdown(view.duties, view.emergency + view.other, lang)]
    out += _warnings(view.warnings, lang)
    return printable("\n".join(out).rstrip("\n") + "\n")
