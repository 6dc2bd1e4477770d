"""Property tests (hypothesis): what holds for every input, not only for the examples.

Fixed seed (``derandomize``) and bounded example counts, so that they run the same in .ci/run
every time and stay fast.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.api import load_profile
from assess.cli import main
from assess.evaluate import evaluate
from assess.load import parse_yaml
from assess.models.answers import Answer, Assessment
from assess.models.catalog import Catalog
from assess.models.profile import Profile
from assess.models.support import SupportDirectory
from assess.render.markdown import _cell
from assess.resources import bundled_profiles
from assess.template import answers_template
from assess.terminal import clean

FAST = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SLOW = settings(FAST, max_examples=12)

#: The statuses with points, lowest first ('unknown' scores as 'not').
RANK = {"unknown": 0, "not": 0, "partial": 1, "largely": 2, "fulfilled": 3}
PROFILES = {name: load_profile(path) for name, path in bundled_profiles().items()}


def _assessment(pin: str, answers: dict[str, str]) -> Assessment:
    return Assessment.model_validate(
        {"catalog": pin, "date": dt.date(2026, 3, 1), "assessor": "Test", "answers": answers}
    )


@st.composite
def portfolios(draw: st.DrawFn, catalog: Catalog) -> tuple[Profile, dict[str, str]]:
    profile = PROFILES[draw(st.sampled_from(sorted(PROFILES)))]
    ids = [c.id for c in catalog.controls]
    statuses = draw(st.lists(st.sampled_from(sorted(RANK)), min_size=len(ids), max_size=len(ids)))
    answered = draw(st.lists(st.booleans(), min_size=len(ids), max_size=len(ids)))
    return profile, {i: s for i, s, a in zip(ids, statuses, answered, strict=True) if a}


@pytest.fixture(scope="module")
def catalog(real_catalog: Catalog) -> Catalog:
    return real_catalog


@FAST
@given(data=st.data())
def test_scores_are_percentages(
    data: st.DataObject, catalog: Catalog, directory: SupportDirectory
) -> None:
    profile, answers = data.draw(portfolios(catalog))
    result = evaluate(catalog, profile, _assessment(str(catalog.pin), answers), directory)
    for percent in [result.overall.percent, *(p.percent for p in result.phases)]:
        assert percent is None or 0 <= percent <= 100
    assert 0 <= result.maturity.level <= max(s.level for s in catalog.stages)


@FAST
@given(data=st.data())
def test_raising_one_answer_never_lowers_score_or_level(
    data: st.DataObject, catalog: Catalog, directory: SupportDirectory
) -> None:
    profile, answers = data.draw(portfolios(catalog))
    control = data.draw(st.sampled_from([c.id for c in catalog.controls]))
    current = RANK[answers.get(control, "unknown")]
    higher = [s for s, r in RANK.items() if r > current]
    if not higher:
        return
    raised = {**answers, control: data.draw(st.sampled_from(higher))}
    pin = str(catalog.pin)
    before = evaluate(catalog, profile, _assessment(pin, answers), directory)
    after = evaluate(catalog, profile, _assessment(pin, raised), directory)
    assert after.overall.points >= before.overall.points
    if before.overall.percent is not None and after.overall.percent is not None:
        assert after.overall.percent >= before.overall.percent
    assert after.maturity.level >= before.maturity.level


@FAST
@given(data=st.data())
def test_roadmap_holds_the_gaps_with_prerequisites_first(
    data: st.DataObject, catalog: Catalog, directory: SupportDirectory
) -> None:
    profile, answers = data.draw(portfolios(catalog))
    result = evaluate(catalog, profile, _assessment(str(catalog.pin), answers), directory)
    gaps = {r.id for r in result.controls if r.gap}
    ranks = {item.control: item.rank for item in result.roadmap}
    assert len(ranks) == len(result.roadmap)  # each gap once
    assert set(ranks) == gaps
    assert all(r.applicable for r in result.controls if r.id in gaps)
    by_id = {r.id: r for r in result.controls}
    for item in result.roadmap:
        for dep in catalog.controls_by_id[item.control].depends_on:
            if dep in gaps and not by_id[dep].meets_stage:
                assert ranks[dep] < item.rank, (dep, item.control)


@FAST
@given(data=st.data())
def test_evaluation_is_deterministic(
    data: st.DataObject, catalog: Catalog, directory: SupportDirectory
) -> None:
    profile, answers = data.draw(portfolios(catalog))
    shuffled = dict(data.draw(st.permutations(list(answers.items()))))
    pin = str(catalog.pin)
    first = evaluate(catalog, profile, _assessment(pin, answers), directory)
    second = evaluate(catalog, profile, _assessment(pin, shuffled), directory)
    assert first.model_dump() == second.model_dump()


# --- Text through every writer ---------------------------------------------------------------

#: Any text a field takes (surrogates cannot be written as UTF-8 by anyone).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
NAME = TEXT.filter(lambda s: s.strip() != "")


@FAST
@given(company=TEXT, assessor=NAME, note=TEXT, owner=TEXT)
def test_any_text_round_trips_through_the_answers_template(
    company: str, assessor: str, note: str, owner: str, catalog: Catalog
) -> None:
    profile = PROFILES["schreinerei-huber"].model_copy(update={"name": company or "x"})
    first = catalog.controls[0].id
    previous = Assessment(
        catalog=catalog.pin,  # type: ignore[arg-type]
        date=dt.date(2025, 3, 1),
        assessor=assessor,
        answers={first: Answer(status="partial", note=note, owner=owner)},
    )
    text = answers_template(catalog, dt.date(2026, 3, 1), "de", profile, "p.yaml", previous)
    data = parse_yaml(text, "template.yaml")
    assert set(data) == {"catalog", "profile", "date", "assessor", "answers"}
    assert data["catalog"] == str(catalog.pin)
    assert data["answers"][first]["note"] == note
    assert data["answers"][first]["owner"] == owner


_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@FAST
@given(text=TEXT)
def test_markdown_cells_escape_every_markup_and_read_back(text: str) -> None:
    cell = _cell(text)
    assert not re.search(r"(?<!\\)[<>\[\]`*_|&]", cell.replace("\\\\", ""))
    assert "://" not in cell
    assert _UNESCAPE.sub(r"\1", cell) == " ".join(text.split())


@FAST
@given(text=TEXT)
def test_terminal_text_parses_back_as_json(text: str) -> None:
    # What the terminal gets of JSON output is still the same JSON.
    assert json.loads(clean(json.dumps(text, ensure_ascii=False))) == text
    assert not any(ord(c) < 0x20 and c not in "\n\t" for c in clean(text))


def _write_answers(path: Path, note: str, owner: str) -> None:
    data = {
        "catalog": "acs-it-notfall@2021.05",
        "profile": "schreinerei-huber",
        "date": "2026-03-01",
        "assessor": "Test",
        "answers": {"VOR-01": {"status": "partial", "note": note, "owner": owner}},
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@SLOW
@given(note=TEXT, owner=TEXT)
def test_any_text_round_trips_through_json(note: str, owner: str, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    _write_answers(answers, note, owner)
    result = CliRunner().invoke(main, ["evaluate", str(answers), "--format", "json"])
    assert result.exit_code == 0, result.output
    controls = {c["id"]: c for c in json.loads(result.stdout)["controls"]}
    assert (controls["VOR-01"]["note"] or "") == note
    assert (controls["VOR-01"]["owner"] or "") == owner


#: Text a questionnaire cell carries: no control characters (csv cannot hold NUL; the reader
#: refuses it with a message). The importer reads whitespace as spreadsheets show it: runs of
#: spaces, no-break spaces and line breaks become one space.
CELL_TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=80)


def _as_read(text: str) -> str:
    return " ".join(text.split())


@SLOW
@given(note=CELL_TEXT, owner=CELL_TEXT, suffix=st.sampled_from([".csv", ".xlsx"]))
def test_any_text_round_trips_through_questionnaire_export_and_import(
    note: str, owner: str, suffix: str, tmp_path: Path
) -> None:
    answers = tmp_path / "a.yaml"
    _write_answers(answers, note, owner)
    form = tmp_path / f"q{suffix}"
    back = tmp_path / "back.yaml"
    form.unlink(missing_ok=True)
    back.unlink(missing_ok=True)
    runner = CliRunner()
    exported = runner.invoke(
        main, ["questionnaire", "export", "--from", str(answers), "-o", str(form)]
    )
    assert exported.exit_code == 0, exported.output
    imported = runner.invoke(main, ["questionnaire", "import", str(form), "-o", str(back)])
    assert imported.exit_code == 0, imported.output
    answer = yaml.safe_load(back.read_text(encoding="utf-8"))["answers"]["VOR-01"]
    assert _as_read(answer.get("note") or "") == _as_read(note)
    assert _as_read(answer.get("owner") or "") == _as_read(owner)


@FAST
@given(text=TEXT)
def test_any_text_round_trips_through_a_worksheet_cell(text: str) -> None:
    from assess.exchange.columns import from_sheet, to_sheet

    stored = to_sheet(text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", stored)
    assert from_sheet(stored) == text
