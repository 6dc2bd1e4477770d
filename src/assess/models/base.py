"""The one base model: strict at the boundary, a misspelt key is an error."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("de", "en")

#: The longest text any field takes: every accepted input renders in bounded time and memory
#: (a megabyte note would take the PDF minutes).
MAX_TEXT = 10_000

NonEmpty = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)
]


def _number(value: Any) -> Any:
    """Before-validator: a number is a number; YAML's true/false or quoted text is not one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number, e.g. 8 (not true/false, text or a list)")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number, not .nan or .inf")
    return value


def _bounded(value: str) -> str:
    if len(value) > MAX_TEXT:
        raise ValueError(
            f"is {len(value)} characters long, more than the limit of {MAX_TEXT}; "
            "shorten it and keep long documents in a file of their own (name it here)"
        )
    return value


Int = Annotated[int, BeforeValidator(_number)]
Number = Annotated[float, BeforeValidator(_number)]
#: Free text of the user (notes, names, evidence): bounded in length.
Free = Annotated[str, AfterValidator(_bounded)]


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
