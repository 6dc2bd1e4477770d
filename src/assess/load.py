"""Reading input files: size-limited, safe YAML only, errors that name file, line and column."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from assess.errors import InputError, NotFoundError, Problem

MAX_INPUT_BYTES = 5 * 1024 * 1024

#: PyYAML's C parser (libyaml) where it is installed, else the pure-Python one. Either way only
#: the safe constructors run; the strict rules below are the same for both.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_STR, _SEQ, _MAP, _MERGE = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map", "merge"))
_SCALARS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")}


_RESOLVED: dict[bool, dict[str, str]] = {True: {}, False: {}}
_RESOLVED_MAX = 20_000  # texts remembered at the most
_RESOLVED_LENGTH = 100  # longer texts (notes) rarely recur: not remembered


class _Unusual(Exception):
    """A node the direct construction leaves to PyYAML's general constructor."""


def _alias_error(node: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(
        None,
        None,
        "YAML anchors and aliases (&name / *name / <<) are not supported; write the value out",
        node.start_mark,
    )


def _check_keys(node: yaml.MappingNode) -> None:
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = key_node.value
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "in a mapping",
                seen[key].start_mark,
                f"the key {key!r} appears twice; keep one",
                key_node.start_mark,
            )
        seen[key] = key_node


def strict_loader(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """A safe loader on ``base`` that rejects duplicate keys and aliases.

    Duplicate keys would silently drop an answer; aliases allow tiny files that expand into huge
    structures ("billion laughs"). Neither has a use in assess files.
    """

    class StrictLoader(base):  # type: ignore[valid-type,misc]
        def construct_document(self, node: yaml.Node) -> Any:
            try:
                return self._build(node, set())
            except _Unusual:  # a tag, merge key or complex key: the general way, from the start
                return super().construct_document(node)

        def _build(self, node: yaml.Node, seen: set[int]) -> Any:
            """Plain maps, lists and scalars directly (all there is in assess files); a
            document with anything else is constructed by the general constructor below."""
            if id(node) in seen:
                raise _alias_error(node)
            seen.add(id(node))
            tag = node.tag
            if isinstance(node, yaml.ScalarNode):
                if tag == _STR:
                    return node.value
                if tag in _SCALARS:
                    return self.yaml_constructors[tag](self, node)
                raise _Unusual
            if tag == _SEQ and isinstance(node, yaml.SequenceNode):
                return [self._build(item, seen) for item in node.value]
            if (
                tag == _MAP
                and isinstance(node, yaml.MappingNode)
                and all(isinstance(k, yaml.ScalarNode) and k.tag != _MERGE for k, _ in node.value)
            ):
                _check_keys(node)
                result = {}
                for key_node, value_node in node.value:
                    key = self._build(key_node, seen)
                    if (
                        value_node.tag == _STR
                        and type(value_node) is yaml.ScalarNode
                        and id(value_node) not in seen
                    ):
                        # plain text, most values: taken here without a call per value
                        seen.add(id(value_node))
                        result[key] = value_node.value
                    else:
                        result[key] = self._build(value_node, seen)
                return result
            raise _Unusual

        def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
            # The implicit tag of a scalar depends only on its text and quoting: "fulfilled",
            # "partial" and the control ids recur in every file, so resolve each text once.
            if kind is not yaml.ScalarNode or len(value) > _RESOLVED_LENGTH:
                return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]
            known = _RESOLVED[implicit[0]]  # plain and quoted texts resolve differently
            tag = known.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(known) >= _RESOLVED_MAX:
                    known.clear()
                known[value] = tag
            return tag

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            if node in self.constructed_objects:
                raise _alias_error(node)
            return super().construct_object(node, deep=deep)

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            _check_keys(node)
            return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    StrictLoader.__name__ = StrictLoader.__qualname__ = f"Strict{base.__name__}"
    return StrictLoader


_StrictLoader = strict_loader(FAST_LOADER)


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, refusing missing, oversized or non-text files."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NotFoundError(f"{path}: file not found") from None
    except OSError as exc:
        raise NotFoundError(f"{path}: cannot read ({exc.strerror})") from None
    if not path.is_file():
        raise NotFoundError(f"{path}: not a file")
    if size > MAX_INPUT_BYTES:
        raise InputError(
            [
                Problem(
                    str(path),
                    f"file is {size} bytes, more than the limit of {MAX_INPUT_BYTES} bytes",
                    fix="split the file or check that it is the right one",
                )
            ]
        )
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(str(path), f"not UTF-8 text (byte {exc.start})", fix="save it as UTF-8")]
        ) from None


def parse_yaml(text: str, source: str, loader: type[yaml.SafeLoader] = _StrictLoader) -> Any:
    """Parse YAML (or JSON) text safely; a syntax error names the file, line and column."""
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        column = f"column {mark.column + 1}: " if mark is not None else ""
        problem = exc.problem or "invalid YAML"
        # Our own constructor errors (duplicate keys, aliases) say how to fix them already.
        fix = (
            None
            if isinstance(exc, yaml.constructor.ConstructorError)
            else "correct the YAML syntax (indentation, colons, quotes)"
        )
        raise InputError([Problem(source, f"{column}{problem}", line=line, fix=fix)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(source, f"invalid YAML: {exc}")]) from None


def load_yaml_file(path: Path) -> tuple[Any, str]:
    """Return the parsed data of a YAML file and its text (kept for locating errors)."""
    text = read_text(path)
    return parse_yaml(text, str(path)), text


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` (with line marks), or None if it does not parse."""
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return None


def locate(root: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """Line number (1-based) of the node at ``loc`` below ``root``, or of its nearest parent."""
    node = root
    line = None if node is None else node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    child = value_node
                    line = key_node.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
