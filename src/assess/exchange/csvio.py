"""Questionnaires as csv: the German Excel dialect by default (UTF-8 with BOM, semicolons,
dd.mm.yyyy), RFC 4180 on request; reading sniffs the encoding and the delimiter."""

from __future__ import annotations

import csv
import io
from typing import Literal

from assess.exchange.columns import COLUMNS, neutralise
from assess.exchange.questionnaire import Questionnaire

Dialect = Literal["excel-de", "rfc4180"]
DIALECTS: tuple[Dialect, ...] = ("excel-de", "rfc4180")


def questionnaire_csv(q: Questionnaire, dialect: Dialect = "excel-de") -> bytes:
    """The questions sheet as csv, the same columns as the xlsx export."""
    german = dialect == "excel-de"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if german else ",", lineterminator="\r\n")
    writer.writerow([c.header(q.lang) for c in COLUMNS])
    for row in q.rows:
        values = row.cells()
        line = []
        for column in COLUMNS:
            value = values[column.key]
            if value is None:
                line.append("")
            elif isinstance(value, str):
                line.append(neutralise(value))
            else:
                line.append(value.strftime("%d.%m.%Y") if german else value.isoformat())
        writer.writerow(line)
    text = out.getvalue()
    return text.encode("utf-8-sig" if german else "utf-8")


def decode(data: bytes) -> tuple[str, str]:
    """The text of a csv file and the encoding it was read with: a BOM decides (UTF-8, UTF-16);
    else UTF-16 without BOM when every other byte is zero; else UTF-8, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    head = data[:200]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return data.decode("utf-16-le"), "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return data.decode("utf-16-be"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: what splits the first lines into the most equal, widest rows."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, best_score = ";", -1
    for delimiter in (";", ",", "\t"):
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines]
        if not counts:
            continue
        widest = max(counts)
        score = sum(1 for c in counts if c == widest) * (widest - 1)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def parse(text: str) -> list[list[str]]:
    """The rows of a csv text, with its delimiter sniffed."""
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text))]
