"""The matcher: pure, explainable, tuned for German – and its measured quality on the test
questionnaires written in auditors' words (tests/data/questionnaires)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.api import load_catalog
from assess.exchange.importer import read_questionnaire
from assess.exchange.matcher import Candidate, Described, Matcher, decide, stem, words
from tests.questionnaires import build_csv, right

SMALL = [
    Described(
        "BAK-01",
        {
            "de": [
                ("Regelmäßige Datensicherung", 3.0),
                ("Backup Sicherungskopie Rücksicherung", 3.0),
                ("Werden wichtige Daten regelmäßig gesichert?", 2.0),
            ]
        },
    ),
    Described(
        "PAT-01",
        {
            "de": [
                ("Sicherheitsupdates", 3.0),
                ("Patch Update", 3.0),
                ("Werden Patches eingespielt?", 2.0),
            ]
        },
    ),
    Described(
        "NOT-01",
        {
            "de": [
                ("Notfallhandbuch", 3.0),
                ("Notfallplan", 3.0),
                ("Gibt es ein Notfallhandbuch?", 2.0),
            ]
        },
    ),
]


def test_stems_and_folding() -> None:
    assert stem("sicherungen") == "sicher"
    assert stem("backups") == "backup"
    assert words("Die Notfälle und der Notfall") == ["notfall", "notfall"]


def test_compounds_and_synonyms_find_the_control() -> None:
    matcher = Matcher(SMALL)
    best, *rest = matcher.match("Gibt es Sicherungskopien der Unternehmensdaten?")
    assert best.control == "BAK-01"
    assert best.confidence > rest[0].confidence
    assert "sicherungskopi" in best.terms or "sicher" in best.terms
    # A compound made of known parts: Datensicherungskonzept → daten + sicher + konzept.
    assert matcher.match("Datensicherungskonzept vorhanden?")[0].control == "BAK-01"
    assert matcher.match("Liegen die Notfallpläne ausgedruckt vor?")[0].control == "NOT-01"


def test_decisions() -> None:
    sure = [Candidate("A", 0.8), Candidate("B", 0.3)]
    close = [Candidate("A", 0.8), Candidate("B", 0.75)]
    weak = [Candidate("A", 0.3), Candidate("B", 0.1)]
    none = [Candidate("A", 0.1)]
    assert decide(sure) == "imported"
    assert decide(close) == "review"
    assert decide(weak) == "review"
    assert decide(none) == "unmatched"
    assert decide([]) == "unmatched"
    assert decide(sure, threshold=0.9) == "review"


def test_unrelated_text_is_unmatched() -> None:
    matcher = Matcher(SMALL)
    assert decide(matcher.match("Ist der Parkplatz beleuchtet?")) == "unmatched"
    assert matcher.match("") == []


def test_ties_are_broken_by_catalog_order() -> None:
    twins = [
        Described("X-2", {"de": [("Firewall", 1.0)]}),
        Described("X-1", {"de": [("Firewall", 1.0)]}),
    ]
    assert [c.control for c in Matcher(twins).match("Firewall")] == ["X-2", "X-1"]


@pytest.mark.parametrize("name", ["pruefer-de", "versicherer-en", "kunde-de", "berater-de"])
def test_quality_on_the_test_questionnaires(tmp_path: Path, name: str) -> None:
    """No row is put on a wrong control without review where the figures in the README say
    so; every row the catalog does not cover stays out."""
    catalog = load_catalog("acs-it-notfall")
    built = build_csv(name, tmp_path)
    q = read_questionnaire(built.path, catalog)
    imported = [r for r in q.rows if r.decision in ("imported", "conflict")]
    wrong = [r for r in imported if not right(r.control, built.truth[r.row])]
    matchable = [r for r in q.rows if built.truth.get(r.row)]
    rest = [r for r in matchable if r not in imported]
    found = [r for r in rest if any(right(c.control, built.truth[r.row]) for c in r.candidates)]
    assert all(r.decision != "error" for r in q.rows)
    assert not [r for r in imported if built.truth[r.row] is None]
    floors = {
        "pruefer-de": (0, 0.77, 1.0),
        "versicherer-en": (0, 0.9, 1.0),
        "kunde-de": (1, 0.35, 0.85),
        "berater-de": (1, 0.15, 0.55),
    }
    most_wrong, least_auto, least_found = floors[name]
    assert len(wrong) <= most_wrong
    assert (len(imported) - len(wrong)) / len(matchable) >= least_auto
    assert len(found) / len(rest) >= least_found


def test_readme_publishes_the_measured_figures(tmp_path: Path) -> None:
    """The README's table is what benchmarks/bench_matcher.py measures, figure by figure."""
    from benchmarks.bench_matcher import Score, score

    from tests.conftest import ROOT
    from tests.questionnaires import NAMES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    total = Score()
    for name in NAMES:
        s = score(name, tmp_path)
        total.add(s)
        f = s.figures()
        row = next(line for line in readme.splitlines() if line.startswith(f"| {name} "))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1] == str(s.matchable + s.uncovered)
        assert cells[2] == f"{f['auto']:.1%}".replace("%", " %")
        assert cells[3].startswith(f"{f['wrong']:.1%}".replace("%", " %"))
        assert cells[4] == f"{f['found']:.1%}".replace("%", " %")
    f = total.figures()
    row = next(line for line in readme.splitlines() if line.startswith("| all "))
    assert f"| {f['auto']:.1%} | {f['wrong']:.1%} | {f['found']:.1%} |".replace("%", " %") in row


def test_every_control_carries_keywords_in_both_languages() -> None:
    for control in load_catalog("acs-it-notfall").controls:
        assert control.keywords is not None, control.id
        assert len(control.keywords.de) >= 3, control.id
        assert len(control.keywords.en) >= 3, control.id
