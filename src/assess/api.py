"""The few functions the CLI (and other programs) call: load, validate, evaluate."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from assess import resources
from assess.errors import InputError, NotFoundError, Problem
from assess.load import parse_yaml, read_text
from assess.models.answers import Assessment, CatalogPin
from assess.models.base import Lang
from assess.models.catalog import Catalog
from assess.models.profile import Profile
from assess.models.result import Evaluation
from assess.models.support import SupportDirectory
from assess.validate import Locator, check_answers, check_catalog, check_directory, parse_model

if TYPE_CHECKING:
    from assess.models.overlay import Overlay
    from assess.overlay import LoadedOverlay

M = TypeVar("M", Catalog, SupportDirectory)
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    """An evaluation together with the inputs a renderer needs for labels and contacts."""

    evaluation: Evaluation
    catalog: Catalog
    profile: Profile
    directory: SupportDirectory
    assessment: Assessment
    overlay: Overlay | None = None  # the overlay applied to the catalog, if any


def parse_file(path: Path) -> tuple[Any, Locator]:
    return _parse_text(path, read_text(path))


def _parse_text(path: Path, text: str) -> tuple[Any, Locator]:
    data = parse_yaml(text, str(path))
    return data, Locator(str(path), text, data)


def _bundled(kind: str, model: type[M], path: Path, build: Callable[[Any, Locator], M]) -> M:
    """A bundled catalog or directory, validated once and then read from the cache."""
    from assess.cache import cached

    text = read_text(path)
    return cached(kind, model, text.encode("utf-8"), lambda: build(*_parse_text(path, text)))


def is_path(spec: str | Path) -> bool:
    text = str(spec)
    return isinstance(spec, Path) or text.endswith((".yaml", ".yml", ".json")) or "/" in text


def load_catalog(spec: str | Path) -> Catalog:
    """A catalog from a file path or a bundled ``ID[@VERSION]``; validated completely."""
    if is_path(spec):
        path = Path(spec)
    else:
        item_id, _, version = str(spec).partition("@")
        found = resources.find_installed(item_id, version or None)
        if found is None:
            raise NotFoundError(_not_installed(str(spec)))
        return _load_installed(found, lambda: _bundled("catalog", Catalog, found.path, _catalog))
    return _catalog(*parse_file(path))


def _load_installed(found: resources.Bundled, load: Callable[[], T]) -> T:
    """Load an installed file; a stored one that no longer validates says how to get rid of it."""
    try:
        return load()
    except InputError as exc:
        if found.origin != "stored":
            raise
        hint = Problem(
            str(found.path),
            "this version was stored by 'assess update' and does not validate",
            fix="delete the file to use the bundled version again, or run 'assess update' again",
        )
        raise InputError([*exc.problems, hint]) from None


def _checked(
    model: type[M], check: Callable[[M, Locator], list[Problem]], data: Any, where: Locator
) -> M:
    """Parse ``data`` as ``model``, then run the cross-reference ``check``; all problems at once."""
    parsed = parse_model(model, data, where)
    problems = check(parsed, where)
    if problems:
        raise InputError(problems)
    return parsed


def _catalog(data: Any, where: Locator) -> Catalog:
    return _checked(Catalog, check_catalog, data, where)


def _not_installed(spec: str) -> str:
    installed = ", ".join(b.pin for b in resources.installed()) or "none"
    return (
        f"catalog {spec} is not installed (installed: {installed}); "
        "give the catalog file with --catalog FILE"
    )


def load_pinned_catalog(pin: str) -> Catalog | None:
    """The bundled catalog an answers file pins, or None if it is not installed."""
    item_id, _, version = pin.partition("@")
    return None if resources.find_installed(item_id, version) is None else load_catalog(pin)


def load_profile(spec: str | Path, base: Path | None = None) -> Profile:
    """A profile from a path (relative to ``base`` if given) or a bundled example name."""
    path = Path(spec)
    if base is not None and not path.is_absolute():
        path = base / path
    if not path.exists() and not is_path(spec):
        example = resources.bundled_profiles().get(str(spec))
        if example is None:
            names = ", ".join(resources.bundled_profiles()) or "none"
            raise NotFoundError(
                f"profile {spec!r} is neither a file nor a bundled example ({names})"
            )
        path = example
    data, where = parse_file(path)
    return parse_model(Profile, data, where)


def load_directory(spec: str | Path | None = None) -> SupportDirectory:
    """The support directory: a file, or the newest bundled one."""
    if spec is None or not is_path(spec):
        item_id, _, version = str(spec or "support-de").partition("@")
        found = resources.find_installed(item_id, version or None, kind="support")
        if found is None:
            raise NotFoundError(f"support directory {spec or 'support-de'} is not installed")
        return _load_installed(
            found, lambda: _bundled("directory", SupportDirectory, found.path, _directory)
        )
    return _directory(*parse_file(Path(spec)))


def _directory(data: Any, where: Locator) -> SupportDirectory:
    return _checked(SupportDirectory, check_directory, data, where)


def load_changelog(spec: str | Path) -> Catalog | SupportDirectory:
    """A catalog or support directory whose change log is wanted: a file, or a bundled
    ``ID[@VERSION]`` (catalogs first, then support directories)."""
    if is_path(spec):
        return load_catalog_file(Path(spec))
    item_id, _, version = str(spec).partition("@")
    if resources.find_installed(item_id, version or None) is not None:
        return load_catalog(spec)
    if resources.find_installed(item_id, version or None, kind="support") is not None:
        return load_directory(spec)
    raise NotFoundError(_not_installed(str(spec)))


def load_catalog_file(path: Path) -> Catalog | SupportDirectory:
    """A catalog or a support directory file (told apart by its ``entries``), validated."""
    data, where = parse_file(path)
    if isinstance(data, dict) and "entries" in data:
        return _directory(data, where)
    return _catalog(data, where)


def parse_catalog_text(text: str, source: str) -> Catalog | SupportDirectory:
    """A catalog or support directory from text (e.g. a download), validated like a bundled one;
    any other kind of file is refused."""
    from assess.load import parse_yaml

    data = parse_yaml(text, source)
    where = Locator(source, text, data)
    if isinstance(data, dict) and "entries" in data:
        return _directory(data, where)
    if isinstance(data, dict) and "controls" in data:
        return _catalog(data, where)
    raise InputError(
        [
            Problem(
                source,
                "neither a catalog (with controls:) nor a support directory (with entries:)",
                fix="check that the source publishes a catalog or a support directory",
            )
        ]
    )


def load_assessment(
    path: Path,
    catalog: str | Path | Catalog | None = None,
    profile: str | Path | None = None,
    overlay: LoadedOverlay | None = None,
    *,
    catalog_loader: Callable[[str], Catalog | None] | None = None,
    profile_loader: Callable[[str, Path], Profile] | None = None,
    text: str | None = None,
) -> tuple[Assessment, Catalog, Profile]:
    """Read an answers file with its catalog and profile and check the answers against them.

    ``catalog`` and ``profile`` override what the answers file names. ``catalog_loader`` (pin;
    None if it is not installed) and ``profile_loader`` (reference, folder of the answers file)
    replace the loading of what the answers file names, e.g. by memoised ones. An ``overlay``
    is applied to the catalog before the answers are checked. ``text`` is the file's text when
    the caller has read it already (with ``read_text``).
    """
    data, where = parse_file(path) if text is None else _parse_text(path, text)
    assessment = parse_model(Assessment, data, where)
    pin = assessment.catalog
    if catalog is None:
        found = (catalog_loader or load_pinned_catalog)(str(pin))
        if found is None:
            raise InputError([where.problem(["catalog"], _not_installed(str(pin)))])
        cat = found
    else:
        cat = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
        if CatalogPin(id=cat.id, version=cat.version) != pin:
            raise InputError(
                [
                    where.problem(
                        ["catalog"],
                        f"the answers are for {pin} but the catalog given is {cat.pin}",
                        "give the matching catalog, or migrate the answers to the new version",
                    )
                ]
            )
    if profile is not None:
        prof = load_profile(profile)
    elif assessment.profile is not None:
        if profile_loader is not None:
            prof = profile_loader(assessment.profile, path.parent)
        else:
            prof = load_profile(assessment.profile, base=path.parent)
    else:
        raise InputError(
            [
                Problem(
                    str(path),
                    "no company profile given",
                    fix="add 'profile: FILE' to the answers file or pass --profile FILE",
                )
            ]
        )
    if overlay is not None:
        cat = overlay.apply(cat)
    problems = check_answers(assessment, cat, where)
    if problems:
        raise InputError(problems)
    return assessment, cat, prof


def evaluate_file(
    path: Path,
    catalog: str | Path | Catalog | None = None,
    profile: str | Path | None = None,
    overlay: Path | None = None,
) -> Outcome:
    """Load, validate and evaluate one answers file (with ``catalog`` given: scored by it; with
    an ``overlay``: applied to the catalog)."""
    from assess.evaluate import evaluate

    loaded = None
    if overlay is not None:
        from assess.overlay import read_overlay

        loaded = read_overlay(overlay)
    assessment, cat, prof = load_assessment(path, catalog, profile, loaded)
    directory = load_directory()
    evaluation = evaluate(cat, prof, assessment, directory)
    return Outcome(evaluation, cat, prof, directory, assessment, loaded.overlay if loaded else None)


def profile_ref(spec: str | Path, base: Path | None, target_dir: Path) -> str:
    """How an answers file in ``target_dir`` names a profile: a bundled name stays a name, a
    file becomes a path relative to ``target_dir``."""
    path = Path(spec) if base is None or Path(spec).is_absolute() else base / spec
    if not path.exists():
        return str(spec)
    relative = Path(os.path.relpath(path.resolve(), target_dir.resolve()))
    # Beside or below the answers file (or one folder up): relative; farther away: absolute.
    return relative.as_posix() if relative.parts[:2] != ("..", "..") else str(path.resolve())


def answers_template(
    profile: str | None,
    previous: Path | None,
    catalog: str | Path | None,
    lang: Lang,
    output: Path | None,
) -> str:
    """An answers file to fill in: every control of the catalog with its question; with
    ``previous``, last time's answers as the starting point (by control id)."""
    from assess.clock import today
    from assess.template import answers_template as build

    target_dir = output.parent if output is not None else Path.cwd()
    old = prof = None
    ref = None
    if previous is not None:
        old, cat, prof = load_assessment(previous, None, profile)
        if catalog is not None:
            cat = load_catalog(catalog)
        if profile is None and old.profile is not None:
            ref = profile_ref(old.profile, previous.parent, target_dir)
    else:
        cat = load_catalog(catalog or "acs-it-notfall")
    if profile is not None:
        prof = load_profile(profile)
        ref = profile_ref(profile, None, target_dir)
    return build(cat, today(), lang, prof, ref, old)


