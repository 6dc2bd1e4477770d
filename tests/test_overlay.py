"""Overlays: own X- controls, changed weight and applicability with reasons; checked like
catalogs; results say that an overlay was used and what it changed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from assess.api import evaluate_file, load_catalog
from assess.cli import main
from assess.errors import InputError
from assess.evaluate import evaluate
from assess.models.answers import Assessment
from assess.overlay import read_overlay
from tests.conftest import DATA, write_yaml

NEW = DATA / "editions" / "mini" / "2.yaml"
OVERLAY = DATA / "overlay-mini.yaml"
ANSWERS: dict[str, Any] = {
    "catalog": "mini@2",
    "profile": "schreinerei-huber",
    "date": "2026-03-01",
    "assessor": "Test",
    "answers": {"VOR-01": "fulfilled", "BER-03": "partial", "X-01": "largely"},
}


def evaluate_cli(tmp_path: Path, *extra: str, answers: dict[str, Any] = ANSWERS) -> Result:
    path = write_yaml(tmp_path / "answers.yaml", answers)
    args = ["evaluate", str(path), "--catalog", str(NEW), "--format", "json", *extra]
    return CliRunner().invoke(main, args)


def test_overlay_adds_and_changes_controls_and_says_so(tmp_path: Path) -> None:
    result = evaluate_cli(tmp_path, "--overlay", str(OVERLAY))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    controls = {c["id"]: c for c in data["controls"]}
    # the added control sits at the end of its phase and is evaluated like any other
    ids = [c["id"] for c in data["controls"]]
    assert ids.index("X-01") == ids.index("BER-03") + 1
    assert controls["X-01"]["status"] == "largely"
    assert controls["X-01"]["weight"] == 2  # high
    # weight ×2 with its reason
    assert controls["BER-03"]["weight"] == 4
    assert controls["BER-03"]["weight_reasons"] == [
        "Gewicht ×2: Kunden verlangen Erreichbarkeit rund um die Uhr"
    ]
    # made not applicable
    assert controls["NAC-03"]["applicable"] is False
    notice = data["warnings"][0]
    assert notice.startswith(
        "Overlay beratung-muster von Beratung Muster GmbH angewendet – Ergebnisse nicht direkt "
        "mit anderen Unternehmen vergleichbar: +X-01 Notstrom für den Server"
    )
    assert "BER-03 Gewicht ×2 (Kunden verlangen" in notice
    assert "NAC-03 entbehrlich (Nachbereitung übernimmt der Konzern)" in notice


def test_overlay_score_matches_the_engine_on_the_merged_catalog(tmp_path: Path) -> None:
    answers = write_yaml(tmp_path / "answers.yaml", ANSWERS)
    outcome = evaluate_file(answers, catalog=NEW, overlay=OVERLAY)
    merged = read_overlay(OVERLAY).apply(load_catalog(NEW))
    again = evaluate(merged, outcome.profile, Assessment.model_validate(ANSWERS), outcome.directory)
    assert outcome.evaluation == again
    assert outcome.overlay is not None
    assert outcome.overlay.id == "beratung-muster"
    # weights: VOR-01 top 3 fulfilled, BER-03 high 2 ×2 partial, X-01 high 2 largely, rest 0
    weights = {r.id: r.weight for r in again.controls if r.applicable}
    points = 3 * 3 / 3 + 4 * 1 / 3 + 2 * 2 / 3
    assert again.overall.percent == round(100 * points / sum(weights.values()), 1)


def test_answers_to_own_controls_need_the_overlay(tmp_path: Path) -> None:
    result = evaluate_cli(tmp_path)
    assert result.exit_code == 2
    assert "no control X-01 in mini@2" in result.stderr


def _overlay(tmp_path: Path, **changes: Any) -> Path:
    data = yaml.safe_load(OVERLAY.read_text(encoding="utf-8"))
    data.update(changes)
    return write_yaml(tmp_path / "overlay.yaml", data)


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as err:
        read_overlay(path).apply(load_catalog(NEW))
    return [str(p) for p in err.value.problems]


def test_overlay_is_checked_like_a_catalog(tmp_path: Path) -> None:
    data = yaml.safe_load(OVERLAY.read_text(encoding="utf-8"))
    added = data["add"][0]
    bad_add = [
        {**added, "phase": "bereitschaf", "owner_role": "chef", "depends_on": ["VOR-99"]},
    ]
    bad_change = [
        {"control": "VOR-01", "applies": False, "reason": {"de": "x", "en": "x"}},
        {"control": "VOR-42", "weight_factor": 2, "reason": {"de": "x", "en": "x"}},
    ]
    path = _overlay(tmp_path, add=bad_add, change=bad_change)
    problems = _problems(path)
    assert len(problems) == 2
    assert "change.0.applies: VOR-01 is mandatory and cannot be made not applicable" in problems[0]
    assert "change.1.control: no control VOR-42 in mini@2" in problems[1]
    path = _overlay(tmp_path, add=bad_add, change=[])
    problems = _problems(path)
    assert [p.split(": ", 2)[1:] for p in problems] == [
        ["add.0.phase", "unknown phase 'bereitschaf' – did you mean 'bereitschaft'?"],
        ["add.0.owner_role", "unknown role 'chef' – declare it in roles"],
        ["add.0.depends_on.0", "depends on VOR-99, which does not exist – did you mean 'VOR-06'?"],
    ]
    assert all(p.startswith(f"{path}:") and p.split(":")[1].isdigit() for p in problems)


def test_overlay_for_another_edition_and_bad_ids(tmp_path: Path) -> None:
    problems = _problems(_overlay(tmp_path, catalog="mini@1"))
    assert any("the overlay is for mini@1, not mini@2" in p for p in problems)
    data = yaml.safe_load(OVERLAY.read_text(encoding="utf-8"))
    path = _overlay(tmp_path, add=[{**data["add"][0], "id": "BER-09"}])
    result = CliRunner().invoke(main, ["overlay", "validate", str(path), "--catalog", str(NEW)])
    assert result.exit_code == 2
    assert "add.0.id" in result.stderr
    path = _overlay(tmp_path, add=[data["add"][0], copy.deepcopy(data["add"][0])])
    assert any("X-01 is added twice" in p for p in _problems(path))
    condition = {"field": "mitarbeiter", "gte": 5}
    change = [{"control": "BER-03", "applies_if": condition, "reason": {"de": "x", "en": "x"}}]
    problems = _problems(_overlay(tmp_path, change=change))
    assert len(problems) == 1
    assert "change.0" in problems[0]
    assert "mitarbeiter" in problems[0]


def test_change_needs_something_to_change(tmp_path: Path) -> None:
    change = [{"control": "BER-03", "reason": {"de": "x", "en": "x"}}]
    result = CliRunner().invoke(
        main, ["overlay", "validate", str(_overlay(tmp_path, change=change)), "--catalog", str(NEW)]
    )
    assert result.exit_code == 2
    assert "a change needs weight_factor, applies or applies_if" in result.stderr


def test_overlay_validate_ok_and_schema() -> None:
    result = CliRunner().invoke(main, ["overlay", "validate", str(OVERLAY), "--catalog", str(NEW)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"ok: {OVERLAY}: beratung-muster for mini@2, 1 added, 2 changed\n")
    schema = json.loads(CliRunner().invoke(main, ["schema", "overlay"]).stdout)
    jsonschema.validate(yaml.safe_load(OVERLAY.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**yaml.safe_load(OVERLAY.read_text()), "extra": 1}, schema)
