"""Which support services and reporting duties fit the company and the gap. Pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from assess.models.condition import holds
from assess.models.profile import Profile
from assess.models.support import Duty, SupportDirectory, SupportEntry


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


def duties_for(directory: SupportDirectory, profile: Profile) -> list[Duty]:
    """The reporting duties whose condition the company meets, in directory order."""
    values = profile.condition_values
    return [d for d in directory.duties if d.applies_if is None or holds(d.applies_if, values)]


def recipients(directory: SupportDirectory, profile: Profile, duty: Duty) -> list[SupportEntry]:
    """The directory entries that receive a duty's report for this company."""
    return entries_for(directory, profile, duty.contact_tags)


def stale_since(on: dt.date) -> dt.date:
    """Facts checked before this day are more than 12 months old on ``on``."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:  # 29 February
        return on.replace(year=on.year - 1, day=28)
