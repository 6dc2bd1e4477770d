"""The ``--mapping`` file for a foreign questionnaire: where the table is, which column holds
what, extra status words, and fixed assignments of rows to controls."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from assess.models.base import StrictModel
from assess.models.catalog import ControlId, StatusId


class Columns(StrictModel):
    """A column by its letter (``C``) or by its header text (``Antwort``)."""

    question: str | None = None
    answer: str | None = None
    comment: str | None = None
    evidence: str | None = None
    owner: str | None = None
    due: str | None = None
    justification: str | None = None
    id: str | None = Field(default=None, description="The questionnaire's own numbering.")


class Mapping(StrictModel):
    """Example::

    sheet: Fragebogen
    header_row: 4
    columns: {question: B, answer: Antwort, comment: E}
    vocabulary: {in Umsetzung: partial, geplant: not}
    rows:
      12: VOR-28            # this row answers VOR-28, whatever the matcher says
      15: [VOR-24, VOR-25]  # a bundled question answers both
      20: null              # not covered by the catalog
    threshold: 0.5
    """

    sheet: str | None = None
    header_row: int | None = Field(default=None, ge=1)
    columns: Columns = Field(default_factory=Columns)
    vocabulary: dict[str, StatusId] = Field(default_factory=dict)
    rows: dict[int, ControlId | list[ControlId] | None] = Field(default_factory=dict)
    threshold: float | None = Field(default=None, gt=0, le=1)


def load_mapping(path: Path) -> Mapping:
    """A mapping file, safely parsed and validated (every problem with its line)."""
    from assess.load import load_yaml_file
    from assess.validate import Locator, parse_model

    data, text = load_yaml_file(path)
    return parse_model(Mapping, data if data is not None else {}, Locator(str(path), text, data))
