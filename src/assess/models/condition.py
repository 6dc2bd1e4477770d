"""Declarative conditions on the company profile: field comparisons combined with all/any/not.

Conditions are data. They are checked against the profile schema when a catalog is loaded and
evaluated by plain comparisons; nothing is ever eval'd.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from assess.models.base import Number, StrictModel

OPERATORS = ("eq", "ne", "in", "gte", "gt", "lte", "lt")
#: all/any/not nested deeper than this is refused: real conditions need two or three levels.
MAX_CONDITION_DEPTH = 20


class Condition(StrictModel):
    """Either one field comparison, or all / any / not of nested conditions.

    Examples (YAML): ``{field: employees, gte: 50}``, ``{field: chamber, eq: hwk}``,
    ``{any: [{field: website, eq: true}, {field: online_shop, eq: true}]}``.
    """

    field: str | None = None
    eq: Any = None
    ne: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    gte: Number | None = None
    gt: Number | None = None
    lte: Number | None = None
    lt: Number | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    def operator(self) -> tuple[str, Any] | None:
        """The one comparison operator of a field condition and its operand."""
        for name in OPERATORS:
            value = self._operand(name)
            if value is not None:
                return name, value
        return None

    def _operand(self, name: str) -> Any:
        return getattr(self, "in_" if name == "in" else name)

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        combinators = [
            name
            for name, value in (("all", self.all), ("any", self.any), ("not", self.not_))
            if value is not None
        ]
        ops = [name for name in OPERATORS if self._operand(name) is not None]
        if self.field is not None:
            if combinators:
                raise ValueError("a condition has either 'field' or one of all/any/not, not both")
            if len(ops) != 1:
                raise ValueError(
                    f"a field condition needs exactly one operator of {', '.join(OPERATORS)}"
                    f" (found {len(ops) or 'none'})"
                )
        else:
            if ops:
                raise ValueError(f"operator {ops[0]!r} needs a 'field'")
            if len(combinators) != 1:
                raise ValueError("a condition needs 'field' or exactly one of all/any/not")
            for name in ("all", "any"):
                items = getattr(self, name)
                if items is not None and not items:
                    raise ValueError(f"'{name}' needs at least one condition")
            if self.depth() > MAX_CONDITION_DEPTH:
                raise ValueError(
                    f"the condition nests all/any/not more than {MAX_CONDITION_DEPTH} levels "
                    "deep; simplify it"
                )
        return self

    def depth(self) -> int:
        """Levels of all/any/not (1 for a field comparison); the nested parts are checked."""
        nested = [*(self.all or []), *(self.any or []), *([self.not_] if self.not_ else [])]
        return 1 + max((c.depth() for c in nested), default=0)

    def fields(self) -> list[str]:
        """Every profile field this condition reads."""
        if self.field is not None:
            return [self.field]
        nested = [*(self.all or []), *(self.any or []), *([self.not_] if self.not_ else [])]
        return [f for c in nested for f in c.fields()]


def holds(condition: Condition, values: dict[str, Any]) -> bool:
    """Whether ``condition`` holds for the profile ``values`` (a field name -> value mapping).

    A comparison with a missing value (``None``) is false, so an unknown turnover never
    satisfies a threshold.
    """
    if condition.all is not None:
        return all(holds(c, values) for c in condition.all)
    if condition.any is not None:
        return any(holds(c, values) for c in condition.any)
    if condition.not_ is not None:
        return not holds(condition.not_, values)
    assert condition.field is not None
    op = condition.operator()
    assert op is not None
    name, operand = op
    value = values.get(condition.field)
    if name == "eq":
        return bool(value == operand)
    if name == "ne":
        return bool(value != operand)
    if name == "in":
        return value in operand
    if value is None:
        return False
    if name == "gte":
        return bool(value >= operand)
    if name == "gt":
        return bool(value > operand)
    if name == "lte":
        return bool(value <= operand)
    return bool(value < operand)
