"""An overlay: a company's or consultant's local additions to one catalog edition.

It adds controls with ids of their own (prefix ``X-``) and changes a control's weight or
applicability, each with a reason. Evaluations with an overlay say so and list what it changed.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from assess.models.base import NonEmpty, StrictModel, Text
from assess.models.catalog import Control, Slug
from assess.models.condition import Condition

XControlId = Annotated[str, StringConstraints(pattern=r"^X-[A-Z0-9]+(?:-[A-Z0-9]+)*$")]


class AddedControl(Control):
    id: XControlId = Field(description="An own id with the prefix X-, e.g. X-01.")
    reason: Text = Field(description="Why the control is added.")


class ControlChange(StrictModel):
    control: NonEmpty = Field(description="The id of the catalog's control.")
    weight_factor: float | None = Field(
        default=None, gt=0, le=5, description="Multiplies the control's weight."
    )
    applies: bool | None = Field(
        default=None, description="false: the control does not apply to this company."
    )
    applies_if: Condition | None = Field(
        default=None, description="Replaces the control's applicability condition."
    )
    reason: Text = Field(description="Why the change is made.")

    @model_validator(mode="after")
    def _one_change(self) -> ControlChange:
        given = [
            n for n in ("weight_factor", "applies", "applies_if") if getattr(self, n) is not None
        ]
        if not given:
            raise ValueError("a change needs weight_factor, applies or applies_if")
        if self.applies is not None and self.applies_if is not None:
            raise ValueError("give either 'applies' or 'applies_if', not both")
        if self.applies is True:
            raise ValueError("'applies: true' changes nothing; use applies_if to widen a condition")
        return self


class Overlay(StrictModel):
    schema_version: Literal[1]
    id: Slug
    catalog: NonEmpty = Field(description="The catalog edition it applies to, as ID@VERSION.")
    author: NonEmpty = Field(description="Who made it (company or consultant).")
    title: Text
    add: list[AddedControl] = Field(default_factory=list)
    change: list[ControlChange] = Field(default_factory=list)
