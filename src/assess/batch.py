"""The portfolio: many companies' answers at once, evaluated on all cores, summarised.

Finding: every ``.yaml``/``.yml``/``.json`` file below the given folders that has a top-level
``catalog:`` and ``answers:`` is an answers file; a file named directly must be one.
Evaluating: worker processes load the catalog and the support directory once and each profile
once, and send back one small ``Row`` per file (never the whole evaluation), so that memory stays
flat however large the portfolio. A file that cannot be read becomes a ``Failure`` with its
problems; the others go on.
Summarising: per company its latest assessment (or every one with ``all_files``), with the change
since the one before; across the portfolio the distributions of level and score, the most common
critical gaps, the companies overdue for their yearly check or regressed, and the same by
sector, size band and Land. Pure given the rows and the day.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assess.errors import AssessError, InputError, NotFoundError

if TYPE_CHECKING:
    from assess.models.catalog import Catalog
    from assess.models.profile import Profile
    from assess.models.support import SupportDirectory

SUFFIXES = (".yaml", ".yml", ".json")
SCORE_BINS = 10  # 0–10, 10–20, … 90–100 %
TOP_GAPS = 10
PROFILES_KEPT = 64  # profiles a worker keeps loaded
PROFILE_FILES_KEPT = 4096  # paths of profiles read that a worker remembers
# Size bands by employees, as the EU's SME definition counts them.
SIZE_BANDS: tuple[tuple[int, str], ...] = ((250, "250+"), (50, "50–249"), (10, "10–49"), (1, "1–9"))

_YAML_KEY = r"^(?:{0}|\"{0}\"|'{0}')\s*:"
_CATALOG = re.compile(_YAML_KEY.format("catalog"), re.MULTILINE)
_ANSWERS = re.compile(_YAML_KEY.format("answers"), re.MULTILINE)
_JSON_KEY = r"\"{0}\"\s*:"
_JSON_CATALOG = re.compile(_JSON_KEY.format("catalog"))
_JSON_ANSWERS = re.compile(_JSON_KEY.format("answers"))


@dataclass(frozen=True, slots=True)
class Row:
    """What the summary needs of one assessment; small, so that thousands fit."""

    file: str
    company: str  # the profile file (resolved) or bundled name: one company, several files
    name: str
    land: str
    employees: int
    sector: str
    date: dt.date
    catalog: str  # the pin, e.g. acs-it-notfall@2021.05
    level: int
    max_level: int
    score: float | None
    phases: tuple[tuple[str, float | None], ...]
    critical: tuple[str, ...]
    top_item: str | None
    stale: int  # answers carried over unconfirmed or updated over 12 months before the date

    @property
    def size(self) -> str:
        return size_band(self.employees)

    @property
    def due(self) -> dt.date:
        return next_check(self.date)


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be read, with its problems (each naming its place)."""

    file: str
    problems: tuple[str, ...]


def size_band(employees: int) -> str:
    return next(label for floor, label in SIZE_BANDS if employees >= floor)


def next_check(on: dt.date) -> dt.date:
    """The yearly check after ``on``: the same day a year later (28 February for 29 February)."""
    try:
        return on.replace(year=on.year + 1)
    except ValueError:
        return on.replace(year=on.year + 1, day=28)


# --- finding -------------------------------------------------------------------------------


