"""Which support services and reporting duties fit the company and the gap. Pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from assess.models.base import Text
from assess.models.condition import holds
from assess.models.profile import Profile
from assess.models.support import Duty, SupportDirectory, SupportEntry

DutyStatus = Literal["applies", "possible", "exempt"]


def fits(entry: SupportEntry, profile: Profile) -> bool:
    """Whether an entry is for this company: its Land (if regional) and its condition."""
    if entry.land is not None and entry.land != profile.bundesland:
        return False
    return entry.applies_if is None or holds(entry.applies_if, profile.condition_values)


def fitting(directory: SupportDirectory, profile: Profile) -> list[SupportEntry]:
    """The entries for this company: those of its Land first, then in directory order."""
    return sorted((e for e in directory.entries if fits(e, profile)), key=lambda e: e.land is None)


def entries_for(
    directory: SupportDirectory, profile: Profile, tags: Iterable[str]
) -> list[SupportEntry]:
    """Entries serving any of ``tags`` that fit the company."""
    wanted = set(tags)
    return [e for e in fitting(directory, profile) if wanted & set(e.tags)]


def emergency_entries(directory: SupportDirectory, profile: Profile) -> list[SupportEntry]:
    """External contacts to call during an IT emergency, fitting the company."""
    return [e for e in fitting(directory, profile) if e.emergency]


@dataclass(frozen=True)
class DutyFinding:
    """A duty for this company: it applies, it may apply (the NIS2 class is not determinable),
    or the law exempts the company (a caveat says where it reports instead)."""

    duty: Duty
    status: DutyStatus
    notes: tuple[Text, ...]


def duty_findings(directory: SupportDirectory, profile: Profile) -> list[DutyFinding]:
    """The duties that apply, may apply or are lifted for this company, in directory order."""
    values = profile.condition_values
    possible = profile.nis2.possible
    maybe = None if possible is None else values | {"nis2_classification": possible}
    found = []
    for duty in directory.duties:
        status: DutyStatus
        if duty.applies_if is None or holds(duty.applies_if, values):
            status = "applies"
        elif maybe is not None and holds(duty.applies_if, maybe):
            status = "possible"
        else:
            continue
        caveats = [c for c in duty.caveats if holds(c.when, values)]
        if any(c.exempts for c in caveats):
            status = "exempt"
        found.append(DutyFinding(duty, status, tuple(c.note for c in caveats)))
    return found


def duties_for(directory: SupportDirectory, profile: Profile) -> list[Duty]:
    """The reporting duties that apply to the company, in directory order."""
    return [f.duty for f in duty_findings(directory, profile) if f.status == "applies"]


def recipients(directory: SupportDirectory, profile: Profile, duty: Duty) -> list[SupportEntry]:
    """The directory entries that receive a duty's report for this company."""
    return entries_for(directory, profile, duty.contact_tags)


def stale_since(on: dt.date) -> dt.date:
    """Facts checked before this day are more than 12 months old on ``on``."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:  # 29 February
        return on.replace(year=on.year - 1, day=28)
