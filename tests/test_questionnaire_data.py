"""The test questionnaires themselves: every file is registered with a role, its truth names
only live controls of the catalog and its answers are words the importer accepts, so that the
matcher's figures measure the matcher and not a slip in the data."""

from __future__ import annotations

import pytest
from benchmarks.bench_matcher import GROUPS

from assess.api import load_catalog
from assess.exchange.vocabulary import Vocabulary
from tests.questionnaires import HERE, NAMES, ROLES, load, table

CAT = load_catalog("acs-it-notfall")


def test_every_questionnaire_file_is_registered_with_a_known_role() -> None:
    assert sorted(p.stem for p in HERE.glob("*.yaml")) == sorted(NAMES)
    assert {ROLES[name] for name in NAMES} <= set(GROUPS)


@pytest.mark.parametrize("name", NAMES)
def test_truth_names_live_controls_and_answers_are_accepted_words(name: str) -> None:
    live = {c.id for c in CAT.controls}
    vocabulary = Vocabulary(CAT)
    data = load(name)
    assert data["title"]
    assert len(data["header"]) == 4
    for item in data["rows"]:
        if "section" in item:
            assert set(item) == {"section"}
            continue
        assert set(item) <= {"text", "answer", "comment", "control"}
        assert "control" in item
        assert item["text"].strip(), item
        assert vocabulary.status(item["answer"]) is not None, (name, item["answer"])
        truth = item["control"]
        if isinstance(truth, list):
            assert len(truth) == len(set(truth)) >= 2, (name, truth)
            assert set(truth) <= live, (name, truth)
        else:
            assert truth is None or truth in live, (name, truth)


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in NAMES
        if n.startswith(
            (
                "fresh-",
                "fresh2-",
                "fresh3-",
                "fresh4-",
                "fresh5-",
                "fresh6-",
                "fresh7-",
                "fresh8-",
                "fresh9-",
                "fresh10-",
                "fresh11-",
                "fresh12-",
                "fresh13-",
                "fresh14-",
                "fresh15-",
            )
        )
    ],
)
def test_the_fresh_questionnaires_are_sheets_with_numbered_rows(name: str) -> None:
    """Title, blank row, header in row 3, then numbered questions; about one row in ten is
    about something the catalog does not cover."""
    rows, truth = table(name)
    assert rows[0] == [load(name)["title"]]
    assert rows[1] == []
    assert rows[2] == [str(h) for h in load(name)["header"]]
    questions = [r for r in rows[3:] if len(r) == 4]
    assert [int(r[0].split(".")[1]) for r in questions] == list(range(1, len(questions) + 1))
    assert len(truth) == len(questions) >= 25
    uncovered = sum(t is None for t in truth.values())
    assert 0.10 <= uncovered / len(truth) <= 0.15


def test_the_matchers_bundled_examples_are_the_questionnaires_not_held_out() -> None:
    """``src/assess/exchange/examples.json`` is made from these files (``python
    tests/questionnaires.py`` writes it): up to date, and never from a set held out, whose
    first measurement must meet wording the matcher has not learnt."""
    import json
    from importlib.resources import files

    from tests.questionnaires import examples

    shipped = json.loads(files("assess.exchange").joinpath("examples.json").read_text("utf-8"))
    assert shipped["catalog"] == CAT.pin
    assert shipped["examples"] == examples()
    held_out = {name for name in NAMES if ROLES[name] == "held out"}
    assert not held_out & {e["from"] for e in shipped["examples"]}
    live = {c.id for c in CAT.controls}
    assert {e["control"] for e in shipped["examples"]} <= live
