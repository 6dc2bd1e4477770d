"""JSON for machines: the view as it stands, keys in a stable order."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import Any

from assess.render.view import ContactsView, View

_LEAVES = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` makes of the view for JSON – dataclasses as dicts of their
    fields in order, lists and tuples as lists – without deep-copying every text and number
    (json.dumps only reads them)."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(kind):
        names = _FIELDS[kind] = tuple(f.name for f in fields(kind))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    return value


def render_json(view: View | ContactsView) -> str:
    return json.dumps(_plain(view), ensure_ascii=False, indent=2) + "\n"
