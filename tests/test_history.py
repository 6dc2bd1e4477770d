"""History over the years and the comparison of two assessments: the joinery's three
self-checks, expectations derived from the answer files themselves, and the errors when files
do not belong together."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from assess.api import evaluate_file, load_catalog
from assess.cli import main
from assess.models.catalog import Catalog
from assess.resources import bundled_profiles
from tests.conftest import write_yaml

HUBER = bundled_profiles()["schreinerei-huber"].parent
YEARS = [HUBER / f"answers-{year}.yaml" for year in (2024, 2025, 2026)]
POINTS = {"fulfilled": 3, "largely": 2, "partial": 1, "not": 0, "unknown": 0}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def raw_statuses(path: Path, catalog: Catalog) -> dict[str, str]:
    """Each control's status id straight from the file (missing: unknown; a control that took
    over a retired one: the retired one's answer until it has its own)."""
    answers = yaml.safe_load(path.read_text("utf-8"))["answers"]
    found = {}
    for cid, answer in answers.items():
        text = answer if isinstance(answer, str) else answer["status"]
        found[cid] = catalog.resolve_status(text) or "unknown"
    for cid, olds in catalog.predecessors.items():
        inherited = [found[old] for old in olds if old in found]
        if cid not in found and inherited:
            found[cid] = inherited[0]
    return {c.id: found.get(c.id, "unknown") for c in catalog.controls}


def expected_changes(
    old: Path, new: Path, catalog: Catalog, applicable: set[str]
) -> dict[str, Any]:
    before, after = raw_statuses(old, catalog), raw_statuses(new, catalog)
    improved, regressed = [], []
    for cid in (c.id for c in catalog.controls):
        if cid not in applicable or "na" in (before[cid], after[cid]):
            continue
        if POINTS[after[cid]] > POINTS[before[cid]]:
            improved.append(cid)
        elif POINTS[after[cid]] < POINTS[before[cid]]:
            regressed.append(cid)
    return {"improved": improved, "regressed": regressed}


