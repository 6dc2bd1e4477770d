"""`assess answers template`: a blank answers file, and last year's answers carried over."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from assess.api import evaluate_file, load_assessment
from assess.cli import main
from assess.resources import bundled_profiles
from tests.conftest import write_yaml


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def fill_assessor(path: Path) -> None:
    path.write_text(
        path.read_text(encoding="utf-8").replace('assessor: ""', "assessor: Test"), encoding="utf-8"
    )


def test_blank_template_for_a_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21
    target = tmp_path / "answers.yaml"
    code, _, err = run("answers", "template", "--profile", "schreinerei-huber", "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["catalog"] == "acs-it-notfall@2021.05"
    assert data["profile"] == "schreinerei-huber"
    assert str(data["date"]) == "2026-09-21"
    # fewer than 50 employees: VOR-08 stays a comment; everything else is to be answered
    assert "  # VOR-08: entfällt laut Profil" in text
    assert len(data["answers"]) == 59
    assert set(data["answers"].values()) == {"unknown"}
    assert "  # Betreibt das Unternehmen ein ISMS" in text

    code, _, err = run("evaluate", str(target))
    assert code == 2
    assert "'assessor' is empty – fill in 'assessor'" in err
    fill_assessor(target)
    evaluation = evaluate_file(target).evaluation
    assert evaluation.overall.percent == 0.0
    assert evaluation.overall.counts["unknown"] == 59


def test_carry_over_keeps_every_answer(tmp_path: Path) -> None:
    previous = bundled_profiles()["mueller-antriebstechnik"].parent / "answers-2026.yaml"
    target = tmp_path / "2027.yaml"
    assert run("answers", "template", "--from", str(previous), "-o", str(target))[0] == 0
    fill_assessor(target)
    old, new = evaluate_file(previous).evaluation, evaluate_file(target).evaluation
    assert new.overall == old.overall
    assert new.roadmap == old.roadmap
    old_answers = load_assessment(previous)[0].answers
    new_answers = load_assessment(target)[0].answers
    # Carried over: the same answer, dated as before and marked not reviewed until checked.
    old_date = load_assessment(previous)[0].date
    assert new_answers["VOR-04"] == old_answers["VOR-04"].model_copy(
        update={"updated": old_date, "reviewed": False}
    )
    assert new_answers["VOR-04"].due is not None
    applicable = {r.id for r in new.controls if r.applicable and r.answer is not None}
    assert {r.id for r in new.controls if r.not_reviewed} == applicable


def test_tricky_notes_survive_the_round_trip(tmp_path: Path) -> None:
    note = "Achtung: 'Zitat' # kein Kommentar, {klammern} & <b>html</b>\nzweite Zeile"
    previous = write_yaml(
        tmp_path / "old.yaml",
        {
            "catalog": "acs-it-notfall@2021.05",
            "profile": "steuerkanzlei-becker",
            "date": "2025-02-01",
            "assessor": "A",
            "answers": {"VOR-01": {"status": "teilweise", "note": note, "evidence": "yes"}},
        },
    )
    target = tmp_path / "new.yaml"
    assert run("answers", "template", "--from", str(previous), "-o", str(target))[0] == 0
    fill_assessor(target)
    answer = load_assessment(target)[0].answers["VOR-01"]
    assert (answer.status, answer.note, answer.evidence) == ("teilweise", note, "yes")


def test_profile_path_is_relative_to_the_new_file(tmp_path: Path) -> None:
    (tmp_path / "firma").mkdir()
    profile = write_yaml(
        tmp_path / "firma" / "profile.yaml",
        yaml.safe_load(bundled_profiles()["steuerkanzlei-becker"].read_text(encoding="utf-8")),
    )
    target = tmp_path / "firma" / "bewertungen" / "2026.yaml"
    code, _, err = run("answers", "template", "--profile", str(profile), "-o", str(target))
    assert code == 0, err
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["profile"] == "../profile.yaml"
    fill_assessor(target)
    assert evaluate_file(target).profile.name == "Steuerberatung Becker & Partner mbB"


def test_existing_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text("mine", encoding="utf-8")
    code, _, err = run("answers", "template", "-o", str(target))
    assert code == 3
    assert "exists already" in err
    assert target.read_text(encoding="utf-8") == "mine"


def test_template_in_english_to_stdout() -> None:
    code, out, _ = run("answers", "template", "--lang", "en")
    assert code == 0
    assert "# Self-assessment along acs-it-notfall@2021.05" in out
    assert "  # VOR-08: not applicable by profile" not in out  # no profile: everything asked
    assert len(yaml.safe_load(out)["answers"]) == 60
