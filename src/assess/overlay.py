"""Overlays: apply local additions to a catalog edition (pure), and check them like catalogs.

The result is an ordinary ``Catalog`` with the added controls (ids ``X-…``) placed at the end of
their phase and the changed controls rewritten: a weight factor becomes a weight modifier that
always holds (so the reason shows wherever weights are explained), ``applies: false`` a condition
that never holds (so the control is not applicable), ``applies_if`` replaces the condition.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.errors import InputError, Problem
from assess.i18n import compact
from assess.models.base import Lang
from assess.models.catalog import Catalog
from assess.models.overlay import Overlay
from assess.validate import Locator

if TYPE_CHECKING:
    from collections.abc import Sequence

# A condition that always holds (x or not x) and one that never does, for rewriting changes.
ALWAYS: dict[str, Any] = {
    "any": [{"field": "employees", "gte": 1}, {"not": {"field": "employees", "gte": 1}}]
}
NEVER: dict[str, Any] = {"not": ALWAYS}


def apply_overlay(catalog: Catalog, overlay: Overlay) -> Catalog:
    """The catalog with the overlay's additions and changes (not validated here)."""
    return Catalog.model_validate(_merged(catalog, overlay))


def _merged(catalog: Catalog, overlay: Overlay) -> dict[str, Any]:
    data = catalog.model_dump(by_alias=True)
    controls: list[dict[str, Any]] = data["controls"]
    by_id = {c["id"]: c for c in controls}
    for change in overlay.change:
        control = by_id.get(change.control)
        if control is None:
            continue  # reported by check_overlay
        if change.weight_factor is not None:
            modifier = {
                "when": ALWAYS,
                "factor": change.weight_factor,
                "reason": change.reason.model_dump(),
            }
            control.setdefault("weight_modifiers", []).append(modifier)
        if change.applies is False:
            control["applies_if"] = NEVER
        elif change.applies_if is not None:
            control["applies_if"] = change.applies_if.model_dump(by_alias=True)
    for added in overlay.add:
        entry = added.model_dump(by_alias=True, exclude={"reason"})
        last = max((i for i, c in enumerate(controls) if c["phase"] == added.phase), default=None)
        controls.insert(len(controls) if last is None else last + 1, entry)
    return data


class _OverlayLocator(Locator):
    """Places problems found in the merged catalog at the overlay entry they come from."""

    def __init__(self, where: Locator, overlay: Overlay, merged: Catalog) -> None:
        super().__init__(where.source, where.text, where.data)
        self.where = where
        added = {a.id: i for i, a in enumerate(overlay.add)}
        changed = {c.control: i for i, c in enumerate(overlay.change)}
        self.places: dict[int, list[str | int]] = {}
        for i, control in enumerate(merged.controls):
            if control.id in added:
                self.places[i] = ["add", added[control.id]]
            elif control.id in changed:
                self.places[i] = ["change", changed[control.id]]

    def problem(self, loc: Sequence[str | int], message: str, fix: str | None = None) -> Problem:
        if len(loc) >= 2 and loc[0] == "controls" and isinstance(loc[1], int):
            place = self.places.get(loc[1])
            if place is not None:
                rest = list(loc[2:]) if place[0] == "add" else []
                return self.where.problem([*place, *rest], message, fix)
        return self.where.problem([], message, fix)


def check_overlay(catalog: Catalog, overlay: Overlay, where: Locator) -> list[Problem]:
    """Every problem of an overlay for this catalog, at once: its pin, ids that clash or do not
    exist, a mandatory control made not applicable, and every check a catalog gets (phases,
    roles, support tags, conditions, dependencies) for the controls it adds or changes."""
    from assess.validate import check_catalog

    problems = []
    if overlay.catalog != catalog.pin:
        problems.append(
            where.problem(["catalog"], f"the overlay is for {overlay.catalog}, not {catalog.pin}")
        )
    seen: set[str] = set()
    for i, added in enumerate(overlay.add):
        if added.id in seen:
            problems.append(where.problem(["add", i, "id"], f"{added.id} is added twice"))
        seen.add(added.id)
    changed: set[str] = set()
    for i, change in enumerate(overlay.change):
        control = catalog.controls_by_id.get(change.control)
        if control is None and change.control not in seen:
            problems.append(
                where.problem(
                    ["change", i, "control"], f"no control {change.control} in {catalog.pin}"
                )
            )
        elif control is not None and control.mandatory and change.applies is False:
            problems.append(
                where.problem(
                    ["change", i, "applies"],
                    f"{change.control} is mandatory and cannot be made not applicable",
                )
            )
        if change.control in changed:
            problems.append(
                where.problem(["change", i, "control"], f"{change.control} is changed twice")
            )
        changed.add(change.control)
    if problems:
        return problems
    merged = Catalog.model_validate(_merged(catalog, overlay))
    locator = _OverlayLocator(where, overlay, merged)
    for problem in check_catalog(merged, locator):
        # Added controls carry X- ids by design, not the phase's prefix.
        if (
            problem.message.startswith("ids in phase ")
            and problem.where
            and "add." in (problem.where)
        ):
            continue
        problems.append(problem)
    return problems


@dataclass(frozen=True)
class LoadedOverlay:
    """An overlay file, parsed; ``apply`` checks it against a catalog and applies it."""

    overlay: Overlay
    where: Locator

    def apply(self, catalog: Catalog) -> Catalog:
        problems = check_overlay(catalog, self.overlay, self.where)
        if problems:
            raise InputError(problems)
        return apply_overlay(catalog, self.overlay)


def read_overlay(path: Path) -> LoadedOverlay:
    """Parse an overlay file (its checks against the catalog come with ``apply``)."""
    from assess.load import load_yaml_file
    from assess.validate import parse_model

    data, text = load_yaml_file(path)
    where = Locator(str(path), text, data)
    return LoadedOverlay(parse_model(Overlay, data, where), where)


def describe(overlay: Overlay, lang: Lang) -> str:
    """One sentence for the results: that an overlay was used and what it changed."""
    parts = [f"+{a.id} {a.title.get(lang)} ({a.reason.get(lang)})" for a in overlay.add]
    for c in overlay.change:
        what = []
        if c.weight_factor is not None:
            what.append(
                ("Gewicht ×" if lang == "de" else "weight ×") + compact(c.weight_factor, lang)
            )
        if c.applies is False:
            what.append("entbehrlich" if lang == "de" else "not applicable")
        if c.applies_if is not None:
            what.append("neue Bedingung" if lang == "de" else "new condition")
        parts.append(f"{c.control} {', '.join(what)} ({c.reason.get(lang)})")
    head = (
        f"Overlay {overlay.id} von {overlay.author} angewendet – Ergebnisse nicht direkt mit "
        "anderen Unternehmen vergleichbar: "
        if lang == "de"
        else f"overlay {overlay.id} by {overlay.author} applied – results are not directly "
        "comparable with other companies: "
    )
    return head + "; ".join(parts)
