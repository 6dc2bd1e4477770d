"""What makes the report's PDF fast (issue 9) keeps working and changes nothing in the output:
our own user-agent stylesheet (assets/ua.css) through WeasyPrint's ``_ua_stylesheets`` hook,
and the garbage collector paused while WeasyPrint works."""

from __future__ import annotations

import datetime as dt
import gc
import re
import traceback
from pathlib import Path
from typing import Any

import pytest
import tinyhtml5
from click.testing import CliRunner

from assess.api import evaluate_file
from assess.cli import main
from assess.report import ASSETS, report_html
from assess.report import pdf as pdf_module
from assess.resources import bundled_profiles

PROFILES = bundled_profiles()
HUBER = PROFILES["schreinerei-huber"].parent
MUELLER = PROFILES["mueller-antriebstechnik"].parent
PREVIOUS = HUBER / "answers-2025.yaml"
CREATED = dt.datetime(2026, 9, 21, 12, tzinfo=dt.UTC)


def _elements(css: str) -> set[str]:
    """The element names a user-agent stylesheet has rules for."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = css[: css.index("@page")]
    selectors = re.sub(r"\[[^\]]*\]", "", " ".join(re.findall(r"([^{}]*)\{[^}]*\}", css)))
    return set(re.findall(r"(?<![-\w.#:])([a-z][a-z0-9]*)", selectors))


def _stock_ua() -> str:
    """WeasyPrint's own html5_ua.css, as installed."""
    from importlib.resources import files

    return (files("weasyprint.css") / "html5_ua.css").read_text(encoding="utf-8")


def _documents(tmp_path: Path) -> list[Path]:
    """The report in all its variants and the card of each example, as HTML (the PDF's HTML
    has the same elements; only its stylesheet differs)."""
    runs = [
        ["report", str(MUELLER / "answers-2026.yaml"), "--view", "nis2"],
        ["report", str(HUBER / "answers-2026.yaml"), "--previous", str(PREVIOUS)],
        ["report", str(HUBER / "answers-2026.yaml"), "--history", str(HUBER), "--lang", "en"],
        ["report", str(PROFILES["steuerkanzlei-becker"].parent / "answers-2026.yaml")],
        *(["card", "--profile", name, "--size", "a6"] for name in PROFILES),
    ]
    files = []
    for i, args in enumerate(runs):
        out = tmp_path / f"{i}.html"
        result = CliRunner().invoke(main, [*args, "-o", str(out)])
        assert result.exit_code == 0, result.output
        files.append(out)
    return files


def test_the_user_agent_stylesheet_covers_every_element_the_templates_make(
    tmp_path: Path,
) -> None:
    """assets/ua.css has WeasyPrint's rules only for the elements our documents hold: a template
    using another one that WeasyPrint's html5_ua.css styles (``<img>``, ``<input>``, ``<hr>``)
    must add that element's rules first. No element may carry the attributes whose rules were
    left out (``hidden``, ``dir``)."""
    sheet = (ASSETS / "ua.css").read_text(encoding="utf-8")
    assert "url(" not in sheet  # parsed with WeasyPrint's own fetcher: it must load nothing
    assert "@import" not in sheet
    ours = _elements(sheet)
    stock = _elements(_stock_ua())
    assert {"p", "td", "h1", "h4", "li", "strong", "small", "br", "input"} <= stock
    assert {"p", "td", "h1", "h4", "li", "strong", "small", "br", "a"} <= ours
    assert "input" not in ours
    seen = set()
    for path in _documents(tmp_path):
        root = tinyhtml5.parse(path.read_text(encoding="utf-8"), namespace_html_elements=False)
        in_svg = {id(e) for svg in root.iter("svg") for e in svg.iter() if e is not svg}
        for element in root.iter():
            if id(element) in in_svg or not isinstance(element.tag, str):
                continue
            seen.add(element.tag)
            assert element.tag in ours or element.tag not in stock, (path.name, element.tag)
            assert not {"hidden", "dir"} & set(element.attrib), element.tag
    assert {"span", "time", "table", "ol", "ul", "h4", "code", "small"} <= seen


def _stock_pdf(html: str) -> bytes:
    """``html`` through WeasyPrint's own HTML class: its full html5_ua.css."""
    import weasyprint

    original = pdf_module._page_class
    pdf_module._page_class = lambda: weasyprint.HTML  # type: ignore[assignment]
    try:
        return pdf_module.html_to_pdf(html, CREATED)
    finally:
        pdf_module._page_class = original  # type: ignore[assignment]


def test_the_report_pdf_is_the_same_with_weasyprints_own_user_agent_stylesheet() -> None:
    """The trimmed stylesheet is a speed measure only: the manufacturer's report (the longest,
    with every chapter) comes out byte for byte as with WeasyPrint's html5_ua.css."""
    outcome = evaluate_file(MUELLER / "answers-2026.yaml")
    html = report_html(outcome, "de", None, True, "all", CREATED.date())
    assert pdf_module.html_to_pdf(html, CREATED) == _stock_pdf(html)


def test_weasyprint_takes_its_user_agent_stylesheet_from_us(monkeypatch: Any) -> None:
    """``_ua_stylesheets`` is internal to WeasyPrint: if a new version stops calling it, the
    PDF would silently be slow again – this fails instead (and pyproject pins the range)."""
    calls: list[bool] = []
    real = pdf_module._ua_sheets
    monkeypatch.setattr(pdf_module, "_ua_sheets", lambda: calls.append(True) or real())
    document = pdf_module.render_pdf("<!DOCTYPE html><html><body><p>Notfall</p></body></html>")
    assert len(document.pages) == 1
    assert calls == [True]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_weasyprint_works_and_put_back(enabled: bool) -> None:
    """No garbage collection runs inside WeasyPrint (one may run as it returns); afterwards the
    collector is as the caller left it (a library must not switch it off for good)."""
    collections: list[str] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            inside = [f.filename for f in traceback.extract_stack() if "weasyprint" in f.filename]
            collections.extend(inside[-1:])

    html = "<!DOCTYPE html><html><body>" + "<p>Zeile <b>fett</b></p>" * 200 + "</body></html>"
    was = gc.isenabled()
    gc.enable() if enabled else gc.disable()
    gc.callbacks.append(seen)
    try:
        pdf_module.html_to_pdf(html, CREATED)
        assert collections == []
        assert gc.isenabled() is enabled
    finally:
        gc.callbacks.remove(seen)
        gc.enable() if was else gc.disable()
