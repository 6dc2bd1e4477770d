"""OSCAL 1.1.x JSON documents from the models: catalog, profile, assessment results, POA&M.

Pure: an evaluated outcome in, JSON-ready dicts out. UUIDs are uuid5 of the catalog pin, the
company and the ids they stand for, and timestamps come from the catalog's release date and the
assessment date, so the same input gives the same files byte for byte.

Mapping:
- catalog: one group per phase; per control the statement (readiness question) and guidance as
  parts, criticality, stage, effort and mandatory as props, framework refs as links to back-matter
  resources;
- profile: imports the catalog with the controls that apply to this company;
- assessment results: one result with a finding and an observation per control (status,
  implementation status, the answer's note and evidence);
- POA&M: one poam-item per roadmap item with its horizon, rank and reason, and a risk per item
  whose deadline is the assessment date plus the horizon (no POA&M when nothing is open).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import TYPE_CHECKING, Any

from assess.models.base import Lang
from assess.models.framework import split_ref

if TYPE_CHECKING:
    from assess.api import Outcome
    from assess.models.catalog import Catalog, Control
    from assess.models.result import ControlResult

OSCAL_VERSION = "1.1.2"
NS = "urn:assess:oscal"  # namespace of our own props (OSCAL requires one for non-core names)
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:assess:oscal")
FILES = ("catalog.json", "profile.json", "assessment-results.json", "poam.json")
HORIZON_DAYS = {"30d": 30, "90d": 90, "12m": 365}

# Our statuses as OSCAL implementation states (none for "not" and "unknown": nothing is in place).
_IMPLEMENTATION = {
    "fulfilled": "implemented",
    "largely": "partial",
    "partial": "partial",
    "na": "not-applicable",
}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+00:00"


def _prop(name: str, value: object) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": str(value)}


def control_id(cid: str) -> str:
    """The OSCAL id of a control: lower case, as OSCAL catalogs write them (VOR-01 → vor-01)."""
    return cid.lower()


def _metadata(title: str, version: str, modified: dt.date, **extra: Any) -> dict[str, Any]:
    return {
        "title": title,
        "last-modified": _stamp(modified),
        "version": version,
        "oscal-version": OSCAL_VERSION,
        **extra,
    }


def _ref_resources(catalog: Catalog) -> dict[tuple[str, str], dict[str, Any]]:
    """One back-matter resource per framework requirement the catalog's refs name."""
    names = {f.id: f.name for f in catalog.frameworks}
    resources: dict[tuple[str, str], dict[str, Any]] = {}
    for control in catalog.controls:
        for ref in control.refs:
            for part in split_ref(ref.ref):
                key = (ref.framework, part)
                if key not in resources:
                    resources[key] = {
                        "uuid": _uuid(catalog.pin, "ref", *key),
                        "title": f"{names.get(ref.framework, ref.framework)}: {part}",
                        "props": [_prop("framework", ref.framework), _prop("requirement", part)],
                    }
    return dict(sorted(resources.items()))


def _control(catalog: Catalog, control: Control, lang: Lang, refs: dict[Any, Any]) -> Any:
    cid = control_id(control.id)
    props = [
        _prop("label", control.id),
        _prop("criticality", control.criticality),
        _prop("stage", control.stage),
        _prop("effort", control.effort),
        _prop("mandatory", "true" if control.mandatory else "false"),
        _prop("source-ref", control.source_ref.get(lang)),
    ]
    links = [
        {"href": f"#{refs[(ref.framework, part)]['uuid']}", "rel": "reference"}
        for ref in control.refs
        for part in split_ref(ref.ref)
    ]
    links += [{"href": f"#{control_id(d)}", "rel": "required"} for d in control.depends_on]
    doc: dict[str, Any] = {
        "id": cid,
        "class": "measure",
        "title": control.title.get(lang),
        "props": props,
    }
    if links:
        doc["links"] = links
    doc["parts"] = [
        {"id": f"{cid}_smt", "name": "statement", "prose": control.question.get(lang)},
        {"id": f"{cid}_gdn", "name": "guidance", "prose": control.guidance.get(lang)},
    ]
    return doc


