"""Framework views: the results regrouped by the requirements of NIS2, ISO/IEC 27001,
IT-Grundschutz or DIN SPEC 27076 that the catalog's ``refs`` point to.

A requirement the catalog maps to gets the controls serving it, their statuses and a coverage
figure (the Umsetzungsgrad of those controls); a requirement no control maps to is listed as "not
covered by this catalog", never as fulfilled. Coverage of a requirement is not compliance with it,
and every view says so.

The requirement lists are data (``catalogs/<catalog-id>/frameworks/<framework-id>.yaml``), loaded
and checked against the catalog here; ``build_framework_view`` itself is pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assess import resources
from assess.errors import InputError, NotFoundError, Problem
from assess.i18n import date, text_of
from assess.models.base import Lang
from assess.models.framework import FrameworkRequirements, split_ref

if TYPE_CHECKING:
    from assess.api import Outcome
    from assess.models.catalog import Catalog

SCHEMA = "assess.framework-view/1"

# The names `--view` accepts and the framework ids the catalog's refs use.
VIEWS: dict[str, str] = {
    "nis2": "nis2",
    "iso27001": "iso27001",
    "grundschutz": "grundschutz",
    "din27076": "din-spec-27076",
}

Coverage = Literal["covered", "not_applicable", "not_covered"]

_TEXTS: dict[str, tuple[str, str]] = {
    "notice": (
        "Hinweis: Die Zuordnung zeigt, welche Maßnahmen dieses Katalogs zu einer Anforderung "
        "beitragen. Abdeckung ist keine Erfüllung: Auch vollständig umgesetzte Maßnahmen belegen "
        "nicht, dass eine Anforderung des Rahmenwerks erfüllt ist (keine Compliance-Aussage).",
        "Note: the mapping shows which controls of this catalog contribute to a requirement. "
        "Coverage is not compliance: even fully implemented controls do not show that a "
        "requirement of the framework is met.",
    ),
    "covered": ("durch Maßnahmen des Katalogs abgedeckt", "covered by controls of the catalog"),
    "not_applicable": (
        "zugeordnete Maßnahmen für dieses Unternehmen entbehrlich",
        "the mapped controls do not apply to this company",
    ),
    "not_covered": ("nicht durch diesen Katalog abgedeckt", "not covered by this catalog"),
    "not_covered_heading": (
        "Nicht durch diesen Katalog abgedeckt",
        "Not covered by this catalog",
    ),
    "summary": (
        "{covered} von {total} Anforderungen durch Maßnahmen des Katalogs abgedeckt, "
        "{not_applicable} nur durch entbehrliche Maßnahmen, {not_covered} nicht abgedeckt.",
        "{covered} of {total} requirements covered by controls of the catalog, "
        "{not_applicable} only by controls that do not apply, {not_covered} not covered.",
    ),
    "figure": (
        "Umsetzungsgrad der zugeordneten Maßnahmen: {percent}; {met} von {applicable} "
        "mindestens weitgehend umgesetzt",
        "implementation score of the mapped controls: {percent}; {met} of {applicable} "
        "at least largely fulfilled",
    ),
    "view_title": ("Sicht {name}", "View {name}"),
    "assessed": (
        "{company} · Katalog {catalog} · Bewertung vom {date}",
        "{company} · catalog {catalog} · assessed on {date}",
    ),
    "requirement": ("Anforderung", "Requirement"),
    "coverage": ("Abdeckung", "Coverage"),
    "controls": ("Maßnahmen", "Controls"),
    "control": ("Maßnahme", "Control"),
    "status": ("Status", "Status"),
    "score": ("Umsetzungsgrad", "Score"),
}


def tr(key: str, lang: Lang, **values: object) -> str:
    return text_of(_TEXTS, key, lang, **values)


@dataclass(frozen=True)
class MappedControl:
    id: str
    title: str
    applicable: bool
    status: str
    status_label: str
    meets_stage: bool


@dataclass(frozen=True)
class RequirementView:
    id: str
    title: str
    coverage: Coverage
    coverage_label: str
    percent: float | None
    applicable: int
    met: int
    controls: list[MappedControl]


@dataclass(frozen=True)
class FrameworkSummary:
    total: int
    covered: int
    not_applicable: int
    not_covered: int
    text: str


@dataclass(frozen=True)
class FrameworkView:
    schema: str
    lang: Lang
    framework: str
    name: str
    source: str
    catalog: str
    company: str
    date: str
    date_label: str
    notice: str
    summary: FrameworkSummary
    requirements: list[RequirementView]


def framework_id(view: str) -> str:
    """The framework id behind a ``--view`` name (or a framework id itself)."""
    return VIEWS.get(view, view)


def check_refs(catalog: Catalog, framework: FrameworkRequirements, source: str) -> list[Problem]:
    """Every problem between a requirement list and the catalog: wrong catalog, a framework the
    catalog does not declare, duplicate requirement ids, refs naming no listed requirement."""
    problems = []
    if framework.catalog != catalog.id:
        problems.append(
            Problem(
                source,
                f"the requirement list is for catalog {framework.catalog}, not {catalog.id}",
                where="catalog",
            )
        )
    if framework.id not in {f.id for f in catalog.frameworks}:
        declared = ", ".join(f.id for f in catalog.frameworks)
        problems.append(
            Problem(
                source,
                f"catalog {catalog.pin} declares no framework {framework.id} (it has {declared})",
                where="id",
            )
        )
    seen: set[str] = set()
    for req in framework.requirements:
        if req.id in seen:
            problems.append(Problem(source, f"requirement {req.id!r} is listed twice", where="id"))
        seen.add(req.id)
    for control in catalog.controls:
        for ref in control.refs:
            if ref.framework != framework.id:
                continue
            for part in split_ref(ref.ref):
                if part not in framework.by_id:
                    problems.append(
                        Problem(
                            source,
                            f"{framework.id} ref {part!r} is not in the requirement list",
                            where=f"control {control.id}",
                            fix="add the requirement to the list or correct the control's ref",
                        )
                    )
    return problems


def framework_path(catalog_id: str, fw_id: str) -> Path | None:
    """The bundled requirement list of a framework for a catalog id, if there is one."""
    path = resources.data_root() / "catalogs" / catalog_id / "frameworks" / f"{fw_id}.yaml"
    return path if path.is_file() else None


def load_framework(catalog: Catalog, view: str, path: Path | None = None) -> FrameworkRequirements:
    """The requirement list for ``view`` (bundled, or the file ``path``), checked against the
    catalog; all problems at once."""
    from assess.load import load_yaml_file
    from assess.validate import Locator, parse_model

    fw_id = framework_id(view)
    if path is None:
        path = framework_path(catalog.id, fw_id)
        if path is None:
            raise NotFoundError(
                f"no requirement list for framework {fw_id} with catalog {catalog.id} "
                f"(looked for catalogs/{catalog.id}/frameworks/{fw_id}.yaml)"
            )
    data, text = load_yaml_file(path)
    where = Locator(str(path), text, data)
    framework = parse_model(FrameworkRequirements, data, where)
    problems = check_refs(catalog, framework, str(path))
    if problems:
        raise InputError(problems)
    return framework


def build_framework_view(
    outcome: Outcome, framework: FrameworkRequirements, lang: Lang
) -> FrameworkView:
    """The results regrouped by the framework's requirements, in the list's order."""
    catalog, ev = outcome.catalog, outcome.evaluation
    results = {r.id: r for r in ev.controls}
    serving: dict[str, list[str]] = {r.id: [] for r in framework.requirements}
    for control in catalog.controls:
        for ref in control.refs:
            if ref.framework == framework.id:
                for part in split_ref(ref.ref):
                    if control.id not in serving[part]:
                        serving[part].append(control.id)

    requirements = []
    for req in framework.requirements:
        mapped = [results[cid] for cid in serving[req.id]]
        applicable = [r for r in mapped if r.applicable]
        coverage: Coverage = (
            "not_covered" if not mapped else "covered" if applicable else "not_applicable"
        )
        weight = sum(r.weight for r in applicable)
        percent = round(100 * sum(r.points for r in applicable) / weight, 1) if weight else None
        requirements.append(
            RequirementView(
                id=req.id,
                title=req.title.get(lang),
                coverage=coverage,
                coverage_label=tr(coverage, lang),
                percent=percent,
                applicable=len(applicable),
                met=sum(1 for r in applicable if r.meets_stage),
                controls=[
                    MappedControl(
                        id=r.id,
                        title=catalog.controls_by_id[r.id].title.get(lang),
                        applicable=r.applicable,
                        status=r.status,
                        status_label=catalog.status(r.status).label.get(lang),
                        meets_stage=r.applicable and r.meets_stage,
                    )
                    for r in mapped
                ],
            )
        )
    counts = {c: sum(1 for r in requirements if r.coverage == c) for c in _COVERAGES}
    summary = FrameworkSummary(
        total=len(requirements),
        covered=counts["covered"],
        not_applicable=counts["not_applicable"],
        not_covered=counts["not_covered"],
        text=tr("summary", lang, total=len(requirements), **counts),
    )
    return FrameworkView(
        schema=SCHEMA,
        lang=lang,
        framework=framework.id,
        name=framework.name.get(lang),
        source=framework.source,
        catalog=catalog.pin,
        company=outcome.profile.name,
        date=ev.date.isoformat(),
        date_label=date(ev.date, lang),
        notice=tr("notice", lang),
        summary=summary,
        requirements=requirements,
    )


_COVERAGES: tuple[Coverage, ...] = ("covered", "not_applicable", "not_covered")