@dataclass
class CheckSession:
    """What ``assess check`` works on: the answers file, its catalog and profile, and either the
    assessment found in the file or the starting point for a new one (``start``)."""

    path: Path
    catalog: Catalog
    profile: Profile
    assessment: Assessment | None
    previous: Assessment | None
    previous_catalog: Catalog | None
    profile_ref: str | None

    @property
    def suggested_assessor(self) -> str | None:
        return self.previous.assessor if self.previous is not None else None

    def start(self, assessor: str) -> Assessment:
        """The new assessment, dated today; last time's answers carried over, not reviewed."""
        from assess.clock import today
        from assess.interview import carry_over

        empty = Assessment(
            catalog=CatalogPin(id=self.catalog.id, version=self.catalog.version),
            profile=self.profile_ref,
            date=today(),
            assessor=assessor,
        )
        if self.previous is None or self.previous_catalog is None:
            return empty
        return carry_over(
            self.previous,
            self.previous_catalog,
            self.catalog,
            self.profile_ref,
            today(),
            assessor,
        )

    def save(self, assessment: Assessment) -> None:
        """Write the answers file at once and atomically: valid YAML at every moment."""
        from assess.interview import to_yaml
        from assess.output import write_atomic

        write_atomic(self.path, to_yaml(assessment, self.catalog))


