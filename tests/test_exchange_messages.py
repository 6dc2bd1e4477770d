"""The import speaks the user's language: every notice and row message of the text output in
German with --lang de and in English with --lang en; the notices right below the counts; the
JSON report keeps its English messages."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

from assess.api import load_catalog
from assess.exchange.messages import Message, StatusRef, as_message
from assess.exchange.rows import ACCEPTED
from tests.test_exchange_import import COL, edit_rows, export, fill_xlsx, run

CAT = load_catalog("acs-it-notfall")
OPTIONAL = next(c.id for c in CAT.controls if not c.mandatory)
ACCEPTED_DE = (
    "vollständig umgesetzt, weitgehend umgesetzt, teilweise umgesetzt, nicht umgesetzt, "
    "entbehrlich, unbekannt (oder fulfilled, largely, partial, not, na, unknown); ja, nein, "
    "teilweise, weitgehend, entfällt, n. a., yes, no, partly, largely, ✓, ✗, x, grün, gelb, rot, "
    "0–3, 0/25/50/75/100 %"
)


def audit(tmp_path: Path) -> list[str]:
    """An audit programme: verdicts under 'Feststellung', a hidden sheet, an n/a without a
    reason, an unknown word, two rows for VOR-26, an answer without a question, and VOR-04
    answered differently in the existing answers. The mapping fixes the rows' controls, so
    the matcher does not decide here."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Prüfung"
    for row in [
        ["Nr.", "Prüfungshandlung", "Feststellung", "Bemerkung"],
        ["1", "Firewall vorhanden", "erfüllt", ""],
        ["2", "Firewall-Regeln regelmäßig geprüft", "teilweise erfüllt", ""],
        ["3", "Kontakt zum Verfassungsschutz geregelt", "entfällt", ""],
        ["4", "Meldewege schriftlich geregelt", "vielleicht", ""],
        ["5", "IT-Notfallhandbuch liegt vor", "erfüllt", "Ordner „Notfall“"],
        ["", "", "erfüllt", ""],
    ]:
        ws.append(row)
    hidden = wb.create_sheet("Alt")
    hidden.append(["Frage", "Antwort"])
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "revision.xlsx")
    (tmp_path / "map.yaml").write_text(
        f"rows: {{2: VOR-26, 3: VOR-26, 4: {OPTIONAL}, 6: VOR-04}}\n", encoding="utf-8"
    )
    existing: dict[str, Any] = {
        "catalog": CAT.pin,
        "date": "2026-01-15",
        "assessor": "Vorjahr",
        "answers": {
            "VOR-04": {"status": "not", "note": "liegt im Entwurf vor", "due": "2026-06-30"}
        },
    }
    (tmp_path / "bisher.yaml").write_text(yaml.safe_dump(existing), encoding="utf-8")
    return [
        "questionnaire", "import", str(tmp_path / "revision.xlsx"),
        "--mapping", str(tmp_path / "map.yaml"), "--into", str(tmp_path / "bisher.yaml"),
    ]  # fmt: skip