def catalog_document(catalog: Catalog, lang: Lang) -> dict[str, Any]:
    """The catalog: groups per phase, controls with statement, guidance, props and ref links."""
    refs = _ref_resources(catalog)
    groups = [
        {
            "id": phase.id,
            "class": "phase",
            "title": phase.title.get(lang),
            "parts": [
                {"id": f"{phase.id}_ovw", "name": "overview", "prose": phase.description.get(lang)}
            ],
            "controls": [
                _control(catalog, c, lang, refs) for c in catalog.controls if c.phase == phase.id
            ],
        }
        for phase in catalog.phases
    ]
    source = catalog.source
    return {
        "catalog": {
            "uuid": _uuid(catalog.pin, "catalog"),
            "metadata": _metadata(
                catalog.title.get(lang),
                catalog.version,
                catalog.released,
                props=[
                    _prop("catalog-id", catalog.id),
                    _prop("revision", catalog.revision),
                    _prop("language", lang),
                ],
                remarks=f"{source.publisher}: {source.title} ({source.date})",
            ),
            "groups": groups,
            # OSCAL allows no empty lists: back-matter only where there are refs.
            **({"back-matter": {"resources": list(refs.values())}} if refs else {}),
        }
    }


def _base(outcome: Outcome) -> tuple[str, str]:
    """The uuid seed of one company's assessment and its version label."""
    ev = outcome.evaluation
    return f"{outcome.catalog.pin}/{ev.company}/{ev.date.isoformat()}", ev.date.isoformat()


def profile_document(outcome: Outcome, lang: Lang) -> dict[str, Any]:
    """A profile importing the catalog with the controls that apply to this company."""
    seed, version = _base(outcome)
    applicable = [control_id(r.id) for r in outcome.evaluation.controls if r.applicable]
    title = {
        "de": f"Anwendbare Maßnahmen für {outcome.profile.name}",
        "en": f"Applicable controls for {outcome.profile.name}",
    }[lang]
    return {
        "profile": {
            "uuid": _uuid(seed, "profile"),
            "metadata": _metadata(title, version, outcome.evaluation.date),
            "imports": [{"href": "catalog.json", "include-controls": [{"with-ids": applicable}]}],
        }
    }


def _observation(r: ControlResult, outcome: Outcome, seed: str, lang: Lang) -> dict[str, Any]:
    catalog = outcome.catalog
    label = catalog.status(r.status).label.get(lang)
    answer = r.answer
    obs: dict[str, Any] = {
        "uuid": _uuid(seed, "observation", r.id),
        "title": f"{r.id}: {label}",
        "description": answer.note if answer and answer.note else label,
        "props": [_prop("status", r.status)],
        "methods": ["INTERVIEW"],
        "collected": _stamp(
            answer.updated if answer and answer.updated else outcome.evaluation.date
        ),
    }
    if answer and answer.evidence:
        obs["relevant-evidence"] = [{"description": answer.evidence}]
    if r.inherited_from is not None:
        obs["props"].append(_prop("inherited-from", r.inherited_from))
    if r.na_source == "answer" and answer and answer.justification:
        obs["remarks"] = answer.justification
    return obs


def _finding(r: ControlResult, outcome: Outcome, seed: str, lang: Lang) -> dict[str, Any]:
    catalog = outcome.catalog
    control = catalog.controls_by_id[r.id]
    label = catalog.status(r.status).label.get(lang)
    target: dict[str, Any] = {
        "type": "statement-id",
        "target-id": f"{control_id(r.id)}_smt",
        "status": {"state": "satisfied" if r.status in ("fulfilled", "na") else "not-satisfied"},
    }
    implementation = "not-applicable" if not r.applicable else _IMPLEMENTATION.get(r.status)
    if implementation is not None:
        target["implementation-status"] = {"state": implementation}
    props = [_prop("status", r.status), _prop("weight", round(r.weight, 4))]
    if r.critical:
        props.append(_prop("critical-gap", "true"))
    return {
        "uuid": _uuid(seed, "finding", r.id),
        "title": f"{r.id} {control.title.get(lang)}",
        "description": label,
        "props": props,
        "target": target,
        "related-observations": [{"observation-uuid": _uuid(seed, "observation", r.id)}],
    }


