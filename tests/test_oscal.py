"""OSCAL export: every file valid against compliance-trestle's OSCAL models, deterministic uuid5,
the mapping of catalog, profile, results and roadmap checked field by field."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from trestle.oscal import assessment_results, catalog, poam, profile

from assess.api import evaluate_file
from assess.cli import main
from assess.oscal import FILES, OSCAL_VERSION
from assess.render.view import build_view
from tests.conftest import DATA
from tests.test_cli import EXAMPLE

MODELS: dict[str, Any] = {
    "catalog.json": catalog.Model,
    "profile.json": profile.Model,
    "assessment-results.json": assessment_results.Model,
    "poam.json": poam.Model,
}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def export(out: Path, *extra: str, answers: Path = EXAMPLE) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["export", "oscal", str(answers), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    return {name: json.loads((out / name).read_text(encoding="utf-8")) for name in FILES}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return export(tmp_path_factory.mktemp("oscal"))


def _uuids(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k == "uuid"]
        return found + [u for v in node.values() for u in _uuids(v)]
    if isinstance(node, list):
        return [u for v in node for u in _uuids(v)]
    return []


@pytest.mark.parametrize("name", FILES)
def test_every_file_is_valid_oscal(docs: dict[str, Any], name: str) -> None:
    MODELS[name].model_validate(docs[name])
    (root,) = docs[name].values()
    assert root["metadata"]["oscal-version"] == OSCAL_VERSION
    uuids = _uuids(docs[name])
    assert uuids
    assert all(UUID.match(u) for u in uuids)
    assert len(uuids) == len(set(uuids))


def test_the_validator_rejects_a_broken_document(docs: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(docs["catalog.json"]))
    broken["catalog"]["groups"][0]["controls"][0]["props"][0]["name"] = "not a token"
    with pytest.raises(ValueError, match="name"):
        catalog.Model.model_validate(broken)


def test_catalog_groups_phases_with_parts_props_and_ref_links(docs: dict[str, Any]) -> None:
    outcome = evaluate_file(EXAMPLE)
    cat = docs["catalog.json"]["catalog"]
    meta = {p["name"]: p["value"] for p in cat["metadata"]["props"]}
    assert meta == {
        "catalog-id": outcome.catalog.id,
        "revision": str(outcome.catalog.revision),
        "language": "de",
    }
    assert cat["metadata"]["version"] == outcome.catalog.version
    assert [g["id"] for g in cat["groups"]] == [p.id for p in outcome.catalog.phases]
    controls = {c["id"]: c for g in cat["groups"] for c in g["controls"]}
    assert len(controls) == len(outcome.catalog.controls)
    source = outcome.catalog.controls_by_id["VOR-01"]
    vor01 = controls["vor-01"]
    props = {p["name"]: p["value"] for p in vor01["props"]}
    assert props["label"] == "VOR-01"
    assert props["criticality"] == source.criticality
    assert props["stage"] == str(source.stage)
    assert props["effort"] == str(source.effort)
    assert [p["name"] for p in vor01["parts"]] == ["statement", "guidance"]
    assert vor01["parts"][0]["prose"] == source.question.de
    resources = {r["uuid"]: r for r in cat["back-matter"]["resources"]}
    titles = [
        resources[link["href"][1:]]["title"]
        for link in vor01["links"]
        if link["rel"] == "reference"
    ]
    assert len(titles) == sum(len(r.ref.split(",")) for r in source.refs)
    assert any(title.endswith(": ISMS.1") for title in titles)
    for control in controls.values():
        for link in control.get("links", []):
            target = link["href"][1:]
            assert target in resources or target in controls


def test_profile_selects_the_applicable_controls(docs: dict[str, Any]) -> None:
    outcome = evaluate_file(EXAMPLE)
    (imp,) = docs["profile.json"]["profile"]["imports"]
    assert imp["href"] == "catalog.json"
    selected = imp["include-controls"][0]["with-ids"]
    assert selected == [r.id.lower() for r in outcome.evaluation.controls if r.applicable]
    assert len(selected) < len(outcome.evaluation.controls)  # the example has n/a controls


def test_results_have_a_finding_and_observation_per_control(docs: dict[str, Any]) -> None:
    outcome = evaluate_file(EXAMPLE)
    (result,) = docs["assessment-results.json"]["assessment-results"]["results"]
    assert len(result["findings"]) == len(result["observations"]) == len(outcome.catalog.controls)
    observations = {o["uuid"]: o for o in result["observations"]}
    findings = {f["title"].split()[0]: f for f in result["findings"]}
    for r in outcome.evaluation.controls:
        finding = findings[r.id]
        (rel,) = finding["related-observations"]
        observation = observations[rel["observation-uuid"]]
        assert {"name": "status", "ns": "urn:assess:oscal", "value": r.status} in observation[
            "props"
        ]
        expected = "satisfied" if r.status in ("fulfilled", "na") else "not-satisfied"
        assert finding["target"]["status"]["state"] == expected
    backup = observations[findings["VOR-28"]["related-observations"][0]["observation-uuid"]]
    assert backup["relevant-evidence"] == [
        {"description": "NAS-Sicherung täglich, USB-Platte wöchentlich im Tresor"}
    ]
    assert findings["VOR-28"]["target"]["implementation-status"]["state"] == "partial"
    vor06 = observations[findings["VOR-06"]["related-observations"][0]["observation-uuid"]]
    assert vor06["description"].startswith("Herr Maier (Dienstleister)")
    vor17 = findings["VOR-17"]["target"]
    assert vor17["implementation-status"]["state"] == "not-applicable"


def test_poam_has_one_item_per_roadmap_item_with_horizon_and_reason(
    docs: dict[str, Any],
) -> None:
    outcome = evaluate_file(EXAMPLE)
    doc = docs["poam.json"]["plan-of-action-and-milestones"]
    items = doc["poam-items"]
    assert len(items) == len(outcome.evaluation.roadmap)
    risks = {r["uuid"]: r for r in doc["risks"]}
    first, roadmap_first = items[0], outcome.evaluation.roadmap[0]
    props = {p["name"]: p["value"] for p in first["props"]}
    assert props["rank"] == "1"
    assert props["horizon"] == roadmap_first.horizon
    assert first["title"].startswith(f"1. {roadmap_first.control} ")
    view = build_view(outcome, "de").roadmap[0]
    assert first["description"] == view.horizon_label
    risk = risks[first["related-risks"][0]["risk-uuid"]]
    days = {"30d": 30, "90d": 90, "12m": 365}[roadmap_first.horizon]
    deadline = dt.date(2026, 3, 12) + dt.timedelta(days=days)
    assert risk["deadline"] == f"{deadline.isoformat()}T00:00:00+00:00"
    assert risk["statement"] == first["remarks"] == view.reason


def test_same_input_same_bytes_and_uuids_depend_on_the_company(tmp_path: Path) -> None:
    export(tmp_path / "a")
    export(tmp_path / "b")
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    other = bundled_answers("steuerkanzlei-becker")
    export(tmp_path / "c", answers=other)
    a = json.loads((tmp_path / "a" / "assessment-results.json").read_text())
    c = json.loads((tmp_path / "c" / "assessment-results.json").read_text())
    assert a["assessment-results"]["uuid"] != c["assessment-results"]["uuid"]
    # the catalog document depends on the catalog only
    assert (tmp_path / "a" / "catalog.json").read_bytes() == (
        tmp_path / "c" / "catalog.json"
    ).read_bytes()


def bundled_answers(name: str) -> Path:
    from assess.resources import bundled_profiles

    return bundled_profiles()[name].parent / "answers-2026.yaml"


def test_english_export(tmp_path: Path) -> None:
    docs = export(tmp_path, "--lang", "en")
    first = docs["poam.json"]["plan-of-action-and-milestones"]["poam-items"][0]
    assert first["description"] == build_view(evaluate_file(EXAMPLE), "en").roadmap[0].horizon_label
    assert docs["catalog.json"]["catalog"]["groups"][0]["title"] == "Preparation"


def test_invalid_answers_write_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "answers.yaml"
    bad.write_text(
        "catalog: acs-it-notfall@2021.05\nprofile: schreinerei-huber\ndate: 2026-03-01\n"
        "assessor: T\nanswers:\n  VOR-01: vielleicht\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", "oscal", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert "VOR-01" in result.stderr
    assert not out.exists()


def test_export_with_an_overlay_includes_its_controls(tmp_path: Path) -> None:
    data = DATA / "overlay-mini.yaml"
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "catalog: mini@2\nprofile: schreinerei-huber\ndate: 2026-03-01\nassessor: T\n"
        "answers:\n  X-01: largely\n",
        encoding="utf-8",
    )
    catalog_file = DATA / "editions" / "mini" / "2.yaml"
    docs = export(
        tmp_path / "out", "--catalog", str(catalog_file), "--overlay", str(data), answers=answers
    )
    for name in FILES:
        MODELS[name].model_validate(docs[name])
    groups = docs["catalog.json"]["catalog"]["groups"]
    ids = [c["id"] for g in groups if g["id"] == "bereitschaft" for c in g["controls"]]
    assert ids[-1] == "x-01"
    (result,) = docs["assessment-results.json"]["assessment-results"]["results"]
    finding = next(f for f in result["findings"] if f["title"].startswith("X-01 "))
    assert finding["target"]["implementation-status"]["state"] == "partial"


def test_nothing_open_means_no_poam(tmp_path: Path) -> None:
    from assess.api import load_catalog

    catalog_file = DATA / "editions" / "mini" / "2.yaml"
    ids = [c.id for c in load_catalog(catalog_file).controls]
    answers = tmp_path / "answers.yaml"
    lines = [f"  {i}: fulfilled" for i in ids]
    answers.write_text(
        "catalog: mini@2\nprofile: schreinerei-huber\ndate: 2026-03-01\nassessor: T\n"
        "answers:\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["export", "oscal", str(answers), "-o", str(out), "--catalog", str(catalog_file)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "no open roadmap items: no poam.json" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "assessment-results.json",
        "catalog.json",
        "profile.json",
    ]
    for name in ("catalog.json", "profile.json", "assessment-results.json"):
        MODELS[name].model_validate(json.loads((out / name).read_text(encoding="utf-8")))


def test_trestle_validate_accepts_the_export(tmp_path: Path) -> None:
    """The same check as `trestle validate -a` in a trestle workspace (all of trestle's
    validators, not only the models)."""
    import shutil
    import subprocess
    import sys

    trestle = Path(sys.executable).parent / "trestle"
    if not trestle.exists():
        found = shutil.which("trestle")
        assert found, "compliance-trestle is a test dependency"
        trestle = Path(found)
    export(tmp_path / "out")
    subprocess.run([trestle, "init"], cwd=tmp_path, check=True, capture_output=True)
    places = {
        "catalog.json": "catalogs/acs/catalog.json",
        "profile.json": "profiles/company/profile.json",
        "assessment-results.json": "assessment-results/company/assessment-results.json",
        "poam.json": "plan-of-action-and-milestones/company/plan-of-action-and-milestones.json",
    }
    for name, place in places.items():
        (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "out" / name, tmp_path / place)
    result = subprocess.run(
        [trestle, "validate", "-a"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output.count("VALID: Model") == 4, output
    assert "INVALID" not in output


def test_answers_inherited_from_a_retired_control_say_so(tmp_path: Path) -> None:
    answers = bundled_answers("schreinerei-huber").with_name("answers-2025.yaml")
    outcome = evaluate_file(answers)
    inherited = {r.id: r.inherited_from for r in outcome.evaluation.controls if r.inherited_from}
    assert inherited  # the 2025 self-check answered a control that revision 2 split
    docs = export(tmp_path, answers=answers)
    (result,) = docs["assessment-results.json"]["assessment-results"]["results"]
    for obs in result["observations"]:
        control = obs["title"].split(":")[0]
        props = {p["name"]: p["value"] for p in obs["props"]}
        assert props.get("inherited-from") == inherited.get(control)