def test_a_foreign_import_in_german(tmp_path: Path) -> None:
    code, stdout, _ = run(*audit(tmp_path), "--lang", "de")
    assert code == 2
    into = tmp_path / "bisher.yaml"
    assert stdout.splitlines() == [
        "Import von revision.xlsx (fremder Fragebogen, acs-it-notfall@2021.05)",
        "  übernommen 1 · zur Prüfung 1 · nicht zuordenbar 0 · Konflikte 2 · Fehler 2",
        "",
        "Hinweise:",
        "  revision.xlsx: ausgeblendetes Blatt „Alt“ übersprungen (nennen Sie es unter „sheet“ "
        "in einem Mapping, um es zu importieren)",
        "  revision.xlsx: keine Spaltenüberschrift im Blatt „Prüfung“ benennt die Antworten; sie "
        "sind Spalte C „Feststellung“ entnommen, deren Zellen Statuswörter sind (nennen Sie die "
        "Spalten in einem Mapping, falls das nicht stimmt)",
        "",
        "Fehler:",
        "  revision.xlsx, Blatt Prüfung, Zeile 5: unbekannter Status „vielleicht“; zulässig sind: "
        f"{ACCEPTED_DE}, oder ergänzen Sie das Wort im Mapping unter „vocabulary“",
        "  revision.xlsx, Blatt Prüfung, Zeile 7: eine Antwort „erfüllt“ ohne Frage",
        "",
        "Zur Prüfung:",
        "  revision.xlsx, Blatt Prüfung, Zeile 4: „Kontakt zum Verfassungsschutz geregelt“ → "
        f"{OPTIONAL} (1,00) – {OPTIONAL} ist ohne Begründung als entbehrlich gekennzeichnet; "
        "tragen Sie die Begründung in der Prüfliste ein",
        "",
        "Konflikte:",
        "  revision.xlsx, Blatt Prüfung, Zeile 2: VOR-26 ist in den Zeilen 2, 3 beantwortet; es "
        "gilt der niedrigste Status („teilweise umgesetzt“, Zeile 3), nicht „vollständig "
        "umgesetzt“ aus dieser Zeile",
        "  revision.xlsx, Blatt Prüfung, Zeile 3: VOR-26 ist in den Zeilen 2, 3 beantwortet; es "
        "gilt der niedrigste Status („teilweise umgesetzt“, Zeile 3)",
        "",
        f"Abweichend von {into}:",
        "  VOR-04: bisher Status „nicht umgesetzt“, Notiz „liegt im Entwurf vor“, Termin "
        "30.06.2026 ≠ importiert Status „vollständig umgesetzt“, Notiz „Ordner „Notfall““ "
        "(revision.xlsx, Blatt Prüfung, Zeile 6)",
        "",
        "Nichts geschrieben.",
    ]


def test_the_same_import_in_english_and_as_json(tmp_path: Path) -> None:
    args = audit(tmp_path)
    code, stdout, _ = run(*args, "--lang", "en")
    assert code == 2
    into = tmp_path / "bisher.yaml"
    assert stdout.splitlines() == [
        "Import of revision.xlsx (foreign questionnaire, acs-it-notfall@2021.05)",
        "  imported 1 · review 1 · unmatched 0 · conflicts 2 · errors 2",
        "",
        "Notices:",
        "  revision.xlsx: hidden sheet 'Alt' skipped (name it in a mapping's 'sheet' to import it)",
        "  revision.xlsx: no header names the answers in sheet 'Prüfung'; taken from column C "
        "'Feststellung', whose cells are status words (name the columns in a mapping if that is "
        "wrong)",
        "",
        "Errors:",
        "  revision.xlsx, sheet Prüfung, row 5: unknown status 'vielleicht'; use one of: "
        f"{ACCEPTED}, or add it to the mapping's 'vocabulary'",
        "  revision.xlsx, sheet Prüfung, row 7: an answer 'erfüllt' without a question",
        "",
        "To review:",
        "  revision.xlsx, sheet Prüfung, row 4: „Kontakt zum Verfassungsschutz geregelt“ → "
        f"{OPTIONAL} (1.00) – {OPTIONAL} is marked not applicable without a justification; fill "
        "it in in the review sheet",
        "",
        "Conflicts:",
        "  revision.xlsx, sheet Prüfung, row 2: VOR-26 is answered in rows 2, 3; the lowest status "
        "(partial, row 3) is taken (not this row's fulfilled)",
        "  revision.xlsx, sheet Prüfung, row 3: VOR-26 is answered in rows 2, 3; the lowest status "
        "(partial, row 3) is taken",
        "",
        f"Differing from {into}:",
        "  VOR-04: existing status=not, note=liegt im Entwurf vor, due=2026-06-30 ≠ imported "
        "status=fulfilled, note=Ordner „Notfall“ (revision.xlsx, sheet Prüfung, row 6)",
        "",
        "Nothing written.",
    ]
    # The JSON report is the same in both languages and keeps the English messages.
    reports = [
        json.loads(run(*args, "--lang", lang, "--format", "json")[1]) for lang in ("de", "en")
    ]
    assert reports[0] == reports[1]
    assert reports[0]["notices"][0] == (
        "revision.xlsx: hidden sheet 'Alt' skipped (name it in a mapping's 'sheet' to import it)"
    )
    messages = {r["row"]: r["message"] for r in reports[0]["rows"]}
    assert messages[7] == "an answer 'erfüllt' without a question"
    assert (
        messages[3]
        == "VOR-26 is answered in rows 2, 3; the lowest status (partial, row 3) is taken"
    )


