"""Validation of input files: schema errors and cross-references, all reported at once."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache, cached_property
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from assess.errors import InputError, Problem
from assess.load import compose
from assess.models.answers import Assessment
from assess.models.catalog import STATUS_IDS, Catalog, Control
from assess.models.condition import Condition
from assess.models.profile import CONDITION_FIELDS
from assess.models.support import SupportDirectory

M = TypeVar("M", bound=BaseModel)

_NUMERIC = {int, float, int | None, float | None}


class Locator:
    """Turns a location inside a parsed file into a ``Problem`` with line and context."""

    def __init__(self, source: str, text: str | None, data: Any) -> None:
        self.source = source
        self.text = text
        self.data = data

    @cached_property
    def _lines(self) -> dict[tuple[str | int, ...], int]:
        # Composed and indexed once, and only when there is a problem to place: every error is
        # then a lookup (re-scanning per error made 20,000 errors take minutes).
        root = compose(self.text) if self.text is not None else None
        return index_lines(root)

    def line(self, loc: Sequence[str | int]) -> int | None:
        """The line of the node at ``loc``, or of its nearest parent; None without a text."""
        key = tuple(p if isinstance(p, int) else str(p) for p in loc)
        for end in range(len(key), -1, -1):
            line = self._lines.get(key[:end])
            if line is not None:
                return line
        return None

    def problem(self, loc: Sequence[str | int], message: str, fix: str | None = None) -> Problem:
        return Problem(self.source, message, line=self.line(loc), where=self._where(loc), fix=fix)

    def _where(self, loc: Sequence[str | int]) -> str:
        # Name the control by its id rather than by its position in the list.
        parts = [str(p) for p in loc]
        if len(loc) >= 2 and loc[0] == "controls" and isinstance(loc[1], int):
            try:
                control_id = self.data["controls"][loc[1]]["id"]
            except (KeyError, IndexError, TypeError):
                control_id = None
            if isinstance(control_id, str):
                parts = [f"control {control_id}", *parts[2:]]
        if len(parts) > 8:  # a deep condition: the start and the end say where
            parts = [*parts[:4], "…", *parts[-3:]]
        return ".".join(parts) if parts else "(top level)"


def index_lines(root: yaml.Node | None) -> dict[tuple[str | int, ...], int]:
    """Line (1-based) of every node below ``root`` by its path of keys and indexes, in one pass.

    A map entry is placed at its key's line, a list item at its own; a repeated key keeps its
    first place (as ``locate`` did).
    """
    if root is None:
        return {}
    lines: dict[tuple[str | int, ...], int] = {(): root.start_mark.line + 1}
    stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, str(key_node.value))
                if child not in lines:
                    lines[child] = key_node.start_mark.line + 1
                    stack.append((child, value_node))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                child = (*path, i)
                lines[child] = item.start_mark.line + 1
                stack.append((child, item))
    return lines


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt name, or None."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else None


def _fields_of(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The keys allowed where ``loc`` points (best effort, for hints on misspelt keys)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        else:  # inside a list or dict: the part is an index or key, step into the item type
            args = get_args(current)
            current = args[-1] if args else None
        current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Union down to the model or container inside, if there is one."""
    if get_origin(annotation) in (Union, UnionType):
        for arg in get_args(annotation):
            if get_origin(arg) in (list, dict) or (
                isinstance(arg, type) and issubclass(arg, BaseModel)
            ):
                return arg
    return annotation


