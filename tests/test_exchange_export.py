"""Questionnaire export: the xlsx an auditor fills in, the csv for German Excel, neutralised
formula starts, and a second independent reader (python-calamine) for every workbook."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assess.api import load_catalog, load_profile
from assess.cli import main
from assess.exchange.columns import COLUMNS, neutralise, restore
from assess.models.condition import holds
from assess.resources import bundled_profiles
from tests.conftest import write_yaml

HUBER = bundled_profiles()["schreinerei-huber"]
STATUS = 1 + [c.key for c in COLUMNS].index("status")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def export(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    code, stdout, stderr = run("questionnaire", "export", *args, "-o", str(out))
    assert code == 0, stdout + stderr
    return out


def not_applicable_ids(profile: str = "schreinerei-huber") -> set[str]:
    cat = load_catalog("acs-it-notfall")
    values = load_profile(profile).condition_values
    return {
        c.id for c in cat.controls if c.applies_if is not None and not holds(c.applies_if, values)
    }


def test_xlsx_layout(tmp_path: Path) -> None:
    out = export(tmp_path, "q.xlsx", "--profile", "schreinerei-huber")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Deckblatt", "Fragen", "_assess"]
    assert wb["_assess"].sheet_state == "hidden"
    ws = wb["Fragen"]
    cat = load_catalog("acs-it-notfall")
    assert [c.value for c in ws[1]] == [c.de for c in COLUMNS]
    assert ws.max_row == len(cat.controls) + 1
    assert ws.freeze_panes == "B2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.protection.sheet
    assert ws.column_dimensions["D"].width == 55
    assert ws.cell(2, 4).alignment.wrap_text
    # The status drop-down offers the scale's German labels.
    (validation,) = ws.data_validations.dataValidation
    labels = [s.label.de for s in cat.scale]
    assert validation.formula1 == '"' + ",".join(labels) + '"'
    na = not_applicable_ids()
    assert na, "the example profile makes some controls not applicable"
    for row in ws.iter_rows(min_row=2):
        cid = row[0].value
        status = row[STATUS - 1]
        covered = any(status.coordinate in rng for rng in validation.sqref.ranges)
        if cid in na:
            assert status.value == "entbehrlich"
            assert row[STATUS].value == "entfällt laut Unternehmensprofil"
            assert status.fill.fgColor.rgb.endswith("D9D9D9")
            assert status.protection.locked
            assert not covered
        else:
            assert status.value is None
            assert not status.protection.locked
            assert covered
            assert row[3].protection.locked  # the question cannot be edited
    meta = {r[0].value: r[1].value for r in wb["_assess"].iter_rows(max_row=7)}
    assert meta["format"] == "assess.questionnaire/1"
    assert meta["catalog"] == cat.pin
    assert meta["revision"] == cat.revision
    cover = wb["Deckblatt"]
    assert cover["B3"].value == "Schreinerei Huber GmbH"
    assert cover["B5"].value.startswith(f"{cat.pin}, Revision {cat.revision} (")
    assert cover["A8"].value == "Ausgefüllt von"
    assert not cover["B8"].protection.locked


def test_english_labels_and_carried_over_answers(tmp_path: Path) -> None:
    previous = HUBER.parent / "answers-2025.yaml"
    out = export(tmp_path, "q.xlsx", "--from", str(previous), "--lang", "en")
    wb = load_workbook(out)
    ws = wb["Questions"]
    cat = load_catalog("acs-it-notfall")
    (validation,) = ws.data_validations.dataValidation
    assert validation.formula1 == '"' + ",".join(s.label.en for s in cat.scale) + '"'
    import yaml

    old = yaml.safe_load(previous.read_text(encoding="utf-8"))["answers"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    checked = 0
    for cid, answer in old.items():
        if cid not in rows:
            continue  # retired in a later revision of the catalog
        status = answer if isinstance(answer, str) else answer["status"]
        resolved = cat.resolve_status(status)
        assert resolved is not None
        row = rows[cid]
        if row[STATUS - 1].protection.locked:
            continue  # not applicable by profile
        assert row[STATUS - 1].value == cat.status(resolved).label.en
        assert row[-1].value == "carried over from 2025-03-20"
        assert row[STATUS - 1].fill.fgColor.rgb.endswith("FFF2CC")
        checked += 1
    assert checked >= 10
    # A split control's successors start from the answer to the control they were split from.
    successors = 0
    for new, olds in cat.predecessors.items():
        answered = [o for o in olds if o in old]
        if answered and not rows[new][STATUS - 1].protection.locked:
            assert rows[new][-1].value == f"carried over from 2025-03-20 (answer to {answered[0]})"
            successors += 1
    assert successors >= 1


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("profile", [None, "steuerkanzlei-becker"])
def test_calamine_reads_every_export(tmp_path: Path, lang: str, profile: str | None) -> None:
    from python_calamine import CalamineWorkbook

    args = ["--lang", lang, *(["--profile", profile] if profile else [])]
    out = export(tmp_path, "q.xlsx", *args)
    wb = CalamineWorkbook.from_path(str(out))
    sheet = "Fragen" if lang == "de" else "Questions"
    rows = wb.get_sheet_by_name(sheet).to_python()
    cat = load_catalog("acs-it-notfall")
    assert rows[0] == [c.header(lang) for c in COLUMNS]  # type: ignore[arg-type]
    assert [r[0] for r in rows[1:]] == [c.id for c in cat.controls]
    assert rows[1][3] == " ".join(cat.controls[0].question.get(lang).split())  # type: ignore[arg-type]


def test_csv_dialects(tmp_path: Path) -> None:
    german = export(tmp_path, "q.csv", "--profile", "schreinerei-huber").read_bytes()
    assert german.startswith(b"\xef\xbb\xbf")
    text = german.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [c.de for c in COLUMNS]
    assert len(rows) == len(load_catalog("acs-it-notfall").controls) + 1
    assert "\r\n" in text
    plain = export(tmp_path, "r.csv", "--csv-dialect", "rfc4180", "--lang", "en").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(plain.decode("utf-8")), delimiter=","))
    assert rows[0] == [c.en for c in COLUMNS]


def test_formula_starts_are_neutralised(tmp_path: Path) -> None:
    hostile = {
        "status": "partial",
        "note": '=HYPERLINK("https://evil.example","klick")',
        "evidence": "+49 89 1234",
        "owner": "@admin",
        "justification": None,
    }
    first = next(c.id for c in load_catalog("acs-it-notfall").controls if c.applies_if is None)
    answers = write_yaml(
        tmp_path / "a.yaml",
        {
            "catalog": "acs-it-notfall@2021.05",
            "profile": "schreinerei-huber",
            "date": "2026-01-01",
            "assessor": "-Test",
            "answers": {first: {k: v for k, v in hostile.items() if v}},
        },
    )
    xlsx = export(tmp_path, "q.xlsx", "--from", str(answers))
    wb = load_workbook(xlsx)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(DANGEROUS), (ws.title, cell.coordinate)
                    assert cell.data_type != "f"
    row = next(r for r in wb["Fragen"].iter_rows(min_row=2) if r[0].value == first)
    assert row[9].value == "'" + hostile["note"]
    assert row[10].value == "'+49 89 1234"
    for dialect in ("excel-de", "rfc4180"):
        out = export(tmp_path, f"q-{dialect}.csv", "--from", str(answers), "--csv-dialect", dialect)
        text = out.read_bytes().decode("utf-8-sig")
        delimiter = ";" if dialect == "excel-de" else ","
        for cells in csv.reader(io.StringIO(text), delimiter=delimiter):
            assert not any(c.startswith(DANGEROUS) for c in cells)
        assert "'=HYPERLINK" in text


@pytest.mark.parametrize(
    "text", ["=1+1", "+x", "-", "@SUM(A1)", "\tx", "\rx", "'=x", "''+y", "plain", "'quoted", ""]
)
def test_neutralise_round_trips(text: str) -> None:
    assert not neutralise(text).startswith(DANGEROUS)
    assert restore(neutralise(text)) == text


def test_export_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    a = export(tmp_path, "a.xlsx", "--profile", "schreinerei-huber").read_bytes()
    time.sleep(1.05)  # openpyxl stamps the second of saving; it must not reach the bytes
    b = export(tmp_path, "b.xlsx", "--profile", "schreinerei-huber").read_bytes()
    assert a == b
    wb = load_workbook(tmp_path / "a.xlsx")
    assert wb["Deckblatt"]["B6"].value == "01.01.2026"


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    code, _, stderr = run("questionnaire", "export", "-o", str(tmp_path / "q.ods"))
    assert code == 2
    assert "name the output FILE.xlsx, FILE.csv, FILE.html" in stderr
    assert not (tmp_path / "q.ods").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_export(tmp_path: Path) -> None:
    """LibreOffice converts the export headless; the converted workbook reads back the same."""
    out = export(tmp_path, "q.xlsx", "--profile", "schreinerei-huber")
    converted = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "ods", "--outdir", str(converted), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(converted / "q.ods")).get_sheet_by_name("Fragen")
    ids = [r[0] for r in rows.to_python()[1:]]
    assert ids == [c.id for c in load_catalog("acs-it-notfall").controls]
