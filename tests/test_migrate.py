"""New editions: a test edition (tests/data/editions/mini) that renames, splits, merges and
retires controls; answers carried over with review marks, nothing dropped; catalog diff."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from assess.api import load_catalog
from assess.cli import main
from assess.errors import InputError
from assess.migrate import load_map, migrate_answers
from assess.models.answers import Assessment
from tests.conftest import DATA, ROOT, write_yaml

EDITIONS = DATA / "editions" / "mini"
OLD, NEW, MAP = EDITIONS / "1.yaml", EDITIONS / "2.yaml", EDITIONS / "migrations" / "1__2.yaml"

ANSWERS: dict[str, Any] = {
    "catalog": "mini@1",
    "profile": "schreinerei-huber",
    "date": "2026-03-01",
    "assessor": "Test",
    "answers": {
        "VOR-01": "partial",
        "VOR-02": {"status": "fulfilled", "note": "Leitlinie 2025 verabschiedet"},
        "VOR-03": {"status": "largely", "evidence": "Konzept v2"},
        "VOR-04": {"status": "entbehrlich", "justification": "Kein Bedarf"},
        "BER-01": {"status": "fulfilled", "note": "A", "due": "2026-09-30"},
        "BER-02": {"status": "partial", "note": "B", "due": "2026-06-30"},
        "BEW-01": "ja",
        "NAC-02": {"status": "not", "note": "noch offen"},
    },
}


def migrate_cli(tmp_path: Path, *extra: str, answers: dict[str, Any] = ANSWERS) -> Result:
    old = write_yaml(tmp_path / "old.yaml", answers)
    args = ["answers", "migrate", str(old), "--from-catalog", str(OLD), "--to", str(NEW)]
    return CliRunner().invoke(main, [*args, "-o", str(tmp_path / "new.yaml"), *extra])


def test_every_answer_lands_somewhere_with_review_marks() -> None:
    old, new = load_catalog(OLD), load_catalog(NEW)
    m = load_map(MAP, old, new)
    migrated = migrate_answers(Assessment.model_validate(ANSWERS), old, new, m, "en")
    answers = {k: v.model_dump(exclude_none=True) for k, v in migrated.assessment.answers.items()}
    split = "split from VOR-03 into VOR-03, VOR-06: check that the answer holds for this part"
    # every answer with a reason to review is also marked 'reviewed: false'
    assert all(a.get("reviewed") is False for a in answers.values() if "review" in a)
    assert all("reviewed" not in a for a in answers.values() if "review" not in a)
    answers = {k: {f: v for f, v in a.items() if f != "reviewed"} for k, a in answers.items()}
    assert answers == {
        "VOR-01": {"status": "partial"},
        "VOR-03": {
            "status": "largely",
            "evidence": "Konzept v2",
            "review": f"{split}; Concept and implementation separated",
        },
        "VOR-04": {
            "status": "unknown",
            "review": "was not applicable, the new control is mandatory: status set to unknown",
        },
        "VOR-05": {"status": "fulfilled", "note": "Leitlinie 2025 verabschiedet"},
        "VOR-06": {
            "status": "largely",
            "evidence": "Konzept v2",
            "review": f"{split}; Concept and implementation separated",
        },
        "BER-03": {
            "status": "partial",
            "note": "BER-01: A; BER-02: B",
            "due": dt.date(2026, 6, 30),
            "review": "merged from BER-01 (fulfilled), BER-02 (partial): the most cautious "
            "status was taken",
        },
        "BEW-01": {
            "status": "fulfilled",
            "review": "meaning changed; now asks for practised preparation",
        },
    }
    assert {k: v.model_dump(exclude_none=True) for k, v in migrated.assessment.retired.items()} == {
        "NAC-02": {"status": "not", "note": "noch offen"}
    }
    assert str(migrated.assessment.catalog) == "mini@2"
    assert migrated.carried == ["VOR-01", "VOR-05"]
    assert list(migrated.review) == ["VOR-03", "VOR-04", "VOR-06", "BER-03", "BEW-01"]
    assert migrated.retired == ["NAC-02"]
    assert migrated.unanswered == ["NAC-03"]


def test_merge_with_one_answered_part_says_so() -> None:
    old, new = load_catalog(OLD), load_catalog(NEW)
    data = {**ANSWERS, "answers": {"BER-02": "fulfilled"}}
    migrated = migrate_answers(
        Assessment.model_validate(data), old, new, load_map(MAP, old, new), "de"
    )
    assert migrated.assessment.answers["BER-03"].status == "fulfilled"
    assert migrated.review == {
        "BER-03": "zusammengeführt aus BER-02 und weiteren, nicht beantworteten Maßnahmen (BER-01)"
    }


def test_cli_writes_a_valid_answers_file_for_the_new_edition(tmp_path: Path) -> None:
    result = migrate_cli(tmp_path, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "mini@1 → mini@2: 2 carried, 5 to review, 1 retired (kept under 'retired'), "
        "1 new without answer"
    )
    written = yaml.safe_load((tmp_path / "new.yaml").read_text(encoding="utf-8"))
    assert written["catalog"] == "mini@2"
    assert written["profile"] == "schreinerei-huber"
    assert written["retired"] == {"NAC-02": {"status": "not", "note": "noch offen"}}
    assert written["answers"]["VOR-01"] == "partial"
    evaluated = CliRunner().invoke(
        main,
        ["evaluate", str(tmp_path / "new.yaml"), "--catalog", str(NEW), "--format", "json"],
    )
    assert evaluated.exit_code == 0, evaluated.output
    result_data = json.loads(evaluated.stdout)
    controls = {c["id"]: c for c in result_data["controls"]}
    marked = [c["id"] for c in result_data["controls"] if c["not_reviewed"]]
    assert marked == ["VOR-03", "VOR-04", "VOR-06", "BER-03", "BEW-01"]
    assert controls["BER-03"]["status"] == "partial"
    assert controls["NAC-03"]["status"] == "unknown"
    assert "NAC-02" not in controls
    # an existing output file is kept
    again = migrate_cli(tmp_path)
    assert again.exit_code == 3
    assert "exists already" in again.stderr


def test_profile_path_is_rebased_to_the_new_file(tmp_path: Path) -> None:
    (tmp_path / "firm").mkdir()
    profile = tmp_path / "firm" / "profile.yaml"
    from assess.resources import bundled_profiles

    profile.write_bytes(bundled_profiles()["schreinerei-huber"].read_bytes())
    old = write_yaml(tmp_path / "firm" / "old.yaml", {**ANSWERS, "profile": "profile.yaml"})
    out = tmp_path / "out" / "new.yaml"
    args = ["answers", "migrate", str(old), "--from-catalog", str(OLD), "--to", str(NEW)]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["profile"] == "../firm/profile.yaml"


def _bad_map(tmp_path: Path, changes: list[dict[str, Any]], **top: Any) -> Path:
    data = yaml.safe_load(MAP.read_text(encoding="utf-8"))
    data["changes"] = changes
    data.update(top)
    return write_yaml(tmp_path / "map.yaml", data)


def test_map_problems_are_all_reported_with_lines(tmp_path: Path) -> None:
    full = yaml.safe_load(MAP.read_text(encoding="utf-8"))["changes"]
    changes = [c for c in full if c["old"] not in ("NAC-02", "VOR-04")]
    changes[1] = {"old": "VOR-02", "action": "renamed", "to": ["VOR-05", "VOR-06"]}
    changes[2] = {"old": "VOR-03", "action": "split", "to": ["VOR-03", "VOR-09"]}
    changes.append({"old": "VOR-77", "action": "retired"})
    changes.append({"old": "NAC-01", "action": "same"})
    path = _bad_map(tmp_path, changes, to="3")
    old, new = load_catalog(OLD), load_catalog(NEW)
    with pytest.raises(InputError) as err:
        load_map(path, old, new)
    messages = [p.message for p in err.value.problems]
    assert messages == [
        "the map leads to 3, not to 2",
        "VOR-02: 'renamed' takes exactly one new id(s)",
        "no control VOR-09 in mini@2",
        "no control VOR-77 in mini@1",
        "NAC-01 is listed twice",
        "VOR-04 of mini@1 is not in the map",
        "NAC-02 of mini@1 is not in the map",
    ]
    assert all(p.line is not None for p in err.value.problems)
    result = migrate_cli(tmp_path, "--map", str(path))
    assert result.exit_code == 2
    assert "error: 7 problems found:" in result.stderr
    assert not (tmp_path / "new.yaml").exists()


def test_same_for_a_control_the_new_edition_lacks(tmp_path: Path) -> None:
    full = yaml.safe_load(MAP.read_text(encoding="utf-8"))["changes"]
    changes = [{"old": "NAC-02", "action": "same"} if c["old"] == "NAC-02" else c for c in full]
    old, new = load_catalog(OLD), load_catalog(NEW)
    with pytest.raises(InputError, match="NAC-02 is 'same' but mini@2 has no control NAC-02"):
        load_map(_bad_map(tmp_path, changes), old, new)


def test_missing_map_and_answers_of_another_edition(tmp_path: Path) -> None:
    lone = tmp_path / "2.yaml"
    lone.write_bytes(NEW.read_bytes())
    old = write_yaml(tmp_path / "old.yaml", ANSWERS)
    args = ["answers", "migrate", str(old), "--from-catalog", str(OLD), "--to", str(lone)]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "new.yaml")])
    assert result.exit_code == 2
    assert f"no migration map {tmp_path}/migrations/1__2.yaml" in result.stderr
    assert "--map FILE" in result.stderr
    args = ["answers", "migrate", str(old), "--from-catalog", str(NEW), "--to", str(NEW)]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "new.yaml")])
    assert result.exit_code == 2
    assert "the answers are for mini@1, not mini@2" in result.stderr


def test_catalog_diff_lists_changes_and_the_map() -> None:
    result = CliRunner().invoke(main, ["catalog", "diff", str(OLD), str(NEW)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "mini@1 revision 1 → mini@2 revision 1\n"
        "  changed metadata: title\n"
        "  controls:\n"
        "    + VOR-05\n    + VOR-06\n    + BER-03\n    + NAC-03\n"
        "    - VOR-02\n    - BER-01\n    - BER-02\n    - NAC-02\n"
        "    ~ VOR-01 (title)\n    ~ VOR-03 (effort)\n    ~ VOR-04 (mandatory)\n"
        "    ~ BEW-01 (question)\n"
        f"  migration map {MAP}:\n"
        "    VOR-02 renamed → VOR-05\n"
        "    VOR-03 split → VOR-03, VOR-06\n"
        "    BER-01 merged → BER-03\n"
        "    BER-02 merged → BER-03\n"
        "    BEW-01 same (changed meaning)\n"
        "    NAC-02 retired\n"
    )


def test_catalog_diff_of_installed_items_and_of_mixed_kinds() -> None:
    same = CliRunner().invoke(main, ["catalog", "diff", "acs-it-notfall", "acs-it-notfall"])
    assert same.exit_code == 0, same.output
    assert same.stdout.endswith("\n  no changes\n")
    mixed = CliRunner().invoke(main, ["catalog", "diff", "acs-it-notfall", "support-de"])
    assert mixed.exit_code == 2
    assert "are not of the same kind" in mixed.stderr


def test_migration_maps_validate_against_the_schema() -> None:
    result = CliRunner().invoke(main, ["schema", "migration"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    maps = [MAP, *sorted((ROOT / "catalogs").glob("*/migrations/*.yaml"))]
    for path in maps:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**yaml.safe_load(MAP.read_text()), "changes": [{"old": "X"}]}, schema)


def test_readme_examples_of_map_and_overlay_follow_their_schemas() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Interop and updates", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```yaml\n")[1:]]
    kinds = {"overlay": 0, "migration": 0}
    for block in blocks:
        data = yaml.safe_load(block)
        kind = "overlay" if "add" in data else "migration"
        schema = json.loads(CliRunner().invoke(main, ["schema", kind]).stdout)
        jsonschema.validate(data, schema)
        kinds[kind] += 1
    assert kinds == {"overlay": 1, "migration": 1}


def test_answer_to_a_control_retired_by_a_revision_stands_in_and_is_kept(tmp_path: Path) -> None:
    data = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    data["revision"] = 2
    data["changes"] = [
        {
            "revision": 2,
            "date": "2026-06-01",
            "summary": {"de": "VOR-09 aufgeteilt", "en": "VOR-09 split"},
            "changes": [
                {
                    "kind": "retired",
                    "control": "VOR-09",
                    "what": {"de": "entfällt", "en": "retired"},
                    "why": {"de": "doppelt", "en": "duplicate"},
                    "replaced_by": ["VOR-03"],
                }
            ],
        }
    ]
    old_file = write_yaml(tmp_path / "1.yaml", data)
    answers = {**ANSWERS, "answers": {"VOR-09": {"status": "partial", "note": "alt"}}}
    old_answers = write_yaml(tmp_path / "old.yaml", answers)
    out = tmp_path / "new.yaml"
    args = ["answers", "migrate", str(old_answers), "--from-catalog", str(old_file)]
    result = CliRunner().invoke(main, [*args, "--to", str(NEW), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    for part in ("VOR-03", "VOR-06"):
        answer = written["answers"][part]
        assert answer["status"] == "partial"
        assert "the answer to the retired control VOR-09 stood in for VOR-03" in answer["review"]
    assert written["retired"] == {"VOR-09": {"status": "partial", "note": "alt"}}


def test_catalog_validate_checks_companion_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test editions installed as stored catalogs, so that the files can name them.
    monkeypatch.setenv("ASSESS_DATA_DIR", str(tmp_path))
    (tmp_path / "catalogs" / "mini").mkdir(parents=True)
    for edition in (OLD, NEW):
        (tmp_path / "catalogs" / "mini" / edition.name).write_bytes(edition.read_bytes())
    overlay = DATA / "overlay-mini.yaml"
    framework = ROOT / "catalogs" / "acs-it-notfall" / "frameworks" / "nis2.yaml"
    expected = {
        MAP: "migration map mini@1 → mini@2, 9 controls",
        overlay: "beratung-muster for mini@2, 1 added, 2 changed",
        framework: "framework nis2 for acs-it-notfall@",
    }
    for path, line in expected.items():
        result = CliRunner().invoke(main, ["catalog", "validate", str(path)])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"ok: {path}: {line}")
    broken = _bad_map(tmp_path, [{"old": "VOR-01", "action": "same"}])
    result = CliRunner().invoke(main, ["catalog", "validate", str(broken)])
    assert result.exit_code == 2
    assert "VOR-02 of mini@1 is not in the map" in result.stderr


def test_the_guided_check_keeps_retired_answers_when_it_saves() -> None:
    from assess.interview import to_yaml

    old, new = load_catalog(OLD), load_catalog(NEW)
    migrated = migrate_answers(
        Assessment.model_validate(ANSWERS), old, new, load_map(MAP, old, new), "de"
    )
    saved = yaml.safe_load(to_yaml(migrated.assessment, new))
    assert saved["retired"] == {"NAC-02": {"status": "not", "note": "noch offen"}}
