"""`assess check` in a pseudo-terminal, as a user runs it: answers are saved at once, a SIGKILL
loses nothing given, a new run resumes at the first open control; without a terminal it fails
clearly; Ctrl-C keeps the answers."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pexpect
import yaml
from click.testing import CliRunner

from assess.api import load_catalog, load_profile
from assess.cli import main
from assess.interview import applicable_controls

EPOCH = "1790000000"  # 21.09.2026
PROMPT = "Ihre Wahl: "


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "160"}
    env.pop("ASSESS_DEBUG", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "assess", "check", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        dimensions=(50, 160),
        timeout=20,
    )


def at(child: pexpect.spawn, control: str) -> None:
    """Wait until ``control`` is asked."""
    child.expect(rf"\] \w+ · {control} · ")
    child.expect_exact(PROMPT)


def saved(path: Path) -> dict[str, dict[str, object]]:
    answers: dict[str, dict[str, object]] = yaml.safe_load(path.read_text("utf-8"))["answers"]
    return answers


def asked() -> list[str]:
    """The joinery's controls in the order the interview asks them."""
    catalog, profile = load_catalog("acs-it-notfall"), load_profile("schreinerei-huber")
    return [c.id for c in applicable_controls(catalog, profile)]


def test_killed_interview_keeps_every_answer_and_resumes(tmp_path: Path) -> None:
    first, second, third, fourth, fifth, sixth = asked()[:6]
    assert not load_catalog("acs-it-notfall").controls_by_id[fourth].mandatory  # 'n' is allowed
    path = tmp_path / "bewertung.yaml"
    child = spawn("bewertung.yaml", "--profile", "schreinerei-huber", cwd=tmp_path)
    child.expect_exact("Wer bewertet? (Name)")
    child.sendline("Anna Huber")
    at(child, first)
    child.send("3")
    child.expect_exact("Notiz")
    child.sendline("Handbuch: im Büro & digital")
    at(child, second)
    child.send("1")
    child.expect_exact("Notiz")
    child.sendline("")
    at(child, third)
    child.send("s")  # skipped: stays open
    at(child, fourth)
    child.send("n")
    child.expect_exact("Begründung")
    child.sendline("Kein Handbuch nötig, sagt der Test")
    child.expect_exact("Notiz")
    child.sendline("")
    at(child, fifth)
    child.send("0")
    child.expect_exact("Notiz")  # the status is saved before the note is asked
    child.kill(signal.SIGKILL)
    child.wait()

    answers = saved(path)
    assert {cid: a["status"] for cid, a in answers.items()} == {
        first: "fulfilled",
        second: "partial",
        fourth: "na",
        fifth: "not",
    }
    assert answers[first]["note"] == "Handbuch: im Büro & digital"
    assert answers[fourth]["justification"] == "Kein Handbuch nötig, sagt der Test"
    assert str(answers[first]["updated"]) == "2026-09-21"
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written file left behind
    # What was saved is a valid answers file at this moment.
    result = CliRunner().invoke(main, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output

    child = spawn("bewertung.yaml", cwd=tmp_path)
    child.expect_exact(f"Fortsetzung bei {third} (4 von ")
    at(child, third)
    child.send("2")
    child.expect_exact("Notiz")
    child.sendline("")
    at(child, sixth)  # the fourth and fifth were answered before the kill
    child.send("q")
    child.expect_exact("Weiter mit: assess check bewertung.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    answers = saved(path)
    assert list(answers) == [first, second, third, fourth, fifth]
    assert answers[third]["status"] == "largely"
    assert answers[first]["note"] == "Handbuch: im Büro & digital"


def test_from_last_year_offers_its_answer_and_ctrl_c_keeps_the_answers(tmp_path: Path) -> None:
    previous = tmp_path / "2025.yaml"
    previous.write_text(
        yaml.safe_dump(
            {
                "catalog": "acs-it-notfall@2021.05",
                "profile": "schreinerei-huber",
                "date": "2025-03-20",
                "assessor": "Josef Huber",
                "answers": {"VOR-01": "partial", "VOR-02": {"status": "fulfilled"}},
            }
        ),
        encoding="utf-8",
    )
    child = spawn("2026.yaml", "--from", "2025.yaml", "--lang", "en", cwd=tmp_path)
    child.expect_exact("Who assesses? (name) [Josef Huber]")
    child.sendline("")
    child.expect_exact("So far (2025-03-20): 1 partially fulfilled (not reviewed)")
    child.expect_exact("Your choice: ")
    child.send("\r")  # Enter keeps and confirms
    at_en = r"\] \w+ · VOR-02 · "
    child.expect(at_en)
    child.expect_exact("Your choice: ")
    child.sendcontrol("c")
    child.expect_exact("Interrupted – every answer given is saved in 2026.yaml.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    data = yaml.safe_load((tmp_path / "2026.yaml").read_text("utf-8"))
    assert data["assessor"] == "Josef Huber"
    assert data["profile"] == "schreinerei-huber"
    assert data["answers"]["VOR-01"] == {"status": "partial", "updated": data["date"]}
    assert data["answers"]["VOR-02"]["reviewed"] is False


def test_without_a_terminal_check_fails_at_once(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", str(tmp_path / "a.yaml"), "--profile", "schreinerei-huber"], input="3\n"
    )
    assert result.exit_code == 2
    assert "braucht ein Terminal" in result.stderr
    assert "assess answers template" in result.stderr
    assert not (tmp_path / "a.yaml").exists()
