"""The strict YAML loader keeps its guarantees on PyYAML's C parser and on the pure-Python one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

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
