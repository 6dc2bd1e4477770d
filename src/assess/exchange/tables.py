"""Reading spreadsheets into plain tables, with size caps against oversized files and zip bombs.

A ``Sheet`` is a list of rows of cells (text, number, date or None), numbered from 1 as the
spreadsheet shows them. Formulas are kept as their text: nothing is ever calculated.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from assess.errors import InputError, NotFoundError, Problem
from assess.exchange import csvio
from assess.exchange.columns import from_sheet

Cell = str | int | float | dt.date | None

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELLS = 400_000


@dataclass
class Sheet:
    """One table: its name (None for csv), rows of cells, and whether it was hidden."""

    name: str | None
    rows: list[list[Cell]]
    hidden: bool = False
    meta: dict[str, Cell] = field(default_factory=dict)

    def cell(self, row: int, column: int) -> Cell:
        """The cell at 1-based ``row`` and 0-based ``column``, None outside the table."""
        if 1 <= row <= len(self.rows):
            cells = self.rows[row - 1]
            if 0 <= column < len(cells):
                return cells[column]
        return None


def _refuse(path: Path, message: str, fix: str) -> InputError:
    return InputError([Problem(str(path), message, fix=fix)])


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing missing files and files over the size cap."""
    try:
        size = path.stat().st_size
    except OSError:
        raise NotFoundError(f"{path}: file not found") from None
    if not path.is_file():
        raise NotFoundError(f"{path}: not a file")
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            f"file is {size} bytes, more than the limit of {MAX_FILE_BYTES // (1024 * 1024)} MB",
            "import the questionnaire sheet on its own (delete other sheets, pictures and "
            "empty formatted rows) or split it",
        )
    return path.read_bytes()


def read_csv(path: Path) -> Sheet:
    """A csv file as one sheet: encoding and delimiter sniffed."""
    data = read_bytes(path)
    try:
        text, _encoding = csvio.decode(data)
    except UnicodeDecodeError as exc:
        raise _refuse(
            path,
            f"cannot read the text: byte {exc.start} is neither UTF-8, UTF-16 nor Windows-1252",
            "save the file as 'CSV UTF-8' from Excel",
        ) from None
    if "\x00" in text:
        raise _refuse(
            path,
            "the file contains NUL characters; it is not a text csv",
            "save it as 'CSV UTF-8' from Excel",
        )
    rows = csvio.parse(text)
    _check_shape(path, None, len(rows), max((len(r) for r in rows), default=0))
    return Sheet(None, [[c if c.strip() else None for c in r] for r in rows])


def _check_shape(path: Path, sheet: str | None, rows: int, columns: int) -> None:
    where = f"sheet {sheet!r}: " if sheet else ""
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise _refuse(
            path,
            f"{where}{rows} rows × {columns} columns is more than the limit "
            f"({MAX_ROWS} rows, {MAX_COLUMNS} columns, {MAX_CELLS} cells)",
            "delete empty formatted rows and columns or split the sheet",
        )


def _check_zip(path: Path) -> None:
    """Refuse a workbook whose parts unpack to more than the cap (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise _refuse(
            path, "not an xlsx workbook (not a zip archive)", "save it as .xlsx from Excel"
        ) from None
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            path,
            f"the workbook unpacks to {total} bytes, more than the limit of "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB (a zip bomb, or far too large)",
            "import the questionnaire sheet on its own or split it",
        )


def _value(cell: object) -> Cell:
    value = getattr(cell, "value", None)
    if isinstance(value, str) and "_x" in value:
        value = from_sheet(value)
    if value is None or isinstance(value, str | int | float | dt.date):
        if isinstance(value, bool):
            return "ja" if value else "nein"
        if isinstance(value, int | float) and "%" in str(getattr(cell, "number_format", "")):
            return f"{value * 100:g} %"
        if isinstance(value, str) and not value.strip():
            return None
        return value
    return str(value)


def read_xlsx(path: Path) -> list[Sheet]:
    """Every sheet of a workbook, hidden ones marked; merged cells that span rows carry the
    top-left value into every row they cover."""
    read_bytes(path)
    _check_zip(path)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise _refuse(
            path,
            f"cannot read the workbook ({type(exc).__name__}: {exc})",
            "save it again as .xlsx from Excel",
        ) from None
    sheets = []
    for ws in wb.worksheets:
        _check_shape(path, ws.title, ws.max_row, ws.max_column)
        rows = [[_value(c) for c in row] for row in ws.iter_rows()]
        for merged in ws.merged_cells.ranges:
            if merged.min_row == merged.max_row:
                continue
            top = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row + 1, merged.max_row + 1):
                rows[r - 1][merged.min_col - 1] = top
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        sheets.append(Sheet(ws.title, rows, hidden=ws.sheet_state != "visible"))
    return sheets
