"""Every validation error of catalog, profile and answers, with its message, place and fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assess.api import load_catalog, load_profile
from assess.errors import InputError, Problem
from tests.conftest import PROFILE, mini_catalog_data, write_yaml


def problems_of(tmp_path: Path, data: dict[str, Any]) -> list[Problem]:
    path = write_yaml(tmp_path / "catalog.yaml", data)
    with pytest.raises(InputError) as info:
        load_catalog(path)
    return info.value.problems


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[occurrence - 1]


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_bundled_catalog_is_valid() -> None:
    catalog = load_catalog("acs-it-notfall@2021.05")
    assert len(catalog.controls) == 60
    assert catalog.revision == 3
    assert [p.id for p in catalog.phases] == [
        "vorbereitung",
        "bereitschaft",
        "bewaeltigung",
        "nachbereitung",
    ]


def test_duplicate_control_id(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][2]["id"] = "VOR-01"
    p = only(problems_of(tmp_path, data))
    assert p.message == "duplicate control id VOR-01"
    assert p.line == line_of(tmp_path / "catalog.yaml", "id: VOR-01", 2)


def test_unknown_phase(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][1]["phase"] = "vorbereitng"
    p = only(problems_of(tmp_path, data))
    assert p.where == "control VOR-02.phase"
    assert p.message == "unknown phase 'vorbereitng'"
    assert p.fix == "did you mean 'vorbereitung'?"
    assert p.line == line_of(tmp_path / "catalog.yaml", "phase: vorbereitng")
    assert str(p).startswith(f"{tmp_path / 'catalog.yaml'}:{p.line}: control VOR-02.phase: ")


def test_unknown_stage(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][0]["stage"] = 7
    p = only(problems_of(tmp_path, data))
    assert (p.where, p.message) == ("control VOR-01.stage", "unknown stage 7")


def test_dependency_on_missing_control(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][2]["depends_on"] = ["VOR-09"]
    p = only(problems_of(tmp_path, data))
    assert p.where == "control VOR-03.depends_on.0"
    assert p.message == "depends on VOR-09, which does not exist"


def test_dependency_cycle(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][1]["depends_on"] = ["VOR-01"]  # VOR-01 → VOR-02 → VOR-01
    p = only(problems_of(tmp_path, data))
    assert p.message == "dependency cycle: VOR-01 → VOR-02 → VOR-01"
    assert p.where == "control VOR-01.depends_on"


def test_dependency_on_higher_stage(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][1]["depends_on"] = ["NAC-01"]
    p = only(problems_of(tmp_path, data))
    assert p.message == "depends on NAC-01 of stage 3, above its own stage 1"


def test_unknown_support_tag(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][0]["support"] = ["incident-respons"]
    p = only(problems_of(tmp_path, data))
    assert p.message == "unknown support tag 'incident-respons'"
    assert p.fix == "did you mean 'incident-response'?"


def test_missing_translation(tmp_path: Path) -> None:
    data = mini_catalog_data()
    del data["controls"][3]["question"]["en"]
    p = only(problems_of(tmp_path, data))
    assert (p.where, p.message) == ("control BER-01.question.en", "missing translation (en)")
    # the missing key has no line of its own: the place is its parent, BER-01's question
    assert p.line == line_of(tmp_path / "catalog.yaml", "question:", 4)


def test_condition_on_unknown_profile_field(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][4]["applies_if"] = {"field": "employes", "gte": 50}
    p = only(problems_of(tmp_path, data))
    assert p.where == "control BEW-01.applies_if.field"
    assert p.message == "the profile has no field 'employes'"
    assert p.fix == "did you mean 'employees'?"


def test_condition_with_impossible_value(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][4]["applies_if"] = {"any": [{"field": "chamber", "eq": "hwkk"}]}
    p = only(problems_of(tmp_path, data))
    assert p.where == "control BEW-01.applies_if.any.0.eq"
    assert p.message.startswith("'hwkk' is not a possible value of 'chamber'")


def test_numeric_comparison_on_text_field(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][3]["weight_modifiers"][0]["when"] = {"field": "bundesland", "gte": 3}
    p = only(problems_of(tmp_path, data))
    assert p.message == "gte needs a numeric field; 'bundesland' is not a number"


def test_condition_needs_one_operator(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][4]["applies_if"] = {"field": "employees", "gte": 5, "lt": 9}
    p = only(problems_of(tmp_path, data))
    assert "exactly one operator" in p.message


def test_misspelt_key_is_an_error_with_a_hint(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][0]["critcality"] = data["controls"][0].pop("criticality")
    problems = problems_of(tmp_path, data)
    messages = {(p.where, p.message, p.fix) for p in problems}
    assert (
        "control VOR-01.critcality",
        "unknown field 'critcality'",
        "did you mean 'criticality'?",
    ) in messages
    assert (
        "control VOR-01.criticality",
        "required field 'criticality' is missing",
        "add 'criticality'",
    ) in messages


def test_unquoted_version(tmp_path: Path) -> None:
    text = yaml.safe_dump(mini_catalog_data(), allow_unicode=True).replace(
        "version: '1'", "version: 2021.10"
    )
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_catalog(path)
    assert (
        only(info.value.problems).message == "write the version as a quoted string, e.g. '2021.1'"
    )


def test_all_problems_at_once(tmp_path: Path) -> None:
    data = mini_catalog_data()
    data["controls"][0]["phase"] = "nowhere"
    data["controls"][1]["support"] = ["nothing"]
    data["controls"][2]["depends_on"] = ["XYZ-01"]
    data["controls"][5]["id"] = "NAC-01"
    data["controls"][4]["id"] = "NAC-01"
    messages = [p.message for p in problems_of(tmp_path, data)]
    assert "unknown phase 'nowhere'" in messages
    assert "unknown support tag 'nothing'" in messages
    assert "depends on XYZ-01, which does not exist" in messages
    assert "duplicate control id NAC-01" in messages


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("id: x\ncontrols:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_catalog(path)
    p = only(info.value.problems)
    assert p.line == 4
    assert p.message.startswith("column 1:")


@pytest.mark.parametrize(
    ("snippet", "line", "message"),
    [
        ("a: &x [1]\nb: *x\n", 1, "anchors and aliases"),  # the anchor's line
        ("a: 1\na: 2\n", 2, "the key 'a' appears twice"),
    ],
)
def test_aliases_and_duplicate_keys_are_refused(
    tmp_path: Path, snippet: str, line: int, message: str
) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(snippet, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_catalog(path)
    problem = only(info.value.problems)
    assert problem.line == line
    assert message in problem.message


def test_python_tags_are_not_executed(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("a: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_catalog(path)
    assert "YAML tags (!!python/object/apply:os.system) are not supported" in (
        only(info.value.problems).message
    )


def test_profile_errors(tmp_path: Path) -> None:
    data = {**PROFILE, "bundesland": "Bayern", "employes": 8}
    path = write_yaml(tmp_path / "profile.yaml", data)
    with pytest.raises(InputError) as info:
        load_profile(path)
    found = {(p.where, p.fix) for p in info.value.problems}
    assert ("employes", "did you mean 'employees'?") in found
    assert any(p.where == "bundesland" and "'BY'" in p.message for p in info.value.problems)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (5 * 1024 * 1024 + 1))
    with pytest.raises(InputError) as info:
        load_profile(path)
    assert "more than the limit" in only(info.value.problems).message
