"""Result models built without validating again (assess.evaluate.trusted) are exactly the
validated ones: same values, value types, field order, fields set and JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.api import evaluate_file
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
