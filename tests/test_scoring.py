"""Exact scores, levels and blockers for hand-computed answer sets (the README's worked example)."""

from __future__ import annotations

import pytest

from assess.evaluate import evaluate
from assess.models.catalog import Catalog
from assess.models.result import Evaluation
from assess.models.support import SupportDirectory
from tests.conftest import ROOT, make_assessment, make_profile


def test_worked_example_weights_and_points(worked: Evaluation) -> None:
    r = {c.id: c for c in worked.controls}
    assert [(c.id, c.weight, round(c.points, 4)) for c in worked.controls if c.applicable] == [
        ("VOR-01", 3, 1.0),  # top 3 × partial 1/3
        ("VOR-02", 2, 0.6667),  # high 2 × partial 1/3
        ("VOR-03", 2, 0.0),  # high 2 × not 0
        ("BER-01", 1.5, 1.5),  # normal 1 × works council 1.5 × fulfilled 3/3
        ("NAC-01", 2, 0.0),  # unanswered -> unknown, scores 0
    ]
    assert r["BEW-01"].applicable is False
    assert r["BEW-01"].na_source == "profile"
    assert r["NAC-01"].status == "unknown"


def test_worked_example_scores(worked: Evaluation) -> None:
    # Σ points 3.1667 / Σ weight 10.5
    assert worked.overall.weight == 10.5
    assert worked.overall.percent == 30.2
    assert {p.phase: p.percent for p in worked.phases} == {
        "vorbereitung": 23.8,  # 1.6667 / 7
        "bereitschaft": 100.0,  # 1.5 / 1.5
        "bewaeltigung": None,  # nothing applicable
        "nachbereitung": 0.0,  # 0 / 2
    }


def test_worked_example_maturity(worked: Evaluation) -> None:
    assert worked.maturity.level == 0
    assert worked.maturity.next_level == 1
    assert worked.maturity.blockers == ["VOR-01", "VOR-02"]
    assert [r.id for r in worked.controls if r.critical] == ["VOR-01"]


def test_readme_shows_the_worked_example_numbers(worked: Evaluation) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Worked example") : readme.index("## JSON output")]
    section = " ".join(section.split())  # line breaks of the prose do not matter
    o = worked.overall
    assert f"{o.points:.4f} / {o.weight:g} = {o.percent} %" in section
    phases = {p.phase: p.percent for p in worked.phases}
    assert f"Vorbereitung 1.6667 / 7 = {phases['vorbereitung']} %" in section
    assert f"Nachbereitung 0 / 2 = {phases['nachbereitung']} %" in section
    assert f"Reifegrad {worked.maturity.level} (Ungeregelt)" in section
    assert f"the blockers are {', '.join(worked.maturity.blockers)}." in section
    for item in worked.roadmap:
        horizon = {"30d": "30 days", "90d": "90 days", "12m": "12 months"}[item.horizon]
        assert f"{item.rank}. {item.control} – within {horizon}" in section
        assert f"+{item.gain:.2f} points at effort {item.effort}" in section


@pytest.mark.parametrize(
    ("answers", "level", "blockers"),
    [
        # stage 1 met (largely counts), stage 2 blocked by VOR-03
        (
            {"VOR-01": "fulfilled", "VOR-02": "largely", "VOR-03": "partial", "BER-01": "largely"},
            1,
            ["VOR-03"],
        ),
        # stage 1 and 2 met, NAC-01 unknown blocks stage 3
        (
            {
                "VOR-01": "fulfilled",
                "VOR-02": "fulfilled",
                "VOR-03": "largely",
                "BER-01": "fulfilled",
            },
            2,
            ["NAC-01"],
        ),
        # everything met: top level, nothing blocks
        (
            {
                "VOR-01": "fulfilled",
                "VOR-02": "fulfilled",
                "VOR-03": "fulfilled",
                "BER-01": "fulfilled",
                "NAC-01": "largely",
            },
            3,
            [],
        ),
        # a stage-2 gap does not matter while stage 1 is open
        (
            {
                "VOR-01": "not",
                "VOR-02": "fulfilled",
                "VOR-03": "fulfilled",
                "BER-01": "fulfilled",
                "NAC-01": "fulfilled",
            },
            0,
            ["VOR-01"],
        ),
    ],
)
def test_stage_gates(
    mini: Catalog,
    directory: SupportDirectory,
    answers: dict[str, str],
    level: int,
    blockers: list[str],
) -> None:
    ev = evaluate(mini, make_profile(), make_assessment(answers), directory)
    assert ev.maturity.level == level
    assert ev.maturity.blockers == blockers
    assert ev.maturity.next_level == (None if level == 3 else level + 1)


def test_not_applicable_by_answer_leaves_the_denominator(
    mini: Catalog, directory: SupportDirectory
) -> None:
    answers = {
        "VOR-01": "fulfilled",
        "VOR-02": "fulfilled",
        "VOR-03": "fulfilled",
        "BER-01": "fulfilled",
        "NAC-01": {"status": "entbehrlich", "justification": "kein Vorfall bisher"},
    }
    ev = evaluate(mini, make_profile(works_council=False), make_assessment(answers), directory)
    assert ev.overall.percent == 100.0
    assert ev.overall.weight == 3 + 2 + 2 + 1
    assert ev.maturity.level == 3
    assert ev.roadmap == []


def test_profile_makes_control_applicable(mini: Catalog, directory: SupportDirectory) -> None:
    ev = evaluate(mini, make_profile(employees=50), make_assessment({}), directory)
    assert {r.id: r.applicable for r in ev.controls}["BEW-01"] is True
    ev = evaluate(mini, make_profile(employees=49), make_assessment({}), directory)
    assert {r.id: r.applicable for r in ev.controls}["BEW-01"] is False


def test_all_unknown_scores_zero_and_lists_open_questions(
    mini: Catalog, directory: SupportDirectory
) -> None:
    ev = evaluate(mini, make_profile(), make_assessment({}), directory)
    assert ev.overall.percent == 0.0
    assert ev.overall.counts["unknown"] == 5
    assert ev.maturity.level == 0
