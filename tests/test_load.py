"""The strict YAML loader keeps its guarantees on PyYAML's C parser and on the pure-Python one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assess import load
from assess.errors import InputError

LOADERS = [
    pytest.param(load.strict_loader(yaml.SafeLoader), id="python"),
    pytest.param(
        load.strict_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)),
        id="libyaml",
        marks=pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml"),
    ),
]


def test_the_default_loader_is_the_c_one_where_libyaml_is_there() -> None:
    if yaml.__with_libyaml__:
        assert issubclass(load._StrictLoader, yaml.CSafeLoader)
    assert issubclass(load._StrictLoader, yaml.SafeLoader) or issubclass(
        load._StrictLoader, yaml.CSafeLoader
    )


@pytest.mark.parametrize("loader", LOADERS)
def test_plain_data_loads(loader: type[yaml.SafeLoader]) -> None:
    text = "a: 1\nb: [x, 'y', 2026-04-20]\nc: {d: null, e: true}\n"
    assert load.parse_yaml(text, "f.yaml", loader) == yaml.safe_load(text)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: &x [1]\nb: *x\n", 1, "anchors and aliases"),
        ("a: 1\nb:\n  c: &y 2\n  d: *y\n", 3, "anchors and aliases"),
        ("base: &b {k: 1}\nother:\n  <<: *b\n", 3, "anchors and aliases"),
        ("a: 1\na: 2\n", 2, "the key 'a' appears twice"),
        ("x:\n  - k: 1\n    j: 2\n    k: 3\n", 4, "the key 'k' appears twice"),
        ("id: x\ncontrols:\n  - id: [unclosed\n", 4, "column 1:"),
    ],
)
def test_refusals_name_the_line(
    loader: type[yaml.SafeLoader], text: str, line: int, message: str
) -> None:
    with pytest.raises(InputError) as info:
        load.parse_yaml(text, "f.yaml", loader)
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == ("f.yaml", line)
    assert message in problem.message


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo pwned']\n",
        "a: !!python/name:os.system\n",
        "a: !custom 1\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!str 12\n",
        "a: !!int '12'\n",
        "a: !!set {x, y}\n",
        "a: !!omap [b: 1]\n",
    ],
)
def test_tags_are_refused(loader: type[yaml.SafeLoader], text: str) -> None:
    with pytest.raises(InputError) as info:
        load.parse_yaml(text, "f.yaml", loader)
    (problem,) = info.value.problems
    assert problem.line == 1
    assert "YAML tags (!" in problem.message
    assert "are not supported" in problem.message


@pytest.mark.parametrize("loader", LOADERS)
def test_billion_laughs_is_refused_before_it_expands(loader: type[yaml.SafeLoader]) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(InputError, match="anchors and aliases"):
        load.parse_yaml("\n".join(lines) + "\n", "f.yaml", loader)


@pytest.mark.parametrize("loader", LOADERS)
def test_every_bundled_file_reads_as_plain_yaml_does(loader: type[yaml.SafeLoader]) -> None:
    root = Path(__file__).resolve().parents[1]
    files = sorted([*root.glob("catalogs/*/*.yaml"), *root.glob("profiles/*/*.yaml")])
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load.parse_yaml(text, str(path), loader) == yaml.safe_load(text), path


@pytest.mark.parametrize("loader", LOADERS)
def test_merge_keys_and_complex_keys_are_refused(loader: type[yaml.SafeLoader]) -> None:
    with pytest.raises(InputError, match="anchors and aliases"):
        load.parse_yaml("a: {<<: {k: 1}, j: 2}\n", "f.yaml", loader)
    with pytest.raises(InputError, match="a list or map cannot be a key"):
        load.parse_yaml("a: 1\n? [x, y]\n: 2\n", "f.yaml", loader)
    with pytest.raises(InputError, match="a list or map cannot be a key"):
        load.parse_yaml("? {x: 1}\n: 2\n", "f.yaml", loader)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text", ["2026-13-45", "2026-02-30", "0000-01-01"])
def test_impossible_dates_are_refused_with_the_line(
    loader: type[yaml.SafeLoader], text: str
) -> None:
    with pytest.raises(InputError) as info:
        load.parse_yaml(f"a: 1\ndate: {text}\n", "f.yaml", loader)
    (problem,) = info.value.problems
    assert problem.line == 2
    assert f"{text!r} is not a valid date" in problem.message


@pytest.mark.parametrize("loader", LOADERS)
def test_nesting_is_limited(loader: type[yaml.SafeLoader]) -> None:
    ok = "a: " + "[" * (load.MAX_DEPTH - 1) + "]" * (load.MAX_DEPTH - 1) + "\n"
    assert load.parse_yaml(ok, "f.yaml", loader) is not None
    deep = "a: " + "{b: " * 600 + "x" + "}" * 600 + "\n"
    with pytest.raises(InputError, match=f"nested more than {load.MAX_DEPTH} levels"):
        load.parse_yaml(deep, "f.yaml", loader)


@pytest.mark.parametrize("loader", LOADERS)
def test_quoted_and_plain_scalars_keep_their_types_when_repeated(
    loader: type[yaml.SafeLoader],
) -> None:
    text = "a: '1'\nb: 1\nc: \"true\"\nd: true\ne: 2026-04-20\nf: '2026-04-20'\ng: null\nh: ~\n"
    expected = {
        "a": "1",
        "b": 1,
        "c": "true",
        "d": True,
        "e": yaml.safe_load("x: 2026-04-20")["x"],
        "f": "2026-04-20",
        "g": None,
        "h": None,
    }
    for _ in range(3):  # the second and third time from the remembered tags
        assert load.parse_yaml(text, "f.yaml", loader) == expected


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text", ["a: !!str [1, 2]\n", "a: !!str {b: 1}\n", "a: !!int [1]\n"])
def test_a_scalar_tag_on_a_list_or_map_is_refused(loader: type[yaml.SafeLoader], text: str) -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.safe_load(text)
    with pytest.raises(InputError, match="YAML tags"):
        load.parse_yaml(text, "f.yaml", loader)


@pytest.mark.parametrize("loader", LOADERS)
def test_texts_with_and_without_tag_and_alias_marks_load_alike(
    loader: type[yaml.SafeLoader],
) -> None:
    # A text without "!" or "*" skips the per-node checks; one with them in plain text (a note)
    # takes them and loads the same values; a real tag or alias is refused either way.
    body = "a: 1\nb: '2'\nc: 2026-03-01\nd: [x, 'y', 3]\ne: {f: true, g: ~}\n"
    expected = load.parse_yaml(body, "x.yaml", loader=loader)
    assert expected == {
        "a": 1,
        "b": "2",
        "c": dt.date(2026, 3, 1),
        "d": ["x", "y", 3],
        "e": {"f": True, "g": None},
    }
    marked = load.parse_yaml(
        body + "note: Achtung! *wichtig* & dringend\n", "x.yaml", loader=loader
    )
    assert marked == {**expected, "note": "Achtung! *wichtig* & dringend"}
    for hostile in (body + "h: !!binary aGk=\n", body + "h: &x [1]\ni: *x\n"):
        with pytest.raises(InputError):
            load.parse_yaml(hostile, "x.yaml", loader=loader)


# --- the plain form read without the parser ------------------------------------------------

PLAIN_ANSWERS = """\
# Selbstbewertung
catalog: acs-it-notfall@2021.05
profile: profile.yaml
date: 2026-03-31
assessor: ""  # Name eintragen
answers:
  # --- Vorbereitung ---
  VOR-01: fulfilled
  VOR-02:
    status: teilweise
    note: Im Notfallhandbuch beschrieben, Übung steht aus – 50 % erledigt.
    owner: 'IT-Leitung'
    updated: 2025-07-15

  VOR-03: largely   # Kommentar
