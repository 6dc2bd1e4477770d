"""Several assessments of one company, scored with one catalog revision: the years side by side,
and what changed control by control.

Loading checks that the files belong together (one company, one catalog); the views are built
from evaluations only, so every number is the engine's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from assess.errors import InputError, NotFoundError, Problem
from assess.i18n import date
from assess.models.answers import Assessment
from assess.models.base import Lang

if TYPE_CHECKING:
    from assess.api import Outcome

HISTORY_SCHEMA = "assess.history/1"
COMPARE_SCHEMA = "assess.compare/1"
SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Scored:
    """One assessment file, evaluated with the history's catalog revision."""

    path: Path
    outcome: Outcome


def answer_files(sources: Sequence[Path]) -> list[Path]:
    """The answers files among ``sources``: files as given; in a directory every YAML or JSON
    file that has ``catalog``, ``date`` and ``answers`` at the top (a profile has not)."""
    from assess.load import load_yaml_file

    files: list[Path] = []
    for source in sources:
        if not source.is_dir():
            files.append(source)
            continue
        for path in sorted(source.iterdir()):
            if path.suffix.lower() not in SUFFIXES or not path.is_file():
                continue
            data, _ = load_yaml_file(path)
            if isinstance(data, dict) and {"catalog", "date", "answers"} <= data.keys():
                files.append(path)
    unique = {path.resolve(): path for path in reversed(files)}
    files = [path for path in files if unique.get(path.resolve()) is path]
    if not files:
        where = ", ".join(str(s) for s in sources)
        raise NotFoundError(
            f"no answers files in {where} (YAML or JSON with catalog, date, answers)"
        )
    return files


def load_history(
    sources: Sequence[Path],
    catalog: str | Path | None = None,
    profile: str | None = None,
    by_date: bool = True,
) -> list[Scored]:
    """Every assessment in ``sources``, ordered by date (then file name; as given if not
    ``by_date``), each scored with the installed revision of their catalog edition (or
    ``catalog``, a file of that edition). An answer to a retired control stands in for its
    successors, as in ``evaluate``; the views say where.

    Assessments of different companies or catalog editions are an error naming the files.
    """
    from assess.api import evaluate_file, load_catalog
    from assess.load import load_yaml_file
    from assess.validate import Locator, parse_model

    files = answer_files(sources)
    pins = []
    for path in files:
        data, text = load_yaml_file(path)
        pins.append(str(parse_model(Assessment, data, Locator(str(path), text, data)).catalog))
    if len(set(pins)) > 1:
        raise InputError(
            [
                Problem(
                    str(path),
                    f"answers along catalog {pin}; the other files use "
                    + ", ".join(sorted(set(pins) - {pin})),
                    fix="one history holds the assessments along one catalog edition",
                )
                for path, pin in zip(files, pins, strict=True)
            ]
        )
    current = load_catalog(catalog if catalog is not None else pins[0])
    outcomes = [(path, evaluate_file(path, current, profile)) for path in files]
    companies = {outcome.profile.name for _, outcome in outcomes}
    if len(companies) > 1:
        raise InputError(
            [
                Problem(
                    str(path),
                    f"assessment of {outcome.profile.name!r}",
                    fix="one history holds the assessments of one company",
                )
                for path, outcome in outcomes
            ]
        )
    if by_date:
        outcomes.sort(key=lambda x: (x[1].evaluation.date, x[0].name))
    return [Scored(path, outcome) for path, outcome in outcomes]


# --- views: what the renderers show ---


@dataclass(frozen=True)
class PhasePoint:
    id: str
    prefix: str
    title: str
    percent: float | None


@dataclass(frozen=True)
class YearView:
    file: str
    date: str
    date_label: str
    assessor: str
    overall: float | None
    level: int
    level_name: str
    phases: list[PhasePoint]
    critical_gaps: list[str]
    not_reviewed: list[str]
    inherited: list[str] = field(default_factory=list)  # "VOR-35 ← VOR-27"


@dataclass(frozen=True)
class ControlChange:
    id: str
    title: str
    before: str
    before_label: str
    after: str
    after_label: str
    change: str  # "improved", "regressed", "applicability", "same"