def test_an_edited_export_in_german(tmp_path: Path) -> None:
    """Our own export with a row deleted (the rows below it moved up, its control missing), an
    unknown word and a duplicated id: every line in German, the notices before the errors."""
    q = export(tmp_path, "q.xlsx")
    fill_xlsx(q, tmp_path / "filled.xlsx")
    ids = [c.id for c in CAT.controls]

    def edit(ws: Any) -> None:
        ws.delete_rows(5)
        ws.cell(7, COL["status"] + 1).value = "vielleicht"
        ws.cell(9, 1).value = ws.cell(10, 1).value

    edit_rows(tmp_path / "filled.xlsx", tmp_path / "edited.xlsx", edit)
    code, stdout, _ = run(
        "questionnaire", "import", str(tmp_path / "edited.xlsx"), "--dry-run", "--lang", "de"
    )
    assert code == 2
    lines = stdout.splitlines()
    assert lines[2:4] == ["", "Hinweise:"]
    moved = f"  edited.xlsx, Blatt Fragen, Zeile 5: {ids[4]} wurde aus Zeile 6 hierher verschoben"
    assert moved in lines
    assert (
        f"  edited.xlsx, Blatt Fragen: {ids[3]} (beim Export Zeile 5) fehlt; die Maßnahme bleibt "
        "unbeantwortet"
    ) in lines
    assert (
        f"  edited.xlsx, Blatt Fragen, Zeile 7: unbekannter Status „vielleicht“ für {ids[6]}; "
        f"zulässig sind: {ACCEPTED_DE}"
    ) in lines
    assert (
        f"  edited.xlsx, Blatt Fragen, Zeile 10: {ids[9]} steht zweimal im Blatt (Zeilen 9 und "
        "10); löschen Sie eine der Zeilen"
    ) in lines
    assert lines.index("Hinweise:") < lines.index("Fehler:")
    assert not [line for line in lines if "row" in line or "sheet" in line]


def test_a_message_is_its_english_text_and_says_itself_in_german() -> None:
    message = Message(
        "conflict_lowest", control="VOR-26", rows="2, 3", lowest=StatusRef("not"), row=2
    )
    assert message == "VOR-26 is answered in rows 2, 3; the lowest status (not, row 2) is taken"
    assert message.text("de") == (
        "VOR-26 ist in den Zeilen 2, 3 beantwortet; es gilt der niedrigste Status („not“, Zeile 2)"
    )
    assert "„nicht umgesetzt“" in message.text("de", CAT)
    for twin in (copy.deepcopy(message), pickle.loads(pickle.dumps(message))):
        assert twin == message
        assert twin.text("de", CAT) == message.text("de", CAT)


@pytest.mark.parametrize(
    ("message", "english", "german"),
    [
        (
            Message("answer_without_question", raw="ja"),
            "an answer 'ja' without a question",
            "eine Antwort „ja“ ohne Frage",
        ),
        (
            Message("answer_without_question", raw="it's"),
            'an answer "it\'s" without a question',
            "eine Antwort „it's“ ohne Frage",
        ),
        (
            Message("unknown_status_foreign", raw="x"),
            f"unknown status 'x'; use one of: {ACCEPTED}, or add it to the mapping's 'vocabulary'",
            f"unbekannter Status „x“; zulässig sind: {ACCEPTED_DE}, oder ergänzen Sie das Wort im "
            "Mapping unter „vocabulary“",
        ),
        (as_message("something else"), "something else", "something else"),
    ],
)
def test_the_foreign_sheets_row_messages_in_both_languages(
    message: Message, english: str, german: str
) -> None:
    assert message == english
    assert message.text("de") == german
