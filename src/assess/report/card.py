"""The IT emergency card for the wall: who to call, what to do, what not to do.

Staff-facing text first; legal deadlines and links for the management in a small box at the
bottom. The card always fits one page: when the profile holds much, the layout goes through the
``LEVELS`` in order, each shrinking type or dropping lower-priority lines, until it fits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assess.models.profile import Profile
from assess.render.view import ContactsView, ContactView, SupportView, same_person

SIZES = ("a4", "a5", "a6")


@dataclass(frozen=True)
class Level:
    """How much the card shows and how large: one step of the fitting order."""

    scale: float  # type size relative to the full card
    urls: bool  # web addresses of the external help, in the management box
    all_external: bool  # every external help entry, not only the police (ZAC) and the chamber
    deadlines: bool  # the management box with the legal deadlines
    backups: int  # how many own contacts below the first and the out-of-hours contact


#: The fixed order in which the card gives way when the page is full.
LEVELS: tuple[Level, ...] = (
    Level(1.0, True, True, True, 8),
    Level(1.0, False, True, True, 8),
    Level(0.9, False, True, True, 8),
    Level(0.9, False, True, True, 4),
    Level(0.9, False, False, True, 4),
    Level(0.85, False, False, False, 4),
    Level(0.8, False, False, False, 2),
    Level(0.75, False, False, False, 1),
)


@dataclass(frozen=True)
class Deadline:
    basis: str
    within: str
    title: str


@dataclass(frozen=True)
class CardContext:
    company: str
    date_label: str
    first: ContactView | None
    out_of_hours: ContactView | None
    backups: list[ContactView]
    more: int  # own contacts left off the card for want of space
    external: list[SupportView]
    deadlines: list[Deadline]
    size: str
    level: Level
    in_report: bool  # inside the report: the links stand in the contacts section already


def _chamber(entry: SupportView, profile: Profile | None) -> SupportView:
    """The profile's own chamber by name (e.g. "IHK Köln") instead of the generic entry."""
    if profile is None or not profile.chamber_name:
        return entry
    if entry.id == "ihk":
        return replace(entry, name=profile.chamber_name)
    if entry.id == "hwk-botschafter":
        return replace(entry, name=f"{entry.name} – {profile.chamber_name}")
    return entry


def build_card(
    contacts: ContactsView,
    profile: Profile | None,
    size: str = "a4",
    level: int = 0,
    in_report: bool = False,
) -> CardContext:
    """What the card shows at fitting ``level`` (0: everything)."""
    step = LEVELS[min(level, len(LEVELS) - 1)]
    own = contacts.own
    first = next((c for c in own if c.key == "first_contact"), None)
    rest = [c for c in own if c.key != "first_contact"]
    # outside the first contact's hours: the management, else the IT provider, with a phone
    out_of_hours = None
    if first is not None:
        for key in ("management", "it_provider"):
            found = next((c for c in rest if c.key == key and c.phone), None)
            if found is not None and not same_person(found, first):
                out_of_hours = found
                break
    backups: list[ContactView] = []
    for c in rest:
        shown = [x for x in (first, out_of_hours, *backups) if x is not None]
        if not any(same_person(c, x) for x in shown):
            backups.append(c)
    external = [_chamber(e, profile) for e in contacts.emergency]
    if not step.all_external:
        external = [
            e for e in external if e.id.startswith("zac-") or e.id in ("ihk", "hwk-botschafter")
        ]
    # deadlines that run from awareness of an incident, of duties that surely apply
    deadlines = [
        Deadline(d.legal_basis, d.deadlines[0].within, d.title)
        for d in contacts.duties.items
        if d.status == "applies" and d.deadlines and d.deadlines[0].from_awareness
    ]
    return CardContext(
        company=contacts.company.name,
        date_label=contacts.date_label,
        first=first,
        out_of_hours=out_of_hours,
        backups=backups[: step.backups],
        more=max(len(backups) - step.backups, 0),
        external=external,
        deadlines=deadlines if step.deadlines else [],
        size=size,
        level=step,
        in_report=in_report,
    )