def find(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Candidate files below ``paths`` in a stable order, each with whether it was named.

    Hidden files and folders (``.git``, ``.venv``) are skipped; a named file is always a
    candidate (and an error if it is not an answers file).
    """
    for root in paths:
        if root.is_dir():
            for folder, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(SUFFIXES) and not name.startswith("."):
                        yield Path(folder) / name, False
        else:
            yield root, True


def is_answers(text: str, suffix: str) -> bool:
    """Whether a file's text has a top-level ``catalog`` and ``answers`` (YAML or JSON)."""
    if suffix == ".json":
        return bool(_JSON_CATALOG.search(text) and _JSON_ANSWERS.search(text))
    return bool(_CATALOG.search(text) and _ANSWERS.search(text))


# --- evaluating (in the workers) -------------------------------------------------------------


class Evaluator:
    """Evaluates answers files one by one, loading each catalog and profile once."""

    def __init__(self) -> None:
        from assess.api import load_directory

        self.directory: SupportDirectory = load_directory()
        self.catalogs: dict[str, Catalog | None] = {}
        # The files of a company lie side by side and come one after another: a few recent
        # profiles are enough, and memory stays flat however many companies there are.
        self.profiles: OrderedDict[tuple[str, Path], tuple[Profile, str]] = OrderedDict()
        # The files read as profiles, as ``find`` names them: a profile beside its answers
        # files is found too, and need not be read again to learn that it holds no answers.
        self.profile_files: set[str] = set()

    def _catalog(self, pin: str) -> Catalog | None:
        from assess.api import load_pinned_catalog

        if pin not in self.catalogs:
            self.catalogs[pin] = load_pinned_catalog(pin)
        return self.catalogs[pin]

    def _profile(self, ref: str, base: Path) -> Profile:
        return self._profile_and_key(ref, base)[0]

    def _profile_and_key(self, ref: str, base: Path) -> tuple[Profile, str]:
        from assess.api import load_profile

        found = self.profiles.get((ref, base))
        if found is None:
            path = Path(ref) if Path(ref).is_absolute() else base / ref
            key = str(path.resolve()) if path.exists() else ref
            found = self.profiles[(ref, base)] = (load_profile(ref, base=base), key)
            if len(self.profiles) > PROFILES_KEPT:
                self.profiles.popitem(last=False)
            if len(self.profile_files) >= PROFILE_FILES_KEPT:
                self.profile_files.clear()
            self.profile_files.add(str(path))
        else:
            self.profiles.move_to_end((ref, base))
        return found

    def __call__(self, job: tuple[str, bool]) -> Row | Failure | None:
        """The row of one file; a Failure if it cannot be read; None if it is no answers file."""
        name, named = job
        path = Path(name)
        try:
            return self._row(path, named)
        except InputError as exc:
            return Failure(name, tuple(str(p) for p in exc.problems))
        except AssessError as exc:
            return Failure(name, (str(exc),))
        except RecursionError:
            return Failure(name, (f"{name}: nested too deeply to read",))
        except Exception as exc:  # a bug, or an input no check foresaw: this file only
            return Failure(
                name,
                (
                    f"{name}: internal error ({type(exc).__name__}: {exc}) – this is a bug in "
                    "assess; please report it with the file",
                ),
            )

    def _row(self, path: Path, named: bool) -> Row | None:
        from assess.api import load_assessment
        from assess.evaluate import score_assessment
        from assess.load import read_text
        from assess.roadmap import build_roadmap

        text = None
        if not named:
            if str(path) in self.profile_files:
                return None  # a valid profile (no 'answers:'; profiles allow no other keys)
            text = read_text(path)
            if not is_answers(text, path.suffix.lower()):
                return None
        assessment, catalog, profile = load_assessment(
            path, catalog_loader=self._catalog, profile_loader=self._profile, text=text
        )
        assert assessment.profile is not None  # load_assessment requires one
        company = self._profile_and_key(assessment.profile, path.parent)[1]
        ev = score_assessment(catalog, profile, assessment)
        # The top item only: the ranking is the full roadmap's, building the rest is not needed.
        top = build_roadmap(
            catalog, ev.controls, ev.maturity, ev.overall.weight, profile, self.directory, items=1
        )
        return Row(
            file=str(path),
            company=company,
            name=profile.name,
            land=profile.bundesland.value,
            employees=profile.employees,
            sector=profile.sector,
            date=assessment.date,
            catalog=f"{catalog.id}@{catalog.version}",
            level=ev.maturity.level,
            max_level=max(s.level for s in catalog.stages),
            score=ev.overall.percent,
            phases=tuple((p.phase, p.percent) for p in ev.phases),
            critical=tuple(c.id for c in ev.controls if c.critical),
            top_item=top[0].control if top else None,
            stale=sum(1 for c in ev.controls if c.not_reviewed),
        )


_worker: Evaluator | None = None


def _start_worker() -> None:
    # A forked worker has the parent's evaluator already (imports, catalog and directory
    # loaded once for all); a spawned one loads its own.
    global _worker
    if _worker is None:
        _worker = Evaluator()


def _work(job: tuple[str, bool]) -> Row | Failure | None:
    assert _worker is not None
    return _worker(job)


def evaluate_all(jobs: Sequence[tuple[Path, bool]], workers: int) -> Iterator[Row | Failure | None]:
    """Rows (or failures, or None for files that are no answers files) in the order of ``jobs``,
    as they come: with ``workers`` > 1 from that many processes, in chunks."""
    work = [(str(path), named) for path, named in jobs]
    if workers <= 1 or len(work) < 2:
        evaluator = Evaluator()
        yield from map(evaluator, work)
        return
    global _worker
    _worker = Evaluator()
    gc.freeze()  # the workers share these pages; the collector need not touch (and copy) them
    chunk = max(1, min(256, len(work) // (workers * 8)))
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
            yield from pool.map(_work, work, chunksize=chunk)
    finally:
        _worker = None
        gc.unfreeze()


# --- summarising ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Company:
    """One line of the summary: an assessment with the change since the one before."""

    row: Row
    previous: Row | None
    overdue: bool

    @property
    def change(self) -> float | None:
        """Score points since the previous assessment."""
        if self.previous is None or self.row.score is None or self.previous.score is None:
            return None
        return round(self.row.score - self.previous.score, 1)

    @property
    def level_change(self) -> int | None:
        return None if self.previous is None else self.row.level - self.previous.level

    @property
    def regressed(self) -> bool:
        return (self.change is not None and self.change < 0) or (self.level_change or 0) < 0


@dataclass(frozen=True)
class Group:
    """The companies of one sector, size band or Land."""

    key: str
    count: int
    mean_score: float | None
    levels: dict[int, int]
    with_critical: int
    overdue: int
    regressed: int


@dataclass(frozen=True)
class Portfolio:
    """The summary of a portfolio on a given day."""

    today: dt.date
    companies: list[Company]
    unreadable: list[Failure]
    files: int  # answers files read
    levels: dict[int, int]
    scores: list[int]  # companies per 10-point band, the last one including 100
    no_score: int  # companies with nothing applicable
    top_gaps: list[tuple[str, int]]  # control id, companies with it as a critical gap
    overdue: list[Company]
    regressed: list[Company]
    by_sector: list[Group]
    by_size: list[Group]
    by_land: list[Group]
    catalogs: list[str] = field(default_factory=list)


def _order(row: Row) -> tuple[dt.date, str]:
    return (row.date, row.file)


def summarise(
    rows: Iterable[Row], unreadable: Sequence[Failure], today: dt.date, all_files: bool = False
) -> Portfolio:
    """Per company its latest assessment (every one with ``all_files``), compared with the one
    before; then the portfolio's distributions and groups."""
    by_company: dict[str, list[Row]] = defaultdict(list)
    count = 0
    for row in rows:
        by_company[row.company].append(row)
        count += 1
    companies = []
    for history in by_company.values():
        history.sort(key=_order)
        pairs = list(zip(history, [None, *history[:-1]], strict=True))
        for row, previous in pairs if all_files else pairs[-1:]:
            # Only the latest assessment can be overdue: a later one has replaced the others.
            overdue = row is history[-1] and next_check(row.date) < today
            companies.append(Company(row, previous, overdue=overdue))
    companies.sort(key=lambda c: (c.row.name.casefold(), c.row.date, c.row.file))
    # Distributions count each company once: its latest assessment.
    latest = [c for c in companies if not all_files or _is_latest(c, by_company)]
    levels = Counter(c.row.level for c in latest)
    bins = [0] * SCORE_BINS
    for c in latest:
        if c.row.score is not None:
            bins[min(int(c.row.score // (100 / SCORE_BINS)), SCORE_BINS - 1)] += 1
    gaps = Counter(gap for c in latest for gap in c.row.critical)
    return Portfolio(
        today=today,
        companies=companies,
        unreadable=sorted(unreadable, key=lambda f: f.file),
        files=count,
        levels=dict(sorted(levels.items())),
        scores=bins,
        no_score=sum(1 for c in latest if c.row.score is None),
        top_gaps=sorted(gaps.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_GAPS],
        overdue=[c for c in latest if c.overdue],
        regressed=[c for c in latest if c.regressed],
        by_sector=_groups(latest, lambda r: r.sector),
        by_size=_groups(latest, lambda r: r.size, [label for _, label in reversed(SIZE_BANDS)]),
        by_land=_groups(latest, lambda r: r.land),
        catalogs=sorted({c.row.catalog for c in companies}),
    )


def _is_latest(company: Company, by_company: dict[str, list[Row]]) -> bool:
    return by_company[company.row.company][-1] is company.row


def _groups(
    companies: list[Company], key: Callable[[Row], str], order: list[str] | None = None
) -> list[Group]:
    members: dict[str, list[Company]] = defaultdict(list)
    for c in companies:
        members[key(c.row)].append(c)
    keys = [k for k in order if k in members] if order else sorted(members, key=str.casefold)
    groups = []
    for k in keys:
        group = members[k]
        scores = [c.row.score for c in group if c.row.score is not None]
        groups.append(
            Group(
                key=k,
                count=len(group),
                mean_score=round(sum(scores) / len(scores), 1) if scores else None,
                levels=dict(sorted(Counter(c.row.level for c in group).items())),
                with_critical=sum(1 for c in group if c.row.critical),
                overdue=sum(1 for c in group if c.overdue),
                regressed=sum(1 for c in group if c.regressed),
            )
        )
    return groups


def run(
    paths: Sequence[Path],
    today: dt.date,
    workers: int | None = None,
    all_files: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Portfolio:
    """Find, evaluate and summarise the answers files below ``paths``.

    ``progress(done, total)`` is called as files are done (about a hundred times in all).
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise NotFoundError(f"not found: {', '.join(missing)}")
    named: dict[Path, bool] = {}  # a file found twice (as named and below a folder) counts once
    for path, is_named in find(paths):
        named[path] = named.get(path, False) or is_named
    jobs = list(named.items())
    if not jobs:
        raise NotFoundError(
            f"no .yaml, .yml or .json files below {', '.join(str(p) for p in paths)}"
        )
    workers = workers or os.cpu_count() or 1
    rows: list[Row] = []
    failures: list[Failure] = []
    step = max(1, len(jobs) // 100)
    for done, result in enumerate(evaluate_all(jobs, min(workers, len(jobs))), start=1):
        if isinstance(result, Row):
            rows.append(result)
        elif isinstance(result, Failure):
            failures.append(result)
        if progress is not None and (done % step == 0 or done == len(jobs)):
            progress(done, len(jobs))
    if not rows and not failures:
        raise NotFoundError(
            "no answers files (with 'catalog:' and 'answers:') below "
            + ", ".join(str(p) for p in paths)
        )
    return summarise(rows, failures, today, all_files)
