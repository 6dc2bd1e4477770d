"""The portfolio: a small synthetic one with known figures, a broken file among good ones, and
every output format read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from assess import api, batch, resources
from assess.cli import main

TODAY = dt.date(2026, 6, 1)
EPOCH = str(int(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC).timestamp()))
CATALOG = resources.bundled()[-1]
EVIL = '=HYPERLINK("http://evil.example","x")'


def controls() -> list[str]:
    return [c.id for c in api.load_catalog(CATALOG.pin).controls]


def top_level() -> int:
    return max(s.level for s in api.load_catalog(CATALOG.pin).stages)


def company(root: Path, folder: str, **profile: Any) -> Path:
    path = root / folder
    path.mkdir(parents=True)
    base = {
        "sector": "Handwerk",
        "bundesland": "BY",
        "chamber": "hwk",
        "it_operation": "external",
        "personal_data": "standard",
    }
    (path / "profile.yaml").write_text(
        yaml.safe_dump({**base, **profile}, allow_unicode=True), encoding="utf-8"
    )
    return path


def answers(
    folder: Path, day: str, status: str, name: str | None = None, **long: dict[str, Any]
) -> Path:
    path = folder / (name or f"answers-{day[:4]}.yaml")
    data = {
        "catalog": CATALOG.pin,
        "profile": "profile.yaml",
        "date": dt.date.fromisoformat(day),
        "assessor": "Test",
        "answers": {cid: long.get(cid, status) for cid in controls()},
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    """Four companies, six readable answers files, two broken ones, and files to skip.

    Alpha (BY, 8, Handwerk): 2025 nothing, 2026 everything fulfilled.
    Beta (HE, 120, Logistik): 2024 everything fulfilled, 2025 partial: regressed and overdue.
    Gamma (BY, 30, Handwerk): 2026 everything largely.
    Delta (HE, 300, Steuerberatung): 2026 nothing; its name is a spreadsheet formula.
    """
    root = tmp_path / "kunden"
    alpha = company(root, "alpha", name="Alpha GmbH", employees=8)
    answers(alpha, "2025-01-10", "not")
    answers(alpha, "2026-01-10", "fulfilled")
    beta = company(root, "beta", name="Beta AG", employees=120, sector="Logistik", bundesland="HE")
    answers(beta, "2024-05-01", "fulfilled")
    answers(beta, "2025-05-01", "partial")
    gamma = company(root, "gamma", name="Gamma KG", employees=30)
    first, second, third = controls()[:3]
    answers(
        gamma,
        "2026-03-01",
        "largely",
        **{
            first: {"status": "largely", "updated": dt.date(2025, 2, 28)},  # over 12 months
            second: {"status": "largely", "reviewed": False},  # carried over, not confirmed
            third: {"status": "largely", "updated": dt.date(2025, 3, 1)},  # just 12 months
        },
    )
    delta = company(
        root, "sub/delta", name=EVIL, employees=300, sector="Steuerberatung", bundesland="HE"
    )
    answers(delta, "2026-02-01", "not")
    broken = company(root, "broken", name="Kaputt GmbH", employees=5)
    answers(broken, "2026-01-01", "vielleicht")  # not a status
    (broken / "answers-syntax.yaml").write_text(
        f"catalog: {CATALOG.pin}\nanswers:\n  - [unclosed\n", encoding="utf-8"
    )
    (root / "notes.yaml").write_text("title: not an answers file\n", encoding="utf-8")
    (root / ".hidden").mkdir()
    answers(alpha, "2027-01-01", "fulfilled", name="../.hidden/answers.yaml")
    return root


def evaluation(path: Path) -> Any:
    return api.evaluate_file(path).evaluation


def test_finds_answers_files_only(portfolio: Path) -> None:
    found = sorted(p.relative_to(portfolio).as_posix() for p, _ in batch.find([portfolio]))
    assert ".hidden/answers.yaml" not in found
    assert "notes.yaml" in found
    assert "alpha/profile.yaml" in found
    assert [f for f in found if batch.is_answers((portfolio / f).read_text(), ".yaml")] == [
        "alpha/answers-2025.yaml",
        "alpha/answers-2026.yaml",
        "beta/answers-2024.yaml",
        "beta/answers-2025.yaml",
        "broken/answers-2026.yaml",
        "broken/answers-syntax.yaml",
        "gamma/answers-2026.yaml",
        "sub/delta/answers-2026.yaml",
    ]
    assert batch.is_answers('{"catalog": "x@1", "answers": {}}', ".json")
    assert not batch.is_answers('{"name": "x", "catalog_note": 1}', ".json")
    assert not batch.is_answers("name: x\n  catalog: nested\nanswers: {}\n", ".yaml")


def test_summary_of_latest_assessments(portfolio: Path) -> None:
    result = batch.run([portfolio], TODAY, workers=1)
    names = [c.row.name for c in result.companies]
    assert names == ['=HYPERLINK("http://evil.example","x")', "Alpha GmbH", "Beta AG", "Gamma KG"]
    by_name = {c.row.name: c for c in result.companies}
    top = top_level()
    assert result.files == 6
    assert [f.file for f in result.unreadable] == [
        str(portfolio / "broken/answers-2026.yaml"),
        str(portfolio / "broken/answers-syntax.yaml"),
    ]
    assert "unknown status 'vielleicht'" in result.unreadable[0].problems[0]
    assert (
        result.unreadable[1].problems[0].startswith(f"{portfolio / 'broken/answers-syntax.yaml'}:")
    )

    alpha, beta, gamma, delta = (by_name[n] for n in ("Alpha GmbH", "Beta AG", "Gamma KG", EVIL))
    assert (alpha.row.score, alpha.row.level, alpha.change, alpha.level_change) == (
        100.0,
        top,
        100.0,
        top,
    )
    assert alpha.previous is not None
    assert alpha.previous.date == dt.date(2025, 1, 10)
    assert (beta.row.score, beta.row.level, beta.change) == (33.3, 0, -66.7)
    assert beta.regressed
    assert beta.overdue
    assert not alpha.overdue
    assert not alpha.regressed
    assert beta.row.due == dt.date(2026, 5, 1)
    assert (gamma.row.score, gamma.row.level, gamma.previous) == (66.7, top, None)
    assert (gamma.row.stale, alpha.row.stale) == (2, 0)
    assert (delta.row.score, delta.row.level) == (0.0, 0)
    assert (alpha.row.size, gamma.row.size, beta.row.size, delta.row.size) == (
        "1–9",
        "10–49",
        "50–249",
        "250+",
    )

    assert result.levels == {0: 2, top: 2}
    assert result.scores == [1, 0, 0, 1, 0, 0, 1, 0, 0, 1]
    assert result.no_score == 0
    assert [c.row.name for c in result.overdue] == ["Beta AG"]
    assert [c.row.name for c in result.regressed] == ["Beta AG"]

    # Critical gaps as the engine sees them, counted over the latest assessments.
    latest = [
        portfolio / "beta/answers-2025.yaml",
        portfolio / "sub/delta/answers-2026.yaml",
    ]
    expected = Counter(c.id for p in latest for c in evaluation(p).controls if c.critical)
    assert expected  # top controls are open in both
    assert result.top_gaps == sorted(expected.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert set(beta.row.critical) | set(delta.row.critical) == set(expected)
    assert alpha.row.critical == gamma.row.critical == ()
    first = evaluation(portfolio / "sub/delta/answers-2026.yaml").roadmap[0].control
    assert delta.row.top_item == first

    sectors = {g.key: g for g in result.by_sector}
    assert list(sectors) == ["Handwerk", "Logistik", "Steuerberatung"]
    assert (sectors["Handwerk"].count, sectors["Handwerk"].mean_score) == (
        2,
        round((100.0 + 66.7) / 2, 1),
    )
    assert sectors["Handwerk"].levels == {top: 2}
    assert (sectors["Logistik"].overdue, sectors["Logistik"].regressed) == (1, 1)
    assert [g.key for g in result.by_size] == ["1–9", "10–49", "50–249", "250+"]
    lands = {g.key: (g.count, g.mean_score, g.with_critical) for g in result.by_land}
    assert lands == {"BY": (2, round((100.0 + 66.7) / 2, 1), 0), "HE": (2, round(33.3 / 2, 1), 2)}


def test_all_assessments_with_their_changes(portfolio: Path) -> None:
    result = batch.run([portfolio], TODAY, workers=1, all_files=True)
    rows = [(c.row.name, c.row.date.year, c.change) for c in result.companies]
    assert rows == [
        (EVIL, 2026, None),
        ("Alpha GmbH", 2025, None),
        ("Alpha GmbH", 2026, 100.0),
        ("Beta AG", 2024, None),
        ("Beta AG", 2025, -66.7),
        ("Gamma KG", 2026, None),
    ]
    # Distributions still count each company once, by its latest assessment.
    assert sum(result.levels.values()) == 4
    assert [c.row.date.year for c in result.companies if c.overdue] == [2025]


def test_worker_processes_give_the_same_summary(portfolio: Path) -> None:
    one = batch.run([portfolio], TODAY, workers=1)
    two = batch.run([portfolio], TODAY, workers=2)
    assert one == two


def test_few_profiles_kept_give_the_same_summary(
    portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = batch.run([portfolio], TODAY, workers=1)
    monkeypatch.setattr(batch, "PROFILES_KEPT", 1)
    assert batch.run([portfolio], TODAY, workers=1) == many


def test_progress_is_reported_to_the_end(portfolio: Path) -> None:
    seen: list[tuple[int, int]] = []
    batch.run(
        [portfolio], TODAY, workers=1, progress=lambda done, total: seen.append((done, total))
    )
    assert seen[-1] == (seen[-1][1], seen[-1][1])
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_file_found_twice_counts_once(portfolio: Path) -> None:
    gamma = portfolio / "gamma"
    result = batch.run([gamma, gamma / "answers-2026.yaml", portfolio / "gamma"], TODAY, workers=1)
    assert result.files == 1
    assert [c.row.name for c in result.companies] == ["Gamma KG"]


def test_a_named_file_that_is_no_answers_file_is_an_error(portfolio: Path) -> None:
    result = batch.run(
        [portfolio / "notes.yaml", portfolio / "gamma/answers-2026.yaml"], TODAY, workers=1
    )
    assert [c.row.name for c in result.companies] == ["Gamma KG"]
    assert [f.file for f in result.unreadable] == [str(portfolio / "notes.yaml")]


def test_no_answers_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "profile.yaml").write_text("name: x\n", encoding="utf-8")
    with pytest.raises(batch.NotFoundError, match="no answers files"):
        batch.run([tmp_path], TODAY, workers=1)
    with pytest.raises(batch.NotFoundError, match="not found"):
        batch.run([tmp_path / "missing"], TODAY, workers=1)


@pytest.mark.parametrize(
    ("day", "due"),
    [("2026-03-12", "2027-03-12"), ("2024-02-29", "2025-02-28"), ("2025-12-31", "2026-12-31")],
)
def test_next_check_is_a_year_later(day: str, due: str) -> None:
    assert batch.next_check(dt.date.fromisoformat(day)) == dt.date.fromisoformat(due)


@pytest.mark.parametrize(
    ("employees", "band"), [(1, "1–9"), (9, "1–9"), (10, "10–49"), (249, "50–249"), (250, "250+")]
)
def test_size_bands(employees: int, band: str) -> None:
    assert batch.size_band(employees) == band


# --- the command and its formats -------------------------------------------------------------


def run_cli(*args: str) -> Any:
    return CliRunner().invoke(main, ["batch", *args], env={"SOURCE_DATE_EPOCH": EPOCH})


def test_cli_csv_with_a_broken_file_exits_2_and_still_summarises(portfolio: Path) -> None:
    result = run_cli(str(portfolio), "--jobs", "1")
    assert result.exit_code == 2, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["company"] for r in rows] == [
        "'" + EVIL,  # neutralised: a spreadsheet shows it as text
        "Alpha GmbH",
        "Beta AG",
        "Gamma KG",
    ]
    beta = rows[2]
    assert (beta["score"], beta["level"], beta["score_change"]) == ("33.3", "0", "-66.7")
    assert (beta["overdue"], beta["regressed"], beta["next_check_due"]) == (
        "true",
        "true",
        "2026-05-01",
    )
    assert rows[1]["previous_date"] == "2025-01-10"
    assert "error: 2 of 8 files could not be read:" in result.stderr
    assert "unknown status 'vielleicht'" in result.stderr
    assert "answers-syntax.yaml:" in result.stderr
    assert "[#" not in result.stderr  # no progress bar when standard error is no terminal


def test_cli_all_read_exits_0(portfolio: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.json"
    result = run_cli(str(portfolio / "alpha"), str(portfolio / "gamma"), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "assess.portfolio/1"
    assert data["today"] == "2026-06-01"
    assert [c["company"] for c in data["companies"]] == ["Alpha GmbH", "Gamma KG"]
    assert data["unreadable"] == []


def test_cli_json_aggregates(portfolio: Path) -> None:
    result = run_cli(str(portfolio), "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    top = str(top_level())
    p = data["portfolio"]
    assert (data["files_read"], p["companies"], p["levels"]) == (6, 4, {"0": 2, top: 2})
    assert [b["companies"] for b in p["scores"]] == [1, 0, 0, 1, 0, 0, 1, 0, 0, 1]
    assert p["scores"][3] == {"from": 30, "to": 40, "companies": 1}
    assert p["overdue"] == p["regressed"] == [str(portfolio / "beta/answers-2025.yaml")]
    assert all(g["companies"] == 2 for g in p["top_critical_gaps"])
    assert [g["group"] for g in p["by_land"]] == ["BY", "HE"]
    assert [len(u["problems"]) >= 1 for u in data["unreadable"]] == [True, True]
    assert data["companies"][0]["company"] == EVIL  # JSON keeps text as it is


def test_cli_xlsx(portfolio: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "portfolio.xlsx"
    result = run_cli(str(portfolio), "-o", str(out), "--lang", "de")
    assert result.exit_code == 2
    book = load_workbook(out)
    assert book.sheetnames == [
        "Unternehmen",
        "Portfolio",
        "Nach Branche",
        "Nach Größe (Beschäftigte)",
        "Nach Land",
        "Nicht lesbare Dateien",
    ]
    sheet = book["Unternehmen"]
    head = [c.value for c in sheet[1]]
    assert head[:7] == [
        "Unternehmen",
        "Land",
        "Beschäftigte",
        "Branche",
        "Datum",
        "Reifegrad",
        "Umsetzungsgrad %",
    ]
    evil = sheet.cell(row=2, column=1)
    assert (evil.value, evil.data_type) == (EVIL, "s")  # text, not a formula
    beta = [c.value for c in sheet[4]]
    assert beta[:7] == ["Beta AG", "HE", 120, "Logistik", dt.datetime(2025, 5, 1), 0, 33.3]
    assert sheet.cell(row=4, column=5).number_format == "DD.MM.YYYY"
    land = [[c.value for c in row] for row in book["Nach Land"].iter_rows()]
    assert land[1][:3] == ["BY", 2, round((100.0 + 66.7) / 2, 1)]
    failed = [[c.value for c in row] for row in book["Nicht lesbare Dateien"].iter_rows()]
    assert [row[0] for row in failed[1:]] == [
        str(portfolio / "broken/answers-2026.yaml"),
        str(portfolio / "broken/answers-syntax.yaml"),
    ]
    again = tmp_path / "again.xlsx"
    run_cli(str(portfolio), "-o", str(again), "--lang", "de")
    assert again.read_bytes() == out.read_bytes()  # deterministic
    with zipfile.ZipFile(out) as archive:
        core = archive.read("docProps/core.xml").decode()
        stamps = {info.date_time for info in archive.infolist()}
    assert core.count("2026-06-01T00:00:00Z") == 2  # created and modified: today, not the clock
    assert stamps == {(1980, 1, 1, 0, 0, 0)}


def test_cli_xlsx_needs_a_file(portfolio: Path) -> None:
    result = run_cli(str(portfolio), "--format", "xlsx")
    assert result.exit_code == 2
    assert "xlsx needs an output file" in result.output


class Page(HTMLParser):
    """Collects the tags and the text of table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_cli_html(portfolio: Path, tmp_path: Path) -> None:
    beta = company(
        portfolio, "epsilon", name="<script>alert(1)</script>", employees=12, bundesland="NW"
    )
    answers(beta, "2026-04-01", "largely")
    out = tmp_path / "portfolio.html"
    result = run_cli(str(portfolio), "-o", str(out), "--lang", "en")
    assert result.exit_code == 2
    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert page.tags["script"] == 0  # the name is text, escaped
    assert page.tags["svg"] == 2
    assert "<script>alert(1)</script>" in page.cells
    assert "Beta AG" in page.cells
    assert "2025-05-01" in page.cells
    assert str(portfolio / "broken/answers-syntax.yaml") in page.cells
    german = run_cli(str(portfolio), "--format", "html", "--lang", "de")
    assert "01.05.2025" in german.stdout
    assert "Verteilung der Reifegrade" in german.stdout
    # on a phone the charts shrink to the width (they have a viewBox) and wide tables scroll
    assert 'viewBox="0 0 ' in german.stdout
    assert "svg.chart { max-width: 100%; height: auto; }" in german.stdout
    assert "table { display: block; overflow-x: auto; max-width: 100%; }" in german.stdout


