"""Finds the bundled catalogs, support directories and example profiles, and the newer versions
``assess update`` stored in the user data directory.

In an installed wheel the bundled data lives in ``assess/_data``; in a checkout (editable install)
at the top of the repository. Catalogs are ``catalogs/<id>/<version>.yaml``; the folders below an
id (``frameworks/``, ``migrations/``) hold other kinds of file and are never taken for catalogs.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

SUPPORT_PREFIX = "support-"


def data_root() -> Path:
    """The folder holding ``catalogs/`` and ``profiles/``."""
    # the package's own folder (what importlib.resources.files("assess") gives for a package
    # on disk, without importing importlib.resources and tempfile at every start)
    packaged = Path(__file__).parent / "_data"
    if (packaged / "catalogs").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Bundled:
    id: str
    version: str
    path: Path
    origin: str = "bundled"  # or "stored": fetched by `assess update` into the user data dir

    @property
    def revision(self) -> int:
        """The revision of this encoding (top-level ``revision:``; 1 where there is none)."""
        return read_revision(self.path)

    @property
    def pin(self) -> str:
        return f"{self.id}@{self.version}"


_REVISION = re.compile(r"^revision:\s*(\d+)\s*(?:#.*)?$", re.MULTILINE)


def read_revision(path: Path) -> int:
    """The top-level ``revision:`` of a catalog or directory file, read without parsing it all
    (the files are validated when they are loaded)."""
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return 1
    match = _REVISION.search(head)
    return int(match.group(1)) if match else 1


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"[.\-]", version))


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort key of a version: numeric parts compare as numbers (2021.10 after 2021.9)."""
    return _version_key(version)


def user_data_dir() -> Path:
    """Where ``assess update`` stores fetched catalogs and directories: ``ASSESS_DATA_DIR`` if
    set, else the platform's user data directory (e.g. ``~/.local/share/assess``)."""
    override = os.environ.get("ASSESS_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        # The usual cases of what platformdirs answers on Linux (the XDG base directory rule),
        # without importing it – platformdirs brings tempfile, shutil, bz2 and lzma, some 5 ms of
        # every start. Anything unusual (no HOME, a relative one) is left to platformdirs;
        # tests/test_resources.py compares the two.
        xdg = os.environ.get("XDG_DATA_HOME", "")
        if xdg.startswith("/"):
            return Path(xdg) / "assess"
        home = os.environ.get("HOME", "")
        if home.startswith("/"):
            return Path(home.rstrip("/") + "/.local/share") / "assess"
    from platformdirs import user_data_dir as platform_dir

    return Path(platform_dir("assess", appauthor=False))


def _scan(root: Path, kind: str, origin: str) -> list[Bundled]:
    found = []
    for path in sorted(root.glob("*/*.yaml")):
        is_support = path.parent.name.startswith(SUPPORT_PREFIX)
        if is_support == (kind == "support"):
            found.append(Bundled(path.parent.name, path.stem, path, origin))
    return found


def _sorted(items: list[Bundled]) -> list[Bundled]:
    return sorted(items, key=lambda b: (b.id, _version_key(b.version)))


def bundled(kind: str = "catalog") -> list[Bundled]:
    """Bundled catalogs (``kind="catalog"``) or support directories (``"support"``), each as
    ``catalogs/<id>/<version>.yaml``, sorted by id and version."""
    return _sorted(_scan(data_root() / "catalogs", kind, "bundled"))


def stored(kind: str = "catalog") -> list[Bundled]:
    """Versions ``assess update`` stored in the user data directory, sorted like ``bundled``."""
    return _sorted(_scan(user_data_dir() / "catalogs", kind, "stored"))


def installed(kind: str = "catalog") -> list[Bundled]:
    """Bundled and stored versions together; where both have a version, the higher revision
    (the bundled one if they are equal)."""
    items = {(b.id, b.version): b for b in bundled(kind)}
    for item in stored(kind):
        current = items.get((item.id, item.version))
        if current is None or item.revision > current.revision:
            items[(item.id, item.version)] = item
    return _sorted(list(items.values()))


def find_installed(item_id: str, version: str | None, kind: str = "catalog") -> Bundled | None:
    """The installed item with this id and version (the newest, stored or bundled, if None)."""
    matches = [b for b in installed(kind) if b.id == item_id]
    if version is not None:
        matches = [b for b in matches if b.version == version]
    return matches[-1] if matches else None


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