def flatten(exc: ValidationError, model: type[BaseModel], where: Locator) -> list[Problem]:
    """One problem per pydantic error, with line, control id and a fix where we know one."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        # Drop pydantic's union branch names ("function-after[...]", "str") from the location.
        loc = tuple(p for p in loc if isinstance(p, int) or "[" not in p)
        kind = error["type"]
        message = error["msg"].removeprefix("Value error, ")
        fix = None
        last = loc[-1] if loc else ""
        if kind == "missing" and last in ("de", "en"):
            message = f"missing translation ({last})"
            fix = f"add the {'German' if last == 'de' else 'English'} text"
        elif kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
            message = f"{last!r} is empty"
            fix = f"fill in {last!r}"
        elif kind == "missing":
            message = f"required field {last!r} is missing"
            fix = f"add {last!r}"
        elif kind == "extra_forbidden":
            message = f"unknown field {last!r}"
            fix = suggest(str(last), _fields_of(model, loc)) or "remove it or check the spelling"
        else:
            message, fix = _plain(kind, loc, error.get("input"), message, fix)
        problems.append(where.problem(loc, message, fix))
    return problems


_PINNED = "catalog"


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"{type(value).__name__}"


def _plain(
    kind: str, loc: Sequence[str | int], value: Any, message: str, fix: str | None
) -> tuple[str, str | None]:
    """pydantic's wording (\"valid dictionary or instance of Answer\") in the user's words."""
    name = str(loc[-1]) if loc else ""
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if not loc:
            if value is None:
                return "the file is empty", "fill it in (see 'assess schema' or the examples)"
            return (
                f"the file holds {_describe(value)}, not a map of fields",
                "write one 'field: value' per line, as in the examples",
            )
        if loc[-1] == _PINNED or (len(loc) == 1 and loc[0] == _PINNED):
            return (
                f"the catalog is given as {_describe(value)}",
                "write it as ID@VERSION, e.g. acs-it-notfall@2021.05",
            )
        if len(loc) >= 2 and loc[0] == "answers":
            return (
                f"the answer is {_describe(value)}",
                "write a status (e.g. 'partial') or a map with 'status:'",
            )
        return f"{name!r} is {_describe(value)}, not a map", "write 'key: value' lines below it"
    if kind.startswith(("date", "datetime")):
        return (
            f"{name!r} is not a date ({_describe(value) if not isinstance(value, str) else value})",
            "write the date as YYYY-MM-DD, e.g. 2026-03-31",
        )
    if kind in ("string_type", "str_type"):
        return f"{name!r} must be text, not {_describe(value)}", "write it as text (in quotes)"
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else 0
        return (
            f"{name!r} is {length} characters long, more than the limit of 10000",
            "shorten it and keep long documents in a file of their own (name it here)",
        )
    if kind == "value_error" and message.startswith("is ") and name:
        return f"{name!r} {message}", fix
    if kind in ("list_type", "tuple_type"):
        return f"{name!r} must be a list, not {_describe(value)}", "write '- item' lines below it"
    if kind in ("bool_type", "bool_parsing"):
        return f"{name!r} must be true or false", "write true or false"
    return message, fix


def parse_model(model: type[M], data: Any, where: Locator) -> M:
    """Validate raw data against ``model``; raise ``InputError`` with every problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(flatten(exc, model, where)) from None


