"""The columns of an exported questionnaire, and formula neutralisation for cell text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assess.models.base import Lang

FORMAT = "assess.questionnaire/1"
REVIEW_FORMAT = "assess.review/1"
META_SHEET = "_assess"

# A cell whose text starts with one of these may be run as a formula by a spreadsheet
# (OWASP "CSV injection"); tab and CR can hide such a start.
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    de: str
    en: str
    width: int
    editable: bool = False

    def header(self, lang: Lang) -> str:
        return self.de if lang == "de" else self.en


COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", "ID", 9),
    Column("phase", "Phase", "Phase", 14),
    Column("title", "Maßnahme", "Control", 30),
    Column("question", "Frage", "Question", 55),
    Column("guidance", "Hinweise", "Guidance", 55),
    Column("criticality", "Kritikalität", "Criticality", 12),
    Column("mandatory", "Pflicht", "Mandatory", 9),
    Column("status", "Status", "Status", 24, editable=True),
    Column("justification", "Begründung (bei entbehrlich)", "Justification (if n/a)", 30, True),
    Column("note", "Notiz", "Note", 30, editable=True),
    Column("evidence", "Nachweis", "Evidence", 25, editable=True),
    Column("owner", "Verantwortlich", "Owner", 18, editable=True),
    Column("due", "Termin", "Due date", 12, editable=True),
    Column("origin", "Herkunft", "Origin", 22),
)
KEYS = tuple(c.key for c in COLUMNS)


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text: a leading ``'`` before a formula start.

    A text that already starts with ``'`` and a formula start gets a second ``'``, so that
    :func:`restore` gives back exactly the original.
    """
    if text.lstrip("'").startswith(_DANGEROUS):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The inverse of :func:`neutralise` for text read back from our own csv."""
    if text.startswith("'") and text.lstrip("'").startswith(_DANGEROUS):
        return text[1:]
    return text


def is_dangerous(text: str) -> bool:
    return text.startswith(_DANGEROUS)


#: Characters a worksheet cannot hold (XML 1.0 forbids them); OOXML writes them as _xHHHH_.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPED = re.compile("_(x[0-9A-Fa-f]{4}_)")
_OOXML = re.compile("_x([0-9A-Fa-f]{4})_")


def to_sheet(text: str) -> str:
    """Text as a worksheet cell holds it: control characters as OOXML's ``_xHHHH_`` escapes
    (as Excel writes them), a literal ``_xHHHH_`` guarded by ``_x005F_``. :func:`from_sheet`
    gives back exactly the original."""
    guarded = _ESCAPED.sub(r"_x005F_\1", text)
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m[0]):04X}_", guarded)


def from_sheet(text: str) -> str:
    """The inverse of :func:`to_sheet` (also decodes Excel's own escapes)."""
    return _OOXML.sub(lambda m: chr(int(m[1], 16)), text)
