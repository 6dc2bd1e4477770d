"""NIS2 classification (§ 28 BSIG 2025) at every threshold, and the duties that follow.

Headcount counts from "mindestens" (≥), money from "über" (>), turnover AND balance sheet.
"""

from __future__ import annotations

from typing import Any

import pytest

from assess.api import load_directory
from assess.models.profile import Profile
from assess.models.support import SupportDirectory
from assess.nis2 import classify
from assess.support import duty_findings
from tests.conftest import make_profile

MIO = 1_000_000
PI, IMP, NONE, OPEN = "particularly_important", "important", "none", "undetermined"


def money(turnover: int | None, balance: int | None) -> dict[str, Any]:
    return {"annual_turnover_eur": turnover, "balance_sheet_eur": balance}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Anlage 2: 50 employees, or turnover and balance sheet each above EUR 10m; never more
        ({"nis2_sector": "annex2_manufacturing", "employees": 49, **money(0, 0)}, NONE),
        ({"nis2_sector": "annex2_manufacturing", "employees": 50}, IMP),
        ({"nis2_sector": "annex2_food", "employees": 5000}, IMP),
        ({"nis2_sector": "annex2_food", "employees": 20, **money(10 * MIO, 20 * MIO)}, NONE),
        ({"nis2_sector": "annex2_food", "employees": 20, **money(10 * MIO + 1, 10 * MIO)}, NONE),
        ({"nis2_sector": "annex2_food", "employees": 20, **money(10 * MIO + 1, 10 * MIO + 1)}, IMP),
        # Anlage 1: 250 employees, or turnover above EUR 50m and balance sheet above EUR 43m
        ({"nis2_sector": "annex1_energy", "employees": 49, **money(1 * MIO, 1 * MIO)}, NONE),
        ({"nis2_sector": "annex1_energy", "employees": 50}, IMP),
        ({"nis2_sector": "annex1_energy", "employees": 249, **money(1 * MIO, 1 * MIO)}, IMP),
        ({"nis2_sector": "annex1_energy", "employees": 250}, PI),
        ({"nis2_sector": "annex1_health", "employees": 60, **money(50 * MIO, 44 * MIO)}, IMP),
        ({"nis2_sector": "annex1_health", "employees": 60, **money(51 * MIO, 43 * MIO)}, IMP),
        (
            {"nis2_sector": "annex1_health", "employees": 10, **money(50 * MIO + 1, 43 * MIO + 1)},
            PI,
        ),
        # missing figures: the headcount alone cannot decide
        ({"nis2_sector": "annex2_food", "employees": 12}, OPEN),
        ({"nis2_sector": "annex2_food", "employees": 12, **money(11 * MIO, None)}, OPEN),
        ({"nis2_sector": "annex2_food", "employees": 12, **money(9 * MIO, None)}, NONE),
        ({"nis2_sector": "annex1_energy", "employees": 12}, OPEN),
        ({"nis2_sector": "annex1_energy", "employees": 120}, IMP),  # PI only with big figures
        ({"nis2_sector": None, "employees": 5000}, NONE),
        # special roles
        ({"nis2_special_role": "qualified_trust_service", "employees": 3}, PI),
        ({"nis2_special_role": "tld_registry_dns", "employees": 3}, PI),
        ({"nis2_special_role": "trust_service", "employees": 3, **money(0, 0)}, IMP),
        ({"nis2_special_role": "trust_service", "employees": 249}, IMP),
        ({"nis2_special_role": "trust_service", "employees": 250}, PI),
        (
            {"nis2_special_role": "trust_service", "employees": 5, **money(60 * MIO, 50 * MIO)},
            PI,
        ),
        ({"nis2_special_role": "telecom", "employees": 49, **money(0, 0)}, IMP),
        ({"nis2_special_role": "telecom", "employees": 50}, PI),
        ({"nis2_special_role": "telecom", "employees": 8, **money(11 * MIO, 11 * MIO)}, PI),
        ({"nis2_special_role": "telecom", "employees": 8}, IMP),  # at least important
        # KRITIS and the override
        ({"kritis_operator": True, "employees": 3}, PI),
        ({"nis2_sector": "annex1_energy", "employees": 500, "nis2_entity": "none"}, NONE),
        ({"employees": 3, "nis2_entity": "important"}, IMP),
    ],
)
def test_classification_at_every_threshold(changes: dict[str, Any], expected: str) -> None:
    assert classify(make_profile(**changes)).entity == expected


