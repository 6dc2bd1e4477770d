"""Hostile and malformed input over every command: never an internal error (exit 70) or a
traceback, always a message naming the file and the place, in bounded time and memory.

Table-driven: each hostile file is run through every command that reads its kind. In-process
(click's CliRunner) for speed; the cases that need signals or memory limits run as subprocesses.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from assess.cli import main
from assess.resources import bundled_profiles
from tests.conftest import CATALOG_FILE

PROFILE_DIR = bundled_profiles()["schreinerei-huber"].parent
HEAD = "catalog: acs-it-notfall@2021.05\nprofile: profile.yaml\n"
GOOD = HEAD + "date: 2026-03-01\nassessor: Test\nanswers:\n  VOR-01: partial\n"


def _nested_map(depth: int) -> str:
    return "{a: " * depth + "x" + "}" * depth


def _nested_list(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


def _answers(body: str, date: str = "2026-03-01", assessor: str = "Test") -> str:
    return f"{HEAD}date: {date}\nassessor: {assessor}\nanswers:\n{body}"


#: Hostile answers files: name -> (content, what the message must contain).
#: ``{name}`` in an expectation stands for the file's path as given.
ANSWERS: dict[str, tuple[str | bytes, list[str]]] = {
    "month13": (_answers("  VOR-01: not\n", date="2026-13-45"), ["{name}:3", "not a valid date"]),
    "feb30": (_answers("  VOR-01: not\n", date="2026-02-30"), ["{name}:3", "'2026-02-30'"]),
    "year0": (_answers("  VOR-01: not\n", date="0000-01-01"), ["{name}:3", "not a valid date"]),
    "due": (_answers("  VOR-01: {status: not, due: 2026-02-30}\n"), ["{name}:6", "valid date"]),
    "updated": (
        _answers("  VOR-01:\n    status: not\n    updated: 2026-13-45\n"),
        ["{name}:8", "not a valid date"],
    ),
    "listkey": (_answers("  ? [a, b]\n  : not\n"), ["{name}:6", "cannot be a key"]),
    "mapkey": (_answers("  ? {a: 1}\n  : not\n"), ["{name}:6", "cannot be a key"]),
    "binary": (_answers("  VOR-01: not\n", assessor="!!binary aGVsbG8="), ["{name}:4", "!!binary"]),
    "python": (
        _answers("  VOR-01: !!python/object/apply:os.system ['true']\n"),
        ["{name}:6", "YAML tags"],
    ),
    "strint": (_answers("  VOR-01: !!str 12\n"), ["{name}:6", "YAML tags (!!str)"]),
    "custom": (_answers("  VOR-01: !mine not\n"), ["{name}:6", "YAML tags (!mine)"]),
    "alias": (_answers("  VOR-01: &a not\n  VOR-02: *a\n"), ["{name}:", "anchors and aliases"]),
    "merge": (_answers("  VOR-01: {<<: {status: not}}\n"), ["{name}:6", "anchors"]),
    "dupkey": (_answers("  VOR-01: not\n  VOR-01: partial\n"), ["{name}:7", "appears twice"]),
    "deepnote": (
        _answers(f"  VOR-01: {{status: not, note: {_nested_map(600)}}}\n"),
        ["{name}:6", "nested more than 50"],
    ),
    "deeplist": (
        _answers(f"  VOR-01: {{status: not, note: {_nested_list(900)}}}\n"),
        ["{name}:6", "nested more than 50"],
    ),
    "verydeep": ("a: " + _nested_list(5000) + "\n", ["{name}:1", "nesting"]),
    "empty": ("", ["{name}", "the file is empty"]),
    "comment": ("# nothing here\n", ["{name}", "the file is empty"]),
    "toplist": ("- a\n- b\n", ["{name}", "a list, not a map"]),
    "topscalar": ("just text\n", ["{name}", "not a map"]),
    "statusnull": (_answers("  VOR-01: null\n"), ["{name}:6", "the answer is empty"]),
    "statuslist": (_answers("  VOR-01: [a]\n"), ["{name}:6", "the answer is a list"]),
    "catfloat": (
        "catalog: 2021.05\nprofile: profile.yaml\ndate: 2026-03-01\nassessor: T\n",
        ["{name}:1", "ID@VERSION"],
    ),
    "date1": (_answers("  VOR-01: not\n", date="1"), ["{name}:3", "YYYY-MM-DD"]),
    "datetext": (_answers("  VOR-01: not\n", date="soon"), ["{name}:3", "YYYY-MM-DD"]),
    "nul": (GOOD.replace("Test", "Te\x00st").encode(), ["{name}:4", "NUL"]),
    "ctrl": (GOOD.replace("Test", "Te\x01st").encode(), ["{name}:4", "U+0001"]),
    "latin1": (GOOD.replace("Test", "Müller").encode("latin-1"), ["{name}:4", "not UTF-8"]),
    "unclosed": (_answers("  VOR-01: {status: not\n"), ["{name}:", "YAML syntax"]),
    "tabs": (_answers("\tVOR-01: not\n"), ["{name}:", "YAML"]),
    "yes": (_answers("  VOR-01: yes\n"), ["{name}:5", "VOR-01", "true/false"]),
    "unknownstatus": (_answers("  VOR-01: maybe\n"), ["{name}:6", "maybe"]),
    "unknownid": (_answers("  XYZ-99: not\n"), ["{name}:6", "XYZ-99"]),
    "manyids": (
        _answers("".join(f"  ZZZ-{i:05d}: not\n" for i in range(20_000))),
        ["{name}:6", "… and 19950 more"],
    ),
    "longnote": (
        _answers(f"  VOR-01: {{status: not, note: {'x' * 10_001}}}\n"),
        ["{name}:6", "10001 characters long"],
    ),
    "hugenote": (
        _answers(f"  VOR-01: {{status: not, note: {'Notiz ' * 200_000}}}\n"),
        ["{name}:6", "characters long"],
    ),
    "spacednote": (  # a line of spaces the plain-form reader must not take quadratic time on
        _answers(f"  VOR-01:\n    status: not\n    note: x{' ' * 4_000_000}y#\n"),
        ["{name}:8", "characters long"],
    ),
    "base60": (  # YAML 1.1 reads 1:1:1… as a number in base 60, in quadratic time
        _answers(f"  VOR-01:\n    status: not\n    note: 1{':1' * 300_000}\n"),
        ["{name}:8", "more than 100 characters", "quotes"],
    ),
    "longint": (
        _answers(f"  VOR-01:\n    status: not\n    note: {'1' * 5000}\n"),
        ["{name}:8", "quotes"],
    ),
    "alltext": (
        _answers(
            "".join(f"  VOR-{i:02d}: {{status: not, note: {'x' * 10_000}}}\n" for i in range(1, 12))
        ),
        ["{name}", "more than the limit of 100000"],
    ),
    "toobig": ("# " + "x" * (5 * 1024 * 1024) + "\n", ["{name}", "more than the limit"]),
    "answerslist": (_answers("  - VOR-01\n"), ["{name}:5", "'answers' is a list"]),
    "noprofile": (
        "catalog: acs-it-notfall@2021.05\nprofile: nowhere.yaml\ndate: 2026-03-01\nassessor: T\n",
        ["nowhere.yaml"],
    ),
    "profiledev": (
        "catalog: acs-it-notfall@2021.05\nprofile: /dev/zero\ndate: 2026-03-01\nassessor: T\n",
        ["/dev/zero", "not a regular file"],
    ),
    "pinunknown": (
        "catalog: nope@1.0\nprofile: profile.yaml\ndate: 2026-03-01\nassessor: T\n",
        ["{name}:1", "nope@1.0"],
    ),
    "assessorlong": (_answers("  VOR-01: not\n", assessor="A" * 10_001), ["{name}:4", "10001"]),
}

#: Answers that are valid but carry terminal escapes, bidi overrides, HTML and links.
SNEAKY = _answers(
    '  VOR-01: {status: not, note: "\\e[31mrot\\u202eevil <img src=x onerror=alert(1)> '
    '[klick](https://evil.example) www.evil.example"}\n',
    assessor='"\\e]0;title\\a\\e[2JBoss\\u202e"',
)

PROFILE = (PROFILE_DIR / "profile.yaml").read_text(encoding="utf-8")

PROFILES: dict[str, tuple[str | bytes, list[str]]] = {
    "emptrue": (PROFILE.replace("employees: 8", "employees: true"), ["{name}:4", "number"]),
    "emptext": (PROFILE.replace("employees: 8", "employees: '8'"), ["{name}:4", "number"]),
    "empnan": (PROFILE.replace("employees: 8", "employees: .nan"), ["{name}:4", "finite"]),
    "emplist": (PROFILE.replace("employees: 8", "employees: [8]"), ["{name}:4", "number"]),
    "pempty": ("", ["{name}", "the file is empty"]),
    "plist": ("- x\n", ["{name}", "a list"]),
    "ptag": (PROFILE.replace("employees: 8", "employees: !!int '8'"), ["{name}:4", "YAML tags"]),
    "pdeep": (PROFILE + f"extra: {_nested_map(700)}\n", ["{name}:", "nested more than 50"]),
    "pnul": (PROFILE.replace("employees", "empl\x00oyees", 1).encode(), ["{name}:4", "NUL"]),
    "plong": (
        PROFILE.replace("name: ", "name: " + "N" * 10_001, 1),
        ["{name}:3", "characters long"],
    ),
    "pland": (PROFILE.replace("bundesland: BY", "bundesland: XX"), ["{name}:", "bundesland"]),
    "pcomplex": (PROFILE + "? [a]\n: b\n", ["{name}:", "cannot be a key"]),
}

SNEAKY_PROFILE = PROFILE.replace(
    "name: Schreinerei Huber GmbH", 'name: "Huber\\nGmbH\\e[31m\\u202e\\r\\ncatalog: evil"'
)

CATALOG = yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))


def _catalog(change: dict[str, object], drop: tuple[str, ...] = ()) -> str:
    data = {k: v for k, v in CATALOG.items() if k not in drop}
    data.update(change)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _deep_condition(depth: int) -> dict[str, object]:
    condition: dict[str, object] = {"field": "employees", "gte": 1}
    for _ in range(depth):
        condition = {"not": condition}
    return condition


def _with_first(**extra: object) -> list[dict[str, object]]:
    controls = [dict(c) for c in CATALOG["controls"]]  # type: ignore[union-attr]
    controls[0] = {**controls[0], **extra}
    return controls


CATALOGS: dict[str, tuple[str | bytes, list[str]]] = {
    "nophases": (_catalog({}, drop=("phases",)), ["{name}:1", "'phases' is missing"]),
    "nostages": (_catalog({}, drop=("stages",)), ["{name}:1", "'stages' is missing"]),
    "emptyphases": (_catalog({"phases": []}), ["{name}:", "defines no phases"]),
    "emptystages": (_catalog({"stages": []}), ["{name}:", "defines no stages"]),
    "cond25": (
        _catalog({"controls": _with_first(applies_if=_deep_condition(25))}),
        ["{name}:", "more than 20 levels"],
    ),
    "cond490": (
        _catalog({"controls": _with_first(applies_if="DEEP")}).replace(
            "applies_if: DEEP",
            "applies_if: " + "{not: " * 490 + "{field: employees, gte: 1}" + "}" * 490,
        ),
        ["{name}:", "nested more than 50"],
    ),
    "cycle": (
        _catalog({"controls": _with_first(depends_on=[CATALOG["controls"][0]["id"]])}),  # type: ignore[index]
        ["{name}:", "cycle"],
    ),
    "weighttrue": (_catalog({"controls": _with_first(effort=True)}), ["{name}:", "number"]),
    "cempty": ("", ["{name}", "the file is empty"]),
    "ctag": ("id: !!binary aGk=\n", ["{name}:1", "!!binary"]),
    "cnul": (b"id: x\x00\n", ["{name}:1", "NUL"]),
    "chuge": (
        _catalog({"controls": _with_first(guidance={"de": "x" * 10_001, "en": "y"})}),
        ["{name}:", "10001"],
    ),
}


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    code: int
    expect: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for name, (_, expect) in ANSWERS.items():
        f = f"@{name}.yaml"
        cases[f"evaluate-{name}"] = Case(("evaluate", f), 2, expect)
        cases[f"history-{name}"] = Case(("history", f), 2, expect)
        cases[f"compare-{name}"] = Case(("compare", "@good.yaml", f), 2, expect)
        cases[f"template-from-{name}"] = Case(("answers", "template", "--from", f), 2, expect)
    # Two catalogs in one comparison: both files named, with their pins.
    cases["compare-pinunknown"] = Case(
        ("compare", "@good.yaml", "@pinunknown.yaml"), 2, ["{name}", "nope@1.0"]
    )
    for name in ("month13", "listkey", "binary", "deepnote", "empty", "nul", "hugenote", "yes"):
        f = f"@{name}.yaml"
        expect = ANSWERS[name][1]
        cases[f"report-{name}"] = Case(("report", f, "-o", "@out/r.html"), 2, expect)
        cases[f"check-{name}"] = Case(("check", f), 2, ["Terminal"])  # non-TTY: refused first
        cases[f"import-{name}"] = Case(("questionnaire", "import", f, "--dry-run"), 2, expect)
        cases[f"evaluate-en-{name}"] = Case(("evaluate", f, "--lang", "en"), 2, expect)
    cases["batch-hostile"] = Case(
        ("batch", "@batchdir", "--jobs", "1", "--format", "json", "-o", "@out/b.json"),
        2,
        ["month13.yaml", "not a valid date", "listkey.yaml", "cannot be a key"],
    )
    cases["report-previous-bad"] = Case(
        ("report", "@good.yaml", "--previous", "@feb30.yaml", "-o", "@out/p.html"),
        2,
        ["feb30.yaml:3", "not a valid date"],
    )
    for name, (_, expect) in PROFILES.items():
        f = f"@{name}.yaml"
        cases[f"profile-validate-{name}"] = Case(("profile", "validate", f), 2, expect)
        cases[f"contacts-{name}"] = Case(("contacts", "--profile", f), 2, expect)
        cases[f"card-{name}"] = Case(("card", "--profile", f, "-o", "@out/c.html"), 2, expect)
        cases[f"template-profile-{name}"] = Case(("answers", "template", "--profile", f), 2, expect)
        cases[f"evaluate-profile-{name}"] = Case(
            ("evaluate", "@good.yaml", "--profile", f), 2, expect
        )
        cases[f"qexport-{name}"] = Case(
            ("questionnaire", "export", "--profile", f, "-o", "@out/q.csv"), 2, expect
        )
    for name, (_, expect) in CATALOGS.items():
        f = f"@{name}.yaml"
        cases[f"catalog-validate-{name}"] = Case(("catalog", "validate", f), 2, expect)
        cases[f"catalog-show-{name}"] = Case(("catalog", "show", f), 2, expect)
        cases[f"catalog-changes-{name}"] = Case(("catalog", "changes", f), 2, expect)
        cases[f"evaluate-catalog-{name}"] = Case(
            ("evaluate", "@good.yaml", "--catalog", f), 2, expect
        )
    for special in ("/dev/zero", "@fifo", "/proc/self/status", "@batchdir", "@missing.yaml"):
        label = special.strip("@/").replace("/", "-")
        cases[f"special-evaluate-{label}"] = Case(("evaluate", special), 2, [special.strip("@")])
        cases[f"special-profile-{label}"] = Case(
            ("profile", "validate", special), 2, [special.strip("@")]
        )
        cases[f"special-catalog-{label}"] = Case(
            ("catalog", "validate", special), 2, [special.strip("@")]
        )
    for value in ("abc", "١٢٣", "99999999999999999", "-5", "1e9"):
        env = {"SOURCE_DATE_EPOCH": value}
        expect = ["SOURCE_DATE_EPOCH"]
        cases[f"epoch-template-{value}"] = Case(("answers", "template"), 2, expect, env)
        cases[f"epoch-report-{value}"] = Case(
            ("report", "@good.yaml", "-o", "@out/e.html"), 2, expect, env
        )
    for value in ("nan", "inf", "-1", "101", "viel"):
        cases[f"fail-under-{value}"] = Case(
            ("evaluate", "@good.yaml", "--fail-under", value), 2, ["--fail-under"]
        )
    # Issue 12's commands: OSCAL export, update from a local file, migration, diff, views.
    for name in ("month13", "listkey", "binary", "deepnote", "empty", "nul", "statusnull"):
        f = f"@{name}.yaml"
        expect = ANSWERS[name][1]
        cases[f"oscal-{name}"] = Case(("export", "oscal", f, "-o", "@out/oscal"), 2, expect)
        cases[f"migrate-{name}"] = Case(
            ("answers", "migrate", f, "--to", "acs-it-notfall@2021.05", "-o", "@out/m.yaml"),
            2,
            expect,
        )
        cases[f"view-{name}"] = Case(("evaluate", f, "--view", "nis2"), 2, expect)
    for name in ("nophases", "emptystages", "cond25", "cond490", "ctag", "cnul"):
        f = f"@{name}.yaml"
        expect = CATALOGS[name][1]
        cases[f"update-offline-{name}"] = Case(
            ("update", "--offline", "--check", "--from", f), 2, expect
        )
        cases[f"catalog-diff-{name}"] = Case(
            ("catalog", "diff", "acs-it-notfall@2021.05", f), 2, expect
        )
        cases[f"overlay-{name}"] = Case(("evaluate", "@good.yaml", "--overlay", f), 2, [f[1:]])
    # Output paths
    cases["out-devnull"] = Case(("evaluate", "@good.yaml", "-o", "/dev/null"), 0)
    cases["out-devfull"] = Case(("evaluate", "@good.yaml", "-o", "/dev/full"), 3, ["disk is full"])
    cases["out-card-devfull"] = Case(
        ("card", "--profile", "@profile.yaml", "-o", "/dev/full", "--format", "html"),
        3,
        ["disk is full"],
    )
    cases["out-parent-file"] = Case(
        ("evaluate", "@good.yaml", "-o", "@good.yaml/x.txt"), 3, ["is a file, not a folder"]
    )
    cases["out-folder"] = Case(("contacts", "--profile", "@profile.yaml", "-o", "@out"), 2, [])
    cases["out-stdout"] = Case(("evaluate", "@good.yaml", "--format", "json", "-o", "-"), 0)
    cases["template-keep"] = Case(
        ("answers", "template", "--profile", "@profile.yaml", "-o", "@good.yaml"),
        3,
        ["exists already"],
    )
    # Terminal and markup: valid input carrying escapes
    cases["sneaky-evaluate"] = Case(("evaluate", "@sneaky.yaml"), 0)
    cases["sneaky-evaluate-md"] = Case(("evaluate", "@sneaky.yaml", "--format", "markdown"), 0)
    cases["sneaky-evaluate-json"] = Case(("evaluate", "@sneaky.yaml", "--format", "json"), 0)
    cases["sneaky-profile"] = Case(("profile", "validate", "@sneakyprofile.yaml"), 0)
    cases["sneaky-contacts"] = Case(("contacts", "--profile", "@sneakyprofile.yaml"), 0)
    cases["sneaky-catalog-show"] = Case(
        ("catalog", "show", "acs-it-notfall", "\x1b[31mVOR\u202e"), 2, ["VOR"]
    )
    cases["sneaky-missing-file"] = Case(("evaluate", "@\x1b[2Jgone\u202e.yaml"), 2, ["gone"])
    cases["schema-unknown"] = Case(("schema", "\x1b[31mnope"), 2, ["nope"])
    cases["demo-unknown"] = Case(("demo", "--example", "\u202enope"), 2, ["nope"])
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (root / "good.yaml").write_text(GOOD, encoding="utf-8")
    (root / "sneaky.yaml").write_text(SNEAKY, encoding="utf-8")
    (root / "sneakyprofile.yaml").write_text(SNEAKY_PROFILE, encoding="utf-8")
    (root / "out").mkdir()
    batch = root / "batchdir"
    batch.mkdir()
    for table in (ANSWERS, PROFILES, CATALOGS):
        for name, (content, _) in table.items():
            path = root / f"{name}.yaml"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    for name in ("month13", "listkey"):
        (batch / f"{name}.yaml").write_bytes((root / f"{name}.yaml").read_bytes())
    (batch / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (batch / "good.yaml").write_text(GOOD, encoding="utf-8")
    # The most free text a file may hold: ten notes of nearly 10,000 characters.
    notes = "".join(
        f"  VOR-{i:02d}: {{status: not, note: {'Notiz ' * 1665}}}\n" for i in range(1, 11)
    )
    (root / "maxtext.yaml").write_text(_answers(notes), encoding="utf-8")
    os.mkfifo(root / "fifo")
    return root


def _arg(value: str, root: Path) -> str:
    return str(root / value[1:]) if value.startswith("@") else value


UNSAFE = ["\x1b", "\u202e", "\x07", "\r"]


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(name: str, hostile_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    args = [_arg(a, hostile_dir) for a in case.args]
    start = time.perf_counter()
    result = CliRunner().invoke(main, args)
    elapsed = time.perf_counter() - start
    output = result.stdout + result.stderr
    assert not (result.exception and not isinstance(result.exception, SystemExit)), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    assert result.exit_code != 70, output
    assert "Traceback" not in output
    assert result.exit_code == case.code, output
    assert elapsed < 10, f"{elapsed:.1f} s"
    for fragment in case.expect:
        fragment = fragment.replace("{name}", _arg(f"@{_file_of(case)}", hostile_dir))
        assert fragment in output, output[:2000]
    for char in UNSAFE:
        assert char not in output, f"{char!r} reached the terminal"
    if case.code != 0:
        assert len(output.splitlines()) <= 60, "the listing is capped"


def _file_of(case: Case) -> str:
    """The hostile file of a case (the last @-argument ending in .yaml that is not good.yaml)."""
    names = [a[1:] for a in case.args if a.startswith("@") and a.endswith(".yaml")]
    names = [n for n in names if not n.startswith("out/")]
    bad = [n for n in names if n not in ("good.yaml", "profile.yaml")]
    return (bad or names or [""])[-1]


def test_sneaky_text_is_neutralised_in_markdown_and_json(hostile_dir: Path) -> None:
    md = CliRunner().invoke(
        main, ["evaluate", str(hostile_dir / "sneaky.yaml"), "--format", "markdown"]
    )
    assert not re.search(r"(?<!\\)<img", md.stdout)
    assert "\\<img src=x onerror=alert(1)\\>" in md.stdout
    assert "](https://" not in md.stdout
    assert "https:\\/\\/evil.example" in md.stdout
    assert "www\\.evil.example" in md.stdout
    js = CliRunner().invoke(
        main, ["evaluate", str(hostile_dir / "sneaky.yaml"), "--format", "json"]
    )
    data = json.loads(js.stdout)
    assert data["assessment"]["assessor"] == "\x1b]0;title\x07\x1b[2JBoss\u202e"


def test_catalog_text_is_neutralised_in_markdown(tmp_path: Path) -> None:
    """A catalog from elsewhere is untrusted too: its texts reach markdown as text, not HTML."""
    data = yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))
    evil = "<img src=x onerror=alert(1)> [klick](javascript:alert(1))"
    for control in data["controls"]:
        control["title"] = {"de": evil, "en": evil}
        control["question"] = {"de": evil, "en": evil}
    data["phases"][0]["title"] = {"de": evil, "en": evil}
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(_answers("  VOR-01: not\n"), encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["evaluate", str(answers), "--catalog", str(catalog), "--format", "markdown"],
    )
    assert result.exit_code == 0, result.output
    assert not re.search(r"(?<!\\)<img", result.stdout)
    assert not re.search(r"(?<!\\)\]\(javascript", result.stdout)
    assert "\\[klick\\](javascript" in result.stdout
    assert result.stdout.count("\\<img src=x onerror=alert(1)\\>") > 60


def test_foreign_questionnaire_with_endless_words(tmp_path: Path) -> None:
    """Cells of one endless word (as long as a spreadsheet cell holds) are no words to split:
    the import ends in bounded time, and such rows match nothing."""
    path = tmp_path / "fremd.csv"
    rows = [
        "Nr.;Frage;Antwort",
        "1;Wird täglich eine Datensicherung aller Server erstellt?;ja",
        "2;" + "x" * 32_767 + ";ja",
        "3;" + "datensicherung" * 2_000 + ";nein",
        "4;" + "daten" * 6_000 + ";ja",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(
        main, ["questionnaire", "import", str(path), "--dry-run", "--format", "json"]
    )
    elapsed = time.perf_counter() - start
    data = json.loads(result.stdout)
    assert [r["decision"] for r in data["rows"]] == [
        "imported",
        "unmatched",
        "unmatched",
        "unmatched",
    ]
    assert elapsed < 10, f"{elapsed:.1f} s"


def test_sneaky_profile_cannot_add_keys_to_the_template(hostile_dir: Path) -> None:
    out = hostile_dir / "out" / "sneaky-template.yaml"
    result = CliRunner().invoke(
        main,
        [
            "answers",
            "template",
            "--profile",
            str(hostile_dir / "sneakyprofile.yaml"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["catalog"] == "acs-it-notfall@2021.05"
    assert set(data) == {"catalog", "profile", "date", "assessor", "answers"}


# --- Cases that need a process of their own: memory limits, signals, kills -----------------

LIMIT = 500 * 1024 * 1024


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT * 2, LIMIT * 2))


def _run_limited(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run assess with an address-space cap; return the result and its peak RSS in bytes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(
        [sys.executable, "-m", "assess", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_limited,
        env={**os.environ, "ASSESS_CACHE_DIR": ""},
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return proc, max(peak, before) * 1024


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["report", "hugenote.yaml", "-o", "out/h.pdf"], 2),
        (["report", "maxtext.yaml", "-o", "out/max.pdf"], 0),
        (["evaluate", "manyids.yaml"], 2),
        (["evaluate", "toobig.yaml"], 2),
        (["evaluate", "verydeep.yaml"], 2),
    ],
)
def test_heavy_cases_in_bounded_time_and_memory(
    args: list[str], code: int, hostile_dir: Path
) -> None:
    start = time.perf_counter()
    proc, peak = _run_limited(args, hostile_dir)
    elapsed = time.perf_counter() - start
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    assert elapsed < 10
    assert peak < LIMIT, f"{peak / 1e6:.0f} MB"


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "assess", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(
    ("sig", "code", "word"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_signal_gives_a_short_message_and_no_leftovers(
    sig: signal.Signals, code: int, word: str, tmp_path: Path
) -> None:
    # A portfolio large enough to take a few seconds: the signal arrives mid-run.
    portfolio = tmp_path / "portfolio"
    portfolio.mkdir()
    (portfolio / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    for i in range(4000):
        (portfolio / f"a{i}.yaml").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assess",
            "batch",
            str(portfolio),
            "--all",
            "--jobs",
            "1",
            "--format",
            "json",
            "-o",
            str(out / "summary.json"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    assert proc.poll() is None, "finished before the signal"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert err.strip().endswith(word)
    assert list(out.iterdir()) == []