def check_catalog(catalog: Catalog, where: Locator) -> list[Problem]:
    """Cross-reference checks the schema cannot express."""
    problems: list[Problem] = []
    add = problems.append

    for name, items, key in (
        ("phase", catalog.phases, lambda x: x.id),
        ("stage", catalog.stages, lambda x: x.level),
        ("status", catalog.scale, lambda x: x.id),
        ("criticality", catalog.criticality, lambda x: x.id),
        ("role", catalog.roles, lambda x: x.id),
        ("support tag", catalog.support_tags, lambda x: x.id),
        ("framework", catalog.frameworks, lambda x: x.id),
    ):
        problems += _duplicates(name, items, key, where)

    for name, items in (("phases", catalog.phases), ("stages", catalog.stages)):
        if not items:
            add(
                where.problem(
                    [name],
                    f"the catalog defines no {name}",
                    f"list them under '{name}:' (see the bundled catalog)",
                )
            )
            return problems  # every control would repeat it
    levels = sorted(s.level for s in catalog.stages)
    if levels != list(range(len(levels))):
        add(where.problem(["stages"], f"stage levels {levels} must run 0, 1, 2, … without gaps"))
    missing = sorted(set(STATUS_IDS) - {s.id for s in catalog.scale})
    if missing:
        add(where.problem(["scale"], f"the scale lacks {', '.join(missing)}", "add the entries"))
    for i, entry in enumerate(catalog.scale):
        if (entry.id == "na") != (entry.value is None):
            add(
                where.problem(
                    ["scale", i, "value"],
                    "only 'na' has no value (null); every other status needs points",
                )
            )
    if {c.id for c in catalog.criticality} != {"top", "high", "normal"}:
        add(where.problem(["criticality"], "criticality must define top, high and normal"))
    for i, entry in enumerate(catalog.scale):
        for alias in entry.aliases:
            if alias.casefold() in {s.id for s in catalog.scale}:
                add(where.problem(["scale", i, "aliases"], f"alias {alias!r} is a status id"))
    alias_counts = Counter(a.casefold() for s in catalog.scale for a in s.aliases)
    for alias, count in sorted(alias_counts.items()):
        if count > 1:
            add(where.problem(["scale"], f"alias {alias!r} is given to {count} statuses"))

    ids = [c.id for c in catalog.controls]
    for control_id, count in sorted(Counter(ids).items()):
        if count > 1:
            index = len(ids) - 1 - ids[::-1].index(control_id)
            add(where.problem(["controls", index, "id"], f"duplicate control id {control_id}"))

    phases = {p.id: p for p in catalog.phases}
    stages = {s.level for s in catalog.stages}
    tags = {t.id for t in catalog.support_tags}
    roles = {r.id for r in catalog.roles}
    frameworks = {f.id for f in catalog.frameworks}
    by_id = catalog.controls_by_id
    for i, control in enumerate(catalog.controls):
        at: Callable[..., list[str | int]] = lambda *rest, i=i: ["controls", i, *rest]  # noqa: E731
        phase = phases.get(control.phase)
        if phase is None:
            add(
                where.problem(
                    at("phase"),
                    f"unknown phase {control.phase!r}",
                    suggest(control.phase, phases) or f"use one of {', '.join(phases)}",
                )
            )
        elif not control.id.startswith(phase.prefix + "-"):
            add(where.problem(at("id"), f"ids in phase {phase.id!r} start with {phase.prefix}-"))
        if control.stage not in stages:
            add(
                where.problem(
                    at("stage"),
                    f"unknown stage {control.stage}",
                    f"use one of {sorted(stages)}",
                )
            )
        for j, tag in enumerate(control.support):
            if tag not in tags:
                add(
                    where.problem(
                        at("support", j),
                        f"unknown support tag {tag!r}",
                        suggest(tag, tags) or "declare it in support_tags",
                    )
                )
        if control.owner_role not in roles:
            add(
                where.problem(
                    at("owner_role"),
                    f"unknown role {control.owner_role!r}",
                    suggest(control.owner_role, roles) or "declare it in roles",
                )
            )
        for j, ref in enumerate(control.refs):
            if ref.framework not in frameworks:
                add(
                    where.problem(
                        at("refs", j, "framework"),
                        f"unknown framework {ref.framework!r}",
                        "declare it in frameworks",
                    )
                )
        for j, dep in enumerate(control.depends_on):
            target = by_id.get(dep)
            if target is None:
                add(
                    where.problem(
                        at("depends_on", j),
                        f"depends on {dep}, which does not exist",
                        suggest(dep, by_id) or "correct or remove the dependency",
                    )
                )
            elif target.stage > control.stage:
                add(
                    where.problem(
                        at("depends_on", j),
                        f"depends on {dep} of stage {target.stage}, above its own stage "
                        f"{control.stage}",
                        "a control may only depend on controls of its stage or below",
                    )
                )
        if control.mandatory and control.applies_if is not None:
            add(
                where.problem(
                    at("applies_if"),
                    "a mandatory control cannot have a condition",
                    "drop 'mandatory' or 'applies_if'",
                )
            )
        if control.applies_if is not None:
            problems += check_condition(control.applies_if, at("applies_if"), where)
        for j, modifier in enumerate(control.weight_modifiers):
            problems += check_condition(modifier.when, at("weight_modifiers", j, "when"), where)

    problems += _check_changes(catalog, where)
    for cycle in _cycles(catalog.controls):
        index = ids.index(cycle[0])
        add(
            where.problem(
                ["controls", index, "depends_on"],
                "dependency cycle: " + " → ".join([*cycle, cycle[0]]),
                "remove one of the dependencies",
            )
        )
    return problems


