"""Result models built without validating again (assess.evaluate.trusted) are exactly the
validated ones: same values, value types, field order, fields set and JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.api import evaluate_file
from assess.models.base import Lang
from assess.models.result import ControlResult, WeightReason

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "profiles").glob("*/answers-*.yaml"))


def _same(built: ControlResult | WeightReason, validated: ControlResult | WeightReason) -> None:
    assert built == validated
    assert list(built.__dict__) == list(validated.__dict__)
    assert [type(v) for v in built.__dict__.values()] == [
        type(v) for v in validated.__dict__.values()
    ]
    assert built.model_fields_set == validated.model_fields_set
    assert built.model_dump_json() == validated.model_dump_json()
    if isinstance(built, WeightReason):  # hashable (frozen, no lists): the same hash
        assert hash(built) == hash(validated)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_results_equal_validated_ones(path: Path) -> None:
    results = evaluate_file(path).evaluation.controls
    assert len(results) >= 60
    reasons = 0
    for result in results:
        checked = [WeightReason(**r.__dict__) for r in result.weight_reasons]
        for built, validated in zip(result.weight_reasons, checked, strict=True):
            _same(built, validated)
            reasons += 1
        _same(result, ControlResult(**{**result.__dict__, "weight_reasons": checked}))
    assert sum(r.gap for r in results) > 0
    if "mueller" in path.parent.name:
        assert reasons > 0  # a profile with weight modifiers that apply


def test_free_text_over_the_total_limit_names_the_control_with_the_most(tmp_path: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from assess.cli import main

    source = ROOT / "profiles" / "mueller-antriebstechnik"
    data = yaml.safe_load((source / "answers-2026.yaml").read_text(encoding="utf-8"))
    data["profile"] = str(source / "profile.yaml")
    ids = list(data["answers"])[:12]
    for control in ids:
        data["answers"][control] = {"status": "partial", "note": "x" * 9_000}
    data["answers"][ids[3]]["note"] = "y" * 9_500
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path)])
    assert result.exit_code == 2
    total = sum(
        len(entry.get(field) or "")
        for entry in data["answers"].values()
        if isinstance(entry, dict)
        for field in ("note", "evidence", "owner", "justification")
    )
    assert total > 11 * 9_000 + 9_500
    assert f"together are {total} characters, more than the limit of 100000" in result.stderr
    assert f"({ids[3]} has the most, 9500)" in result.stderr


@pytest.mark.parametrize("lang", ["de", "en"])
def test_json_output_is_the_view_as_dataclasses_asdict_gives_it(lang: Lang) -> None:
    import datetime as dt
    import json
    from dataclasses import asdict

    from assess.api import load_directory
    from assess.render.jsonout import render_json
    from assess.render.view import build_contacts, build_view

    for path in EXAMPLES:
        outcome = evaluate_file(path)
        views = [
            build_view(outcome, lang),
            build_contacts(outcome.profile, load_directory(), dt.date(2026, 5, 1), lang),
        ]
        for view in views:
            expected = json.dumps(asdict(view), ensure_ascii=False, indent=2) + "\n"
            assert render_json(view) == expected
            assert json.loads(expected)["schema"].startswith("assess.")
