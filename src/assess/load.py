"""Reading input files: size-limited, safe YAML only, errors that name file, line and column."""

from __future__ import annotations

import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from assess.errors import InputError, NotFoundError, Problem

MAX_INPUT_BYTES = 5 * 1024 * 1024
#: Lists and maps nested deeper than this are refused: no assess file needs more than a handful,
#: and deeper structures only serve to exhaust the stack.
MAX_DEPTH = 50

#: PyYAML's C parser (libyaml) where it is installed, else the pure-Python one. Either way only
#: the safe constructors run; the strict rules below are the same for both.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_STR, _SEQ, _MAP, _MERGE = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map", "merge"))
_SCALARS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")}
_NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
#: Longer numbers are refused: no assess value needs one, and YAML 1.1 reads 1:2:3… in base 60
#: in time that grows with the square of the length.
MAX_NUMBER = 100


_RESOLVED: dict[bool, dict[str, str]] = {True: {}, False: {}}
_SCALAR_NODE = yaml.ScalarNode
_RESOLVED_MAX = 20_000  # texts remembered at the most
_RESOLVED_LENGTH = 100  # longer texts (notes) rarely recur: not remembered


def _alias_error(node: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(
        None,
        None,
        "YAML anchors and aliases (&name / *name / <<) are not supported; write the value out",
        node.start_mark,
    )


def _refuse(node: yaml.Node, message: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


def _tag_error(node: yaml.Node) -> yaml.constructor.ConstructorError:
    return _refuse(
        node,
        f"YAML tags ({node.tag.replace('tag:yaml.org,2002:', '!!')}) are not supported; "
        "write the value as plain text, a number, a date, true/false, a list or a map",
    )


def _check_keys(node: yaml.MappingNode) -> None:
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _refuse(
                key_node,
                "a list or map cannot be a key ('? ' form); write the key as plain text",
            )
        if key_node.tag == _MERGE:
            raise _alias_error(key_node)
        key = key_node.value
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "in a mapping",
                seen[key].start_mark,
                f"the key {key!r} appears twice; keep one",
                key_node.start_mark,
            )
        seen[key] = key_node


def _construct(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """The value of a scalar that is no text (null, bool, int, float, timestamp), by the safe
    constructors; an impossible date or an overlong number is refused with a message."""
    if node.tag in _NUMBERS and len(node.value) > MAX_NUMBER:
        # YAML 1.1 reads 1:2:3… as a number in base 60, in time that grows with the square of
        # its length; no assess value needs such a number
        raise _refuse(
            node,
            f"{node.value[:20]!r}… is read as a number of more than {MAX_NUMBER} characters; "
            "put it in quotes if it is text",
        )
    try:
        return loader.yaml_constructors[node.tag](loader, node)
    except (ValueError, OverflowError):  # 2026-02-30, 2026-13-45, year 0
        raise _refuse(
            node,
            f"{node.value!r} is not a valid date; write a real date as YYYY-MM-DD, e.g. 2026-03-31",
        ) from None


def strict_loader(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """A safe loader on ``base`` that rejects duplicate keys and aliases.

    Duplicate keys would silently drop an answer; aliases allow tiny files that expand into huge
    structures ("billion laughs"). Neither has a use in assess files.
    """

    class StrictLoader(base):  # type: ignore[valid-type,misc]
        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            # A tag is written with "!" and an alias with "*": a text without them has none,
            # and its nodes need not be checked for either one by one (most files).
            text = stream if isinstance(stream, str) else None
            self._tags = text is None or "!" in text
            self._aliases = text is None or "*" in text

        def construct_document(self, node: yaml.Node) -> Any:
            return self._build(node, set(), 0)

        def _implicit(self, node: yaml.ScalarNode) -> str:
            """The tag the scalar gets without an explicit one (by its text and quoting)."""
            return self.resolve(yaml.ScalarNode, node.value, (not node.style, False))

        def _build(self, node: yaml.Node, seen: set[int], depth: int) -> Any:
            """Plain maps, lists and scalars (all there is in assess files); anything else –
            an explicit tag, an alias, a complex key, deep nesting – is refused with a message."""
            if self._aliases:
                if id(node) in seen:
                    raise _alias_error(node)
                seen.add(id(node))
            tag = node.tag
            if isinstance(node, yaml.ScalarNode):
                if self._tags and tag != self._implicit(node):
                    raise _tag_error(node)
                if tag == _STR:
                    return node.value
                if tag in _SCALARS:
                    return _construct(self, node)
                raise _tag_error(node)
            if depth >= MAX_DEPTH:
                raise _refuse(
                    node,
                    f"lists and maps are nested more than {MAX_DEPTH} levels deep; "
                    "assess files need only a few levels – check the indentation and brackets",
                )
            if tag == _SEQ and isinstance(node, yaml.SequenceNode):
                return [self._build(item, seen, depth + 1) for item in node.value]
            if tag == _MAP and isinstance(node, yaml.MappingNode):
                _check_keys(node)
                result = {}
                for key_node, value_node in node.value:
                    key = self._build(key_node, seen, depth + 1)
                    if (
                        value_node.tag == _STR
                        and type(value_node) is yaml.ScalarNode
                        and not (self._aliases and id(value_node) in seen)
                        and (
                            not self._tags
                            or bool(value_node.style)
                            or self._implicit(value_node) == _STR
                        )
                    ):
                        # plain text, most values: taken here without a call per value
                        if self._aliases:
                            seen.add(id(value_node))
                        result[key] = value_node.value
                    else:
                        result[key] = self._build(value_node, seen, depth + 1)
                return result
            raise _tag_error(node)

        def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
            # The implicit tag of a scalar depends only on its text and quoting: "fulfilled",
            # "partial" and the control ids recur in every file, so resolve each text once.
            # (Called by the parser for every scalar: the texts seen before come first.)
            if kind is _SCALAR_NODE:
                known = _RESOLVED[implicit[0]]  # plain and quoted texts resolve differently
                tag = known.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(value) <= _RESOLVED_LENGTH:
                        if len(known) >= _RESOLVED_MAX:
                            known.clear()
                        known[value] = tag
                return tag
            return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

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


# --- the plain form, read without the YAML parser --------------------------------------------
#
# Nearly every answers file and profile is a block of ``key: value`` lines, nested by
# indentation, with comments and blank lines: what ``assess answers template`` writes and people
# type. Reading those lines directly takes less than half the time the parser needs to build its
# node tree (a portfolio reads thousands of files). Every value is resolved and constructed by
# the strict loader's own rules, so the result is the same; any line outside this form – a list,
# a flow collection, a block or multi-line scalar, an escape, a tag, an anchor, a duplicate key,
# a character YAML forbids or reads as a line break – sends the whole text to the parser, which
# reads it (or names the error) as before. tests/test_load.py compares both on generated texts.

# A key and its value: a plain scalar (its first character no indicator, words of characters
# other than space and '#'), a quoted one without escapes, or none; then maybe a comment.
# Possessive repeats keep the match linear in the length of the line, however many spaces.
_KEY = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}"
_FIRST = r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-[^\s#])"
_PLAIN_LINE = re.compile(
    rf"(?P<indent> *)(?P<key>{_KEY}):"
    r"(?: +(?:\"(?P<dq>[^\"\\]*)\"|'(?P<sq>[^']*)'"
    rf"|(?P<plain>{_FIRST}[^ #]*+(?: ++[^ #]++)*+))|(?P<empty>))"
    r"(?: +#.*)? *+"
)
# The most common line, a key and a plain value without a comment: matched first, quickly.
_PLAIN_PAIR = re.compile(rf"( *)({_KEY}): +({_FIRST}(?:[^#]*[^ #])?)")
_PLAIN_COMMENT = re.compile(r" *(?:#.*)?")
# Characters YAML forbids, reads as a line break (NEL, LS, PS) or as a byte order mark, and tab
# and CR: the parser deals with all of them.
_NOT_PLAIN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_plain_loader: list[yaml.SafeLoader] = []  # one strict loader, for its resolver and constructors


def _typed(loader: yaml.SafeLoader, text: str) -> tuple[bool, Any]:
    """(True, value) of a plain scalar that is no text, as the strict loader makes it; (False,
    None) if it would not make one without an error (2026-02-30: the parser names its line)."""
    tag = loader.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return True, text
    if tag not in _SCALARS:
        return False, None  # the parser names the error
    try:
        return True, _construct(loader, yaml.ScalarNode(tag, text))
    except yaml.constructor.ConstructorError:  # 2026-02-30: the parser names its line
        return False, None


def read_plain(text: str) -> dict[str, Any] | None:
    """The data of ``text`` if it is written in the plain form (see above), else None."""
    if _NOT_PLAIN.search(text):
        return None
    if not _plain_loader:
        _plain_loader.append(_StrictLoader(""))
    loader = _plain_loader[0]
    texts = _RESOLVED[True]  # plain scalars known to be text (the strict loader's memo)
    pair_match, line_match = _PLAIN_PAIR.fullmatch, _PLAIN_LINE.fullmatch
    comment_match = _PLAIN_COMMENT.fullmatch
    root: dict[str, Any] = {}
    stack: list[tuple[int, dict[str, Any]]] = []  # (indentation, map) from the root down
    pending: tuple[int, str, dict[str, Any]] | None = None  # a key without a value yet
    for line in text.split("\n"):
        match = pair_match(line)
        if match is not None:
            spaces, key, plain = match.groups()
            empty = dq = sq = None
        else:
            match = line_match(line)
            if match is None:
                if comment_match(line):
                    continue
                return None
            spaces, key, dq, sq, plain, empty = match.groups()
        indent = len(spaces)
        if pending is not None:
            above, parent, owner = pending
            pending = None
            if indent > above:
                if len(stack) >= MAX_DEPTH:
                    return None
                child: dict[str, Any] = {}
                owner[parent] = child
                stack.append((indent, child))
        if not stack:
            stack.append((indent, root))
        while stack and stack[-1][0] > indent:
            stack.pop()
        if not stack or stack[-1][0] != indent:
            return None  # indented like no open map: the parser names the error
        current = stack[-1][1]
        if key in current or (texts.get(key) != _STR and _typed(loader, key) != (True, key)):
            return None  # a key given twice, or one that is no text (yes, 1, null)
        if empty is not None:
            current[key] = None
            pending = (indent, key, current)
        elif plain is None:
            current[key] = dq if dq is not None else sq
        elif ":" in plain and (": " in plain or plain.endswith(":")):
            return None  # YAML splits or ends a plain scalar there
        elif texts.get(plain) == _STR:
            current[key] = plain
        else:
            ok, current[key] = _typed(loader, plain)
            if not ok:
                return None
    return root if stack else None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, refusing missing, oversized, unreadable or non-text files.

    Only regular files are read (a FIFO, a device or a directory would hang or never end), and
    never more than the size limit, whatever the file claims (``/proc`` files claim 0 bytes).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotFoundError(f"{path}: file not found") from None
    except OSError as exc:
        raise NotFoundError(f"{path}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotFoundError(f"{path}: is a folder, not a file – give the file inside it")
    if not stat.S_ISREG(info.st_mode):
        raise NotFoundError(
            f"{path}: not a regular file (a device, pipe or socket) – give a YAML file"
        )
    too_big = InputError(
        [
            Problem(
                str(path),
                f"file is more than the limit of {MAX_INPUT_BYTES} bytes",
                fix="split the file or check that it is the right one",
            )
        ]
    )
    if info.st_size > MAX_INPUT_BYTES:
        raise too_big
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except PermissionError:
        raise NotFoundError(
            f"{path}: no permission to read it – ask its owner or copy it somewhere readable"
        ) from None
    except OSError as exc:
        raise NotFoundError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise too_big
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            [Problem(str(path), "not UTF-8 text", line=line, fix="save it as UTF-8")]
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(
            [
                Problem(
                    str(path),
                    "contains a NUL byte (binary data, not text)",
                    line=line,
                    fix="check that it is the right file and save it as plain text",
                )
            ]
        )
    return text


def parse_yaml(text: str, source: str, loader: type[yaml.SafeLoader] = _StrictLoader) -> Any:
    """Parse YAML (or JSON) text safely; a syntax error names the file, line and column."""
    if loader is _StrictLoader:
        plain = read_plain(text)
        if plain is not None:
            return plain
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
    except yaml.reader.ReaderError as exc:  # a control character: placed by line, not offset
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        raise InputError(
            [
                Problem(
                    source,
                    f"contains the control character U+{exc.character:04X}, which YAML forbids"
                    if isinstance(exc.character, int)
                    else "contains a character YAML forbids",
                    line=line,
                    fix="remove it (it is invisible in most editors) and save as plain text",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(source, f"invalid YAML: {exc}")]) from None
    except RecursionError:  # the pure-Python parser recurses per level
        raise InputError(
            [
                Problem(
                    source,
                    f"lists and maps are nested more than {MAX_DEPTH} levels deep",
                    fix="assess files need only a few levels – check the indentation and brackets",
                )
            ]
        ) from None


def load_yaml_file(path: Path) -> tuple[Any, str]:
    """Return the parsed data of a YAML file and its text (kept for locating errors)."""
    text = read_text(path)
    return parse_yaml(text, str(path)), text


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` (with line marks), or None if it does not parse."""
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except (yaml.YAMLError, RecursionError):
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
