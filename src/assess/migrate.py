"""New catalog editions: migration maps, carrying answers over, and what changed.

``migrate_answers`` is pure: old answers, both editions and the map in; the new answers and a
record of every decision out. Each old answer lands somewhere: on the same or a renamed control
(unchanged), on every part of a split control (marked for review), combined with the others of a
merge (the most cautious status, marked for review), or under ``retired`` (kept, not evaluated).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from assess.errors import InputError, NotFoundError, Problem
from assess.i18n import text_of
from assess.models.answers import Answer, Assessment
from assess.models.base import Lang
from assess.models.catalog import Catalog
from assess.models.migration import Change, MigrationMap

if TYPE_CHECKING:
    from assess.validate import Locator

_TEXTS: dict[str, tuple[str, str]] = {
    "split": (
        "aus {old} aufgeteilt in {parts}: prüfen, ob die Antwort für diesen Teil gilt",
        "split from {old} into {parts}: check that the answer holds for this part",
    ),
    "merged": (
        "zusammengeführt aus {sources}: der vorsichtigste Status wurde übernommen",
        "merged from {sources}: the most cautious status was taken",
    ),
    "merged_one": (
        "zusammengeführt aus {old} und weiteren, nicht beantworteten Maßnahmen ({others})",
        "merged from {old} and others that had no answer ({others})",
    ),
    "meaning": ("Bedeutung geändert", "meaning changed"),
    "stood_in": (
        "Antwort der entfallenen Maßnahme {retired} stand für {control}",
        "the answer to the retired control {retired} stood in for {control}",
    ),
    "mandatory": (
        "war entbehrlich, die neue Maßnahme ist verpflichtend: Status auf unbekannt gesetzt",
        "was not applicable, the new control is mandatory: status set to unknown",
    ),
}


def _t(key: str, lang: Lang, **values: object) -> str:
    return text_of(_TEXTS, key, lang, **values)


@dataclass(frozen=True)
class Migrated:
    """The new answers and what happened on the way."""

    assessment: Assessment
    old_pin: str
    carried: list[str] = field(default_factory=list)  # new ids whose answer needs no review
    review: dict[str, str] = field(default_factory=dict)  # new id -> why
    retired: list[str] = field(default_factory=list)  # old ids kept under 'retired'
    unanswered: list[str] = field(default_factory=list)  # new controls no old answer reaches


def check_map(m: MigrationMap, old: Catalog, new: Catalog, where: Locator) -> list[Problem]:
    """Every problem of a map between two editions, at once: pins, unknown or missing old
    controls, targets the new edition lacks, the number of targets each action needs."""
    problems = []
    if m.catalog != old.id or m.catalog != new.id:
        problems.append(
            where.problem(["catalog"], f"the map is for {m.catalog}, not {old.id} → {new.id}")
        )
    if m.from_version != old.version:
        problems.append(
            where.problem(["from"], f"the map starts at {m.from_version}, not at {old.version}")
        )
    if m.to_version != new.version:
        problems.append(
            where.problem(["to"], f"the map leads to {m.to_version}, not to {new.version}")
        )
    seen: set[str] = set()
    need = {"renamed": (1, 1), "split": (2, None), "merged": (1, 1), "same": (0, 0)}
    for i, ch in enumerate(m.changes):
        at: list[str | int] = ["changes", i]
        if ch.old not in old.controls_by_id:
            problems.append(where.problem([*at, "old"], f"no control {ch.old} in {old.pin}"))
        if ch.old in seen:
            problems.append(where.problem([*at, "old"], f"{ch.old} is listed twice"))
        seen.add(ch.old)
        low, high = need.get(ch.action, (0, 0))
        if len(ch.to) < low or (high is not None and len(ch.to) > high):
            count = {0: "no", 1: "exactly one"}.get(low if low == high else -1, "two or more")
            problems.append(
                where.problem([*at, "to"], f"{ch.old}: '{ch.action}' takes {count} new id(s)")
            )
        if ch.action == "same" and ch.old not in new.controls_by_id:
            problems.append(
                where.problem(
                    [*at, "action"],
                    f"{ch.old} is 'same' but {new.pin} has no control {ch.old}",
                    "say renamed, split, merged or retired",
                )
            )
        for target in ch.to:
            if target not in new.controls_by_id:
                problems.append(where.problem([*at, "to"], f"no control {target} in {new.pin}"))
    for control in old.controls:
        if control.id not in seen:
            problems.append(
                where.problem(
                    ["changes"],
                    f"{control.id} of {old.pin} is not in the map",
                    "say what became of it: same, renamed, split, merged or retired",
                )
            )
    return problems


def _cautious(answers: list[Answer], catalog: Catalog) -> str:
    """The status with the fewest points; 'na' only when every part is not applicable."""
    statuses = [a.status for a in answers]
    applicable = [s for s in statuses if s != "na"]
    if not applicable:
        return "na"
    order: list[str] = [s.id for s in catalog.scale]
    return min(applicable, key=lambda s: (catalog.status(s).value or 0, -order.index(s)))


def _join(values: list[tuple[str, str | None]]) -> str | None:
    parts = [(k, v) for k, v in values if v]
    if not parts:
        return None
    if len({v for _, v in parts}) == 1:
        return parts[0][1]
    return "; ".join(f"{k}: {v}" for k, v in parts)


def _combine(sources: list[tuple[str, Answer]], new: Catalog) -> Answer:
    answers = [a for _, a in sources]
    status = _cautious(answers, new)
    dues = [a.due for a in answers if a.due]
    updated = [a.updated for a in answers if a.updated]
    return Answer(
        status=status,
        note=_join([(k, a.note) for k, a in sources]),
        evidence=_join([(k, a.evidence) for k, a in sources]),
        owner=_join([(k, a.owner) for k, a in sources]),
        due=min(dues) if dues else None,
        updated=max(updated) if updated else None,
        justification=_join([(k, a.justification) for k, a in sources]) if status == "na" else None,
    )


def migrate_answers(
    assessment: Assessment, old: Catalog, new: Catalog, m: MigrationMap, lang: Lang
) -> Migrated:
    """Carry every answer over as the map says; see the module docstring for the rules."""
    changes: dict[str, Change] = {ch.old: ch for ch in m.changes}
    incoming: dict[str, list[tuple[str, Answer, Change]]] = defaultdict(list)
    merged_into: dict[str, list[str]] = defaultdict(list)
    retired: dict[str, Answer] = dict(assessment.retired)
    retired_now = []
    for ch in m.changes:
        if ch.action == "merged":
            merged_into[ch.to[0]].append(ch.old)
    # Within the old edition an answer to a control retired by a revision stands in for its
    # successors that have no answer of their own (as in evaluation); it is then kept as retired.
    given = dict(assessment.answers)
    stands_in: dict[str, str] = {}
    for successor, predecessors in old.predecessors.items():
        if successor not in given:
            for predecessor in predecessors:
                if predecessor in given:
                    given[successor], stands_in[successor] = given[predecessor], predecessor
                    break
    for old_id in [k for k in given if k in old.retired]:
        retired[old_id] = given.pop(old_id)
        retired_now.append(old_id)
    for old_id, answer in given.items():
        ch = changes[old_id]
        status = old.resolve_status(answer.status) or answer.status
        answer = answer.model_copy(update={"status": status})
        if ch.action == "retired":
            retired[old_id] = answer
            retired_now.append(old_id)
            continue
        for target in [old_id] if ch.action == "same" else ch.to:
            incoming[target].append((old_id, answer, ch))

    answers: dict[str, Answer] = {}
    carried, review = [], {}
    for control in new.controls:
        sources = incoming.get(control.id)
        if not sources:
            continue
        reasons = []
        if len(sources) == 1:
            old_id, answer, ch = sources[0]
            if ch.action == "split":
                reasons.append(_t("split", lang, old=old_id, parts=", ".join(ch.to)))
            elif ch.action == "merged":
                others = [o for o in merged_into[control.id] if o != old_id]
                if others:
                    reasons.append(_t("merged_one", lang, old=old_id, others=", ".join(others)))
        else:
            answer = _combine([(o, a) for o, a, _ in sources], new)
            listed = ", ".join(f"{o} ({a.status})" for o, a, _ in sources)
            reasons.append(_t("merged", lang, sources=listed))
        for old_id, _, ch in sources:
            if old_id in stands_in:
                reasons.append(_t("stood_in", lang, retired=stands_in[old_id], control=old_id))
            if ch.changed_meaning:
                reasons.append(_t("meaning", lang))
            if ch.note and (ch.changed_meaning or reasons):
                reasons.append(ch.note.get(lang))
        if answer.status == "na" and control.mandatory:
            answer = answer.model_copy(update={"status": "unknown", "justification": None})
            reasons.append(_t("mandatory", lang))
        if reasons:
            earlier = [answer.review] if answer.review else []
            answer = answer.model_copy(
                update={"review": "; ".join([*earlier, *reasons]), "reviewed": False}
            )
            review[control.id] = "; ".join(reasons)
        elif answer.review is None:
            carried.append(control.id)
        answers[control.id] = answer

    result = assessment.model_copy(
        update={
            "catalog": assessment.catalog.model_copy(update={"id": new.id, "version": new.version}),
            "answers": answers,
            "retired": retired,
        }
    )
    reached = {t for ch in m.changes for t in ([ch.old] if ch.action == "same" else ch.to)}
    return Migrated(
        assessment=result,
        old_pin=old.pin,
        carried=carried,
        review=review,
        retired=retired_now,
        unanswered=[c.id for c in new.controls if c.id not in reached],
    )


def _answer_yaml(answer: Answer) -> Any:
    data = answer.model_dump(exclude_none=True)
    return data["status"] if set(data) == {"status"} else data


def answers_yaml(a: Assessment, profile: str | None) -> str:
    """The migrated answers as YAML, produced by the YAML emitter (no text pasted in)."""
    data: dict[str, Any] = {"catalog": f"{a.catalog.id}@{a.catalog.version}"}
    if profile is not None:
        data["profile"] = profile
    data |= {"date": a.date, "assessor": a.assessor}
    data["answers"] = {k: _answer_yaml(v) for k, v in a.answers.items()}
    if a.retired:
        data["retired"] = {k: _answer_yaml(v) for k, v in a.retired.items()}
    header = (
        "# Carried over by 'assess answers migrate'. Answers with 'review:' must be checked\n"
        "# for the new edition; remove the mark once checked. 'retired:' keeps answers to\n"
        "# controls the edition no longer has (not evaluated).\n"
    )
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# --- files -------------------------------------------------------------------------------------


def catalog_path(spec: str) -> Path:
    """The file of a catalog given as a path or as an installed ``ID@VERSION``."""
    from assess import resources
    from assess.api import is_path

    if is_path(spec):
        return Path(spec)
    item_id, _, version = spec.partition("@")
    found = resources.find_installed(item_id, version or None)
    if found is None:
        found = resources.find_installed(item_id, version or None, kind="support")
    if found is None:
        raise NotFoundError(f"{spec} is not installed; give the file")
    return found.path


def map_path(old: Catalog, new_file: Path) -> Path:
    """Where the map from ``old`` to the edition in ``new_file`` lives: ``migrations/`` beside."""
    new_version = new_file.stem
    return new_file.parent / "migrations" / f"{old.version}__{new_version}.yaml"


def load_map(path: Path, old: Catalog, new: Catalog) -> MigrationMap:
    """A migration map, parsed and checked against both editions; all problems at once."""
    from assess.load import load_yaml_file
    from assess.validate import Locator, parse_model

    if not path.is_file():
        raise NotFoundError(
            f"no migration map {path} from {old.pin} to {new.pin} – give one with --map FILE"
        )
    data, text = load_yaml_file(path)
    where = Locator(str(path), text, data)
    m = parse_model(MigrationMap, data, where)
    problems = check_map(m, old, new, where)
    if problems:
        raise InputError(problems)
    return m


def migrate_file(
    old_file: Path,
    target: str,
    output: Path,
    lang: Lang,
    from_catalog: str | None = None,
    map_file: Path | None = None,
) -> tuple[str, Migrated]:
    """Read, migrate and check one answers file; returns the new file's text and the record."""
    from assess.api import load_catalog, load_catalog_file, parse_file, profile_ref
    from assess.validate import Locator, check_answers, parse_model

    data, where = parse_file(old_file)
    assessment = parse_model(Assessment, data, where)
    old = load_catalog(from_catalog or str(assessment.catalog))
    if (old.id, old.version) != (assessment.catalog.id, assessment.catalog.version):
        raise InputError(
            [where.problem(["catalog"], f"the answers are for {assessment.catalog}, not {old.pin}")]
        )
    problems = check_answers(assessment, old, where)
    if problems:
        raise InputError(problems)
    new_file = catalog_path(target)
    new = load_catalog_file(new_file)
    if not isinstance(new, Catalog):
        raise InputError([Problem(str(new_file), "a support directory, not a catalog")])
    m = load_map(map_file or map_path(old, new_file), old, new)
    migrated = migrate_answers(assessment, old, new, m, lang)
    profile = None
    if assessment.profile is not None:
        profile = profile_ref(assessment.profile, old_file.parent, output.parent)
    text = answers_yaml(migrated.assessment, profile)
    # The result must be a valid answers file for the new edition; anything else is a bug.
    check = yaml.safe_load(text)
    again = parse_model(Assessment, check, Locator(str(output), text, check))
    leftover = check_answers(again, new, Locator(str(output), text, check))
    if leftover:
        raise InputError(leftover)
    return text, migrated


