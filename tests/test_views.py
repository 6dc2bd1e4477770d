"""Framework views: requirements regrouped from the catalog's refs; coverage is not compliance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from assess import resources
from assess.api import Outcome
from assess.cli import main
from assess.errors import InputError
from assess.evaluate import evaluate
from assess.models.catalog import Catalog
from assess.models.support import SupportDirectory
from assess.render import Format
from assess.render.framework import render_framework
from assess.views import VIEWS, build_framework_view, framework_path, load_framework
from tests.conftest import (
    CATALOG_FILE,
    WORKED_ANSWERS,
    make_assessment,
    make_profile,
    mini_catalog_data,
    write_yaml,
)
from tests.test_cli import EXAMPLE

FRAMEWORK: dict[str, Any] = {
    "schema_version": 1,
    "id": "nis2",
    "catalog": "mini",
    "name": {"de": "Test-Rahmenwerk", "en": "Test framework"},
    "source": "Test",
    "requirements": [
        {"id": "R-A", "title": {"de": "Anforderung A", "en": "Requirement A"}},
        {"id": "R-B", "title": {"de": "Anforderung B", "en": "Requirement B"}},
        {"id": "R-C", "title": {"de": "Anforderung C", "en": "Requirement C"}},
        {"id": "R-D", "title": {"de": "Anforderung D", "en": "Requirement D"}},
    ],
}


def _mini_with_refs() -> Catalog:
    data = mini_catalog_data()
    refs = {"VOR-01": "R-A", "VOR-02": "R-A, R-B", "BER-01": "R-B", "BEW-01": "R-C"}
    for control in data["controls"]:
        if control["id"] in refs:
            control["refs"] = [{"framework": "nis2", "ref": refs[control["id"]]}]
    return Catalog.model_validate(data)


def _outcome(catalog: Catalog, directory: SupportDirectory) -> Outcome:
    profile = make_profile()
    assessment = make_assessment(WORKED_ANSWERS)
    evaluation = evaluate(catalog, profile, assessment, directory)
    return Outcome(evaluation, catalog, profile, directory, assessment)


def test_view_regroups_by_requirement_with_hand_computed_figures(
    tmp_path: Path, directory: SupportDirectory
) -> None:
    catalog = _mini_with_refs()
    framework = load_framework(catalog, "nis2", write_yaml(tmp_path / "fw.yaml", FRAMEWORK))
    view = build_framework_view(_outcome(catalog, directory), framework, "de")
    by_id = {r.id: r for r in view.requirements}
    # R-A: VOR-01 (top, weight 3, partial: 1 point) and VOR-02 (high, 2, partial: 2/3 point).
    assert by_id["R-A"].coverage == "covered"
    assert [c.id for c in by_id["R-A"].controls] == ["VOR-01", "VOR-02"]
    assert by_id["R-A"].percent == 33.3
    assert (by_id["R-A"].met, by_id["R-A"].applicable) == (0, 2)
    # R-B: VOR-02 (2/3 of 2) and BER-01 (fulfilled, weight 1 × 1.5 works council).
    assert by_id["R-B"].percent == round(100 * (2 / 3 + 1.5) / 3.5, 1) == 61.9
    assert (by_id["R-B"].met, by_id["R-B"].applicable) == (1, 2)
    # R-C: only BEW-01, which applies from 50 employees: listed, but not as covered.
    assert by_id["R-C"].coverage == "not_applicable"
    assert by_id["R-C"].percent is None
    # R-D: no control maps to it – not covered, never fulfilled.
    assert by_id["R-D"].coverage == "not_covered"
    assert by_id["R-D"].controls == []
    assert by_id["R-D"].coverage_label == "nicht durch diesen Katalog abgedeckt"
    assert (view.summary.covered, view.summary.not_applicable, view.summary.not_covered) == (
        2,
        1,
        1,
    )
    assert "keine Erfüllung" in view.notice


def test_text_and_markdown_list_uncovered_requirements_apart(
    tmp_path: Path, directory: SupportDirectory
) -> None:
    catalog = _mini_with_refs()
    framework = load_framework(catalog, "nis2", write_yaml(tmp_path / "fw.yaml", FRAMEWORK))
    view = build_framework_view(_outcome(catalog, directory), framework, "en")
    text = render_framework(view, Format.TEXT)
    head, _, uncovered = text.partition("Not covered by this catalog:")
    assert "R-D – Requirement D" in uncovered
    assert "R-D" not in head
    assert "Coverage is not compliance" in head
    assert "implementation score of the mapped controls: 33.3%; 0 of 2 at least largely" in head
    markdown = render_framework(view, Format.MARKDOWN)
    rows = [line for line in markdown.splitlines() if line.startswith("| R-")]
    assert rows[3] == "| R-D – Requirement D | not covered by this catalog | – | – |"
    assert "VOR-01 (partially fulfilled), VOR-02 (partially fulfilled)" in rows[0]


def test_unknown_ref_is_named_with_its_control(tmp_path: Path) -> None:
    catalog = _mini_with_refs()
    data = {**FRAMEWORK, "requirements": FRAMEWORK["requirements"][1:]}
    path = write_yaml(tmp_path / "fw.yaml", data)
    with pytest.raises(InputError) as err:
        load_framework(catalog, "nis2", path)
    messages = [str(p) for p in err.value.problems]
    assert messages == [
        f"{path}: control VOR-01: nis2 ref 'R-A' is not in the requirement list – add the "
        "requirement to the list or correct the control's ref",
        f"{path}: control VOR-02: nis2 ref 'R-A' is not in the requirement list – add the "
        "requirement to the list or correct the control's ref",
    ]


def test_requirement_list_of_another_catalog_or_framework_is_refused(tmp_path: Path) -> None:
    catalog = _mini_with_refs()
    data = {**FRAMEWORK, "catalog": "other", "id": "cobit"}
    with pytest.raises(InputError) as err:
        load_framework(catalog, "nis2", write_yaml(tmp_path / "fw.yaml", data))
    text = str(err.value)
    assert "the requirement list is for catalog other, not mini" in text
    assert "catalog mini@1 declares no framework cobit" in text


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_ref_of_the_bundled_catalog_names_a_listed_requirement(
    view: str, real_catalog: Catalog
) -> None:
    framework = load_framework(real_catalog, view)  # raises on any unknown ref
    assert framework.catalog == real_catalog.id
    assert framework.id in {f.id for f in real_catalog.frameworks}


def test_every_framework_the_catalog_declares_has_a_requirement_list(
    real_catalog: Catalog,
) -> None:
    assert {f.id for f in real_catalog.frameworks} == set(VIEWS.values())
    for fw in real_catalog.frameworks:
        assert framework_path(real_catalog.id, fw.id) is not None


def test_framework_files_are_not_mistaken_for_catalogs() -> None:
    catalogs = resources.bundled("catalog")
    assert all(b.path.parent.name == b.id for b in catalogs)
    assert not any(b.path.parent.name in ("frameworks", "migrations") for b in catalogs)
    assert "acs-it-notfall" in {b.id for b in catalogs}
    # the framework files do exist next to the catalog
    assert (CATALOG_FILE.parent / "frameworks" / "nis2.yaml").is_file()


def test_cli_view_nis2_json_lists_uncovered_requirement() -> None:
    args = ["evaluate", str(EXAMPLE), "--view", "nis2", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "assess.framework-view/1"
    by_id = {r["id"]: r for r in data["requirements"]}
    assert by_id["Art. 21(2)(h)"]["coverage"] == "not_covered"
    assert by_id["Art. 21(2)(c)"]["coverage"] == "covered"
    assert all(r["coverage"] != "fulfilled" for r in data["requirements"])
    assert data["summary"]["total"] == len(
        yaml.safe_load((CATALOG_FILE.parent / "frameworks" / "nis2.yaml").read_text())[
            "requirements"
        ]
    )


@pytest.mark.parametrize("view", ["iso27001", "grundschutz", "din27076"])
def test_cli_view_text_in_german(view: str) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(EXAMPLE), "--view", view])
    assert result.exit_code == 0, result.output
    assert "Abdeckung ist keine Erfüllung" in result.stdout
    assert "Bewertung vom 12.03.2026" in result.stdout


def test_bundled_framework_files_validate_against_the_schema() -> None:
    import jsonschema

    result = CliRunner().invoke(main, ["schema", "framework"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    files = sorted((CATALOG_FILE.parent / "frameworks").glob("*.yaml"))
    assert len(files) == 4
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**FRAMEWORK, "extra": 1}, schema)


def test_cli_view_names_are_the_views() -> None:
    from assess.cli import VIEW_NAMES

    assert sorted(VIEW_NAMES) == sorted(VIEWS)


def test_report_with_a_view_has_a_framework_chapter(tmp_path: Path) -> None:
    import tinyhtml5

    out = tmp_path / "report.html"
    args = ["report", str(EXAMPLE), "--view", "nis2", "-o", str(out), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    ns = "{http://www.w3.org/1999/xhtml}"
    root = tinyhtml5.parse(out.read_text(encoding="utf-8"))
    sections = [s.get("id") for s in root.iter(ns + "section")]
    assert sections.index("framework") == sections.index("details") + 1
    toc = [a.get("href") for a in root.iter(ns + "a") if (a.get("href") or "").startswith("#")]
    assert "#framework" in toc
    rows = {r.get("data-requirement"): r for r in root.iter(ns + "tr") if r.get("data-requirement")}
    assert rows["Art. 21(2)(h)"].get("data-coverage") == "not_covered"
    cells = ["".join(td.itertext()) for td in rows["Art. 21(2)(h)"].iter(ns + "td")]
    assert cells[1:] == ["not covered by this catalog", "–", ""]
    text = "".join(root.itertext())
    assert "Coverage is not compliance" in text
    # without --view the report has no such chapter
    plain = tmp_path / "plain.html"
    assert CliRunner().invoke(main, ["report", str(EXAMPLE), "-o", str(plain)]).exit_code == 0
    assert 'id="framework"' not in plain.read_text(encoding="utf-8")


def test_a_title_that_repeats_the_id_is_not_printed_twice() -> None:
    args = ["evaluate", str(EXAMPLE), "--view", "din27076", "--format", "markdown"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("| Datensicherung")]
    assert len(rows) == 1
    assert rows[0].startswith("| Datensicherung | durch Maßnahmen des Katalogs abgedeckt |")
    english = CliRunner().invoke(main, [*args, "--lang", "en"]).stdout
    assert "| Datensicherung – Data backup | covered by controls of the catalog |" in english