def check_session(
    path: Path,
    profile: str | None,
    previous: Path | None,
    catalog: str | Path | None = None,
) -> CheckSession:
    """Open ``path`` to continue it, or prepare a new assessment there (from ``previous``)."""
    if path.exists():
        assessment, cat, prof = load_assessment(path, catalog, profile)
        return CheckSession(path, cat, prof, assessment, None, None, assessment.profile)
    return _new_session(path, profile, previous, catalog)


def _new_session(
    path: Path, profile: str | None, previous: Path | None, catalog: str | Path | None
) -> CheckSession:
    """The starting point of a new assessment at ``path``: profile (given, or that of
    ``previous``) named relative to ``path``'s folder, newest catalog, last time's answers."""
    target_dir = path.parent if str(path.parent) else Path(".")
    old = old_catalog = None
    ref = None
    if previous is not None:
        old, old_catalog, prof = load_assessment(previous, None, profile)
        if old.profile is not None and profile is None:
            ref = profile_ref(old.profile, previous.parent, target_dir)
    if profile is not None:
        prof = load_profile(profile)
        ref = profile_ref(profile, None, target_dir)
    elif previous is None:
        raise InputError(
            [
                Problem(
                    str(path),
                    "a new assessment needs the company profile",
                    fix="pass --profile FILE (or a bundled example name), or --from LAST-YEAR.yaml",
                )
            ]
        )
    cat = load_catalog(catalog or (old_catalog.id if old_catalog else "acs-it-notfall"))
    return CheckSession(path, cat, prof, None, old, old_catalog, ref)


def history_report(
    sources: list[Path], fmt: str, lang: Lang, catalog: str | Path | None = None
) -> str:
    """All assessments of one company in ``sources`` (files or directories), year by year."""
    from assess.history import history_view, load_history
    from assess.render import Format
    from assess.render.history import render_history

    return render_history(history_view(load_history(sources, catalog), lang), Format(fmt))


def compare_report(
    old: Path, new: Path, fmt: str, lang: Lang, catalog: str | Path | None = None
) -> str:
    """Two assessments of one company, control by control."""
    from assess.history import compare_view, load_history
    from assess.render import Format
    from assess.render.history import render_compare

    before, after = load_history([old, new], catalog, by_date=False)
    return render_compare(compare_view(before, after, lang), Format(fmt))


def questionnaire_form(
    profile: str | None,
    previous: Path | None,
    lang: Lang,
    output: Path,
    catalog: str | Path | None = None,
) -> str:
    """The offline HTML questionnaire for a company, prefilled from ``previous``; the answers
    it saves name the profile relative to ``output``'s folder."""
    from assess.clock import today
    from assess.exchange.htmlform import questionnaire_html

    session = _new_session(output, profile, previous, catalog)
    return questionnaire_html(
        session.catalog,
        session.profile,
        session.profile_ref,
        lang,
        today(),
        session.previous,
        session.previous_catalog,
    )
