"""Questionnaires as Excel workbooks (openpyxl): the export to fill in and the review sheet.

Every text from the catalog or from users passes :func:`assess.exchange.columns.neutralise`, so
no cell starts a formula. The bytes are deterministic: workbook dates from the clock and fixed
zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assess.exchange.columns import (
    COLUMNS,
    FORMAT,
    META_SHEET,
    REVIEW_FORMAT,
    neutralise,
    to_sheet,
)
from assess.exchange.questionnaire import Questionnaire
from assess.i18n import date as format_date

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_TEXTS = {
    "de": {
        "sheet": "Fragen",
        "cover": "Deckblatt",
        "title": "Fragebogen zur IT-Notfallbereitschaft",
        "company": "Unternehmen",
        "catalog": "Katalog",
        "edition": "Ausgabe",
        "revision": "Revision",
        "date": "Erstellt am",
        "previous": "Vorbefüllt mit den Antworten vom",
        "assessor": "Ausgefüllt von",
        "how": "So füllen Sie den Fragebogen aus",
        "steps": [
            "1. Wählen Sie im Blatt „Fragen“ für jede Maßnahme in der Spalte „Status“ einen "
            "Wert aus der Liste.",
            "2. „entbehrlich“ braucht eine Begründung; Pflichtmaßnahmen können nicht entbehrlich "
            "sein.",
            "3. Notiz, Nachweis, Verantwortlich und Termin sind freiwillig.",
            "4. Graue Zeilen gelten laut Unternehmensprofil nicht und sind gesperrt.",
            "5. Gelb hinterlegte Werte sind aus der letzten Bewertung übernommen: bitte prüfen.",
            "6. Zeilen nicht löschen oder verschieben und die IDs nicht ändern. Zurück mit: "
            "assess questionnaire import DATEI.xlsx -o antworten.yaml",
        ],
        "invalid": "Bitte einen Wert aus der Liste wählen.",
    },
    "en": {
        "sheet": "Questions",
        "cover": "Cover",
        "title": "IT emergency readiness questionnaire",
        "company": "Company",
        "catalog": "Catalog",
        "edition": "Edition",
        "revision": "revision",
        "date": "Created on",
        "previous": "Prefilled with the answers of",
        "assessor": "Filled in by",
        "how": "How to fill in this questionnaire",
        "steps": [
            "1. In the sheet 'Questions', choose a value from the list in the column 'Status' "
            "for every control.",
            "2. 'not applicable' needs a justification; mandatory controls cannot be not "
            "applicable.",
            "3. Note, evidence, owner and due date are optional.",
            "4. Grey rows do not apply according to the company profile and are locked.",
            "5. Values on yellow are carried over from the last assessment: please check them.",
            "6. Do not delete or move rows or change the ids. Import with: "
            "assess questionnaire import FILE.xlsx -o answers.yaml",
        ],
        "invalid": "Please choose a value from the list.",
    },
}
# The cover sheet cell the assessor's name goes into (read back on import).
ASSESSOR_CELL = "B8"

REVIEW_HEADERS = {
    "de": [
        "Blatt", "Zeile", "Text", "Status", "Vorschläge (Vertrauen)", "Maßnahme (wählen)",
        "Begründung (bei entbehrlich)", "Notiz",
    ],
    "en": [
        "Sheet", "Row", "Text", "Status", "Suggestions (confidence)", "Control (choose)",
        "Justification (if n/a)", "Note",
    ],
}  # fmt: skip


@dataclass(frozen=True)
class ReviewLine:
    """One row to review: where it stands, what it says and the controls to choose from."""

    sheet: str | None
    row: int
    text: str
    status: str
    choices: list[str]
    suggestions: str = ""
    justification: str = ""
    note: str = ""


_GREY = "D9D9D9"
_CARRIED = "FFF2CC"
_HEADER = "1F4E79"


def texts(lang: str) -> dict[str, Any]:
    return _TEXTS["en" if lang == "en" else "de"]


def _text(value: str) -> str:
    return to_sheet(neutralise(value))


def questionnaire_xlsx(q: Questionnaire, now: dt.datetime) -> bytes:
    """The questionnaire as an xlsx workbook: cover, questions, hidden pin and ids."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    words = texts(q.lang)
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = words["cover"]
    _cover(cover, q, words)

    ws = wb.create_sheet(words["sheet"])
    bold_white = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=_HEADER)
    grey = PatternFill("solid", fgColor=_GREY)
    carried = PatternFill("solid", fgColor=_CARRIED)
    wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=column.header(q.lang))
        cell.font = bold_white
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = column.width
    widths = {c.key: c.width for c in COLUMNS}
    status_col = get_column_letter(1 + [c.key for c in COLUMNS].index("status"))
    labels = ",".join(q.status_labels)
    validation = DataValidation(
        type="list",
        formula1=f'"{labels}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error=words["invalid"],
    )
    ws.add_data_validation(validation)
    for r, row in enumerate(q.rows, start=2):
        values = row.cells()
        for col, column in enumerate(COLUMNS, start=1):
            value = values[column.key]
            cell = ws.cell(row=r, column=col)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "DD.MM.YYYY" if q.lang == "de" else "YYYY-MM-DD"
            elif value:
                cell.value = _text(value)
            cell.alignment = wrap
            if not row.applicable:
                cell.fill = grey
                cell.font = Font(color="595959")
            elif column.editable:
                cell.protection = unlocked
                if row.origin and value:
                    cell.fill = carried
        if row.applicable:
            validation.add(f"{status_col}{r}")
        ws.row_dimensions[r].height = _height(values, widths)
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{last}{len(q.rows) + 1}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # Locked cells (and grey rows) protect the ids and questions; no password: the protection
    # prevents slips, it is not a security boundary.
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    wb.active = 1

    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.append(["format", FORMAT])
    meta.append(["catalog", q.catalog.pin])
    meta.append(["revision", q.catalog.revision])
    meta.append(["profile", neutralise(q.profile_ref) if q.profile_ref else None])
    meta.append(["lang", q.lang])
    meta.append(["sheet", words["sheet"]])
    meta.append(["date", q.date.isoformat()])
    meta.append(["row", "id", "question", "applicable"])
    for r, row in enumerate(q.rows, start=2):
        meta.append([r, row.id, _text(row.question), "yes" if row.applicable else "no"])
    meta.protection.sheet = True
    return save_workbook(wb, now)