def report(migrated: Migrated, lang: Lang) -> str:
    """What the migration did, for the terminal."""
    a = migrated.assessment
    de = lang == "de"
    lines = [
        f"{migrated.old_pin} → {a.catalog.id}@{a.catalog.version}: "
        + (
            f"{len(migrated.carried)} übernommen, {len(migrated.review)} zu prüfen, "
            f"{len(migrated.retired)} entfallen (unter 'retired' aufbewahrt), "
            f"{len(migrated.unanswered)} neu ohne Antwort"
            if de
            else f"{len(migrated.carried)} carried, {len(migrated.review)} to review, "
            f"{len(migrated.retired)} retired (kept under 'retired'), "
            f"{len(migrated.unanswered)} new without answer"
        )
    ]
    lines += [f"  {'prüfen' if de else 'review'} {k}: {v}" for k, v in migrated.review.items()]
    lines += [f"  {'entfallen' if de else 'retired'} {k}" for k in migrated.retired]
    lines += [f"  {'neu' if de else 'new'} {k}" for k in migrated.unanswered]
    return "\n".join(lines) + "\n"


def map_summary(m: MigrationMap, path: Path) -> str:
    """The map's decisions, one line per control that does not stay the same."""
    lines = [f"  migration map {path}:"]
    for ch in m.changes:
        if ch.action == "same" and not ch.changed_meaning:
            continue
        target = f" → {', '.join(ch.to)}" if ch.to else ""
        meaning = " (changed meaning)" if ch.changed_meaning else ""
        lines.append(f"    {ch.old} {ch.action}{target}{meaning}")
    return "\n".join(lines) + "\n"
