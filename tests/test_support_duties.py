"""Support by region and reporting duties by profile: every Land, the NIS2 borders, staleness."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from assess.cli import main
from assess.models.profile import Bundesland, Profile
from assess.models.support import SupportDirectory
from assess.render.view import build_contacts
from assess.support import duties_for, emergency_entries, entries_for, fitting
from tests.conftest import make_profile, write_yaml


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- regional support ------------------------------------------------------------------------


@pytest.mark.parametrize("land", list(Bundesland))
def test_every_land_resolves_to_its_own_zac_authority_and_verfassungsschutz(
    land: Bundesland, directory: SupportDirectory
) -> None:
    profile = make_profile(bundesland=land.value)
    code = land.value.lower()
    police = [e.id for e in emergency_entries(directory, profile) if e.kind == "police"]
    assert police == [f"zac-{code}"]
    assert [e.id for e in entries_for(directory, profile, ["data-protection"])] == [
        f"datenschutz-{code}"
    ]
    assert [e.id for e in entries_for(directory, profile, ["espionage"])] == [
        f"lfv-{code}",
        "bfv-wirtschaftsschutz",
    ]
    # nothing of another Land is shown
    assert {e.land for e in fitting(directory, profile)} == {land, None}


def test_each_land_entry_exists_once_per_kind(directory: SupportDirectory) -> None:
    regional = [e for e in directory.entries if e.land is not None]
    for prefix in ("zac-", "datenschutz-", "lfv-"):
        lands = sorted(e.land.value for e in regional if e.id.startswith(prefix) and e.land)
        assert lands == sorted(b.value for b in Bundesland)


def test_unverified_contacts_fall_back_to_the_finder_page(directory: SupportDirectory) -> None:
    # The reference has no verified phone for these ZACs: no number is shown, the finder is.
    entries = directory.entries
    by_id = {e.id: e for e in entries}
    for code in ("mv", "sl", "st"):
        assert by_id[f"zac-{code}"].phone is None
        assert by_id[f"zac-{code}"].url == "https://www.polizei.de/zac"
    assert by_id["zac-hb"].phone is None  # two numbers in the sources disagree
    assert by_id["zac-by"].phone == "089 1212-3300"
    assert by_id["zac-he"].hours is not None
    assert by_id["zac-he"].hours.en == "24/7"


def test_federal_supervision_replaces_the_land_authority(directory: SupportDirectory) -> None:
    profile = make_profile(bundesland="NW", data_protection_supervisor="bfdi")
    assert [e.id for e in entries_for(directory, profile, ["data-protection"])] == [
        "datenschutz-bund"
    ]


def test_the_gap_picks_the_kind_of_help(directory: SupportDirectory) -> None:
    trade = make_profile(bundesland="HE", chamber="ihk")
    craft = make_profile(bundesland="HE", chamber="hwk")
    # penetration tests: the BSI's person certification, not its incident-response list
    testing = [e.id for e in entries_for(directory, trade, ["security-testing"])]
    assert testing == ["bsi-pentest-zertifizierung"]
    assert "bsi-qdl" in [e.id for e in entries_for(directory, trade, ["incident-response"])]
    assert "ihk" in [e.id for e in entries_for(directory, trade, ["awareness"])]
    assert "hwk-botschafter" in [e.id for e in entries_for(directory, craft, ["awareness"])]
    attack = [e.id for e in entries_for(directory, trade, ["crime-report", "incident-response"])]
    assert attack[0] == "zac-he"
    assert "bsi-csn" in attack
    assert "zac-bka" not in attack
    kritis = make_profile(bundesland="HE", kritis_operator=True)
    assert "zac-bka" in [e.id for e in entries_for(directory, kritis, ["crime-report"])]


def test_every_entry_and_duty_has_a_source_and_a_check_date(directory: SupportDirectory) -> None:
    for item in [*directory.entries, *directory.duties]:
        assert item.source.strip(), item.id
        assert dt.date(2020, 1, 1) <= item.checked <= dt.date(2026, 11, 29), item.id
    schema = SupportDirectory.model_json_schema()
    for name in ("SupportEntry", "Duty"):
        assert {"source", "checked"} <= set(schema["$defs"][name]["required"])


# --- duties ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"personal_data": "none"}, []),
        ({"personal_data": "standard"}, ["dsgvo-art33", "dsgvo-art34"]),
        (
            {"personal_data": "none", "nis2_sector": "annex2_manufacturing", "employees": 50},
            ["nis2-registrierung", "nis2-meldung"],
        ),
        (
            {"personal_data": "none", "kritis_operator": True},
            ["nis2-registrierung", "nis2-meldung", "kritis-meldung"],
        ),
        ({"personal_data": "none", "financial_entity": True}, ["dora-meldung"]),
        (
            {"personal_data": "sensitive", "financial_entity": True},
            ["dsgvo-art33", "dsgvo-art34", "dora-meldung"],
        ),
    ],
)
def test_duties_follow_the_profile(
    changes: dict[str, Any], expected: list[str], directory: SupportDirectory
) -> None:
    assert [d.id for d in duties_for(directory, make_profile(**changes))] == expected


def test_duty_facts_name_basis_deadline_and_recipient(directory: SupportDirectory) -> None:
    duties = {d.id: d for d in directory.duties}
    assert duties["dsgvo-art33"].legal_basis.de == "Art. 33 DSGVO"
    assert duties["dsgvo-art33"].legal_basis.en == "Art. 33 GDPR"
    assert "72 Stunden" in duties["dsgvo-art33"].deadlines[0].within.de
    nis2 = [(x.within.en, x.from_awareness) for x in duties["nis2-meldung"].deadlines]
    assert nis2 == [
        ("without undue delay, at the latest within 24 hours of becoming aware", True),
        ("without undue delay, at the latest within 72 hours of becoming aware", True),
        ("at the BSI's request", False),
        ("at the latest one month after the 72-hour notification", False),
    ]
    assert duties["nis2-meldung"].deadlines[0].within.de == (
        "unverzüglich, spätestens innerhalb von 24 Stunden nach Kenntnis"
    )
    assert duties["nis2-meldung"].note is None  # checked against the law itself
    assert duties["nis2-meldung"].source.endswith("/bsig_2025/__32.html")
    assert duties["nis2-registrierung"].source.endswith("/bsig_2025/__33.html")
    dora = duties["dora-meldung"]
    assert [x.within.en for x in dora.deadlines] == [
        "4 hours after classification as major, at the latest 24 hours after becoming aware",
        "72 hours after the initial notification",
        "one month after the latest updated intermediate report",
    ]
    assert not any(x.from_awareness for x in dora.deadlines)  # they run from classification
    assert "BaFin" in dora.recipient.de


def test_the_art33_report_goes_to_the_lands_authority(directory: SupportDirectory) -> None:
    sheet = build_contacts(make_profile(bundesland="SN"), directory, dt.date(2026, 11, 26), "de")
    art33 = next(d for d in sheet.duties.items if d.id == "dsgvo-art33")
    assert art33.recipients == ["datenschutz-sn"]


# --- staleness -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "stale"),
    [(dt.date(2027, 11, 1), False), (dt.date(2027, 11, 2), True)],
)
def test_entries_checked_more_than_12_months_before_warn(
    on: dt.date, stale: bool, directory: SupportDirectory
) -> None:
    # most bundled facts were checked on 2026-11-01; ZAC Bayern and the duties on 2026-11-29
    sheet = build_contacts(make_profile(), directory, on, "en")
    assert bool(sheet.warnings) is stale
    if stale:
        assert "hwk-botschafter" in sheet.warnings[0]
        assert "zac-by" not in sheet.warnings[0]
        assert "2026-11-01" in sheet.warnings[0]


def test_evaluate_warns_on_stderr_when_the_assessment_is_a_year_after_the_check(
    tmp_path: Path,
) -> None:
    source = Path(__file__).parents[1] / "profiles/mueller-antriebstechnik/answers-2026.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for date, warned in (("2027-11-01", False), ("2027-11-02", True)):
        data["date"] = date
        path = write_yaml(tmp_path / "answers.yaml", data)
        code, out, err = run("evaluate", str(path), "--profile", "mueller-antriebstechnik")
        assert code == 0
        assert ("Warnung:" in err) is warned
        assert "Warnung" not in out
        code, out, _ = run(
            "evaluate", str(path), "--profile", "mueller-antriebstechnik", "--format", "json"
        )
        assert bool(json.loads(out)["warnings"]) is warned


# --- the commands ----------------------------------------------------------------------------


def test_contacts_lists_own_contacts_first_then_the_lands_services() -> None:
    code, out, err = run("contacts", "--profile", "mueller-antriebstechnik")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    own = lines.index("Eigene Notfallkontakte:")
    external = lines.index("Externe Hilfe im IT-Notfall:")
    assert own < external
    assert lines[own + 1].startswith("  Erstkontakt: IT-Hotline Müller Antriebstechnik")
    assert lines[external + 1].startswith("  ZAC Nordrhein-Westfalen:")
    assert "Datenschutzaufsicht Nordrhein-Westfalen (LDI NRW)" in out
    assert "ZAC Bayern" not in out
    assert "180 Beschäftigte (≥ 50) in einem Sektor der Anlage 2 → wichtige Einrichtung" in out
    assert "keine Rechtsberatung" in out


def test_further_contacts_follow_the_four_slots_in_every_format(tmp_path: Path) -> None:
    root = Path(__file__).parents[1] / "profiles/mueller-antriebstechnik"
    data = yaml.safe_load((root / "profile.yaml").read_text(encoding="utf-8"))
    data["contacts"]["further"] = [
        {"name": "Jana Roth", "role": "Stellvertretung Erstkontakt", "phone": "0221 4710-201"},
        {"name": "Cyber-Assekuranz AG", "phone": "0800 123 456", "availability": "24/7"},
        # the first contact again, under another role: not listed twice
        {"name": "it-hotline müller antriebstechnik ", "role": "Hotline"},
    ]
    profile = write_yaml(tmp_path / "profile.yaml", data)
    code, out, err = run("contacts", "--profile", str(profile))
    assert code == 0, err
    lines = out.splitlines()
    own = lines[lines.index("Eigene Notfallkontakte:") + 1 :]
    own = own[: own.index("")]
    assert [line.split(":")[0].strip() for line in own] == [
        "Erstkontakt",
        "IT-Dienstleister",
        "Geschäftsführung",
        "Datenschutzbeauftragte/r",
        "Stellvertretung Erstkontakt",
        "Weiterer Notfallkontakt",
    ]
    assert own[-1] == "  Weiterer Notfallkontakt: Cyber-Assekuranz AG – 0800 123 456, 24/7"
    code, out, _ = run("contacts", "--profile", str(profile), "--format", "json")
    assert code == 0
    further = [c for c in json.loads(out)["own"] if c["key"] == "further"]
    assert [(c["label"], c["name"]) for c in further] == [
        ("Stellvertretung Erstkontakt", "Jana Roth"),
        ("Weiterer Notfallkontakt", "Cyber-Assekuranz AG"),
    ]
    code, out, _ = run(
        "contacts", "--profile", str(profile), "--format", "markdown", "--lang", "en"
    )
    assert code == 0
    assert "- Further emergency contact: Cyber-Assekuranz AG – 0800 123 456, 24/7" in out
    assert out.lower().count("it-hotline müller antriebstechnik") == 1


def test_contacts_as_json_and_markdown() -> None:
    code, out, _ = run("contacts", "--profile", "steuerkanzlei-becker", "--format", "json")
    assert code == 0
    sheet = json.loads(out)
    assert sheet["schema"] == "assess.contacts/1"
    assert sheet["emergency"][0]["id"] == "zac-he"
    assert sheet["duties"]["nis2"]["entity"] == "none"
    assert [d["id"] for d in sheet["duties"]["items"]] == ["dsgvo-art33", "dsgvo-art34"]
    code, out, _ = run(
        "contacts", "--profile", "steuerkanzlei-becker", "--format", "markdown", "--lang", "en"
    )
    assert code == 0
    assert "## Reporting duties" in out
    assert "### Notifying a personal data breach to the supervisory authority (Art. 33 GDPR)" in out


def test_contacts_without_a_profile_says_how_to_give_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("contacts")
    assert code == 2
    assert out == ""
    assert "--profile FILE" in err


def test_evaluate_shows_the_duties_in_every_format() -> None:
    answers = Path(__file__).parents[1] / "profiles/mueller-antriebstechnik/answers-2026.yaml"
    code, out, _ = run("evaluate", str(answers))
    assert code == 0
    assert "Meldepflichten:" in out
    assert "(§ 32 BSIG) → Gemeinsame Meldestelle von BSI und BBK" in out
    _, out, _ = run("evaluate", str(answers), "--format", "json")
    view = json.loads(out)
    assert [d["id"] for d in view["duties"]["items"]] == [
        "dsgvo-art33",
        "dsgvo-art34",
        "nis2-registrierung",
        "nis2-meldung",
    ]
    assert "datenschutz-nw" in [s["id"] for s in view["support"]]
    _, out, _ = run("evaluate", str(answers), "--format", "markdown")
    assert "## Meldepflichten" in out
    assert "**NIS2 (BSIG 2025):**" in out


def test_a_broken_directory_names_the_place_and_the_fix(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "catalogs/support-de/2026.11.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["entries"][1]["id"] = data["entries"][0]["id"]
    data["duties"][0]["applies_if"] = {"field": "personal_dat", "ne": "none"}
    data["duties"][0]["contact_tags"] = ["data-protecton"]
    path = write_yaml(tmp_path / "support.yaml", data)
    code, out, err = run("catalog", "validate", str(path))
    assert code == 2
    assert out == ""
    assert "duplicate entry 'bsi-qdl'" in err
    assert "duties.0.applies_if.field: the profile has no field 'personal_dat'" in err
    assert "did you mean 'personal_data'" in err
    assert "no entry serves the tag 'data-protecton'" in err


def test_profile_fields_for_duties_are_validated(tmp_path: Path) -> None:
    data: dict[str, Any] = json.loads(make_profile().model_dump_json())
    data["nis2_entity"] = "wichtig"
    path = write_yaml(tmp_path / "profile.yaml", data)
    code, _, err = run("profile", "validate", str(path))
    assert code == 2
    assert "nis2_entity" in err
    assert "particularly_important" in err
    assert Profile.model_validate({**data, "nis2_entity": "important"}).nis2_entity == "important"
