"""Renderers behind one interface, chosen by the ``Format`` enum."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from assess.models.base import Lang

if TYPE_CHECKING:
    from assess.api import Outcome
    from assess.render.view import ContactsView, View


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def render_view(view: View | ContactsView, fmt: Format) -> str:
    """An evaluation view or a contact sheet in ``fmt``; always ends with a newline."""
    from assess.render.view import View

    if fmt is Format.JSON:
        from assess.render.jsonout import render_json

        return render_json(view)
    if fmt is Format.TEXT:
        from assess.render.text import render_contacts_text, render_text

        return render_text(view) if isinstance(view, View) else render_contacts_text(view)
    from assess.render.markdown import render_contacts_markdown, render_markdown

    return render_markdown(view) if isinstance(view, View) else render_contacts_markdown(view)


def render(outcome: Outcome, fmt: Format, lang: Lang) -> str:
    """The evaluation in ``fmt`` and ``lang``; always ends with a newline."""
    from assess.render.view import build_view

    return render_view(build_view(outcome, lang), fmt)