def _height(values: dict[str, Any], widths: dict[str, int]) -> float:
    """Row height in points for wrapped text: not every viewer fits rows to wrapped text
    itself (LibreOffice headless does not), so the export sets it."""
    lines = 1
    for key, value in values.items():
        if isinstance(value, str) and value:
            per_line = max(widths[key] - 2, 1)
            lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in value.split("\n")))
    return 15.0 * min(lines, 20)


def _cover(ws: Worksheet, q: Questionnaire, words: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment, Font, Protection
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 90
    ws["A1"] = words["title"]
    ws["A1"].font = Font(bold=True, size=16)
    facts = [
        (words["company"], q.company or ""),
        (words["catalog"], q.catalog.title.get(q.lang)),
        (
            words["edition"],
            f"{q.catalog.pin}, {words['revision']} {q.catalog.revision} "
            f"({format_date(q.catalog.released, q.lang)})",
        ),
        (words["date"], format_date(q.date, q.lang)),
        (words["previous"], format_date(q.previous, q.lang) if q.previous else "–"),
    ]
    for i, (label, value) in enumerate(facts, start=3):
        ws.cell(row=i, column=1, value=label).font = Font(bold=True)
        ws.cell(row=i, column=2, value=_text(value))
    ws.cell(row=8, column=1, value=words["assessor"]).font = Font(bold=True)
    ws[ASSESSOR_CELL].protection = Protection(locked=False)
    ws.cell(row=10, column=1, value=words["how"]).font = Font(bold=True)
    for i, step in enumerate(words["steps"], start=11):
        cell = ws.cell(row=i, column=1, value=step)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=2)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[i].height = 30
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.protection.sheet = True


def review_xlsx(
    rows: Sequence[ReviewLine], source: str, pin: str, lang: str, now: dt.datetime
) -> bytes:
    """The review list as a sheet to fill in: per row the text, the status read and the
    candidates; the column 'control' is a drop-down of that row's candidates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    de = lang != "en"
    headers = REVIEW_HEADERS["de" if de else "en"]
    widths = [14, 8, 60, 20, 40, 45, 30, 30]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Review"
    for col, (head, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=col, value=head)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=_HEADER)
        ws.column_dimensions[get_column_letter(col)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    lists = wb.create_sheet("_choices")
    lists.sheet_state = "hidden"
    for r, line in enumerate(rows, start=2):
        values: list[Any] = [line.sheet or "", line.row, line.text, line.status, line.suggestions]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(
                row=r, column=col, value=_text(value) if isinstance(value, str) else value
            )
            cell.alignment = wrap
        ws.cell(row=r, column=4).protection = Protection(locked=False)
        for col, value in ((7, line.justification), (8, line.note)):
            cell = ws.cell(row=r, column=col, value=_text(value) if value else None)
            cell.protection = Protection(locked=False)
            cell.alignment = wrap
        ws.row_dimensions[r].height = _height(
            {"text": line.text, "suggestions": line.suggestions},
            {"text": widths[2], "suggestions": widths[4]},
        )
        choice = ws.cell(row=r, column=6)
        choice.protection = Protection(locked=False)
        choice.alignment = wrap
        for col, option in enumerate(line.choices, start=1):
            lists.cell(row=r, column=col, value=_text(option))
        last = get_column_letter(max(len(line.choices), 1))
        validation = DataValidation(
            type="list", formula1=f"'_choices'!$A${r}:${last}${r}", allow_blank=True
        )
        ws.add_data_validation(validation)
        validation.add(f"F{r}")
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.append(["format", REVIEW_FORMAT])
    meta.append(["catalog", pin])
    meta.append(["source", _text(source)])
    meta.append(["lang", lang])
    return save_workbook(wb, now)


def save_workbook(wb: Workbook, now: dt.datetime) -> bytes:
    """The workbook's bytes, the same for the same content: dates from the clock, zip entries
    with one fixed timestamp."""
    stamp = now.replace(tzinfo=None, microsecond=0)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "assess"
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    data,
                )
            dst.writestr(fixed, data)
    return out.getvalue()