def test_an_unforeseen_error_in_one_file_does_not_stop_the_rest(
    portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = batch.Evaluator._row

    def flaky(self: batch.Evaluator, path: Path, named: bool) -> batch.Row | None:
        if path.parent.name == "gamma" and path.name.startswith("answers"):
            raise KeyError("boom")
        return original(self, path, named)

    monkeypatch.setattr(batch.Evaluator, "_row", flaky)
    result = batch.run([portfolio], TODAY, workers=1)
    assert "Gamma KG" not in [c.row.name for c in result.companies]
    assert len(result.companies) == 3
    (failure,) = [f for f in result.unreadable if Path(f.file).parent.name == "gamma"]
    assert "internal error (KeyError: 'boom')" in failure.problems[0]


def test_progress_bar_draws_on_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    from assess import cli

    cli._progress(15, 30)
    cli._progress(30, 30)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "\r[" + "#" * 15 + " " * 15 + "] 15/30" + "\r[" + "#" * 30 + "] 30/30\n"


def test_the_benchmark_portfolio_is_readable(tmp_path: Path) -> None:
    """The synthetic portfolio of benchmarks/bench_batch.py stays valid as the catalog changes."""
    from benchmarks.bench_batch import generate

    files = generate(tmp_path / "portfolio", 12)
    result = batch.run([tmp_path / "portfolio"], TODAY, workers=1)
    assert result.unreadable == []
    assert (result.files, len(result.companies)) == (files, 12)
    assert len({c.row.land for c in result.companies}) > 1
    assert len({c.row.size for c in result.companies}) > 1
    assert len({c.row.score for c in result.companies}) > 6  # varied answers
