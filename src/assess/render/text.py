"""The terminal summary: level, score per phase, critical gaps, next steps, whom to call."""

from __future__ import annotations

from assess.i18n import percent, t
from assess.models.base import Lang
from assess.render.safe import printable
from assess.render.view import (
    TOP_STEPS,
    ContactsView,
    ContactView,
    DutiesView,
    SupportView,
    View,
)

BAR = 20


def _bar(value: float | None) -> str:
    filled = round((value or 0) / 100 * BAR)
    return "█" * filled + "░" * (BAR - filled)


def contact_line(contact: ContactView) -> str:
    details = [d for d in (contact.phone, contact.email, contact.availability) if d]
    return f"{contact.label}: {contact.name}" + (f" – {', '.join(details)}" if details else "")


def support_line(s: SupportView, lang: Lang) -> str:
    details = [d for d in (s.phone, s.email) if d] + [s.url]
    line = f"{s.name}: {', '.join(details)}" + (f" ({s.hours})" if s.hours else "")
    late = s.phone_out_of_hours
    return line + (f"; {t('out_of_hours', lang)}: {late}" if late else "")


def duty_lines(duties: DutiesView, names: dict[str, str], lang: Lang) -> list[str]:
    """The NIS2 classification and each duty with recipient and deadlines."""
    nis2 = duties.nis2
    lines = [
        f"{t('duties', lang)}:",
        f"  {t('nis2', lang)}: {nis2.reason}" + (f" ({nis2.basis})" if nis2.basis else ""),
    ]
    if not duties.items:
        lines.append(f"  {t('no_duties', lang)}")
    for d in duties.items:
        to = ", ".join(names.get(r, r) for r in d.recipients) or d.recipient
        label = f" [{d.status_label}]" if d.status_label else ""
        lines.append(f"  - {d.title} ({d.legal_basis}){label} → {to}")
        if d.status != "exempt":
            lines += [f"      {x.within}: {x.what}" for x in d.deadlines]
        lines += [f"      {note}" for note in d.notes]
    lines.append(f"  {duties.notice}")
    return lines


def render_text(view: View) -> str:
    lang = view.lang
    titles = {c.id: c for c in view.controls}
    lines = [
        f"{t('title', lang)} – {view.company.name}",
        t(
            "assessed",
            lang,
            catalog=view.catalog.label,
            date=view.assessment.date_label,
            assessor=view.assessment.assessor,
        ),
        "",
        f"{t('maturity', lang)}: {view.maturity.level} – {view.maturity.name}",
    ]
    m = view.maturity
    if m.next_level is None:
        lines.append(f"  {t('top_level', lang)}")
    else:
        lines.append(
            "  "
            + t("next_blocked", lang, level=m.next_level, name=m.next_name, count=len(m.blockers))
            + ":"
        )
        lines.append("  " + ", ".join(m.blockers))
    lines += ["", f"{t('score', lang)}: {percent(view.score.overall, lang)}"]
    width = max(len(p.title) for p in view.score.phases)
    for p in view.score.phases:
        lines.append(f"  {p.title:<{width}}  {_bar(p.percent)}  {percent(p.percent, lang):>7}")

    lines += ["", f"{t('critical_gaps', lang)} ({len(view.critical_gaps)}):"]
    if not view.critical_gaps:
        lines.append(f"  {t('no_critical_gaps', lang)}")
    for cid in view.critical_gaps:
        c = titles[cid]
        lines.append(f"  ! {cid} {c.title} – {c.status_label}")

    lines += ["", f"{t('next_steps', lang)}:"]
    for item in view.roadmap[:TOP_STEPS]:
        lines.append(
            f"  {item.rank}. [{t(item.horizon + '_short', lang)}] {item.control} {item.title}"
        )
        lines.append(f"     {item.reason}")
    if len(view.roadmap) > TOP_STEPS:
        lines.append(f"  (+{len(view.roadmap) - TOP_STEPS}) {t('more_in', lang)}")

    if view.open_questions:
        lines += ["", f"{t('open_questions', lang)}: {', '.join(view.open_questions)}"]
    if view.not_reviewed:
        count = len(view.not_reviewed)
        lines += ["", f"{t('not_reviewed', lang, count=count)}: {', '.join(view.not_reviewed)}"]

    lines += ["", f"{t('call', lang)}:"]
    if not any(c.key == "first_contact" for c in view.emergency_contacts):
        lines.append(f"  {t('no_first_contact', lang)}")
    lines += [f"  {contact_line(c)}" for c in view.emergency_contacts]
    support = {s.id: s for s in view.support}
    lines += [f"  {support_line(support[sid], lang)}" for sid in view.emergency_support]
    lines += ["", *duty_lines(view.duties, {s.id: s.name for s in view.support}, lang)]
    return printable("\n".join(lines) + "\n")


def render_contacts_text(view: ContactsView) -> str:
    """The contact sheet: own contacts, external help in an emergency, further support, duties."""
    lang = view.lang
    lines = [
        f"{t('contacts_title', lang)} – {view.company.name} ({view.company.bundesland})",
        t("as_of", lang, date=view.date_label, directory=view.support_directory),
        "",
        f"{t('own_contacts', lang)}:",
    ]
    if not any(c.key == "first_contact" for c in view.own):
        lines.append(f"  {t('no_first_contact', lang)}")
    lines += [f"  {contact_line(c)}" for c in view.own]
    for heading, entries in (
        ("external_emergency", view.emergency),
        ("external_other", view.other),
    ):
        lines += ["", f"{t(heading, lang)}:"]
        for s in entries:
            lines += [f"  {support_line(s, lang)}", f"      {s.when}"]
    names = {s.id: s.name for s in view.emergency + view.other}
    lines += ["", *duty_lines(view.duties, names, lang)]
    return printable("\n".join(lines) + "\n")
