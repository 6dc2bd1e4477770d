"""JSON for machines: the view as it stands, keys in a stable order."""

from __future__ import annotations

import json
from dataclasses import asdict

from assess.render.view import ContactsView, View


def render_json(view: View | ContactsView) -> str:
    return json.dumps(asdict(view), ensure_ascii=False, indent=2) + "\n"
