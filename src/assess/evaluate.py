"""The pure core: answers + profile + catalog -> per-control results -> Evaluation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from assess.models.answers import Answer, Assessment
from assess.models.catalog import Catalog, Control, StatusId
from assess.models.condition import holds
from assess.models.profile import Profile
from assess.models.result import (
    ControlResult,
    Evaluation,
    Maturity,
    PhaseScore,
    Score,
    WeightReason,
)
from assess.models.support import SupportDirectory
from assess.roadmap import build_roadmap
from assess.scoring import maturity, score
from assess.support import duty_findings, emergency_entries, stale_since

R = TypeVar("R", ControlResult, WeightReason)

_set = object.__setattr__


def trusted(model: type[R], values: dict[str, Any]) -> R:
    """A result model from values that are of its field types already, computed here from
    validated models: what pydantic's ``model_construct`` makes of every field given (these
    models have no aliases or private attributes), without validating again what is known.
    ``values`` holds every field in the order the model declares them (tests/test_evaluate.py
    compares each result with the validated one, value types included)."""
    result = model.__new__(model)
    _set(result, "__dict__", values)
    _set(result, "__pydantic_fields_set__", set(values))
    _set(result, "__pydantic_extra__", None)
    _set(result, "__pydantic_private__", None)
    return result


def assess_control(
    control: Control, catalog: Catalog, profile_values: dict[str, object], assessment: Assessment
) -> ControlResult:
    """The result of one control: applicability, status, weight and points."""
    answers = assessment.answers
    # A control that took over a retired one's question inherits its answer until it is
    # answered itself (comparisons across revisions stay meaningful; the view says so).
    key = control.id if control.id in answers else catalog.answer_key(control.id, answers)
    answer = None if key is None else answers[key]
    status: StatusId = "unknown"
    if answer is not None:
        resolved = catalog.resolve_status(answer.status)
        # Answers are checked before evaluation; an unresolvable status cannot reach here.
        assert resolved is not None, answer.status
        status = resolved
        if status == "na" and control.mandatory:  # only possible when inherited
            status = "unknown"
    na_source: Literal["profile", "answer"] | None = None
    if control.applies_if is not None and not holds(control.applies_if, profile_values):
        status, na_source = "na", "profile"
    elif status == "na":
        na_source = "answer"
    applicable = status != "na"

    weight = catalog.weight(control.criticality)
    reasons = []
    for modifier in control.weight_modifiers:
        if holds(modifier.when, profile_values):
            weight *= modifier.factor
            reasons.append(
                trusted(WeightReason, {"factor": modifier.factor, "reason": modifier.reason})
            )

    entry = catalog.status(status)
    value = entry.value
    points = weight * value / catalog.max_value if applicable and value is not None else 0.0
    # 60 and more per evaluation, thousands in a portfolio: built without validating again
    return trusted(
        ControlResult,
        {
            "id": control.id,
            "phase": control.phase,
            "stage": control.stage,
            "criticality": control.criticality,
            "applicable": applicable,
            "status": status,
            "na_source": na_source,
            "value": value,
            "weight": weight,
            "weight_reasons": reasons,
            "points": points,
            "meets_stage": entry.meets_stage,
            "gap": applicable and status != "fulfilled",
            "critical": applicable and control.criticality == "top" and not entry.meets_stage,
            "answer": answer,
            "inherited_from": key if key != control.id else None,
            "not_reviewed": answer is not None
            and na_source != "profile"
            and not_reviewed(answer, assessment.date),
        },
    )


def not_reviewed(answer: Answer | None, on: dt.date) -> bool:
    """An answer carried over and not confirmed (``reviewed: false``), or last updated more
    than 12 months before the assessment date ``on``: 'ungeprüft übernommen'."""
    if answer is None:
        return False
    return answer.reviewed is False or (
        answer.updated is not None and answer.updated < stale_since(on)
    )


@dataclass(frozen=True, slots=True)
class Scored:
    """An assessment's per-control results with its Umsetzungsgrad (overall and per phase) and
    Reifegrad: what the scores and the roadmap are built from."""

    controls: list[ControlResult]
    overall: Score
    phases: list[PhaseScore]
    maturity: Maturity


def score_assessment(catalog: Catalog, profile: Profile, assessment: Assessment) -> Scored:
    """Every control's result, the scores and the level; pure, inputs are validated models."""
    values = profile.condition_values
    results = [assess_control(c, catalog, values, assessment) for c in catalog.controls]
    overall, phases = score(results, catalog)
    return Scored(results, overall, phases, maturity(results, catalog))


def evaluate(
    catalog: Catalog,
    profile: Profile,
    assessment: Assessment,
    directory: SupportDirectory,
) -> Evaluation:
    """Evaluate an assessment. Pure: no files, no clock; inputs are validated models."""
    scored = score_assessment(catalog, profile, assessment)
    findings = duty_findings(directory, profile)
    return Evaluation(
        catalog_id=catalog.id,
        catalog_version=catalog.version,
        catalog_revision=catalog.revision,
        retired_answers=sorted(set(assessment.answers) & set(catalog.retired)),
        directory=directory.pin,
        company=profile.name,
        date=assessment.date,
        assessor=assessment.assessor,
        overall=scored.overall,
        phases=scored.phases,
        maturity=scored.maturity,
        controls=scored.controls,
        roadmap=build_roadmap(
            catalog, scored.controls, scored.maturity, scored.overall.weight, profile, directory
        ),
        emergency_support=[e.id for e in emergency_entries(directory, profile)],
        duties=[f.duty.id for f in findings if f.status == "applies"],
        possible_duties=[f.duty.id for f in findings if f.status == "possible"],
        exempt_duties=[f.duty.id for f in findings if f.status == "exempt"],
    )
