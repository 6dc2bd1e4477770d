"""How well the matcher places foreign questionnaires, and how fast a large sheet imports.

Run from the repository root: ``python benchmarks/bench_matcher.py``. The questionnaires are in
tests/data/questionnaires (written in auditors' words; the truth is kept beside them).

Figures per questionnaire and overall:
- auto-imported: share of the matchable rows (those the catalog covers) imported without review;
- wrong: share of the imported rows put on the wrong control (rows about something the catalog
  does not cover count as wrong when they are imported);
- top-1: share of the imported rows on the right control (1 − wrong);
- found: for the matchable rows not imported, the share whose right control is among the
  review candidates;
- uncovered kept out: rows the catalog does not cover that were not imported.
Targets (issue 10): wrong ≤ 2 %, auto-imported ≥ 80 %, found ≥ 95 %; checked separately on the
questionnaires the matcher was tuned on, those checked once and then fixed, and those held out.
``--readme`` prints the README's table. ``--analyse`` measures the ranking over every matchable
row (is the right control first, among the first three or five?), what separates right from
wrong first candidates (confidence, runner-up, shared terms), and cross-validates the decision's
thresholds leaving one questionnaire out at a time, and leaving one author's whole set out (see
``analyse``).
"""

from __future__ import annotations

import functools
import math
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assess.api import load_catalog
from assess.errors import InputError
from assess.exchange.importer import read_questionnaire
from assess.exchange.mapping import Columns, Mapping
from assess.exchange.matcher import _CLAIMED, Candidate, Matcher, by_control, decide
from tests.questionnaires import (
    NAMES,
    ROLES,
    Truth,
    author,
    build_csv,
    build_xlsx,
    examples,
    load,
    right,
)

CATALOG = load_catalog("acs-it-notfall")
TARGET_WRONG = 0.02
TARGET_AUTO = 0.80
TARGET_FOUND = 0.95
TARGET_SECONDS = 2.0
GROUPS = ("tuned on", "checked once", "held out")


@dataclass
class Score:
    matchable: int = 0
    auto: int = 0
    imported: int = 0
    wrong: int = 0
    rest: int = 0
    found: int = 0
    uncovered: int = 0
    kept_out: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        return {
            "auto": self.auto / self.matchable if self.matchable else 0.0,
            "wrong": self.wrong / self.imported if self.imported else 0.0,
            "top1": 1 - self.wrong / self.imported if self.imported else 0.0,
            "found": self.found / self.rest if self.rest else 1.0,
            "kept_out": self.kept_out / self.uncovered if self.uncovered else 1.0,
        }


@functools.cache
def matcher_for(name: str) -> Matcher:
    """The matcher as a new author's sheet meets it: with the bundled examples of every other
    author, none of this questionnaire's author (whose sheets share wording)."""
    return Matcher.for_catalog(CATALOG, by_control(examples(leave_out=author(name))))


# The test sheets' columns: number, question, answer, comment. A sheet whose header the import
# does not recognise is read as a user would after its error: with the columns named by letter.
LETTERS = Mapping(columns=Columns(question="B", answer="C", comment="D"))


def score(name: str, folder: Path, details: bool = False) -> Score:
    built = build_csv(name, folder)
    try:
        q = read_questionnaire(built.path, CATALOG, matcher=matcher_for(name))
    except InputError:
        print(f"  header not recognised: {name} (read with the columns by letter)")
        q = read_questionnaire(built.path, CATALOG, LETTERS, matcher_for(name))
    result = Score()
    for row in q.rows:
        truth = built.truth.get(row.row, "?")
        if truth == "?":
            continue
        imported = row.decision in ("imported", "conflict")
        if truth is None:
            result.uncovered += 1
            result.kept_out += not imported
        else:
            result.matchable += 1
        if imported:
            result.imported += 1
            result.auto += truth is not None
            if not right(row.control, truth):
                result.wrong += 1
                if details:
                    print(
                        f"  WRONG {name}:{row.row} {row.text[:60]!r} → {row.control} (is {truth})"
                    )
        elif truth is not None:
            result.rest += 1
            hit = any(right(c.control, truth) for c in row.candidates)
            result.found += hit
            if details:
                mark = "found" if hit else "MISSED"
                cands = ", ".join(f"{c.control} {c.confidence:.2f}" for c in row.candidates)
                print(f"  {mark} {name}:{row.row} {row.text[:60]!r} [{cands}] (is {truth})")
    return result


def speed(folder: Path) -> tuple[int, float]:
    """Seconds to import a 2,000-row xlsx questionnaire (the German checklist repeated)."""
    built = build_xlsx("pruefer-de", folder, repeat=34)
    catalog = CATALOG
    start = time.perf_counter()
    q = read_questionnaire(built.path, catalog)
    return len(q.rows), time.perf_counter() - start


