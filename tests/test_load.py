"""The strict YAML loader keeps its guarantees on PyYAML's C parser and on the pure-Python one."""

from __future__ import annotations

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
        ("base: &b {k: 1}\nother:\n  <<: *b\n", 1, "anchors and aliases"),
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
    ],
)
def test_python_and_unknown_tags_are_refused(loader: type[yaml.SafeLoader], text: str) -> None:
    with pytest.raises(InputError) as info:
        load.parse_yaml(text, "f.yaml", loader)
    (problem,) = info.value.problems
    assert problem.line == 1
    assert "could not determine a constructor" in problem.message


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
def test_merge_keys_and_sets_take_the_general_way(loader: type[yaml.SafeLoader]) -> None:
    assert load.parse_yaml("a: !!set {x, y}\n", "f.yaml", loader) == {"a": {"x", "y"}}
    assert load.parse_yaml("a: {<<: {k: 1}, j: 2}\n", "f.yaml", loader) == {"a": {"k": 1, "j": 2}}


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
    with pytest.raises(InputError, match="expected a scalar node"):
        load.parse_yaml(text, "f.yaml", loader)
