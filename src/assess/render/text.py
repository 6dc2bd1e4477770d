"""The terminal summary: level, score per phase, critical gaps, next steps, whom to call."""

from __future__ import annotations

from assess.i18n import percent, t
from assess.render.safe import printable
from assess.render.view import ContactView, View

TOP_STEPS = 5
BAR = 20


def _bar(value: float | None) -> str:
    filled = round((value or 0) / 100 * BAR)
    return "█" * filled + "░" * (BAR - filled)


def contact_line(contact: ContactView) -> str:
    details = [d for d in (contact.phone, contact.email, contact.availability) if d]
    return f"{contact.label}: {contact.name}" + (f" – {', '.join(details)}" if details else "")


def render_text(view: View) -> str:
    lang = view.lang
    titles = {c.id: c for c in view.controls}
    lines = [
        f"{t('title', lang)} – {view.company.name}",
        t(
            "assessed",
            lang,
            catalog=f"{view.catalog.id}@{view.catalog.version}",
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

    lines += ["", f"{t('call', lang)}:"]
    if not any(c.key == "first_contact" for c in view.emergency_contacts):
        lines.append(f"  {t('no_first_contact', lang)}")
    lines += [f"  {contact_line(c)}" for c in view.emergency_contacts]
    support = {s.id: s for s in view.support}
    for sid in view.emergency_support:
        s = support[sid]
        details = [d for d in (s.phone, s.email) if d] + [s.url]
        lines.append(f"  {s.name}: {', '.join(details)}")
    return printable("\n".join(lines) + "\n")