def line(label: str, s: Score) -> str:
    f = s.figures()
    return (
        f"{label:<32} {s.matchable + s.uncovered:>5} {f['auto']:>7.1%} {f['wrong']:>7.1%} "
        f"{f['top1']:>7.1%} {f['found']:>7.1%} {f['kept_out']:>9.1%}"
    )


def markdown(label: str, s: Score) -> str:
    """A row of the README's table (``--readme`` prints them all)."""
    f = s.figures()

    def pct(x: float) -> str:
        return f"{x:.1%}".replace("%", " %")

    wrong = pct(f["wrong"]) + (f" ({s.wrong} of {s.imported})" if s.wrong else "")
    return (
        f"| {label} | {s.matchable + s.uncovered} | {pct(f['auto'])} | {wrong} | "
        f"{pct(f['found'])} | {pct(f['kept_out'])} |"
    )


def measure(folder: Path, details: bool = False) -> list[tuple[str, Score]]:
    """Every questionnaire (labelled with its role), each group of them, and all together."""
    total = Score()
    groups = {g: Score() for g in GROUPS}
    out = []
    for name in NAMES:
        s = score(name, folder, details)
        total.add(s)
        groups[ROLES[name]].add(s)
        out.append((f"{name} ({ROLES[name]})", s))
    out += [(g, groups[g]) for g in GROUPS if any(ROLES[n] == g for n in NAMES)]
    out.append(("all", total))
    return out


@dataclass(frozen=True)
class Ranked:
    """One matchable or uncovered row as the matcher ranks it."""

    name: str
    text: str
    truth: Truth
    candidates: list[Candidate]

    @property
    def rank(self) -> int | None:
        """1-based place of the right control among the candidates, None when absent."""
        for i, c in enumerate(self.candidates, start=1):
            if right(c.control, self.truth):
                return i
        return None

    @property
    def first(self) -> float:
        return self.candidates[0].confidence if self.candidates else 0.0

    @property
    def second(self) -> float:
        return self.candidates[1].confidence if len(self.candidates) > 1 else 0.0


def ranked(top: int = 10) -> list[Ranked]:
    """Every row of every questionnaire with its best ``top`` candidates (sections skipped), the
    rows of a questionnaire matched together as the import does (``Matcher.match_sheet``)."""
    out = []
    for name in NAMES:
        items = [item for item in load(name)["rows"] if "section" not in item]
        matched = matcher_for(name).match_sheet([item["text"] for item in items], top)
        for item, found in zip(items, matched, strict=True):
            out.append(Ranked(name, item["text"], item["control"], found))
    return out


def _tally(rows: list[Ranked], threshold: float, margin: float) -> tuple[int, int, int, int, int]:
    """(matchable, right imports, wrong imports, rest, found among the first five) under a
    decision rule."""
    matchable = auto = wrong = rest = found = 0
    for r in rows:
        decision = decide(r.candidates[:5], threshold, margin)
        matchable += r.truth is not None
        if decision == "imported":
            if right(r.candidates[0].control, r.truth):
                auto += 1
            else:
                wrong += 1
        elif r.truth is not None:
            rest += 1  # the review list shows the first five, an unmatched row its first
            found += r.rank is not None and r.rank <= (5 if decision == "review" else 1)
    return matchable, auto, wrong, rest, found


GRID_T = [round(0.20 + 0.01 * i, 2) for i in range(80)] + [0.995, 0.999]
GRID_M = [round(0.15 + 0.05 * i, 2) for i in range(16)]  # a runner-up within 85 % is close


def choose(rows: list[Ranked], most_wrong: float) -> tuple[float, float]:
    """The threshold and margin that import the most rows of ``rows`` with at most
    ``most_wrong`` of the imports wrong; among equals the strictest."""
    best: tuple[int, float, float] = (-1, 1.0, 1.0)
    for t in GRID_T:
        for m in GRID_M:
            _, auto, wrong, _, _ = _tally(rows, t, m)
            if auto + wrong and wrong > most_wrong * (auto + wrong):
                continue
            key = (auto, t, m)
            if key > best:
                best = key
    return best[1], best[2]


def features(candidates: list[Candidate], place: int) -> tuple[float, float, float, float]:
    """What the calibration curve reads of candidate ``place``, as ``Matcher`` computes it: 1,
    its score (reduced where another row took the control), its lead over the best other
    candidate, and log(1 + the evidence it explains)."""
    used = [c.score * (_CLAIMED if c.better is not None else 1.0) for c in candidates]
    other = (used[1] if len(used) > 1 else 0.0) if place == 0 else used[0]
    c = candidates[place]
    return 1.0, used[place], used[place] - other, math.log1p(c.evidence)


