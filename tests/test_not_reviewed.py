"""Stale answers: carried over and not confirmed, or updated more than 12 months before the
assessment date, are flagged 'ungeprüft übernommen' / 'not reviewed' and counted everywhere."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import tinyhtml5
from click.testing import CliRunner

from assess.api import Outcome
from assess.cli import main
from assess.evaluate import evaluate, not_reviewed
from assess.models.answers import Answer
from assess.models.catalog import Catalog
from assess.models.support import SupportDirectory
from assess.render import Format, render_view
from assess.render.view import build_view
from assess.report import report_html
from tests.conftest import make_assessment, make_profile, write_yaml

ON = dt.date(2026, 3, 1)  # the date of make_assessment


def test_rule_carried_over_or_older_than_twelve_months() -> None:
    assert not not_reviewed(None, ON)
    assert not not_reviewed(Answer(status="not"), ON)
    assert not_reviewed(Answer(status="not", reviewed=False), ON)
    assert not not_reviewed(Answer(status="not", reviewed=True), ON)
    assert not not_reviewed(Answer(status="not", updated=dt.date(2025, 3, 1)), ON)
    assert not_reviewed(Answer(status="not", updated=dt.date(2025, 2, 28)), ON)
    leap = dt.date(2024, 2, 29)  # twelve months before it: 28.02.2023
    assert not_reviewed(Answer(status="not", updated=dt.date(2023, 2, 27)), leap)
    assert not not_reviewed(Answer(status="not", updated=dt.date(2023, 2, 28)), leap)


ANSWERS = {
    "VOR-01": {"status": "partial", "reviewed": False},
    "VOR-02": {"status": "fulfilled", "updated": "2024-12-01"},
    "VOR-03": {"status": "not", "updated": "2025-09-01"},
    "BER-01": "fulfilled",
    # Not applicable by profile (8 employees): never flagged.
    "BEW-01": {"status": "fulfilled", "reviewed": False},
}


def outcome(mini: Catalog, directory: SupportDirectory) -> Outcome:
    profile = make_profile()
    assessment = make_assessment(ANSWERS)
    return Outcome(
        evaluate(mini, profile, assessment, directory), mini, profile, directory, assessment
    )


def test_flagged_in_text_json_and_markdown(mini: Catalog, directory: SupportDirectory) -> None:
    result = outcome(mini, directory)
    assert [r.id for r in result.evaluation.controls if r.not_reviewed] == ["VOR-01", "VOR-02"]
    de, en = build_view(result, "de"), build_view(result, "en")
    text = render_view(de, Format.TEXT)
    assert "Ungeprüft übernommen (2): VOR-01, VOR-02\n" in text
    assert "Not reviewed (2): VOR-01, VOR-02\n" in render_view(en, Format.TEXT)
    data = json.loads(render_view(de, Format.JSON))
    assert data["not_reviewed"] == ["VOR-01", "VOR-02"]
    flags = {c["id"]: c["not_reviewed"] for c in data["controls"]}
    assert flags == {
        "VOR-01": True,
        "VOR-02": True,
        "VOR-03": False,
        "BER-01": False,
        "BEW-01": False,
        "NAC-01": False,
    }
    markdown = render_view(de, Format.MARKDOWN)
    assert "## Ungeprüft übernommen (2)\n" in markdown
    assert "- VOR-01 Titel VOR-01\n- VOR-02 Titel VOR-02\n" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| VOR-01 "))
    assert "(ungeprüft übernommen)" in row
    # Scores are not changed by the flag.
    plain = make_assessment(
        {k: v if isinstance(v, str) else v["status"] for k, v in ANSWERS.items()}
    )
    again = evaluate(mini, make_profile(), plain, directory)
    assert again.overall == result.evaluation.overall
    assert not any(r.not_reviewed for r in again.controls)


def test_counted_on_the_report_summary(mini: Catalog, directory: SupportDirectory) -> None:
    html = report_html(outcome(mini, directory), "de")
    root = tinyhtml5.parse(html)
    block = next(e for e in root.iter() if e.get("id") == "not-reviewed")
    words = " ".join("".join(block.itertext()).split())
    assert words.startswith("Ungeprüft übernommen (2)")
    items = [
        " ".join("".join(li.itertext()).split()) for li in block.iter() if li.tag.endswith("li")
    ]
    assert items == [
        "VOR-01 Titel VOR-01 – teilweise umgesetzt",
        "VOR-02 Titel VOR-02 – vollständig umgesetzt",
    ]


def test_template_from_last_year_is_flagged_until_reviewed(tmp_path: Path) -> None:
    previous = write_yaml(
        tmp_path / "2025.yaml",
        {
            "catalog": "acs-it-notfall@2021.05",
            "profile": "schreinerei-huber",
            "date": "2025-03-20",
            "assessor": "A",
            "answers": {"VOR-01": "partial", "VOR-02": "fulfilled"},
        },
    )
    target = tmp_path / "2026.yaml"
    runner = CliRunner()
    result = runner.invoke(
        main, ["answers", "template", "--from", str(previous), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    target.write_text(target.read_text("utf-8").replace('assessor: ""', "assessor: B"), "utf-8")
    result = runner.invoke(main, ["evaluate", str(target)])
    assert result.exit_code == 0, result.output
    assert "Ungeprüft übernommen (2): VOR-01, VOR-02" in result.stdout
