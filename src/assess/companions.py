"""The files that accompany a catalog – framework requirement lists, migration maps, overlays –
recognised by their keys and checked against the catalog editions they name, so that
``assess catalog validate`` checks them as it checks catalogs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assess.errors import InputError, Problem


def kind_of(data: Any) -> str | None:
    """'framework', 'migration' or 'overlay' for a companion file's data, else None."""
    if not isinstance(data, dict) or "controls" in data or "entries" in data:
        return None
    if "requirements" in data:
        return "framework"
    if "from" in data and "to" in data and "changes" in data:
        return "migration"
    if "add" in data or "change" in data:
        return "overlay"
    return None


def validate_companion(path: Path, kind: str, data: dict[str, Any]) -> str:
    """Check a companion file against the installed catalog editions it names; the ok line."""
    from assess.api import load_catalog

    if kind == "overlay":
        from assess.overlay import read_overlay

        loaded = read_overlay(path)
        merged = loaded.apply(load_catalog(loaded.overlay.catalog))
        o = loaded.overlay
        return f"{o.id} for {merged.pin}, {len(o.add)} added, {len(o.change)} changed"
    if kind == "framework":
        from assess.views import load_framework

        catalog_id = _text(data, "catalog", path)
        catalog = load_catalog(catalog_id)
        fw = load_framework(catalog, _text(data, "id", path), path)
        return f"framework {fw.id} for {catalog.pin}, {len(fw.requirements)} requirements"
    from assess.migrate import load_map

    catalog_id = _text(data, "catalog", path)
    old = load_catalog(f"{catalog_id}@{_text(data, 'from', path)}")
    new = load_catalog(f"{catalog_id}@{_text(data, 'to', path)}")
    m = load_map(path, old, new)
    return f"migration map {old.pin} → {new.pin}, {len(m.changes)} controls"


def _text(data: dict[str, Any], key: str, path: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError([Problem(str(path), f"'{key}' must name a catalog id or version")])
    return value
