"""Umsetzungsgrad (weighted implementation score) and Reifegrad (maturity by stage gates)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assess.models.catalog import STATUS_IDS, Catalog
from assess.models.result import ControlResult, Maturity, PhaseScore, Score


def _values(results: Sequence[ControlResult]) -> dict[str, Any]:
    points = weight = 0.0
    counts = dict.fromkeys(STATUS_IDS, 0)
    for r in results:
        counts[r.status] += 1
        if r.applicable:
            points += r.points
            weight += r.weight
    percent = round(100 * points / weight, 1) if weight else None
    return {"percent": percent, "points": points, "weight": weight, "counts": counts}


def score(results: Sequence[ControlResult], catalog: Catalog) -> tuple[Score, list[PhaseScore]]:
    """Σ weight·value/3 ÷ Σ weight over the applicable controls, overall and per phase.

    A phase without applicable controls has no score (None).
    """
    by_phase: dict[str, list[ControlResult]] = {p.id: [] for p in catalog.phases}
    for r in results:
        by_phase.setdefault(r.phase, []).append(r)
    phases = [PhaseScore(phase=p.id, **_values(by_phase[p.id])) for p in catalog.phases]
    return Score(**_values(results)), phases


def maturity(results: Sequence[ControlResult], catalog: Catalog) -> Maturity:
    """Stage L is reached when every applicable control of stage ≤ L meets its stage.

    'Meets' is the scale's ``meets_stage`` (fulfilled or largely); unknown never meets.
    Blockers are the applicable controls of stage ≤ L+1 that do not meet it.
    """
    top = max(s.level for s in catalog.stages)
    level = 0
    while level < top and all(
        r.meets_stage for r in results if r.applicable and r.stage <= level + 1
    ):
        level += 1
    next_level = level + 1 if level < top else None
    blockers = (
        []
        if next_level is None
        else [r.id for r in results if r.applicable and r.stage <= next_level and not r.meets_stage]
    )
    return Maturity(level=level, next_level=next_level, blockers=blockers)
