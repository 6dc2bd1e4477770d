"""An assessment: the company's answers to the catalog's controls."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, field_validator

from assess.models.base import NonEmpty, StrictModel, quoted_version

PIN_PATTERN = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)@(?P<version>[^@\s]+)$")


class CatalogPin(StrictModel):
    id: NonEmpty
    version: NonEmpty

    _check_version = field_validator("version", mode="before")(quoted_version)

    def __str__(self) -> str:
        return f"{self.id}@{self.version}"

    @classmethod
    def parse(cls, text: str) -> CatalogPin:
        match = PIN_PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a catalog pin; write it as ID@VERSION")
        return cls(id=match["id"], version=match["version"])


class AnswerSource(StrictModel):
    """Where an imported answer came from: the file, its sheet (none for csv) and the row."""

    file: NonEmpty
    sheet: str | None = None
    row: int = Field(ge=1)

    def describe(self, lang: str = "de") -> str:
        """``fragebogen.xlsx, Blatt Fragen, Zeile 12`` / ``…, sheet Fragen, row 12``."""
        sheet, row = ("Blatt", "Zeile") if lang == "de" else ("sheet", "row")
        parts = [self.file, *([f"{sheet} {self.sheet}"] if self.sheet else []), f"{row} {self.row}"]
        return ", ".join(parts)


class Answer(StrictModel):
    """The answer to one control. ``status`` is checked against the catalog's scale."""

    status: NonEmpty
    note: str | None = None
    evidence: str | None = None
    owner: str | None = None
    due: dt.date | None = None
    updated: dt.date | None = None
    justification: str | None = Field(
        default=None, description="Why the control does not apply (required for n/a)."
    )
    reviewed: bool | None = Field(
        default=None,
        description="false: carried over from an earlier assessment and not yet confirmed.",
    )
    source: AnswerSource | None = Field(
        default=None, description="Where an imported answer came from (questionnaire import)."
    )
    review: str | None = Field(
        default=None,
        description="Set by 'assess answers migrate' with 'reviewed: false': why the answer must "
        "be checked again for the new edition.",
    )


class Assessment(StrictModel):
    """One assessment file. Short form per control: ``VOR-01: partial``."""

    catalog: CatalogPin
    profile: str | None = Field(
        default=None,
        description="Path to the profile (relative to this file) or a bundled profile name.",
    )
    date: dt.date
    assessor: NonEmpty
    answers: dict[str, Answer] = Field(default={})
    retired: dict[str, Answer] = Field(
        default={},
        description="Set by 'assess answers migrate': answers to controls the new edition no "
        "longer has, kept for the record; they are not evaluated.",
    )

    # The input schema (for editors) admits the short forms the validators expand.
    @field_validator("catalog", mode="before", json_schema_input_type=CatalogPin | str)
    @classmethod
    def _pin_string(cls, value: Any) -> Any:
        return CatalogPin.parse(value) if isinstance(value, str) else value

    @field_validator("answers", mode="before", json_schema_input_type=dict[str, Answer | str])
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        expanded = {}
        for key, entry in value.items():
            if isinstance(entry, bool):
                raise ValueError(
                    f"{key}: YAML reads yes/no/on/off as true/false; write the status as text, "
                    "e.g. 'fulfilled' or 'ja' in quotes"
                )
            expanded[str(key)] = {"status": entry} if isinstance(entry, str) else entry
        return expanded
