"""The command line: exit codes, messages, output formats, determinism, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.resources import bundled_profiles
from tests.conftest import write_yaml

EXAMPLE = bundled_profiles()["schreinerei-huber"].parent / "answers-2026.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def answers(tmp_path: Path, body: dict[str, object], **extra: object) -> Path:
    data = {
        "catalog": "acs-it-notfall@2021.05",
        "profile": "schreinerei-huber",
        "date": "2026-03-01",
        "assessor": "Test",
        "answers": body,
        **extra,
    }
    return write_yaml(tmp_path / "answers.yaml", data)


def test_evaluate_text_summary() -> None:
    code, out, err = run("evaluate", str(EXAMPLE))
    assert code == 0, err
    assert "Reifegrad: 0 – Ungeregelt" in out
    assert "Umsetzungsgrad: 23,6 %" in out
    assert "! BEW-12 Meldepflichten im Notfall erfüllen – nicht umgesetzt" in out
    assert "  1. [30 Tage] VOR-34 Meldewege für externe Meldepflichten" in out
    assert "Erstkontakt: EDV-Service Maier (Herr Maier) – 089 99998-101" in out
    assert "IT-Sicherheitsbotschafter im Handwerk" in out


def test_evaluate_in_english() -> None:
    code, out, _ = run("evaluate", str(EXAMPLE), "--lang", "en")
    assert code == 0
    assert "Maturity level: 0 – Unmanaged" in out
    assert "Implementation score: 23.6%" in out


def test_json_structure() -> None:
    code, out, _ = run("evaluate", str(EXAMPLE), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "assess.evaluation/1"
    assert doc["catalog"]["id"] == "acs-it-notfall"
    assert doc["catalog"]["version"] == "2021.05"
    assert doc["catalog"]["revision"] == 3
    assert doc["score"]["overall"] == 23.6
    assert [p["id"] for p in doc["score"]["phases"]] == [
        "vorbereitung",
        "bereitschaft",
        "bewaeltigung",
        "nachbereitung",
    ]
    assert doc["maturity"]["level"] == 0
    assert doc["maturity"]["name"] == "Ungeregelt"
    assert "VOR-14" in doc["maturity"]["blockers"]
    assert doc["critical_gaps"] == [
        "VOR-09",
        "VOR-14",
        "VOR-36",
        "VOR-29",
        "VOR-32",
        "VOR-34",
        "BER-02",
        "BEW-12",
    ]
    first = doc["roadmap"][0]
    assert {"control", "rank", "horizon", "reason", "effort", "support"} <= set(first)
    assert [i["rank"] for i in doc["roadmap"]] == list(range(1, len(doc["roadmap"]) + 1))
    support_ids = {s["id"] for s in doc["support"]}
    assert {s for i in doc["roadmap"] for s in i["support"]} <= support_ids
    assert all(s["source"] and s["checked"] for s in doc["support"])
    assert len(doc["controls"]) == 60


def test_markdown_contains_roadmap_and_statement_of_applicability() -> None:
    code, out, _ = run("evaluate", str(EXAMPLE), "--format", "markdown")
    assert code == 0
    assert "## Fahrplan" in out
    assert "### innerhalb von 30 Tagen" in out
    assert "- VOR-08 Rollen nicht in Personalunion: laut Unternehmensprofil nicht anwendbar" in out
    assert "- VOR-17 Externe Unterstützung für Krisenkommunikation geprüft: Regionaler" in out


def test_output_is_deterministic(tmp_path: Path) -> None:
    first = run("evaluate", str(EXAMPLE), "--format", "json")[1]
    second = run("evaluate", str(EXAMPLE), "--format", "json")[1]
    assert first == second


def test_fail_under() -> None:
    code, _, err = run("evaluate", str(EXAMPLE), "--fail-under", "50")
    assert code == 1
    assert "score 23.6 % is below --fail-under 50 %" in err
    assert run("evaluate", str(EXAMPLE), "--fail-under", "20")[0] == 0


def test_output_file_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out" / "eval.json"
    code, out, _ = run("evaluate", str(EXAMPLE), "--format", "json", "-o", str(target))
    assert code == 0
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["score"]["overall"] == 23.6
    assert [p.name for p in target.parent.iterdir()] == ["eval.json"]


def test_unwritable_output_exits_3(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run("evaluate", str(EXAMPLE), "-o", str(blocker / "eval.txt"))
    assert code == 3
    assert "cannot write" in err


def test_invalid_answers_exit_2_with_every_problem(tmp_path: Path) -> None:
    path = answers(tmp_path, {"VOR-99": "not", "VOR-24": "na", "VOR-17": "na", "VOR-02": "maybe"})
    code, out, err = run("evaluate", str(path))
    assert code == 2
    assert out == ""
    assert "error: 4 problems found:" in err
    assert f"{path}:6: answers.VOR-99: no control VOR-99 in acs-it-notfall@2021.05" in err
    assert "VOR-24 is mandatory and cannot be not applicable" in err
    assert "VOR-17 is marked not applicable without a justification" in err
    assert "unknown status 'maybe' for VOR-02" in err
    assert "Traceback" not in err


def test_german_status_words_and_short_form(tmp_path: Path) -> None:
    path = answers(
        tmp_path,
        {
            "VOR-24": "vollständig",
            "VOR-25": "teilweise",
            "VOR-17": {"status": "entbehrlich", "justification": "kein Bedarf"},
        },
    )
    code, out, err = run("evaluate", str(path), "--format", "json")
    assert code == 0, err
    status = {c["id"]: c["status"] for c in json.loads(out)["controls"]}
    assert (status["VOR-24"], status["VOR-25"], status["VOR-17"]) == ("fulfilled", "partial", "na")


def test_yes_no_in_yaml_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "catalog: acs-it-notfall@2021.05\nprofile: schreinerei-huber\n"
        "date: 2026-03-01\nassessor: T\nanswers:\n  VOR-01: yes\n",
        encoding="utf-8",
    )
    code, _, err = run("evaluate", str(path))
    assert code == 2
    assert "YAML reads yes/no/on/off as true/false" in err


def test_catalog_pin_not_installed(tmp_path: Path) -> None:
    path = answers(tmp_path, {}, catalog="acs-it-notfall@2019.01")
    code, _, err = run("evaluate", str(path))
    assert code == 2
    assert (
        "catalog acs-it-notfall@2019.01 is not installed (installed: acs-it-notfall@2021.05)" in err
    )


def test_catalog_option_must_match_the_pin(tmp_path: Path) -> None:
    path = answers(tmp_path, {})
    other = tmp_path / "other.yaml"
    text = (
        Path(__file__)
        .parents[1]
        .joinpath("catalogs/acs-it-notfall/2021.05.yaml")
        .read_text(encoding="utf-8")
    )
    other.write_text(text.replace('version: "2021.05"', 'version: "2022.01"'), encoding="utf-8")
    code, _, err = run("evaluate", str(path), "--catalog", str(other))
    assert code == 2
    assert "the answers are for acs-it-notfall@2021.05 but the catalog given is" in err


def test_missing_profile(tmp_path: Path) -> None:
    data = {"catalog": "acs-it-notfall@2021.05", "date": "2026-03-01", "assessor": "T"}
    path = write_yaml(tmp_path / "answers.yaml", data)
    code, _, err = run("evaluate", str(path))
    assert code == 2
    assert (
        "no company profile given – add 'profile: FILE' to the answers file or pass --profile"
        in err
    )
    assert run("evaluate", str(path), "--profile", "steuerkanzlei-becker")[0] == 0


def test_missing_file() -> None:
    code, _, err = run("evaluate", "does-not-exist.yaml")
    assert code == 2
    assert "does-not-exist.yaml: file not found" in err


def test_usage_error_exits_2() -> None:
    assert run("evaluate", str(EXAMPLE), "--format", "pdf")[0] == 2


def test_demo_writes_files(tmp_path: Path) -> None:
    code, out, _ = run("demo", "--out", str(tmp_path))
    assert code == 0
    assert "Schreinerei Huber GmbH" in out
    names = [
        "card.pdf",
        "evaluation.json",
        "report.html",
        "report.md",
        "report.pdf",
        "summary.txt",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert (tmp_path / "summary.txt").read_text(encoding="utf-8") in out
    for name in names:
        assert f"→ {tmp_path / name}" in out
    for name in ("report.pdf", "card.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF-")
    # the demo company has last year's self-check too: the report shows the progress
    assert "Veränderung seit der Bewertung vom 20.03.2025" in (tmp_path / "report.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("example", sorted(bundled_profiles()))
def test_profile_validate_examples(example: str) -> None:
    code, out, _ = run("profile", "validate", str(bundled_profiles()[example]))
    assert code == 0
    assert out.startswith("ok: ")


def test_catalog_commands(tmp_path: Path) -> None:
    code, out, _ = run("catalog", "list")
    assert code == 0
    assert "acs-it-notfall@2021.05" in out
    assert "support-de@2026.11" in out
    code, out, _ = run("catalog", "show", "acs-it-notfall")
    assert code == 0
    assert "VOR-35! S1 kritisch" in out
    assert "VOR-27" not in out  # retired in revision 2
    code, out, _ = run("catalog", "show", "acs-it-notfall@2021.05", "ber-03", "--lang", "en")
    assert code == 0
    assert out.startswith("BER-03 – First contact for IT emergencies designated")
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    code, _, err = run("catalog", "validate", str(bad))
    assert code == 2
    assert f"{bad}:1: id: required field 'id' is missing" in err


def test_catalog_validate_ok() -> None:
    path = Path(__file__).parents[1] / "catalogs/acs-it-notfall/2021.05.yaml"
    code, out, _ = run("catalog", "validate", str(path))
    assert code == 0
    assert out.strip().endswith("acs-it-notfall@2021.05, 60 controls")


@pytest.mark.parametrize("kind", ["catalog", "profile", "answers", "support"])
def test_schema(kind: str) -> None:
    code, out, _ = run("schema", kind)
    assert code == 0
    schema = json.loads(out)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_help_does_not_import_the_heavy_modules() -> None:
    code = (
        "import sys, assess.cli; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'jinja2', 'weasyprint') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_user_text_cannot_inject_terminal_or_markdown_markup(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    text = (bundled_profiles()["schreinerei-huber"]).read_text(encoding="utf-8")
    profile.write_text(
        text.replace("name: Schreinerei Huber GmbH", 'name: "Evil\\e[31m Corp\\u202e"'),
        encoding="utf-8",
    )
    path = answers(
        tmp_path,
        {"VOR-24": {"status": "partial", "note": "<script>alert(1)</script> | x"}},
        profile="profile.yaml",
    )
    code, out, _ = run("evaluate", str(path))
    assert code == 0
    assert "Evil[31m Corp" in out
    assert "\x1b" not in out
    assert "\u202e" not in out
    code, out, _ = run("evaluate", str(path), "--format", "markdown")
    assert code == 0
    assert "\\<script\\>alert(1)\\</script\\> \\| x" in out
    assert "<script>" not in out


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        ("catalog", "catalogs/acs-it-notfall/*.yaml"),
        ("support", "catalogs/support-de/*.yaml"),
        ("profile", "profiles/*/profile.yaml"),
        ("answers", "profiles/*/answers-*.yaml"),
    ],
)
def test_bundled_files_validate_against_the_published_schema(kind: str, pattern: str) -> None:
    # Editors use `assess schema KIND`: the bundled files (short forms included) must pass it.
    import jsonschema
    import yaml

    schema = json.loads(run("schema", kind)[1])
    files = sorted(Path(__file__).parents[1].glob(pattern))
    assert files
    for path in files:
        data = json.loads(
            json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str)
        )  # dates as the strings editors see
        jsonschema.validate(data, schema)
