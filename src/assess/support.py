"""Which support services fit the company and the gap. Pure functions of models."""

from __future__ import annotations

from collections.abc import Iterable

from assess.models.condition import holds
from assess.models.profile import Profile
from assess.models.support import SupportDirectory, SupportEntry


def fits(entry: SupportEntry, profile: Profile) -> bool:
    """Whether an entry is for this company: its Land (if regional) and its condition."""
    if entry.land is not None and entry.land != profile.bundesland:
        return False
    return entry.applies_if is None or holds(entry.applies_if, profile.condition_values)


def entries_for(
    directory: SupportDirectory, profile: Profile, tags: Iterable[str]
) -> list[SupportEntry]:
    """Entries serving any of ``tags`` that fit the company, in directory order."""
    wanted = set(tags)
    return [e for e in directory.entries if wanted & set(e.tags) and fits(e, profile)]


def emergency_entries(directory: SupportDirectory, profile: Profile) -> list[SupportEntry]:
    """External contacts to call during an IT emergency, fitting the company."""
    return [e for e in directory.entries if e.emergency and fits(e, profile)]
