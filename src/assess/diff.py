"""What changed between two versions of a catalog or a support directory (pure).

Items are matched by id: added, removed, and changed with the names of the fields that differ.
Used by ``assess update --check`` and ``assess catalog diff``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from assess.models.catalog import Catalog
from assess.models.support import SupportDirectory


@dataclass(frozen=True)
class Changed:
    id: str
    fields: list[str]


@dataclass(frozen=True)
class Section:
    """One kind of item (controls, phases, entries, duties) and how it changed."""

    name: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True)
class Diff:
    old: str
    new: str
    sections: list[Section]
    metadata: list[str]

    @property
    def empty(self) -> bool:
        return not self.metadata and all(s.empty for s in self.sections)


def _section(name: str, old: Sequence[BaseModel], new: Sequence[BaseModel], key: str) -> Section:
    before = {str(getattr(m, key)): m.model_dump(mode="json") for m in old}
    after = {str(getattr(m, key)): m.model_dump(mode="json") for m in new}
    changed = [
        Changed(
            i,
            sorted(
                f for f in after[i].keys() | before[i].keys() if before[i].get(f) != after[i].get(f)
            ),
        )
        for i in after
        if i in before and before[i] != after[i]
    ]
    return Section(
        name,
        added=[i for i in after if i not in before],
        removed=[i for i in before if i not in after],
        changed=changed,
    )


_LISTS = {
    "catalog": [("phases", "id"), ("stages", "level"), ("controls", "id")],
    "support": [("entries", "id"), ("duties", "id")],
}


def diff(old: Catalog | SupportDirectory, new: Catalog | SupportDirectory) -> Diff:
    """The changes from ``old`` to ``new`` (two catalogs or two directories)."""
    kind = "catalog" if isinstance(new, Catalog) else "support"
    lists = _LISTS[kind]
    sections = [_section(name, getattr(old, name), getattr(new, name), key) for name, key in lists]
    skip = {name for name, _ in lists} | {"version", "revision"}
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    metadata = sorted(
        k for k in after.keys() | before.keys() if k not in skip and before.get(k) != after.get(k)
    )
    return Diff(_label(old), _label(new), sections, metadata)


def _label(item: Catalog | SupportDirectory) -> str:
    return f"{item.pin} revision {item.revision}"


def render_diff(d: Diff) -> str:
    """The diff as plain text for the terminal."""
    lines = [f"{d.old} → {d.new}"]
    if d.empty:
        return lines[0] + "\n  no changes\n"
    if d.metadata:
        lines.append(f"  changed metadata: {', '.join(d.metadata)}")
    for s in d.sections:
        if s.empty:
            continue
        lines.append(f"  {s.name}:")
        lines += [f"    + {i}" for i in s.added]
        lines += [f"    - {i}" for i in s.removed]
        lines += [f"    ~ {c.id} ({', '.join(c.fields)})" for c in s.changed]
    return "\n".join(lines) + "\n"
