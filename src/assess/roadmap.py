"""Rank the gaps into a time-boxed roadmap.

Order: critical gaps first; then what got worse since the previous assessment (when the caller
names those regressions); then what blocks the next maturity level; then benefit per effort
(score points gained per effort point); ties by stage and catalog order. A control never comes
before an open prerequisite (one not yet at least largely fulfilled): such a prerequisite is pulled
forward to just before its dependant and takes over its horizon if that is sooner.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.models.catalog import Catalog
from assess.models.profile import Profile
from assess.models.result import HORIZONS, ControlResult, Horizon, Maturity, RoadmapItem
from assess.models.support import SupportDirectory
from assess.support import fitting


def build_roadmap(
    catalog: Catalog,
    results: Sequence[ControlResult],
    level: Maturity,
    total_weight: float,
    profile: Profile,
    directory: SupportDirectory,
    regressed: frozenset[str] = frozenset(),
    items: int | None = None,
) -> list[RoadmapItem]:
    """The ranked roadmap; ``regressed`` names controls whose status fell since the previous
    assessment, which rank right after the critical gaps and are due within 90 days.

    ``items`` keeps only that many of the first items (the ranking is the same): a portfolio
    summary needs the top one only, and building the rest is most of the work here."""
    top = catalog.max_value
    gaps = {r.id: r for r in results if r.gap}
    position = {c.id: i for i, c in enumerate(catalog.controls)}
    blockers = set(level.blockers)

    def gain(r: ControlResult) -> float:
        missing = top - (r.value or 0)
        return 100 * r.weight * missing / top / total_weight if total_weight else 0.0

    def effort(r: ControlResult) -> int:
        return catalog.controls_by_id[r.id].effort

    ranks = {
        r.id: (
            not r.critical,
            r.id not in regressed,
            r.id not in blockers,
            -gain(r) / effort(r),
            r.stage,
            position[r.id],
        )
        for r in gaps.values()
    }

    def key(r: ControlResult) -> tuple[bool, bool, bool, float, int, int]:
        return ranks[r.id]

    # Each gap's open prerequisites (a prerequisite that is at least largely fulfilled can be
    # built on already), best first; computed once.
    open_deps: dict[str, list[ControlResult]] = {}
    for control_id in gaps:
        deps = catalog.controls_by_id[control_id].depends_on
        found = [gaps[d] for d in deps if d in gaps and not gaps[d].meets_stage]
        if len(found) > 1:
            found.sort(key=key)
        open_deps[control_id] = found

    order: list[ControlResult] = []
    placed: set[str] = set()

    def place(first: ControlResult) -> None:
        # Depth first without recursion: a chain of 1,500 prerequisites must not hit the stack.
        if first.id in placed:
            return
        placed.add(first.id)  # the catalog is validated acyclic
        stack = [(first, iter(open_deps[first.id]))]
        while stack:
            r, pending = stack[-1]
            for dep in pending:
                if dep.id not in placed:
                    placed.add(dep.id)
                    stack.append((dep, iter(open_deps[dep.id])))
                    break
            else:
                stack.pop()
                order.append(r)

    for r in sorted(gaps.values(), key=key):
        place(r)

    horizon: dict[str, Horizon] = {
        r.id: "30d" if r.critical else "90d" if r.id in blockers | regressed else "12m"
        for r in order
    }
    for r in reversed(order):  # dependants come after their prerequisites
        for dep in open_deps[r.id]:
            horizon[dep.id] = min(horizon[dep.id], horizon[r.id], key=HORIZONS.index)

    dependants: dict[str, list[str]] = {r.id: [] for r in order}
    for d in order:
        for dep in open_deps[d.id]:
            if d.id not in dependants[dep.id]:
                dependants[dep.id].append(d.id)
    fit = fitting(directory, profile)
    helpers: dict[tuple[str, ...], list[str]] = {}  # by support tags: controls share them
    built = []
    for rank, r in enumerate(order[:items], start=1):
        control = catalog.controls_by_id[r.id]
        g = gain(r)
        tags = tuple(control.support)
        if tags not in helpers:
            wanted = set(tags)
            helpers[tags] = [e.id for e in fit if not wanted.isdisjoint(e.tags)]
        built.append(
            RoadmapItem(
                rank=rank,
                control=r.id,
                horizon=horizon[r.id],
                critical=r.critical,
                blocks_level=level.next_level if r.id in blockers else None,
                prerequisite_for=dependants[r.id],
                gain=round(g, 2),
                effort=control.effort,
                benefit_per_effort=round(g / control.effort, 2),
                owner_role=control.owner_role,
                support=list(helpers[tags]),
            )
        )
    return built