def assessment_results_document(outcome: Outcome, lang: Lang) -> dict[str, Any]:
    """One result: a finding and an observation per control of the catalog."""
    seed, version = _base(outcome)
    ev = outcome.evaluation
    title = {
        "de": f"Selbstbewertung IT-Notfall-Readiness – {outcome.profile.name}",
        "en": f"IT emergency readiness self-assessment – {outcome.profile.name}",
    }[lang]
    plan = _uuid(seed, "assessment-plan")
    score = "–" if ev.overall.percent is None else f"{ev.overall.percent}"
    result = {
        "uuid": _uuid(seed, "result"),
        "title": title,
        "description": {
            "de": f"Umsetzungsgrad {score} %, Reifegrad {ev.maturity.level}.",
            "en": f"Implementation score {score}%, maturity level {ev.maturity.level}.",
        }[lang],
        "start": _stamp(ev.date),
        "props": [
            _prop("score", score),
            _prop("maturity-level", ev.maturity.level),
            _prop("catalog", outcome.catalog.pin),
            _prop("catalog-revision", outcome.catalog.revision),
        ],
        "reviewed-controls": {
            "control-selections": [
                {"include-controls": [{"control-id": control_id(r.id)} for r in ev.controls]}
            ]
        },
        "observations": [_observation(r, outcome, seed, lang) for r in ev.controls],
        "findings": [_finding(r, outcome, seed, lang) for r in ev.controls],
    }
    return {
        "assessment-results": {
            "uuid": _uuid(seed, "assessment-results"),
            "metadata": _metadata(
                title,
                version,
                ev.date,
                parties=[
                    {
                        "uuid": _uuid(seed, "party", "company"),
                        "type": "organization",
                        "name": outcome.profile.name,
                    },
                    {
                        "uuid": _uuid(seed, "party", "assessor"),
                        "type": "person",
                        "name": ev.assessor,
                    },
                ],
            ),
            # A self-assessment has no separate assessment plan; the import points to a
            # back-matter resource that says so.
            "import-ap": {"href": f"#{plan}"},
            "results": [result],
            "back-matter": {
                "resources": [
                    {
                        "uuid": plan,
                        "title": {
                            "de": f"Selbstbewertung nach {outcome.catalog.pin}, ohne eigenen "
                            "Bewertungsplan",
                            "en": f"Self-assessment against {outcome.catalog.pin}, without a "
                            "separate assessment plan",
                        }[lang],
                    }
                ]
            },
        }
    }


def poam_document(outcome: Outcome, lang: Lang) -> dict[str, Any]:
    """One poam-item per roadmap item (rank, horizon, reason) and a risk with its deadline."""
    from assess.i18n import t
    from assess.render.view import reason

    seed, version = _base(outcome)
    ev, catalog = outcome.evaluation, outcome.catalog
    results = {r.id: r for r in ev.controls}
    title = {
        "de": f"Maßnahmenplan (Fahrplan) – {outcome.profile.name}",
        "en": f"Plan of action (roadmap) – {outcome.profile.name}",
    }[lang]
    items, risks = [], []
    for item in ev.roadmap:
        control = catalog.controls_by_id[item.control]
        why = reason(item, results[item.control], outcome, lang)
        risk_uuid = _uuid(seed, "risk", item.control)
        deadline = ev.date + dt.timedelta(days=HORIZON_DAYS[item.horizon])
        risks.append(
            {
                "uuid": risk_uuid,
                "title": f"{item.control} {control.title.get(lang)}",
                "description": control.question.get(lang),
                "statement": why,
                "status": "open",
                "deadline": _stamp(deadline),
            }
        )
        items.append(
            {
                "uuid": _uuid(seed, "poam-item", item.control),
                "title": f"{item.rank}. {item.control} {control.title.get(lang)}",
                "description": t(item.horizon, lang),
                "props": [
                    _prop("rank", item.rank),
                    _prop("horizon", item.horizon),
                    _prop("critical", "true" if item.critical else "false"),
                    _prop("effort", item.effort),
                    _prop("gain", item.gain),
                    _prop("owner-role", item.owner_role),
                ],
                "related-risks": [{"risk-uuid": risk_uuid}],
                "remarks": why,
            }
        )
    document: dict[str, Any] = {
        "uuid": _uuid(seed, "poam"),
        "metadata": _metadata(title, version, ev.date),
        "system-id": {"identifier-type": NS, "id": outcome.profile.name},
    }
    if risks:
        document["risks"] = risks
    document["poam-items"] = items
    return {"plan-of-action-and-milestones": document}


def oscal_documents(outcome: Outcome, lang: Lang) -> dict[str, str]:
    """The documents as JSON text by file name, in a stable order. Without roadmap items there
    is no POA&M: OSCAL requires at least one poam-item, and none is made up."""
    documents = {
        "catalog.json": catalog_document(outcome.catalog, lang),
        "profile.json": profile_document(outcome, lang),
        "assessment-results.json": assessment_results_document(outcome, lang),
    }
    if outcome.evaluation.roadmap:
        documents["poam.json"] = poam_document(outcome, lang)
    return {
        name: json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        for name, doc in documents.items()
    }
