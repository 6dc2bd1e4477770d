"""Roadmap order, horizons, reasons and support pointers."""

from __future__ import annotations

from assess.evaluate import evaluate, score_assessment
from assess.models.catalog import Catalog
from assess.models.result import Evaluation
from assess.models.support import SupportDirectory
from assess.roadmap import build_roadmap
from tests.conftest import (
    control,
    make_assessment,
    make_profile,
    mini_catalog_data,
)


def test_worked_example_order_and_horizons(worked: Evaluation) -> None:
    items = [(i.rank, i.control, i.horizon) for i in worked.roadmap]
    assert items == [
        (1, "VOR-02", "30d"),  # open prerequisite of the critical VOR-01: pulled forward
        (2, "VOR-01", "30d"),  # critical gap
        (3, "NAC-01", "12m"),  # 19.05 points per effort point
        (4, "VOR-03", "12m"),  # 6.35 points per effort point
    ]
    first = worked.roadmap[0]
    assert first.prerequisite_for == ["VOR-01", "VOR-03"]
    assert first.blocks_level == 1
    assert (first.gain, first.benefit_per_effort) == (12.7, 6.35)
    assert worked.roadmap[1].critical is True
    assert (worked.roadmap[2].gain, worked.roadmap[2].benefit_per_effort) == (19.05, 19.05)


def test_fulfilled_and_not_applicable_controls_are_not_on_the_roadmap(worked: Evaluation) -> None:
    assert {i.control for i in worked.roadmap}.isdisjoint({"BER-01", "BEW-01"})


def test_never_before_an_open_prerequisite(
    real_catalog: Catalog, directory: SupportDirectory
) -> None:
    ev = evaluate(
        real_catalog,
        make_profile(employees=60),
        make_assessment({}, "acs-it-notfall@2021.05"),
        directory,
    )
    rank = {i.control: i.rank for i in ev.roadmap}
    assert len(rank) == sum(1 for r in ev.controls if r.applicable)
    for c in real_catalog.controls:
        for dep in c.depends_on:
            if c.id in rank and dep in rank:
                assert rank[dep] < rank[c.id], f"{dep} must come before {c.id}"
    horizons = [i.horizon for i in ev.roadmap]
    assert horizons == sorted(horizons, key=["30d", "90d", "12m"].index)


def test_largely_fulfilled_prerequisite_is_not_pulled_forward(
    mini: Catalog, directory: SupportDirectory
) -> None:
    answers = {
        "VOR-01": "partial",
        "VOR-02": "largely",
        "VOR-03": "not",
        "BER-01": "fulfilled",
        "NAC-01": "fulfilled",
    }
    ev = evaluate(mini, make_profile(), make_assessment(answers), directory)
    assert [i.control for i in ev.roadmap] == ["VOR-01", "VOR-03", "VOR-02"]
    assert ev.roadmap[0].prerequisite_for == []


def test_blockers_before_quick_wins_of_later_stages(directory: SupportDirectory) -> None:
    controls = [
        control("VOR-01", "vorbereitung", "normal", 1, 5),  # blocks level 1, poor benefit/effort
        control("VOR-02", "vorbereitung", "high", 3, 1),  # quick win of stage 3
    ]
    catalog = Catalog.model_validate(mini_catalog_data(controls))
    ev = evaluate(catalog, make_profile(), make_assessment({}), directory)
    assert [(i.control, i.horizon) for i in ev.roadmap] == [("VOR-01", "90d"), ("VOR-02", "12m")]


def test_benefit_per_effort_orders_the_rest(directory: SupportDirectory) -> None:
    controls = [
        control("VOR-01", "vorbereitung", "normal", 1, 1),
        control("VOR-02", "vorbereitung", "high", 2, 4),  # 2 weight / effort 4
        control("VOR-03", "vorbereitung", "normal", 2, 1),  # 1 weight / effort 1
        control("VOR-04", "vorbereitung", "high", 2, 1),  # 2 weight / effort 1
    ]
    catalog = Catalog.model_validate(mini_catalog_data(controls))
    answers = {"VOR-01": "partial", "VOR-02": "largely", "VOR-03": "largely", "VOR-04": "largely"}
    ev = evaluate(catalog, make_profile(), make_assessment(answers), directory)
    # level 0 (VOR-01 blocks); the rest are 'largely' and so do not block level 1
    assert [i.control for i in ev.roadmap] == ["VOR-01", "VOR-04", "VOR-03", "VOR-02"]


def test_support_pointers_fit_the_chamber(mini: Catalog, directory: SupportDirectory) -> None:
    craft = evaluate(mini, make_profile(chamber="hwk"), make_assessment({}), directory)
    trade = evaluate(mini, make_profile(chamber="ihk"), make_assessment({}), directory)
    craft_item = next(i for i in craft.roadmap if i.control == "VOR-01")
    trade_item = next(i for i in trade.roadmap if i.control == "VOR-01")
    assert "hwk-botschafter" in craft_item.support
    assert "ihk" not in craft_item.support
    assert "ihk" in trade_item.support
    assert "hwk-botschafter" not in trade_item.support
    assert "bsi-qdl" in craft_item.support
    assert "hwk-botschafter" in craft.emergency_support
    assert "zac-by" in craft.emergency_support
    assert "zac-bka" not in craft.emergency_support
    kritis = evaluate(mini, make_profile(kritis_operator=True), make_assessment({}), directory)
    assert "zac-bka" in kritis.emergency_support


def test_a_regression_ranks_right_after_the_critical_gaps(directory: SupportDirectory) -> None:
    controls = [
        control("VOR-01", "vorbereitung", "normal", 1, 5),  # blocks level 1
        control("VOR-02", "vorbereitung", "high", 3, 1),  # quick win of stage 3
        control("VOR-03", "vorbereitung", "normal", 3, 4),  # poor benefit per effort
    ]
    catalog = Catalog.model_validate(mini_catalog_data(controls))
    profile = make_profile()
    ev = evaluate(catalog, profile, make_assessment({}), directory)
    assert [(i.control, i.horizon) for i in ev.roadmap] == [
        ("VOR-01", "90d"),
        ("VOR-02", "12m"),
        ("VOR-03", "12m"),
    ]
    again = build_roadmap(
        catalog, ev.controls, ev.maturity, ev.overall.weight, profile, directory, frozenset()
    )
    assert again == ev.roadmap  # no regressions: the same roadmap
    worse = build_roadmap(
        catalog,
        ev.controls,
        ev.maturity,
        ev.overall.weight,
        profile,
        directory,
        frozenset({"VOR-03"}),
    )
    assert [(i.rank, i.control, i.horizon) for i in worse] == [
        (1, "VOR-03", "90d"),
        (2, "VOR-01", "90d"),
        (3, "VOR-02", "12m"),
    ]


def test_a_cut_roadmap_is_the_start_of_the_full_one(
    real_catalog: Catalog, directory: SupportDirectory
) -> None:
    # The portfolio summary asks for the first item only: it must be the full roadmap's first,
    # with the same horizon and prerequisites (which depend on the items after it).
    profile = make_profile(employees=60)
    assessment = make_assessment({}, "acs-it-notfall@2021.05")
    full = evaluate(real_catalog, profile, assessment, directory).roadmap
    assert len(full) > 3
    scored = score_assessment(real_catalog, profile, assessment)
    for cut in (0, 1, 3):
        short = build_roadmap(
            real_catalog,
            scored.controls,
            scored.maturity,
            scored.overall.weight,
            profile,
            directory,
            items=cut,
        )
        assert short == full[:cut]
