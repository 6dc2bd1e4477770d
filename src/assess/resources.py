"""Finds the bundled catalogs, support directories and example profiles.

In an installed wheel they live in ``assess/_data``; in a checkout (editable install) at the top
of the repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

SUPPORT_PREFIX = "support-"


def data_root() -> Path:
    """The folder holding ``catalogs/`` and ``profiles/``."""
    packaged = Path(str(files("assess"))) / "_data"
    if (packaged / "catalogs").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Bundled:
    id: str
    version: str
    path: Path

    @property
    def pin(self) -> str:
        return f"{self.id}@{self.version}"


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"[.\-]", version))


def bundled(kind: str = "catalog") -> list[Bundled]:
    """Bundled catalogs (``kind="catalog"``) or support directories (``"support"``), each as
    ``catalogs/<id>/<version>.yaml``, sorted by id and version."""
    root = data_root() / "catalogs"
    found = []
    for path in sorted(root.glob("*/*.yaml")):
        is_support = path.parent.name.startswith(SUPPORT_PREFIX)
        if is_support == (kind == "support"):
            found.append(Bundled(path.parent.name, path.stem, path))
    return sorted(found, key=lambda b: (b.id, _version_key(b.version)))


def find_bundled(item_id: str, version: str | None, kind: str = "catalog") -> Bundled | None:
    """The bundled item with this id and version (the newest if version is None)."""
    matches = [b for b in bundled(kind) if b.id == item_id]
    if version is not None:
        matches = [b for b in matches if b.version == version]
    return matches[-1] if matches else None


def bundled_profiles() -> dict[str, Path]:
    """Example profiles by name: ``profiles/<name>/profile.yaml``."""
    root = data_root() / "profiles"
    return {p.parent.name: p for p in sorted(root.glob("*/profile.yaml"))}
