"""The bundled example companies: realistic, distinct, and stable results."""

from __future__ import annotations

import pytest

from assess.api import evaluate_file
from assess.resources import bundled_profiles


def outcome(name: str):  # type: ignore[no-untyped-def]
    return evaluate_file(bundled_profiles()[name].parent / "answers-2026.yaml")


@pytest.mark.parametrize(
    ("name", "overall", "level", "critical"),
    [
        (
            "schreinerei-huber",
            23.6,
            0,
            ["VOR-09", "VOR-14", "VOR-36", "VOR-29", "VOR-32", "VOR-34", "BER-02", "BEW-12"],
        ),
        # Revision 2: a restore test is as basic as the backup (VOR-29 stage 1, critical), so a
        # partial restore test keeps both firms below the reactive stage.
        ("mueller-antriebstechnik", 67.2, 0, ["VOR-29"]),
        ("steuerkanzlei-becker", 71.2, 0, ["VOR-29"]),
    ],
)
def test_example_results(name: str, overall: float, level: int, critical: list[str]) -> None:
    ev = outcome(name).evaluation
    assert ev.overall.percent == overall
    assert ev.maturity.level == level
    assert [r.id for r in ev.controls if r.critical] == critical
    assert len(ev.roadmap) == sum(1 for r in ev.controls if r.gap)


def test_profiles_drive_applicability_and_weights() -> None:
    craft = {r.id: r for r in outcome("schreinerei-huber").evaluation.controls}
    maker = {r.id: r for r in outcome("mueller-antriebstechnik").evaluation.controls}
    # fewer than 50 employees: the separation of roles does not apply
    assert craft["VOR-08"].na_source == "profile"
    assert maker["VOR-08"].applicable
    # own IT staff still depends on internet and hosting providers (revision 2); IT run by a
    # provider weighs more
    assert maker["VOR-12"].applicable
    assert maker["VOR-12"].weight == 2.0
    assert craft["VOR-12"].weight == 3.0
    # lawful monitoring never weighs more than the monitoring itself (revision 2)
    assert maker["VOR-19"].weight == craft["VOR-19"].weight == maker["VOR-18"].weight == 1.0
    # the restore test is critical; MES may be down 8 h at most
    assert maker["VOR-29"].weight == 4.5


def test_tax_practice_strong_on_data_protection_weak_on_exercises() -> None:
    ev = outcome("steuerkanzlei-becker").evaluation
    status = {r.id: r.status for r in ev.controls}
    assert status["VOR-34"] == status["BEW-12"] == status["VOR-19"] == "fulfilled"
    assert status["VOR-20"] == "not"
    assert "VOR-29" in ev.maturity.blockers