@dataclass(frozen=True)
class StepView:
    """What changed from one assessment to the next."""

    before: str
    after: str
    improved: list[ControlChange]
    regressed: list[ControlChange]


@dataclass(frozen=True)
class HistoryView:
    schema: str
    lang: Lang
    company: str
    catalog: str
    revision: int
    years: list[YearView]
    steps: list[StepView]


@dataclass(frozen=True)
class CompareView:
    schema: str
    lang: Lang
    company: str
    catalog: str
    revision: int
    old: YearView
    new: YearView
    overall_delta: float | None
    phase_deltas: dict[str, float | None]
    controls: list[ControlChange]


def year_view(item: Scored, lang: Lang) -> YearView:
    ev, catalog = item.outcome.evaluation, item.outcome.catalog
    return YearView(
        file=str(item.path),
        date=ev.date.isoformat(),
        date_label=date(ev.date, lang),
        assessor=ev.assessor,
        overall=ev.overall.percent,
        level=ev.maturity.level,
        level_name=catalog.stage(ev.maturity.level).name.get(lang),
        phases=[
            PhasePoint(
                p.phase,
                catalog.phase(p.phase).prefix,
                catalog.phase(p.phase).title.get(lang),
                p.percent,
            )
            for p in ev.phases
        ],
        critical_gaps=[r.id for r in ev.controls if r.critical],
        not_reviewed=[r.id for r in ev.controls if r.not_reviewed],
        inherited=[f"{r.id} ← {r.inherited_from}" for r in ev.controls if r.inherited_from],
    )


def changes(old: Scored, new: Scored, lang: Lang) -> list[ControlChange]:
    """Every control applicable in either assessment, with its status before and after.

    Improved or regressed: applicable in both and the status's points differ; applicability:
    applicable in one only; same: otherwise.
    """
    catalog = new.outcome.catalog
    before = {r.id: r for r in old.outcome.evaluation.controls}
    result = []
    for now in new.outcome.evaluation.controls:
        then = before[now.id]
        if not (now.applicable or then.applicable):
            continue
        if now.applicable and then.applicable:
            value_now, value_then = now.value or 0, then.value or 0
            kind = (
                "improved"
                if value_now > value_then
                else "regressed"
                if value_now < value_then
                else "same"
            )
        else:
            kind = "applicability"
        result.append(
            ControlChange(
                id=now.id,
                title=catalog.controls_by_id[now.id].title.get(lang),
                before=then.status,
                before_label=catalog.status(then.status).label.get(lang),
                after=now.status,
                after_label=catalog.status(now.status).label.get(lang),
                change=kind,
            )
        )
    return result


def _only(items: Iterable[ControlChange], kind: str) -> list[ControlChange]:
    return [c for c in items if c.change == kind]


def history_view(scored: Sequence[Scored], lang: Lang) -> HistoryView:
    """The years side by side and, between consecutive years, what improved or regressed."""
    first = scored[0].outcome
    steps = []
    for old, new in pairwise(scored):
        diff = changes(old, new, lang)
        steps.append(
            StepView(
                date(old.outcome.evaluation.date, lang),
                date(new.outcome.evaluation.date, lang),
                _only(diff, "improved"),
                _only(diff, "regressed"),
            )
        )
    return HistoryView(
        schema=HISTORY_SCHEMA,
        lang=lang,
        company=first.profile.name,
        catalog=first.catalog.pin,
        revision=first.catalog.revision,
        years=[year_view(s, lang) for s in scored],
        steps=steps,
    )


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 1)


def compare_view(old: Scored, new: Scored, lang: Lang) -> CompareView:
    """Two assessments control by control, with the change of every score."""
    before, after = year_view(old, lang), year_view(new, lang)
    old_phases = {p.id: p.percent for p in before.phases}
    return CompareView(
        schema=COMPARE_SCHEMA,
        lang=lang,
        company=new.outcome.profile.name,
        catalog=new.outcome.catalog.pin,
        revision=new.outcome.catalog.revision,
        old=before,
        new=after,
        overall_delta=_delta(before.overall, after.overall),
        phase_deltas={p.id: _delta(old_phases.get(p.id), p.percent) for p in after.phases},
        controls=changes(old, new, lang),
    )