def _check_changes(catalog: Catalog, where: Locator) -> list[Problem]:
    """The change log names real controls, and a retired id is never used again."""
    problems: list[Problem] = []
    add = problems.append
    current = catalog.controls_by_id
    retired = catalog.retired
    numbers = [r.revision for r in catalog.changes]
    for number, count in sorted(Counter(numbers).items()):
        if count > 1:
            add(where.problem(["changes"], f"revision {number} is logged {count} times"))
    if catalog.revision > 1 and catalog.revision not in numbers:
        add(
            where.problem(
                ["revision"],
                f"revision {catalog.revision} has no entry in the change log",
                "log what changed and why under 'changes', or set the revision back",
            )
        )
    for i, revision in enumerate(catalog.changes):
        if revision.revision > catalog.revision:
            add(
                where.problem(
                    ["changes", i, "revision"],
                    f"revision {revision.revision} is newer than the catalog's revision "
                    f"{catalog.revision}",
                    f"set 'revision: {revision.revision}' at the top of the catalog",
                )
            )
        for j, change in enumerate(revision.changes):
            at: list[str | int] = ["changes", i, "changes", j]
            cid = change.control
            if change.kind == "catalog":
                if cid is not None:
                    add(where.problem([*at, "control"], "a 'catalog' change names no control"))
                continue
            if cid is None:
                add(
                    where.problem(
                        [*at, "control"], f"a '{change.kind}' change must name its control"
                    )
                )
            elif change.kind == "retired" and cid in current:
                add(
                    where.problem(
                        [*at, "control"],
                        f"{cid} is retired but still a control of the catalog",
                        "a retired id is never used again: give the control a new id",
                    )
                )
            elif change.kind != "retired" and cid not in current and cid not in retired:
                add(
                    where.problem(
                        [*at, "control"],
                        f"the change log names {cid}, which is no control of the catalog",
                        suggest(cid, current) or "correct the id",
                    )
                )
            for k, new in enumerate(change.replaced_by):
                if change.kind != "retired":
                    add(where.problem([*at, "replaced_by"], "only a retired control is replaced"))
                    break
                if new not in current:
                    add(
                        where.problem(
                            [*at, "replaced_by", k],
                            f"{cid} is replaced by {new}, which is no control of the catalog",
                            suggest(new, current) or "correct the id",
                        )
                    )
    return problems


def check_directory(directory: SupportDirectory, where: Locator) -> list[Problem]:
    """Unique ids, sound conditions, and duties whose recipients some entry serves."""
    problems = _duplicates("entry", directory.entries, lambda e: e.id, where)
    problems += _duplicates("duty", directory.duties, lambda d: d.id, where)
    tags = {tag for e in directory.entries for tag in e.tags}
    conditions = [("entries", i, e.applies_if) for i, e in enumerate(directory.entries)]
    conditions += [("duties", i, d.applies_if) for i, d in enumerate(directory.duties)]
    for section, i, condition in conditions:
        if condition is not None:
            problems += check_condition(condition, [section, i, "applies_if"], where)
    for i, duty in enumerate(directory.duties):
        for k, caveat in enumerate(duty.caveats):
            problems += check_condition(caveat.when, ["duties", i, "caveats", k, "when"], where)
        for k, tag in enumerate(duty.contact_tags):
            if tag not in tags:
                problems.append(
                    where.problem(
                        ["duties", i, "contact_tags", k],
                        f"no entry serves the tag {tag!r}",
                        suggest(tag, tags) or "tag an entry with it or remove it",
                    )
                )
    known = {e.id for e in directory.entries} | {d.id for d in directory.duties}
    for i, revision in enumerate(directory.changes):
        for j, change in enumerate(revision.changes):
            if change.entry is not None and change.kind != "removed" and change.entry not in known:
                problems.append(
                    where.problem(
                        ["changes", i, "changes", j, "entry"],
                        f"the change log names {change.entry}, which is no entry or duty",
                        suggest(change.entry, known) or "correct the id",
                    )
                )
    return problems


def _duplicates(
    name: str, items: Sequence[Any], key: Callable[[Any], Any], where: Locator
) -> list[Problem]:
    counts = Counter(key(item) for item in items)
    section = {
        "phase": "phases",
        "stage": "stages",
        "status": "scale",
        "role": "roles",
        "support tag": "support_tags",
        "framework": "frameworks",
        "entry": "entries",
        "duty": "duties",
    }.get(name, name)
    return [
        where.problem([section], f"duplicate {name} {value!r}")
        for value, count in counts.items()
        if count > 1
    ]