def test_joinery_over_three_years(tmp_path: Path) -> None:
    code, out, err = run("history", str(HUBER), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "assess.history/1"
    assert data["company"] == "Schreinerei Huber GmbH"
    years = data["years"]
    assert [y["date"] for y in years] == ["2024-03-14", "2025-03-20", "2026-03-12"]
    assert [Path(y["file"]).name for y in years] == [p.name for p in YEARS]
    # The trend: every year better than the one before, overall and in preparation; fewer
    # critical gaps; the level never falls.
    overall = [y["overall"] for y in years]
    assert overall == sorted(overall)
    assert len(set(overall)) == 3
    assert [len(y["critical_gaps"]) for y in years] == sorted(
        (len(y["critical_gaps"]) for y in years), reverse=True
    )
    assert [y["level"] for y in years] == sorted(y["level"] for y in years)
    catalog = load_catalog(data["catalog"])
    for y, path in zip(years, YEARS, strict=True):
        outcome = evaluate_file(path)
        if outcome.catalog.pin == catalog.pin:  # scored with the file's own revision
            assert y["overall"] == outcome.evaluation.overall.percent
            assert [p["percent"] for p in y["phases"]] == [
                p.percent for p in outcome.evaluation.phases
            ]
            assert y["critical_gaps"] == [r.id for r in outcome.evaluation.controls if r.critical]
    applicable = {r.id for r in evaluate_file(YEARS[-1]).evaluation.controls if r.applicable}
    for step, (old, new) in zip(data["steps"], [YEARS[:2], YEARS[1:]], strict=True):
        got = {k: [c["id"] for c in step[k]] for k in ("improved", "regressed")}
        assert got == expected_changes(old, new, catalog, applicable)
    # The 2025 self-check found the emergency numbers outdated that 2024 had fresh.
    assert [c["id"] for c in data["steps"][0]["regressed"]] == ["BEW-03"]


def test_history_text_and_markdown() -> None:
    code, text, err = run("history", *map(str, reversed(YEARS)))
    assert code == 0, err
    rows = [line for line in text.splitlines() if line[:2].isdigit() and "%" in line]
    assert [r.split()[0] for r in rows] == ["14.03.2024", "20.03.2025", "12.03.2026"]
    assert "14.03.2024 → 20.03.2025:" in text
    assert "  verschlechtert (1):\n    − BEW-03 " in text
    code, markdown, err = run("history", str(HUBER), "--format", "markdown", "--lang", "en")
    assert code == 0, err
    assert markdown.startswith("# History – Schreinerei Huber GmbH\n")
    table = [line for line in markdown.splitlines() if line.startswith("| 20")]
    assert [line.split(" | ")[0] for line in table] == [
        "| 2024-03-14",
        "| 2025-03-20",
        "| 2026-03-12",
    ]
    assert "## 2024-03-14 → 2025-03-20" in markdown


def test_compare_control_by_control() -> None:
    old, new = YEARS[1], YEARS[2]
    code, out, err = run("compare", str(old), str(new), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    before, after = evaluate_file(old).evaluation, evaluate_file(new).evaluation
    assert data["overall_delta"] == round(after.overall.percent - before.overall.percent, 1)  # type: ignore[operator]
    catalog = load_catalog(data["catalog"])
    applicable = {r.id for r in after.controls if r.applicable}
    kinds = {c["id"]: c["change"] for c in data["controls"]}
    expected = expected_changes(old, new, catalog, applicable)
    assert [k for k, v in kinds.items() if v == "improved"] == expected["improved"]
    assert [k for k, v in kinds.items() if v == "regressed"] == expected["regressed"]
    assert set(kinds) == applicable
    vor29 = next(c for c in data["controls"] if c["id"] == "VOR-29")
    assert (vor29["before"], vor29["after"], vor29["change"]) == ("partial", "not", "regressed")
    code, text, _ = run("compare", str(old), str(new))
    assert "− VOR-29 Wiederherstellung getestet: teilweise umgesetzt → nicht umgesetzt" in text
    code, markdown, _ = run("compare", str(old), str(new), "--format", "markdown")
    assert code == 0
    assert (
        "| VOR-29 Wiederherstellung getestet | teilweise umgesetzt | nicht umgesetzt "
        "| − verschlechtert |" in markdown
    )


def test_different_companies_are_an_error_naming_the_files() -> None:
    other = bundled_profiles()["steuerkanzlei-becker"].parent / "answers-2026.yaml"
    code, _, err = run("history", str(YEARS[0]), str(other))
    assert code == 2
    assert f"{YEARS[0]}: assessment of 'Schreinerei Huber GmbH'" in err
    assert f"{other}: assessment of 'Steuerberatung Becker & Partner mbB'" in err
    code, _, err = run("compare", str(YEARS[0]), str(other))
    assert code == 2
    assert "one company" in err


def test_different_catalogs_are_an_error_naming_the_files(tmp_path: Path) -> None:
    foreign = write_yaml(
        tmp_path / "other.yaml",
        {"catalog": "mini@1", "date": "2025-01-01", "assessor": "A", "answers": {}},
    )
    code, _, err = run("history", str(YEARS[0]), str(foreign))
    assert code == 2
    pin = load_catalog("acs-it-notfall").pin
    assert f"{YEARS[0]}: answers along catalog {pin}; the other files use mini@1" in err
    assert f"{foreign}: answers along catalog mini@1; the other files use {pin}" in err


def test_directory_without_answers_is_an_error(tmp_path: Path) -> None:
    write_yaml(tmp_path / "profile.yaml", {"name": "x"})
    code, _, err = run("history", str(tmp_path))
    assert code == 2
    assert "no answers files in" in err


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_history_output_is_deterministic(fmt: str) -> None:
    first = run("history", str(HUBER), "--format", fmt)
    assert first == run("history", str(HUBER), "--format", fmt)
    assert first[0] == 0