"""


def _typed(value: object) -> object:
    """``value`` with every scalar's type beside it: True == 1 and a date is no datetime."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, repr(value))


def test_the_plain_form_is_read_without_the_parser_and_gives_the_same_data() -> None:
    data = load.read_plain(PLAIN_ANSWERS)
    assert data is not None
    assert _typed(data) == _typed(yaml.load(PLAIN_ANSWERS, Loader=load._StrictLoader))
    assert data["date"] == dt.date(2026, 3, 31)
    assert data["assessor"] == ""
    assert data["answers"]["VOR-02"]["owner"] == "IT-Leitung"
    assert data["answers"]["VOR-03"] == "largely"


def test_the_bundled_answers_files_are_read_in_the_plain_form() -> None:
    """The form our own writers and examples use, so that a portfolio gains from it."""
    from assess.api import load_catalog, load_profile
    from assess.template import answers_template

    examples = sorted((Path(__file__).parents[1] / "profiles").rglob("answers-*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in examples]
    profile = load_profile(examples[0].parent / "profile.yaml")
    for lang in ("de", "en"):
        texts.append(
            answers_template(load_catalog("acs-it-notfall"), dt.date(2026, 3, 1), lang, profile)
        )
    assert len(examples) >= 5
    for text in texts:
        assert load.read_plain(text) is not None
        assert _typed(load.read_plain(text)) == _typed(yaml.load(text, Loader=load._StrictLoader))


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2]\n",  # flow collection
        "a:\n  - 1\n",  # list
        "a: |\n  text\n",  # block scalar
        "a: first\n  second\n",  # continued plain scalar
        'a: "x\\ty"\n',  # escape
        "a: !!str 1\n",  # tag
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: 1\na: 2\n",  # duplicate key (the parser names both lines)
        "yes: 1\n",  # a key that is no text
        "a: 2026-02-30\n",  # impossible date (the parser names the line)
        "a: b: c\n",  # ': ' in a plain value
        "a: - b\n",  # a list entry where a value belongs
        "a: -\n",
        "a: ? b\n",  # a complex key
        "a: %b\n",  # an indicator YAML reserves
        "a:\tb\n",  # tab
        "a: b\r\nc: d\r\n",  # CR
        "a: b\x85c: d\n",  # NEL, a line break for YAML
        "a: b\u2028c: d\n",  # line separator
        "\ufeffa: b\n",  # byte order mark
        "a: \x07\n",  # a control character YAML forbids
        "  a: 1\nb: 2\n",  # indented like no open map
        "a:\n    b: 1\n  c: 2\n",
        "--- \na: 1\n",  # document marker
        "# only a comment\n",
        "",
        "k" * 300 + ": 1\n",  # a long key: the parser takes at most 1,024 characters
    ],
)
def test_anything_outside_the_plain_form_goes_to_the_parser(text: str) -> None:
    assert load.read_plain(text) is None


