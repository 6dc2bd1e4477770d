"""Renderers behind one interface, chosen by the ``Format`` enum."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from assess.models.base import Lang

if TYPE_CHECKING:
    from assess.api import Outcome
    from assess.render.view import View


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def _renderer(fmt: Format) -> Callable[[View], str]:
    if fmt is Format.TEXT:
        from assess.render.text import render_text

        return render_text
    if fmt is Format.JSON:
        from assess.render.jsonout import render_json

        return render_json
    from assess.render.markdown import render_markdown

    return render_markdown


def render(outcome: Outcome, fmt: Format, lang: Lang) -> str:
    """The evaluation in ``fmt`` and ``lang``; always ends with a newline."""
    from assess.render.view import build_view

    return _renderer(fmt)(build_view(outcome, lang))