def fit(rows: list[Ranked]) -> tuple[float, float, float, float]:
    """Logistic regression of "the first candidate is right" on ``features`` (uncovered rows
    count as wrong), by Newton's method (a few steps of 4×4 linear algebra; plain gradient
    descent took minutes for the cross-validation): the calibration curve ``matcher._A``,
    ``_B_SCORE``, ``_C_LEAD``, ``_D_EVIDENCE``."""
    data = [(features(r.candidates, 0), float(r.rank == 1)) for r in rows if r.candidates]
    k = 4
    w = [0.0] * k
    for _ in range(50):
        grad = [0.0] * k
        hess = [[1e-9 * (i == j) for j in range(k)] for i in range(k)]
        for x, y in data:
            z = max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x, strict=True))))
            p = 1 / (1 + math.exp(-z))
            for i in range(k):
                grad[i] += (p - y) * x[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        step = _solve(hess, grad)
        w = [a - d for a, d in zip(w, step, strict=True)]
        if max(abs(d) for d in step) < 1e-9:
            break
    return w[0], w[1], w[2], w[3]


def _solve(m: list[list[float]], v: list[float]) -> list[float]:
    """``m``⁻¹ ``v`` for a small symmetric positive definite ``m`` (Gaussian elimination)."""
    n = len(v)
    a = [[*row, b] for row, b in zip(m, v, strict=True)]
    for i in range(n):
        pivot = max(range(i, n), key=lambda r: abs(a[r][i]))
        a[i], a[pivot] = a[pivot], a[i]
        for r in range(i + 1, n):
            f = a[r][i] / a[i][i]
            a[r] = [x - f * y for x, y in zip(a[r], a[i], strict=True)]
    out = [0.0] * n
    for i in reversed(range(n)):
        out[i] = (a[i][n] - sum(a[i][j] * out[j] for j in range(i + 1, n))) / a[i][i]
    return out


def recalibrated(row: Ranked, curve: tuple[float, float, float, float]) -> Ranked:
    """``row`` with its candidates' confidences through another calibration curve."""
    out = []
    for i, x in enumerate(row.candidates):
        z = sum(a * b for a, b in zip(curve, features(row.candidates, i), strict=True))
        out.append(replace(x, confidence=round(1 / (1 + math.exp(-z)), 3)))
    return replace(row, candidates=out)


def analyse() -> None:
    rows = ranked()
    a, b, c, d = fit([r for r in rows if ROLES[r.name] != "held out"])
    print(
        f"calibration fitted on every questionnaire not held out: a {a:.2f}, score {b:.2f}, ",
        end="",
    )
    print(f"lead {c:.2f}, log(1 + evidence) {d:.2f}")
    by_group: dict[str, list[Ranked]] = {g: [] for g in GROUPS}
    for r in rows:
        by_group[ROLES[r.name]].append(r)
    print("ranking over every matchable row (the right control at place 1 / within 3 / 5 / 10)")
    labelled = [(n, [r for r in rows if r.name == n]) for n in NAMES]
    for label, group in [*labelled, *by_group.items(), ("all", rows)]:
        m = [r for r in group if r.truth is not None]
        if not m:
            continue
        at = [sum(1 for r in m if (r.rank or 99) <= k) / len(m) for k in (1, 3, 5, 10)]
        print(f"  {label:<18} {len(m):>4}  " + "  ".join(f"{a:6.1%}" for a in at))
    print("first candidate right, wrong, or on an uncovered row: confidence, score and terms")
    print("(at 10/25/50/75/90 % of the rows)")
    for kind, pick in (
        ("right", [r for r in rows if r.rank == 1]),
        ("wrong", [r for r in rows if r.truth is not None and r.rank != 1]),
        ("uncovered", [r for r in rows if r.truth is None]),
    ):
        conf = sorted(r.first for r in pick)
        ratio = sorted(r.candidates[0].score if r.candidates else 0.0 for r in pick)
        terms = sorted(len(r.candidates[0].terms) if r.candidates else 0 for r in pick)

        def q(xs: list[float]) -> str:
            at = (0.1, 0.25, 0.5, 0.75, 0.9)
            return " ".join(f"{xs[int(p * (len(xs) - 1))]:.2f}" for p in at) if xs else "-"

        shared = [float(t) for t in terms]
        print(
            f"  {kind:<9} n={len(pick):<4} confidence {q(conf)} | score {q(ratio)} | "
            f"terms {q(shared)}"
        )
    if "-v" in sys.argv:
        for r in rows:
            if not r.candidates:
                continue
            c = r.candidates[0]
            if (r.rank == 1) != (c.confidence >= 0.5):
                kind = "unsure right" if r.rank == 1 else "sure wrong"
                print(
                    f"  {kind} {r.name}: {r.text[:70]!r} (is {r.truth}) → {c.control} "
                    f"{c.confidence:.2f} score {c.score:.2f} next {r.second:.2f} "
                    + "/".join(c.terms)
                )
        for r in rows:
            if r.truth is not None and r.rank != 1:
                cands = ", ".join(
                    f"{c.control} {c.confidence:.2f} {'/'.join(c.terms[:3])}"
                    for c in r.candidates[:3]
                )
                print(f"  rank {r.rank} {r.name}: {r.text[:70]!r} (is {r.truth}) [{cands}]")
    # Only the questionnaires tuned on take part: a held-out one stays unseen by every choice.
    tuned = [r for r in rows if ROLES[r.name] == "tuned on"]
    print(
        "leave one questionnaire out of those tuned on (calibration, threshold and margin chosen "
        f"on the others, ≤ {CV_WRONG:.0%} wrong)"
    )
    total = [0] * 5
    for name in dict.fromkeys(r.name for r in tuned):
        # The calibration curve too is fitted without the questionnaire left out.
        curve = fit([r for r in tuned if r.name != name])
        train = [recalibrated(r, curve) for r in tuned if r.name != name]
        test = [recalibrated(r, curve) for r in tuned if r.name == name]
        t, m = choose(train, CV_WRONG)
        tally = _tally(test, t, m)
        total = [a + b for a, b in zip(total, tally, strict=True)]
        print(f"  {name:<18} threshold {t:.2f} margin {m:.2f}  " + _figures(tally))
    print(f"  {'together':<18} {'':<25}" + _figures(tuple(total)))  # type: ignore[arg-type]
    t, m = choose(tuned, CV_WRONG)
    print(
        f"chosen on all tuned on: threshold {t:.2f} margin {m:.2f}  "
        + _figures(_tally(tuned, t, m))
    )
    # One author's questionnaires share wording: leaving out one questionnaire at a time keeps
    # that author's others in the choice and promised about 1 % wrong where each new author's
    # set at first sight gave 3–11 %. Leaving out an author's whole set is the fairer estimate
    # (every set not held out takes part; the vocabulary still knows them all).
    seen = [r for r in rows if ROLES[r.name] != "held out"]
    print(
        "leave one author's set out (calibration, threshold and margin chosen on the others, "
        f"≤ {CV_WRONG:.0%} wrong)"
    )
    total = [0] * 5
    for who in dict.fromkeys(author(r.name) for r in seen):
        curve = fit([r for r in seen if author(r.name) != who])
        train = [recalibrated(r, curve) for r in seen if author(r.name) != who]
        test = [recalibrated(r, curve) for r in seen if author(r.name) == who]
        t, m = choose(train, CV_WRONG)
        tally = _tally(test, t, m)
        total = [a + b for a, b in zip(total, tally, strict=True)]
        print(f"  {who:<18} threshold {t:.2f} margin {m:.2f}  " + _figures(tally))
    print(f"  {'together':<18} {'':<25}" + _figures(tuple(total)))  # type: ignore[arg-type]


CV_WRONG = 0.01


def _figures(tally: tuple[int, int, int, int, int]) -> str:
    matchable, auto, wrong, rest, found = tally
    imported = auto + wrong
    return (
        f"auto {auto / matchable:6.1%}  wrong {wrong / imported if imported else 0:5.1%} "
        f"({wrong}/{imported})  found {found / rest if rest else 1:6.1%}"
    )


def main() -> int:
    details = "-v" in sys.argv
    if "--analyse" in sys.argv:
        analyse()
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measured = measure(folder, details)
        if "--readme" in sys.argv:
            for label, s in measured:
                print(markdown(label, s))
            return 0
        print(
            f"{'questionnaire':<32} {'rows':>5} {'auto':>7} {'wrong':>7} {'top-1':>7} "
            f"{'found':>7} {'kept out':>9}"
        )
        for label, s in measured:
            print(line(label, s))
        rows, seconds = speed(folder)
    print(f"import of a {rows}-row xlsx: {seconds:.2f} s")
    ok = seconds < TARGET_SECONDS
    for label, s in measured:
        if label in GROUPS:
            f = s.figures()
            met = (
                f["wrong"] <= TARGET_WRONG
                and f["auto"] >= TARGET_AUTO
                and f["found"] >= TARGET_FOUND
            )
            ok = ok and met
            print(f"targets {'met' if met else 'NOT met'} on the questionnaires {label}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