_KEYS = st.one_of(
    st.integers(1, 99).map(lambda n: f"VOR-{n:02d}"),
    st.sampled_from(["catalog", "date", "status", "note", "owner", "answers", "x.y", "_k", "Ab_9"]),
    st.sampled_from(["a", "a-", "yes", "No", "null", "1", "0x1F", "1.5", "2026-01-01"]),
)
_GOOD_VALUES = st.one_of(
    st.sampled_from(
        ["fulfilled", "largely", "teilweise", "2026-03-31", "IT-Leitung", "50 %", "Ü ß –"]
    ),
    st.from_regex(r"[A-Za-zÄÖÜäöüß0-9][A-Za-zÄÖÜäöüß0-9 .,;()/%–-]{0,30}", fullmatch=True),
)
_VALUES = st.one_of(
    _GOOD_VALUES,
    _GOOD_VALUES,
    _GOOD_VALUES,
    st.sampled_from(
        [
            "fulfilled",
            "teilweise",
            "~",
            "null",
            "Null",
            "yes",
            "No",
            "on",
            "true",
            "False",
            "0",
            "-1",
            "+1",
            "1_000",
            "0o17",
            "0x1F",
            "1:30",
            "190:20:30",
            "1.5",
            ".5",
            "-.inf",
            ".NaN",
            "1e3",
            "2026-03-31",
            "2026-1-5",
            "2026-02-30",
            "0000-01-01",
            "2026-03-31 10:00:00",
            "2026-03-31T10:00:00Z",
            "a: b",
            "a:b",
            "a #b",
            "a#b",
            "a:",
            "-",
            "- a",
            "-a",
            "?",
            "? a",
            ":a",
            "[a]",
            "a]",
            "{a}",
            "a}",
            "a, b",
            "&a",
            "*a",
            "!a",
            "a!",
            "|",
            ">",
            "'s'",
            '"d"',
            "'it''s'",
            '"q\\"q"',
            '""',
            "''",
            "%a",
            "@a",
            "`a",
            "=",
            "<<",
            "a  b",
            "Ü ß –",
            "50 %",
            "x" * 120,
            "\u202ea",
            "a\x85b",
            "a\u2028b",
            "a\tb",
            "a\x7fb",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
)
_COMMENTS = st.sampled_from(["", "", "", "", "", "", " # c", "  # Kommentar: x", " #", "#c"])


# Scalars YAML reads as something other than text, and texts with characters that look special.
_TYPED_VALUES = st.sampled_from(
    [
        "x\xa0",  # a non-breaking space is no space to YAML
        "x \xa0y",
        "x\u3000",
        "~",
        "null",
        "yes",
        "No",
        "on",
        "true",
        "0",
        "-1",
        "+1",
        "1_000",
        "0o17",
        "0x1F",
        "1:30",
        "190:20:30",
        "1.5",
        ".5",
        "-.inf",
        ".NaN",
        "1e3",
        "2026-03-31",
        "2026-1-5",
        "2026-03-31 10:00:00",
        "2026-03-31T10:00:00Z",
        "a:b",
        "a]",
        "a}",
        "a, b",
        "a!",
        "-a",
        "'s'",
        '"d"',
        '""',
        "''",
        "'a # b'",
        '"x: y"',
        "=x",
        "50 % – ok",
        "\u202ea",
        "x" * 120,
    ]
)
_CLEAN_KEYS = st.one_of(
    st.integers(1, 99).map(lambda n: f"VOR-{n:02d}"),
    st.sampled_from(["catalog", "date", "status", "note", "owner", "answers", "x.y", "_k", "a-"]),
)
_CLEAN_COMMENTS = st.sampled_from(["", "", "", " # c", "  # Kommentar: x", " #"])


@st.composite
def _plain_texts(draw: st.DrawFn, clean: bool = False) -> str:
    """Nested ``key: value`` lines as people write them, with comments and blank lines; unless
    ``clean``, now and then a slip (an odd indentation, a line twice, a value or key YAML reads
    otherwise, a character it forbids)."""
    keys, values, comments = (
        (_CLEAN_KEYS, st.one_of(_GOOD_VALUES, _TYPED_VALUES), _CLEAN_COMMENTS)
        if clean
        else (_KEYS, _VALUES, _COMMENTS)
    )

    def block(depth: int, indent: int) -> list[str]:
        lines = []
        for key in draw(st.lists(keys, min_size=1, max_size=4, unique=True)):
            comment = draw(comments)
            nest = depth < 3 and draw(st.integers(0, 3)) == 0
            if nest or draw(st.integers(0, 9)) == 0:  # a map below, or an empty value
                lines.append(f"{' ' * indent}{key}:{comment}")
                if nest:
                    lines += block(depth + 1, indent + draw(st.sampled_from([1, 2, 2, 4])))
            else:
                lines.append(f"{' ' * indent}{key}: {draw(values)}{comment}")
            extra = draw(st.integers(0, 7))
            if extra == 0:
                lines.append(f"{' ' * draw(st.integers(0, 6))}# {draw(values)}")
            elif extra == 1:
                lines.append(" " * draw(st.integers(0, 3)))
        return lines

    lines = block(0, draw(st.sampled_from([0, 0, 0, 2])))
    if clean:
        return "\n".join(lines) + "\n"
    where = draw(st.integers(0, len(lines) - 1))
    slip = draw(st.integers(0, 9))
    if slip == 0:
        lines[where] = " " + lines[where]
    elif slip == 1 and lines[where].startswith(" "):
        lines[where] = lines[where][1:]
    elif slip == 2:
        lines.insert(where, lines[where])
    trailing = st.sampled_from(["", "", "", " ", "  "])
    return "\n".join(line + draw(trailing) for line in lines) + draw(st.sampled_from(["\n", ""]))


@settings(derandomize=True, max_examples=400, deadline=None)
@given(_plain_texts())
def test_the_plain_reader_gives_what_the_parser_gives_or_leaves_the_text_to_it(text: str) -> None:
    plain = load.read_plain(text)
    try:
        parsed = yaml.load(text, Loader=load._StrictLoader)
    except (yaml.YAMLError, RecursionError):
        assert plain is None, text
        return
    if plain is not None:
        assert _typed(plain) == _typed(parsed), text


def test_a_plain_text_nested_too_deeply_gets_the_parsers_error() -> None:
    text = "".join(f"{' ' * level}k{level}:\n" for level in range(60))
    with pytest.raises(InputError, match="nested more than 50 levels"):
        load.parse_yaml(text, "deep.yaml")
    shallow = "".join(f"{' ' * level}k{level}:\n" for level in range(20)) + " " * 20 + "k20: 1\n"
    assert load.read_plain(shallow) == load.parse_yaml(shallow, "shallow.yaml") != {}


@settings(derandomize=True, max_examples=200, deadline=None)
@given(_plain_texts(clean=True))
def test_the_plain_reader_reads_the_plain_form_as_the_parser_does(text: str) -> None:
    plain = load.read_plain(text)
    assert plain is not None, text
    assert _typed(plain) == _typed(yaml.load(text, Loader=load._StrictLoader)), text
