"""Catalog revisions 2 and 3: each correction an expert asked for, the keywords for the
matcher, the change log and its checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from assess.api import load_directory
from assess.cli import main
from assess.evaluate import assess_control, evaluate
from assess.models.catalog import Catalog
from tests.conftest import CATALOG_FILE, make_assessment, make_profile, real_catalog_data

MIO = 1_000_000


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def weight(catalog: Catalog, control_id: str, **profile: Any) -> float:
    result = assess_control(
        catalog.controls_by_id[control_id],
        catalog,
        make_profile(**profile).condition_values,
        make_assessment({}, pin=catalog.pin),
    )
    return result.weight


def test_revision_and_change_log(real_catalog: Catalog) -> None:
    assert real_catalog.version == "2021.05"  # the edition names the source document
    assert real_catalog.revision == 3
    assert [r.revision for r in real_catalog.changes] == [3, 2, 1]
    # Revision 3 only extended the keywords: one catalog-wide change, no control's content.
    assert [(c.kind, c.control) for c in real_catalog.changes[0].changes] == [("catalog", None)]
    logged = {c.control for c in real_catalog.changes[1].changes}
    corrected = {
        *("VOR-01", "VOR-34", "BEW-12", "VOR-12", "VOR-19", "VOR-29", "VOR-18", "NAC-01"),
        *("VOR-13", "BEW-06", "VOR-32", "VOR-27", "VOR-28", "VOR-04", "VOR-06", "BEW-03"),
        *("BER-04", "VOR-05", "BEW-10", "VOR-15", "VOR-11", "BER-01", "BEW-01", "BEW-02"),
        *("NAC-04", "VOR-35", "VOR-36", "VOR-37", "VOR-38", "VOR-39", "BEW-13"),
    }
    assert corrected <= logged
    assert set(real_catalog.retired) == {"VOR-05", "VOR-27"}


# 1. the modifiers read the derived NIS2 class, not an entered sector
@pytest.mark.parametrize("control_id", ["VOR-01", "VOR-34"])
def test_regulated_weight_follows_the_nis2_class(real_catalog: Catalog, control_id: str) -> None:
    base = real_catalog.weight(real_catalog.controls_by_id[control_id].criticality)
    small = weight(
        real_catalog,
        control_id,
        employees=8,
        nis2_sector="annex2_manufacturing",
        annual_turnover_eur=1 * MIO,
        balance_sheet_eur=1 * MIO,
    )
    assert small == base  # an 8-person firm that is no entity is not "regulated"
    telecom = weight(real_catalog, control_id, employees=60, nis2_special_role="telecom")
    assert telecom == base * 1.5


# 2. support agreed with providers applies to every company
def test_provider_support_applies_to_own_it(real_catalog: Catalog) -> None:
    control = real_catalog.controls_by_id["VOR-12"]
    assert control.applies_if is None
    assert "Internetanbieter" in control.question.de
    assert "hosting" in control.question.en


# 3. lawful monitoring weighs no more than monitoring; effort of a works agreement
def test_lawful_monitoring_does_not_outweigh_monitoring(real_catalog: Catalog) -> None:
    for profile in ({}, {"works_council": True}, {"kritis_operator": True}):
        assert weight(real_catalog, "VOR-19", **profile) <= weight(
            real_catalog, "VOR-18", **profile
        )
    assert real_catalog.controls_by_id["VOR-19"].effort >= 3


# 4. restore test as basic as the backup
def test_restore_test_ranks_with_the_backup(real_catalog: Catalog) -> None:
    backup, restore = (real_catalog.controls_by_id[c] for c in ("VOR-28", "VOR-29"))
    assert (restore.criticality, restore.stage, restore.mandatory) == (
        backup.criticality,
        backup.stage,
        backup.mandatory,
    )


# 5. the reporting duty prepared and done: the same weight
def test_reporting_duty_prepared_and_done_weigh_the_same(real_catalog: Catalog) -> None:
    prepared, done = (real_catalog.controls_by_id[c] for c in ("VOR-34", "BEW-12"))
    assert prepared.criticality == done.criticality
    assert prepared.weight_modifiers == done.weight_modifiers
    for profile in ({}, {"personal_data": "sensitive"}, {"financial_entity": True}):
        assert weight(real_catalog, "VOR-34", **profile) == weight(
            real_catalog, "BEW-12", **profile
        )


# 6. KRITIS operators must use attack detection (§ 31 Abs. 2 BSIG)
def test_attack_detection_weighs_for_kritis(real_catalog: Catalog) -> None:
    assert weight(real_catalog, "VOR-18", kritis_operator=True) == 3.0
    assert weight(real_catalog, "VOR-18") == 1.0
    reason = real_catalog.controls_by_id["VOR-18"].weight_modifiers[0].reason.de
    assert "§ 31 Abs. 2 BSIG" in reason


# 7. stages allow the natural dependencies, and they are declared
def test_natural_dependencies_are_declared(real_catalog: Catalog) -> None:
    controls = real_catalog.controls_by_id
    assert "VOR-18" in controls["NAC-01"].depends_on
    assert "VOR-13" in controls["BEW-06"].depends_on
    for control in real_catalog.controls:
        for dep in control.depends_on:
            assert controls[dep].stage <= control.stage, (control.id, dep)


# 8. privileged accounts not below general two-factor authentication
def test_privileged_accounts_not_below_2fa(real_catalog: Catalog) -> None:
    controls = real_catalog.controls_by_id
    rank = {"top": 3, "high": 2, "normal": 1}
    admin, tfa = controls["VOR-32"], controls["VOR-37"]
    assert rank[admin.criticality] >= rank[tfa.criticality]
    assert admin.stage <= tfa.stage


# 9. one question asks one thing; mandatory top controls ask only what the source asks
def test_split_and_narrowed_questions(real_catalog: Catalog) -> None:
    controls = real_catalog.controls_by_id
    assert "VOR-27" not in controls
    assert real_catalog.retired["VOR-27"][1].replaced_by == ["VOR-35", "VOR-36", "VOR-37"]
    assert not controls["VOR-37"].mandatory  # "wenn möglich" in the source
    assert "offline" not in controls["VOR-28"].question.de
    assert not controls["VOR-38"].mandatory
    for cid in ("VOR-04", "VOR-06", "BEW-03", "BER-04"):
        question = controls[cid].question.de
        assert question.count(" und ") <= 1, cid
    assert "ohne IT" in controls["VOR-39"].question.de
    assert "entscheidet" in controls["BEW-13"].question.de


def test_an_old_answer_stands_in_for_the_split_controls(real_catalog: Catalog) -> None:
    old = make_assessment({"VOR-27": "fulfilled", "VOR-05": "not"}, pin=real_catalog.pin)
    ev = evaluate(real_catalog, make_profile(), old, load_directory())
    results = {r.id: r for r in ev.controls}
    for cid in ("VOR-35", "VOR-36", "VOR-37"):
        assert results[cid].status == "fulfilled"
        assert results[cid].inherited_from == "VOR-27"
    assert ev.retired_answers == ["VOR-05", "VOR-27"]
    # once answered itself, a successor no longer inherits
    newer = make_assessment({"VOR-27": "fulfilled", "VOR-37": "not"}, pin=real_catalog.pin)
    ev2 = evaluate(real_catalog, make_profile(), newer, load_directory())
    by_id = {r.id: r for r in ev2.controls}
    assert by_id["VOR-37"].status == "not"
    assert by_id["VOR-37"].inherited_from is None


# 10. the scope beyond IT is a pointer, not a weighted IT measure
def test_scope_beyond_it_is_a_pointer(real_catalog: Catalog) -> None:
    assert "VOR-05" not in real_catalog.controls_by_id
    assert real_catalog.retired["VOR-05"][1].replaced_by == []
    assert "Personal, Gebäuden und Dienstleistern" in (
        real_catalog.controls_by_id["VOR-03"].guidance.de
    )


# 11. wording
def test_wording_corrections(real_catalog: Catalog) -> None:
    controls = real_catalog.controls_by_id
    bew10 = controls["BEW-10"]
    assert bew10.title.en.startswith("Domestic intelligence service (Verfassungsschutz)")
    assert "keine Strafverfolgungsbehörde" in bew10.guidance.de
    assert bew10.question.de.startswith("Ist festgelegt, wer")
    assert "reachability, availability" in controls["VOR-15"].question.en
    assert "am kürzesten" in controls["VOR-11"].guidance.de
    for control in real_catalog.controls:
        en = control.source_ref.en
        assert en.split(" (")[0] in {"Introduction", "Preparation", "Readiness", "Response"} | {
            "Follow-up"
        }, control.id
        assert "Absatz" not in en, control.id
        assert "Aufzählung" not in en, control.id


# 12. framework references
def test_framework_references(real_catalog: Catalog) -> None:
    refs = {c.id: {(r.framework, r.ref) for r in c.refs} for c in real_catalog.controls}
    assert ("iso27001", "A.5.36, A.8.8") in refs["BER-01"]
    for cid in ("BEW-01", "BEW-02", "NAC-04"):
        assert ("grundschutz", "DER.2.3") in refs[cid], cid


# --- the change log is checked and printed -------------------------------------------------


def test_validate_rejects_a_change_log_naming_unknown_controls(tmp_path: Path) -> None:
    data = real_catalog_data()
    data["changes"][1]["changes"][0]["control"] = "VOR-99"  # revision 2
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = run("catalog", "validate", str(path))
    assert code == 2
    assert "the change log names VOR-99, which is no control of the catalog" in err


def test_validate_rejects_a_reused_retired_id(tmp_path: Path) -> None:
    data = real_catalog_data()
    reused = next(c for c in data["controls"] if c["id"] == "VOR-35")
    reused["id"] = "VOR-27"
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = run("catalog", "validate", str(path))
    assert code == 2
    assert "VOR-27 is retired but still a control of the catalog" in err


def test_validate_wants_a_log_entry_for_the_revision(tmp_path: Path) -> None:
    data = real_catalog_data()
    data["revision"] = 4
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, err = run("catalog", "validate", str(path))
    assert code == 2
    assert "revision 4 has no entry in the change log" in err


def test_catalog_changes_lists_every_change() -> None:
    code, out, _ = run("catalog", "changes", "acs-it-notfall")
    assert code == 0
    assert out.startswith("Änderungen an acs-it-notfall@2021.05 (aktuell Revision 3)")
    assert "\nRevision 3 (29.11.2026)\n" in out
    assert "  Katalog: Die Schlagwörter (keywords, de/en) der Maßnahmen" in out
    assert "entfallen VOR-27 → VOR-35, VOR-36, VOR-37:" in out
    code, out, _ = run("catalog", "changes", "acs-it-notfall@2021.05", "--format", "json")
    doc = json.loads(out)
    assert doc["schema"] == "assess.changes/1"
    assert doc["revision"] == 3
    ids = [c["id"] for c in doc["revisions"][0]["changes"]]
    assert len(ids) == len(set(ids) - {None}) + ids.count(None)
    code, out, _ = run(
        "catalog", "changes", str(CATALOG_FILE), "--format", "markdown", "--lang", "en"
    )
    assert "## Revision 3 (2026-11-29)" in out
    assert "## Revision 2 (2026-11-29)" in out
    code, out, _ = run("catalog", "changes", "support-de", "--format", "json")
    assert "kritis-meldung" in [c["id"] for c in json.loads(out)["revisions"][0]["changes"]]


def test_every_output_names_the_revision() -> None:
    example = Path(__file__).parents[1] / "profiles/schreinerei-huber/answers-2026.yaml"
    _, out, _ = run("evaluate", str(example))
    assert "Katalog acs-it-notfall@2021.05 (Revision 3)" in out
    _, out, _ = run("evaluate", str(example), "--format", "markdown", "--lang", "en")
    assert "`acs-it-notfall@2021.05` (revision 3)" in out
    _, out, _ = run("evaluate", str(example), "--format", "json")
    assert json.loads(out)["catalog"]["revision"] == 3


def test_old_answers_warn_about_retired_controls() -> None:
    old = Path(__file__).parents[1] / "profiles/schreinerei-huber/answers-2025.yaml"
    code, _, err = run("evaluate", str(old))
    assert code == 0
    assert "VOR-27 ist seit Revision 2 aufgeteilt in VOR-35, VOR-36, VOR-37" in err
    assert "VOR-05 ist seit Revision 2 entfallen" in err


def test_template_carries_a_retired_answer_over_and_drops_none_silently(tmp_path: Path) -> None:
    old = Path(__file__).parents[1] / "profiles/schreinerei-huber/answers-2025.yaml"
    code, out, _ = run("answers", "template", "--from", str(old))
    assert code == 0
    taken = "  # VOR-35: Antwort von VOR-27 übernommen (VOR-27 ist seit Revision 2 aufgeteilt)"
    assert taken in out
    data = yaml.safe_load(out)
    for cid in ("VOR-35", "VOR-36", "VOR-37"):
        assert data["answers"][cid]["status"] == "not"
        assert data["answers"][cid]["reviewed"] is False
    assert "VOR-27" not in data["answers"]
    assert "# VOR-05 ist seit Revision 2 entfallen; die Antwort (not) wird nicht übernommen." in out