def _cycles(controls: Sequence[Control]) -> list[list[str]]:
    """Each dependency cycle once, starting at its first control in catalog order."""
    graph = {c.id: list(c.depends_on) for c in controls}
    order = {c.id: i for i, c in enumerate(controls)}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def visit(start: str) -> None:
        # Depth first without recursion: a chain of 1,500 dependencies must not hit the stack.
        path: list[str] = [start]
        state[start] = 1
        stack = [iter(graph[start])]
        while stack:
            for nxt in stack[-1]:
                if nxt not in graph:
                    continue
                if state.get(nxt) == 1:
                    cycle = path[path.index(nxt) :]
                    members = frozenset(cycle)
                    if members not in seen:
                        seen.add(members)
                        first = min(range(len(cycle)), key=lambda k: order[cycle[k]])
                        found.append(cycle[first:] + cycle[:first])
                elif state.get(nxt) is None:
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append(iter(graph[nxt]))
                    break
            else:
                stack.pop()
                state[path.pop()] = 2

    for control in controls:
        if control.id not in state:
            visit(control.id)
    return found


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def check_condition(condition: Condition, loc: list[str | int], where: Locator) -> list[Problem]:
    """Every field a condition reads exists in the profile and its operand fits the field's type."""
    if condition.field is None:
        nested: list[tuple[list[str | int], Condition]] = []
        for name in ("all", "any"):
            nested += [([name, k], c) for k, c in enumerate(getattr(condition, name) or [])]
        if condition.not_ is not None:
            nested.append((["not"], condition.not_))
        return [p for sub, child in nested for p in check_condition(child, [*loc, *sub], where)]
    if condition.field not in CONDITION_FIELDS:
        return [
            where.problem(
                [*loc, "field"],
                f"the profile has no field {condition.field!r}",
                suggest(condition.field, CONDITION_FIELDS)
                or f"use one of {', '.join(CONDITION_FIELDS)}",
            )
        ]
    annotation = CONDITION_FIELDS[condition.field]
    op = condition.operator()
    assert op is not None
    name, operand = op
    if name in ("gte", "gt", "lte", "lt"):
        if annotation not in _NUMERIC:
            return [
                where.problem(
                    [*loc, name],
                    f"{name} needs a numeric field; {condition.field!r} is not a number",
                )
            ]
        return []
    values = operand if name == "in" else [operand]
    problems = []
    for value in values:
        try:
            _adapter(annotation).validate_python(value)
        except ValidationError as exc:
            reason = exc.errors(include_url=False)[0]["msg"]
            problems.append(
                where.problem(
                    [*loc, name],
                    f"{value!r} is not a possible value of {condition.field!r}: {reason}",
                )
            )
    return problems


def check_answers(assessment: Assessment, catalog: Catalog, where: Locator) -> list[Problem]:
    """Answers refer to known controls, use the catalog's scale and justify 'not applicable'."""
    problems: list[Problem] = []
    controls = catalog.controls_by_id
    statuses = [s.id for s in catalog.scale] + [a for s in catalog.scale for a in s.aliases]
    for control_id, answer in assessment.answers.items():
        at = ["answers", control_id]
        control = controls.get(control_id)
        # An answer to a retired control stands in for its successors (see evaluate).
        if control is None and control_id not in catalog.retired:
            problems.append(
                where.problem(
                    at,
                    f"no control {control_id} in {catalog.pin}",
                    # hints only where they are listed (the first 50): difflib is slow
                    (suggest(control_id, controls) if len(problems) < 50 else None)
                    or "check the id with 'assess catalog show'",
                )
            )
            continue
        status = catalog.resolve_status(answer.status)
        if status is None:
            problems.append(
                where.problem(
                    [*at, "status"],
                    f"unknown status {answer.status!r} for {control_id}",
                    suggest(answer.status, statuses)
                    or "use fulfilled, largely, partial, not, na or unknown",
                )
            )
        elif status == "na":
            if control is not None and control.mandatory:
                problems.append(
                    where.problem(
                        [*at, "status"],
                        f"{control_id} is mandatory and cannot be not applicable",
                        "answer with its real status",
                    )
                )
            elif not (answer.justification and answer.justification.strip()):
                problems.append(
                    where.problem(
                        at,
                        f"{control_id} is marked not applicable without a justification",
                        "add 'justification: …' saying why it does not apply",
                    )
                )
    return problems