def test_reasons_print_exact_figures_at_the_border() -> None:
    c = classify(
        make_profile(nis2_sector="annex2_food", employees=20, **money(10 * MIO + 1, 10 * MIO))
    )
    assert c.reason.de == (
        "20 Beschäftigte (< 50), Bilanzsumme 10.000.000 € ≤ 10.000.000 € in einem Sektor der "
        "Anlage 2 → keine Einrichtung im Sinne von NIS2"
    )
    big = classify(
        make_profile(nis2_sector="annex1_health", employees=10, **money(50 * MIO + 1, 44 * MIO))
    )
    assert big.reason.en.startswith(
        "turnover €50,000,001 > €50,000,000 and balance sheet €44,000,000 > €43,000,000"
    )
    assert big.basis == "§ 28 Abs. 1 BSIG"


def test_missing_figures_say_what_follows_either_way() -> None:
    c = classify(make_profile(nis2_sector="annex2_food", employees=12))
    assert c.entity == OPEN
    assert c.possible == IMP
    assert c.label.de == "nicht bestimmbar – Umsatz und Bilanzsumme angeben"
    assert c.reason.de == (
        "12 Beschäftigte (< 50), Umsatz oder Bilanzsumme nicht angegeben in einem Sektor der "
        "Anlage 2 → nicht bestimmbar: wichtige Einrichtung, falls Umsatz und Bilanzsumme über "
        "je 10.000.000 €; sonst keine Einrichtung"
    )
    mid = classify(make_profile(nis2_sector="annex1_energy", employees=120))
    assert mid.entity == IMP
    assert "besonders wichtige Einrichtung, falls Umsatz über 50.000.000 €" in mid.reason.de


def test_public_administration_is_no_sector(tmp_path: Any) -> None:
    with pytest.raises(ValueError, match="no sector of Anlage 1 BSIG"):
        make_profile(nis2_sector="annex1_public_administration")
    with pytest.raises(ValueError, match="set nis2_entity only"):
        make_profile(nis2_entity="undetermined")


# --- duties that follow ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def directory() -> SupportDirectory:
    return load_directory()


def findings(directory: SupportDirectory, profile: Profile) -> dict[str, tuple[str, list[str]]]:
    return {
        f.duty.id: (f.status, [n.en for n in f.notes]) for f in duty_findings(directory, profile)
    }


def test_undetermined_class_shows_the_nis2_duties_as_possible(directory: SupportDirectory) -> None:
    found = findings(
        directory, make_profile(nis2_sector="annex2_food", employees=12, personal_data="none")
    )
    assert found == {
        "nis2-registrierung": ("possible", []),
        "nis2-meldung": ("possible", []),
    }


def test_dora_entities_report_to_bafin_not_under_section_32(directory: SupportDirectory) -> None:
    bank = make_profile(
        nis2_sector="annex1_banking", employees=300, financial_entity=True, personal_data="none"
    )
    found = findings(directory, bank)
    assert found["nis2-registrierung"][0] == "applies"  # § 33 is not lifted
    status, notes = found["nis2-meldung"]
    assert status == "exempt"
    assert "§ 28(6) no. 1 BSIG" in notes[0]
    assert "BaFin" in notes[0]
    assert found["dora-meldung"][0] == "applies"


def test_telecom_providers_report_under_the_tkg(directory: SupportDirectory) -> None:
    telco = make_profile(nis2_special_role="telecom", employees=60, personal_data="none")
    found = findings(directory, telco)
    status, notes = found["nis2-meldung"]
    assert status == "exempt"
    assert "§ 28(5) no. 1 BSIG" in notes[0]
    assert "TKG" in notes[0]


def test_energy_companies_get_a_note_on_the_enwg(directory: SupportDirectory) -> None:
    energy = make_profile(nis2_sector="annex1_energy", employees=300, personal_data="none")
    status, notes = findings(directory, energy)["nis2-meldung"]
    assert status == "applies"
    assert "§ 5d(3) EnWG" in notes[0]


def test_kritis_reports_go_to_the_joint_office_not_the_police(
    directory: SupportDirectory,
) -> None:
    duty = next(d for d in directory.duties if d.id == "kritis-meldung")
    assert duty.recipient.de == "Gemeinsame Meldestelle von BSI und BBK"
    assert duty.contact_tags == []
    assert "§ 32" in duty.legal_basis.de
    assert "8b" not in duty.legal_basis.de
    assert "kritische Dienstleistung" in duty.content.de
    assert duty.note is not None
    assert "freiwillig" in duty.note.de
    kritis = make_profile(kritis_operator=True, personal_data="none")
    found = findings(directory, kritis)
    assert found["kritis-meldung"][0] == found["nis2-meldung"][0] == "applies"
    assert "KRITIS umbrella act" in found["nis2-registrierung"][1][0]
