"""`assess report … --history DIR`: the trend chart and the table of the years, with the same
checks as the report itself (structure, numbers, self-contained, PDF, Chromium)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pypdf import PdfReader

from assess.i18n import percent
from tests.conftest import browser_or_skip
from tests.test_report import (
    HUBER,
    NS,
    _open,
    by_id,
    find_all,
    parse,
    run,
    text,
)

SVG = "{http://www.w3.org/2000/svg}"
ANSWERS = HUBER / "answers-2026.yaml"


def history_json() -> dict[str, object]:
    code, out, err = run("history", str(HUBER), "--format", "json")
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


def test_report_with_history_shows_chart_and_table(tmp_path: Path) -> None:
    html_file = tmp_path / "report.html"
    code, _, err = run("report", str(ANSWERS), "--history", str(HUBER), "-o", str(html_file))
    assert code == 0, err
    root = parse(html_file.read_text("utf-8"))
    sections = [s.get("id") for s in root.iter(NS + "section")]
    assert sections == [
        "summary",
        "history",
        "results",
        "roadmap",
        "open-questions",
        "details",
        "contacts",
        "card",
        "appendix",
    ]
    history = by_id(root, "history")
    years = history_json()["years"]
    assert isinstance(years, list)
    rows = [r for r in find_all(history, "tr") if r.get("data-date")]
    assert [r.get("data-date") for r in rows] == [y["date"] for y in years]
    for row, year in zip(rows, years, strict=True):
        cells = find_all(row, "td")
        assert float(cells[0].get("data-value") or "nan") == year["overall"]
        assert [float(c.get("data-value") or "nan") for c in cells[1:5]] == [
            p["percent"] for p in year["phases"]
        ]
        assert int(cells[5].get("data-value") or "-1") == year["level"]
        assert text(cells[6]) == str(len(year["critical_gaps"]))
    chart = next(history.iter(SVG + "svg"))
    lines = list(chart.iter(SVG + "polyline"))
    assert len(lines) == 4 + 1 + 1  # four phases, the overall score, the level steps
    title = text(next(chart.iter(SVG + "title")))
    for year in years:
        phases = ", ".join(f"{p['title']} {percent(p['percent'], 'de')}" for p in year["phases"])
        said = f"{year['date_label']}: Umsetzungsgrad {percent(year['overall'], 'de')}, {phases}"
        assert said in title
    steps = text(history)
    assert "14.03.2024 → 20.03.2025" in steps
    assert "Verschlechtert (1): BEW-03 " in steps


def test_history_must_be_of_the_same_company(tmp_path: Path) -> None:
    folder = tmp_path / "bewertungen"
    folder.mkdir()
    other = HUBER.parent / "steuerkanzlei-becker"
    shutil.copy(other / "answers-2026.yaml", folder / "2026.yaml")
    (folder / "2026.yaml").write_text(
        (folder / "2026.yaml")
        .read_text("utf-8")
        .replace("profile: profile.yaml", f"profile: {other / 'profile.yaml'}"),
        "utf-8",
    )
    code, _, err = run(
        "report", str(ANSWERS), "--history", str(folder), "-o", str(tmp_path / "r.html")
    )
    assert code == 2
    assert "one company" in err
    assert str(folder / "2026.yaml") in err
    assert not (tmp_path / "r.html").exists()


def test_report_with_history_as_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    code, _, err = run("report", str(ANSWERS), "--history", str(HUBER), "-o", str(pdf))
    assert code == 0, err
    words = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Verlauf über die Jahre" in words
    assert "14.03.2024" in words


def test_report_with_history_in_chromium(tmp_path: Path) -> None:
    sync_playwright = browser_or_skip()
    html_file = tmp_path / "report.html"
    code, _, err = run("report", str(ANSWERS), "--history", str(HUBER), "-o", str(html_file))
    assert code == 0, err
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        seen = _open(sync_playwright, html_file, viewport)
        assert seen["requests"] == [html_file.as_uri()]
        assert [c for c in seen["console"] if c[0] in ("error", "warning")] == []
        assert seen["errors"] == []
        assert seen["overflow"] <= 0, f"page wider than the {viewport['width']} px screen"
