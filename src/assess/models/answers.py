"""An assessment: the company's answers to the catalog's controls."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from assess.models.base import Free, Int, NonEmpty, StrictModel, quoted_version

#: Free text of one assessment together (notes, evidence, owners, justifications): a report of
#: any accepted file renders in seconds (60 notes of 10,000 characters took the PDF 50 s).
MAX_TOTAL_TEXT = 100_000

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
    row: Int = Field(ge=1)

    def describe(self, lang: str = "de") -> str:
        """``fragebogen.xlsx, Blatt Fragen, Zeile 12`` / ``…, sheet Fragen, row 12``."""
        sheet, row = ("Blatt", "Zeile") if lang == "de" else ("sheet", "row")
        parts = [self.file, *([f"{sheet} {self.sheet}"] if self.sheet else []), f"{row} {self.row}"]
        return ", ".join(parts)


class Answer(StrictModel):
    """The answer to one control. ``status`` is checked against the catalog's scale."""

    status: NonEmpty
    note: Free | None = None
    evidence: Free | None = None
    owner: Free | None = None
    due: dt.date | None = None
    updated: dt.date | None = None
    justification: Free | None = Field(
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

    @model_validator(mode="after")
    def _bounded_text(self) -> Assessment:
        total = 0
        for answer in self.answers.values():
            for text in (answer.note, answer.evidence, answer.owner, answer.justification):
                if text:
                    total += len(text)
        if total > MAX_TOTAL_TEXT:
            sizes = {
                key: sum(
                    len(text or "")
                    for text in (answer.note, answer.evidence, answer.owner, answer.justification)
                )
                for key, answer in self.answers.items()
            }
            longest = max(sizes, key=lambda key: sizes[key])
            raise ValueError(
                f"the notes, evidence, owners and justifications together are {total} characters, "
                f"more than the limit of {MAX_TOTAL_TEXT}; shorten them ({longest} has the most, "
                f"{sizes[longest]}) and keep long documents in files of their own"
            )
        return self
