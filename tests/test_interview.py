"""The guided check's state machine, without a terminal: answer, back, skip, keep the default,
justification, mandatory controls, resume; and the file it saves."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from assess.interview import (
    Interview,
    Notice,
    Step,
    carry_over,
    is_answered,
    question_text,
    to_yaml,
)
from assess.load import load_yaml_file
from assess.models.answers import Assessment
from assess.models.catalog import Catalog
from assess.validate import Locator, check_answers
from tests.conftest import control, make_assessment, make_profile, mini_catalog_data

TODAY = dt.date(2026, 11, 29)
LAST_YEAR = dt.date(2025, 11, 3)
# The mini catalog's controls that apply to the profile (BEW-01 needs 50 employees).
APPLICABLE = ["VOR-01", "VOR-02", "VOR-03", "BER-01", "NAC-01"]


def fresh(mini: Catalog, answers: dict[str, object] | None = None) -> Interview:
    return Interview(mini, make_profile(), make_assessment(answers or {}), TODAY)


def statuses(interview: Interview) -> dict[str, str]:
    return {cid: a.status for cid, a in interview.assessment.answers.items()}


def test_asks_applicable_controls_phase_by_phase(mini: Catalog) -> None:
    interview = fresh(mini)
    assert [c.id for c in interview.controls] == APPLICABLE
    assert interview.control.id == "VOR-01"
    assert interview.step is Step.STATUS


def test_status_then_note_saves_each_step(mini: Catalog) -> None:
    interview = fresh(mini)
    result = interview.key("1")
    assert result.changed
    assert interview.step is Step.NOTE
    assert statuses(interview) == {"VOR-01": "partial"}
    assert interview.assessment.answers["VOR-01"].updated == TODAY
    result = interview.text("  Notfallnummer   am Empfang ")
    assert result.changed
    assert interview.assessment.answers["VOR-01"].note == "Notfallnummer am Empfang"
    assert interview.control.id == "VOR-02"
    # Enter at the note step keeps no note and saves nothing more.
    interview.key("3")
    assert not interview.text("").changed
    assert interview.assessment.answers["VOR-02"].note is None
    assert interview.control.id == "VOR-03"


def test_back_returns_to_the_previous_control_and_its_answer_is_the_default(
    mini: Catalog,
) -> None:
    interview = fresh(mini)
    assert interview.key("b").notice is Notice.AT_START
    interview.key("2")
    interview.text("")
    assert interview.control.id == "VOR-02"
    assert not interview.key("b").changed
    assert interview.control.id == "VOR-01"
    assert interview.current is not None
    assert interview.current.status == "largely"
    interview.key("0")
    interview.text("")
    assert statuses(interview) == {"VOR-01": "not"}


def test_skip_leaves_the_control_unknown_and_unsaved(mini: Catalog) -> None:
    interview = fresh(mini)
    result = interview.key("s")
    assert not result.changed
    assert interview.control.id == "VOR-02"
    assert interview.assessment.answers == {}
    # The explicit 'u' is an answer: unknown, saved.
    assert interview.key("u").changed
    assert statuses(interview) == {"VOR-02": "unknown"}


def test_unknown_key_and_enter_without_default_are_refused(mini: Catalog) -> None:
    interview = fresh(mini)
    assert interview.key("x").notice is Notice.BAD_KEY
    assert interview.key("").notice is Notice.NO_DEFAULT
    assert interview.control.id == "VOR-01"
    assert interview.assessment.answers == {}


def test_mandatory_control_cannot_be_not_applicable(mini: Catalog) -> None:
    interview = fresh(mini)
    assert mini.controls_by_id["VOR-01"].mandatory
    result = interview.key("n")
    assert result.notice is Notice.MANDATORY
    assert not result.changed
    assert interview.step is Step.STATUS
    assert interview.assessment.answers == {}
    # A carried-over 'na' on a mandatory control cannot be kept with Enter either.
    carried = fresh(mini, {"VOR-01": {"status": "na", "justification": "x", "reviewed": False}})
    assert carried.key("").notice is Notice.MANDATORY
    assert carried.assessment.answers["VOR-01"].reviewed is False


def test_not_applicable_asks_for_a_justification(mini: Catalog) -> None:
    interview = fresh(mini)
    interview.key("s")
    assert interview.control.id == "VOR-02"
    result = interview.key("n")
    assert not result.changed  # nothing saved before the justification
    assert interview.step is Step.JUSTIFICATION
    assert interview.text("   ").notice is Notice.NEED_JUSTIFICATION
    assert interview.step is Step.JUSTIFICATION
    assert interview.assessment.answers == {}
    assert interview.text("Kein eigener Server im Haus").changed
    answer = interview.assessment.answers["VOR-02"]
    assert (answer.status, answer.justification) == ("na", "Kein eigener Server im Haus")
    assert interview.step is Step.NOTE
    interview.text("")
    # Another status later drops the justification.
    interview.key("b")
    interview.key("1")
    assert interview.assessment.answers["VOR-02"].justification is None


def test_enter_keeps_the_carried_over_answer_and_confirms_it_today(mini: Catalog) -> None:
    previous = make_assessment(
        {
            "VOR-01": {"status": "teilweise", "note": "Zettel", "owner": "Inhaber"},
            "VOR-02": {"status": "fulfilled", "updated": "2025-06-01"},
            "VOR-03": {"status": "entbehrlich", "justification": "kein Server"},
        }
    )
    previous = previous.model_copy(update={"date": LAST_YEAR})
    start = carry_over(previous, mini, mini, "profile.yaml", TODAY, "Anna")
    assert {cid: (a.status, a.updated, a.reviewed) for cid, a in start.answers.items()} == {
        "VOR-01": ("partial", LAST_YEAR, False),
        "VOR-02": ("fulfilled", dt.date(2025, 6, 1), False),
        "VOR-03": ("na", LAST_YEAR, False),
    }
    interview = Interview(mini, make_profile(), start, TODAY)
    assert interview.position == 0  # nothing is answered yet: carried over is not answered
    assert interview.progress().answered == 0
    result = interview.key("")
    assert result.changed
    kept = interview.assessment.answers["VOR-01"]
    assert (kept.status, kept.note, kept.owner, kept.updated, kept.reviewed) == (
        "partial",
        "Zettel",
        "Inhaber",
        TODAY,
        None,
    )
    assert interview.control.id == "VOR-02"  # Enter keeps the whole answer: no note step
    # Anything else changes it; owner and note stay until changed.
    interview.key("b")
    interview.key("2")
    interview.text("-")
    changed = interview.assessment.answers["VOR-01"]
    assert (changed.status, changed.note, changed.owner) == ("largely", None, "Inhaber")
    assert interview.progress().answered == 1


def test_carry_over_leaves_out_what_the_catalog_no_longer_admits(mini: Catalog) -> None:
    data = mini_catalog_data()
    data["version"] = "2"
    data["controls"] = [c for c in data["controls"] if c["id"] != "NAC-01"]
    for c in data["controls"]:
        if c["id"] == "VOR-02":
            c["mandatory"] = True
    newer = Catalog.model_validate(data)
    previous = make_assessment(
        {
            "VOR-02": {"status": "na", "justification": "früher entbehrlich"},
            "VOR-03": {"status": "na", "justification": "weiterhin entbehrlich"},
            "NAC-01": "fulfilled",
        }
    )
    start = carry_over(previous, mini, newer, None, TODAY, "Anna")
    assert str(start.catalog) == "mini@2"
    assert list(start.answers) == ["VOR-03"]
    assert check_answers(start, newer, Locator("new.yaml", None, None)) == []


def test_resume_starts_at_the_first_control_neither_answered_nor_confirmed(
    mini: Catalog,
) -> None:
    answers = {
        "VOR-01": "partial",
        "VOR-02": {"status": "not", "reviewed": False},
        "VOR-03": "fulfilled",
    }
    interview = fresh(mini, answers)
    assert interview.control.id == "VOR-02"
    assert not interview.resumed_complete
    progress = interview.progress()
    assert (progress.answered, progress.applicable) == (2, 5)
    assert [(p.phase, p.answered, p.applicable) for p in progress.phases] == [
        ("vorbereitung", 2, 3),
        ("bereitschaft", 0, 1),
        ("nachbereitung", 0, 1),
    ]
    done = fresh(mini, dict.fromkeys(APPLICABLE, "fulfilled"))
    assert done.resumed_complete
    assert done.control.id == "VOR-01"


def test_after_an_answer_the_next_open_control_follows(mini: Catalog) -> None:
    interview = fresh(mini, {"VOR-02": "partial", "VOR-03": {"status": "not", "reviewed": False}})
    interview.key("3")
    interview.text("")
    assert interview.control.id == "VOR-03"  # VOR-02 is answered, VOR-03 only carried over
    interview.key("s")
    assert interview.control.id == "BER-01"
    # In a review of a complete file every control comes in turn.
    review = fresh(mini, dict.fromkeys(APPLICABLE, "fulfilled"))
    review.key("")
    assert review.control.id == "VOR-02"


def test_the_last_control_finishes_the_interview(mini: Catalog) -> None:
    interview = fresh(mini, dict.fromkeys(APPLICABLE[:-1], "fulfilled"))
    assert interview.control.id == "NAC-01"
    interview.key("3")
    assert not interview.finished
    interview.text("")
    assert interview.finished
    assert interview.first_open() is None
    assert all(is_answered(interview.assessment.answers[c]) for c in APPLICABLE)


def test_saved_file_is_yaml_the_tool_reads_back(mini: Catalog, tmp_path: object) -> None:
    interview = fresh(mini)
    interview.key("1")
    interview.text("Zitat: 'x' & \"y\" # kein Kommentar\nneue Zeile")
    interview.key("n")  # VOR-02
    interview.text("weil: nichts")
    text = to_yaml(interview.assessment, mini)
    assert "&id" not in text
    assert "*id" not in text
    data = yaml.safe_load(text)
    assert data["answers"]["VOR-01"] == {
        "status": "partial",
        "note": "Zitat: 'x' & \"y\" # kein Kommentar neue Zeile",
        "updated": TODAY,
    }
    assert Assessment.model_validate(data) == interview.assessment


@pytest.mark.parametrize("key", ["3", "2", "1", "0", "u"])
def test_each_status_key_is_saved_as_the_scale_id(mini: Catalog, key: str) -> None:
    interview = fresh(mini)
    interview.key(key)
    expected = {"3": "fulfilled", "2": "largely", "1": "partial", "0": "not", "u": "unknown"}
    assert statuses(interview) == {"VOR-01": expected[key]}


def test_saved_file_passes_the_strict_loader(mini: Catalog, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "a.yaml"
    interview = fresh(mini)
    for _ in APPLICABLE:
        interview.key("2")
        interview.text("")
    path.write_text(to_yaml(interview.assessment, mini), encoding="utf-8")
    data, _ = load_yaml_file(path)
    assert Assessment.model_validate(data).answers.keys() == set(APPLICABLE)


def test_screen_shows_the_default_with_its_date_and_no_control_characters(mini: Catalog) -> None:
    answers = {
        "VOR-01": {
            "status": "partial",
            "note": "Zettel\x1b[2J am Empfang",
            "updated": "2025-11-03",
            "reviewed": False,
        }
    }
    interview = fresh(mini, answers)
    screen = question_text(interview, "de")
    assert "Bisher (03.11.2025): 1 teilweise umgesetzt – Zettel[2J am Empfang" in screen
    assert "(ungeprüft übernommen)" in screen
    assert "\x1b" not in screen
    assert screen.splitlines()[0] == (
        "Fortschritt: 0/5 beantwortet · Vorbereitung 0/3 · Bereitschaft 0/1 · Nachbereitung 0/1"
    )
    assert "[1/5] Vorbereitung · VOR-01 · " in screen
    assert "Pflichtmaßnahme" in screen  # VOR-01 is mandatory
    english = question_text(interview, "en")
    assert "So far (2025-11-03): 1 partially fulfilled" in english


def split_catalog() -> Catalog:
    """The mini catalog in a second revision: VOR-03 retired, VOR-04 and VOR-05 take it over."""
    data = mini_catalog_data()
    data["revision"] = 2
    controls = [c for c in data["controls"] if c["id"] != "VOR-03"]
    controls[2:2] = [
        control("VOR-04", "vorbereitung", "high", 2, 1),
        control("VOR-05", "vorbereitung", "high", 2, 1, mandatory=True),
    ]
    data["controls"] = controls
    text = {"de": "geteilt", "en": "split"}
    data["changes"] = [
        {
            "revision": 2,
            "date": "2026-11-01",
            "summary": text,
            "changes": [
                {
                    "kind": "retired",
                    "control": "VOR-03",
                    "what": text,
                    "why": text,
                    "replaced_by": ["VOR-04", "VOR-05"],
                },
                {"kind": "added", "control": "VOR-04", "what": text, "why": text},
                {"kind": "added", "control": "VOR-05", "what": text, "why": text},
            ],
        }
    ]
    return Catalog.model_validate(data)


def test_a_split_control_starts_from_the_retired_ones_answer(mini: Catalog) -> None:
    newer = split_catalog()
    previous = make_assessment({"VOR-03": {"status": "partial", "note": "alt"}})
    start = carry_over(previous, mini, newer, None, TODAY, "Anna")
    assert {k: (a.status, a.note, a.reviewed) for k, a in start.answers.items()} == {
        "VOR-04": ("partial", "alt", False),
        "VOR-05": ("partial", "alt", False),
    }
    # An existing file with the retired id: the successors are asked, the old answer offered.
    interview = Interview(newer, make_profile(), previous, TODAY)
    assert interview.control.id == "VOR-01"
    interview.key("s")
    interview.key("s")
    assert interview.control.id == "VOR-04"
    assert interview.current is not None
    assert (interview.current.status, interview.current.reviewed) == ("partial", False)
    screen = question_text(interview, "de")
    assert "Bisher: 1 teilweise umgesetzt – alt (ungeprüft übernommen)" in screen
    assert "Antwort auf VOR-03, das in der neuen Katalogrevision durch diese Maßnahme" in screen
    assert interview.key("").changed
    assert interview.assessment.answers["VOR-04"].status == "partial"
    assert interview.assessment.answers["VOR-04"].reviewed is None
    assert interview.control.id == "VOR-05"
    assert check_answers(interview.assessment, newer, Locator("a.yaml", None, None)) == []
