"""The one base model: strict at the boundary, a misspelt key is an error."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("de", "en")

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Text(StrictModel):
    """A text in German and English; both are required."""

    de: NonEmpty
    en: NonEmpty

    def get(self, lang: Lang) -> str:
        return self.de if lang == "de" else self.en


def quoted_version(value: object) -> object:
    """Before-validator for versions: YAML reads 2021.05 as a float and 2021.10 as 2021.1."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        raise ValueError(f"write the version as a quoted string, e.g. '{value}'")
    return value
