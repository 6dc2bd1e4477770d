"""The matcher: pure, explainable, tuned for German – and its measured quality on the test
questionnaires written in auditors' words (tests/data/questionnaires)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.api import load_catalog
from assess.exchange.importer import read_questionnaire
from assess.exchange.matcher import (
    THRESHOLD,
    Candidate,
    Described,
    Matcher,
    bundled_examples,
    decide,
    stem,
    words,
)
from tests.questionnaires import NAMES, build_csv, right

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
    # Never down to a stop word (sichern → sicher, not sich); Plan and Pläne, Prozess and
    # Prozesse keep one stem; a past participle meets its verb and noun.
    assert words("sichern gesichert Sicherung") == ["sicher", "sicher", "sicher"]
    assert words("Plan Pläne Prozess Prozesse") == ["plan", "plan", "prozess", "prozess"]
    assert words("ausgedruckte Ausdruck getestet Test") == ["ausdruck", "ausdruck", "test", "test"]
    assert words("Geschäft Geschäftsführung") == ["geschaft", "geschaftsfuhr"]  # no participles


def test_compounds_and_synonyms_find_the_control() -> None:
    matcher = Matcher(SMALL)
    (best,) = matcher.match("Gibt es Sicherungskopien der Unternehmensdaten?")
    assert best.control == "BAK-01"  # the other controls share nothing and are no candidates
    assert "=backup" in best.terms
    assert "sicherungskopi" in best.terms
    # A compound made of known parts: Datensicherungskonzept → daten + sicher (+ konzept).
    assert matcher.match("Datensicherungskonzept vorhanden?")[0].control == "BAK-01"
    assert matcher.match("Liegen die Notfallpläne ausgedruckt vor?")[0].control == "NOT-01"


def test_decisions() -> None:
    def c(control: str, confidence: float, score: float, **more: float) -> Candidate:
        return Candidate(control, confidence, (), score, evidence=more.pop("evidence", 8.0), **more)

    sure = [c("A", 0.95, 0.6), c("B", 0.01, 0.3)]
    assert decide(sure) == "imported"
    assert decide(sure, threshold=0.99) == "review"
    assert decide([c("A", 0.2, 0.4), c("B", 0.01, 0.2)]) == "review"  # not sure enough
    # The runner-up explains 90 % of what the best explains: a close call, however sure.
    assert decide([c("A", 0.95, 0.6), c("B", 0.2, 0.54)]) == "review"
    # Another candidate explains a second topic of the row that the best does not name.
    assert decide([c("A", 0.95, 0.6), c("B", 0.01, 0.3, beyond=0.3)]) == "review"
    # Sure and ahead, but on one or two rare words only.
    assert decide([c("A", 0.95, 0.6, evidence=3.0), c("B", 0.01, 0.3)]) == "review"
    assert decide([c("A", 0.9, 0.1)]) == "unmatched"  # explains too little of the row
    # The row names a topic no control covers (encryption, insurance …): never imported.
    outside = [Candidate("A", 0.95, (), 0.6, evidence=8.0, outside=True), c("B", 0.01, 0.3)]
    assert decide(outside) == "review"
    assert decide([]) == "unmatched"


def test_synonym_groups_bridge_words_the_control_does_not_use() -> None:
    """Domain synonyms (not the control's own keywords) lead to the right control, and the
    shared concept is named among the matched terms."""
    controls = [
        Described("BAK", {"de": [("Regelmäßige Datensicherung", 3.0)]}),
        Described("MFA", {"de": [("Zwei-Faktor-Authentisierung", 3.0)]}),
        Described("OFF", {"de": [("Kopie getrennt vom Netz", 3.0)]}),
        Described("AV", {"de": [("Schutz vor Schadsoftware", 3.0)]}),
    ]
    matcher = Matcher(controls)
    backup = matcher.match("Are backups taken every night?")[0]
    assert (backup.control, "=backup" in backup.terms) == ("BAK", True)
    mfa = matcher.match("Is 2FA enforced for remote access?")[0]
    assert (mfa.control, "=mfa" in mfa.terms) == ("MFA", True)
    offline = matcher.match("Is one copy air-gapped?")[0]
    assert (offline.control, "=offline" in offline.terms) == ("OFF", True)
    assert matcher.match("Ist ein Virenscanner installiert?")[0].control == "AV"


def test_questionnaire_boilerplate_is_no_evidence() -> None:
    assert words("Ist festgelegt, ob es regelmäßig vorhanden ist?") == []
    assert words("Do you have procedures in place?") == []


def test_the_decision_on_the_catalog() -> None:
    """A clear row imports with what it matched on; a bundled question goes to review with
    both controls; a row about something the catalog does not cover stays unmatched."""
    matcher = Matcher.for_catalog(load_catalog("acs-it-notfall"), examples={})
    clear = matcher.match("Ist auf allen Rechnern ein Virenschutz installiert?")
    assert (decide(clear), clear[0].control) == ("imported", "VOR-25")
    assert {"=malware", "virenschutz"} <= set(clear[0].terms)
    assert clear[0].confidence >= THRESHOLD > clear[1].confidence
    bundled = matcher.match("Gibt es Virenschutz und eine Firewall?")
    assert decide(bundled) == "review"
    assert [c.control for c in bundled[:2]] == ["VOR-25", "VOR-26"]
    assert "=firewall" in bundled[1].terms
    for text in ("Ist der Parkplatz beleuchtet?", "Wie hoch ist der Jahresumsatz?"):
        assert decide(matcher.match(text)) == "unmatched"
    # Topics questionnaires ask about that no control covers are never imported, however many
    # catalog words the row also says (Aufsichtsbehörde, gemeldet: VOR-34's words).
    for text in (
        "Ist ein Datenschutzbeauftragter bestellt und der Aufsichtsbehörde gemeldet?",
        "Sind die Notebooks mit BitLocker verschlüsselt?",
        "Is customer data encrypted at rest?",
    ):
        found = matcher.match(text)
        assert found[0].outside
        assert decide(found) in ("review", "unmatched")
    # Everyday words lead to the control: a copy on a USB disk is a backup, "wenn es brennt"
    # asks for the first contact in an emergency.
    usb = matcher.match("Wird jeden Abend eine Kopie der Daten auf eine USB-Platte gezogen?")
    assert (decide(usb), usb[0].control, "=backup" in usb[0].terms) == ("imported", "VOR-28", True)
    fire = matcher.match("Wer ist Ansprechpartner, wenn es brennt?")
    assert (decide(fire), fire[0].control) == ("imported", "BER-03")
    # A rare catalog word alone is not enough to import a row about something else.
    canteen = matcher.match("Gibt es eine Kantine für die Belegschaft?")
    assert decide(canteen) == "review"


def test_the_bundled_examples_teach_the_words_auditors_use() -> None:
    """How questionnaires have asked for a control counts with the control's own texts: rows in
    everyday words the catalog never says find their control only through the examples."""
    catalog = load_catalog("acs-it-notfall")
    plain = Matcher.for_catalog(catalog, examples={})
    taught = Matcher.for_catalog(catalog)
    # "durchgespielt" (played through) is how auditors say "geübt", "zusammentrommeln" is the
    # alarm, "Bescheid sagen" the communication: on the catalog's words alone the matcher is
    # unsure or wrong, with the examples it imports the right control.
    rows = {
        "Haben Sie mit dem Team schon mal durchgespielt, wie ein Tag ohne Computer abläuft?": (
            "VOR-20"
        ),
        "Wie trommeln Sie Ihre Leute zusammen, wenn E-Mail nicht geht?": "BEW-04",
        "Wer sagt den Kunden Bescheid, wenn nichts mehr geht?": "VOR-16",
    }
    for text, control in rows.items():
        before, after = plain.match(text), taught.match(text)
        assert decide(before) == "review"
        assert (decide(after), after[0].control) == ("imported", control)
    # A topic no control covers stays one, though an example mentions it in passing.
    outside = taught.match("Ist ein Datenschutzbeauftragter bestellt?")
    assert outside[0].outside
    assert decide(outside) == "review"
    # Examples belong to their catalog edition: none for another, and only for its controls.
    assert bundled_examples("other-catalog@1") == {}
    assert bundled_examples("acs-it-notfall@2030.01") == {}  # another edition
    assert set(bundled_examples(catalog.pin)) <= {c.id for c in catalog.controls}
    assert (
        Matcher.for_catalog(catalog, {"VOR-20": ["Wargame im Vorstand"]})
        .match("Gab es ein Wargame?")[0]
        .control
        == "VOR-20"
    )


def test_german_word_forms_meet_the_catalog_words() -> None:
    """Forms of a word that plain stemming misses still meet the catalog's word: inflected
    boilerplate counts for nothing, a hyphenated compound is one word, a separated particle and
    the Du-form find the verb, a genitive finds the compound; abbreviations of the domain find
    their group."""
    assert words("regelmäßige festgelegten Sicherung innerhalb von Tagen") == ["sicher"]
    matcher = Matcher.for_catalog(load_catalog("acs-it-notfall"), examples={})
    folder = matcher.match("Gibt es einen Notfall-Ordner?")
    assert [c.control for c in folder[:2]] == ["VOR-04", "VOR-39"]  # both say Notfallordner
    assert "notfallordn" in folder[0].terms
    unplug = matcher.match("Steckst Du die Sicherungsplatte danach ab?")
    assert (decide(unplug), unplug[0].control, "absteck" in unplug[0].terms) == (
        "imported",
        "VOR-38",
        True,
    )
    notes = matcher.match("Hast Du einen Block, auf dem Du mitschreibst?")
    assert (decide(notes), notes[0].control, "mitschreib" in notes[0].terms) == (
        "imported",
        "BEW-08",
        True,
    )
    backup = matcher.match("Erfolgt eine Sicherung der Datenbestände?")
    assert (decide(backup), backup[0].control, "datensicher" in backup[0].terms) == (
        "imported",
        "VOR-28",
        True,
    )
    handbook = matcher.match("Ist das NHB nach der Migration nachgezogen?")
    assert (handbook[0].control, {"=handbook", "=revise"} <= set(handbook[0].terms)) == (
        "NAC-03",
        True,
    )
    assert matcher.match("FW-Regelwerk geprüft?")[0].control == "VOR-26"


def test_confidence_rises_with_score_lead_and_evidence() -> None:
    from assess.exchange.matcher import _calibrated

    assert _calibrated(0.5, 0.2, 8) > _calibrated(0.4, 0.2, 8) > _calibrated(0.4, 0.05, 8)
    assert _calibrated(0.3, 0.2, 12) > _calibrated(0.3, 0.2, 6)  # a long row explained far
    assert 0.0 < _calibrated(0.1, 0.0, 2) < 0.1
    assert _calibrated(0.7, 0.4, 10) > 0.99


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


def test_a_control_another_row_points_at_more_clearly_is_reduced_and_names_it() -> None:
    """A questionnaire asks about a topic once: the vague row loses the printed handbook to the
    precise one, keeps it as a candidate with its whole score and says which row took it; alone,
    each row would have the printed handbook first."""
    matcher = Matcher.for_catalog(load_catalog("acs-it-notfall"), examples={})
    texts = [
        "Ist das Notfallhandbuch ausgedruckt und ohne IT greifbar?",
        "Gibt es ein Notfallhandbuch, auch ausgedruckt?",
    ]
    assert [matcher.match(t)[0].control for t in texts] == ["VOR-39", "VOR-39"]
    precise, vague = matcher.match_sheet(texts)
    assert precise == matcher.match(texts[0])
    assert decide(precise) == "imported"
    assert [c.control for c in vague[:2]] == ["VOR-04", "VOR-39"]
    claimed = vague[1]
    assert claimed.better == 0
    assert claimed.score == matcher.match(texts[1])[0].score  # its whole score: still covered
    assert claimed.confidence < matcher.match(texts[1])[0].confidence
    assert decide(vague) == "review"  # the reduced control is still close: a close call


def test_rows_on_one_control_keep_it_when_it_stays_first() -> None:
    """The same question twice, or a row that still has the control first though reduced, keeps
    it whole: two rows on one control are a conflict for the import to resolve."""
    matcher = Matcher(SMALL)
    same = ["Gibt es ein Notfallhandbuch?"] * 2
    assert matcher.match_sheet(same) == [matcher.match(same[0])] * 2
    texts = ["Gibt es ein Notfallhandbuch?", "Gibt es ein Notfallhandbuch mit Backup-Plan?"]
    assert matcher.match_sheet(texts) == [matcher.match(t) for t in texts]
    catalog = Matcher.for_catalog(load_catalog("acs-it-notfall"), examples={})
    firewall = ["Gibt es eine Firewall?", "Schützt eine Firewall das Netz vor Angriffen?"]
    assert catalog.match_sheet(firewall) == [catalog.match(t) for t in firewall]


def test_a_reduced_control_is_shown_however_far_it_fell() -> None:
    matcher = Matcher.for_catalog(load_catalog("acs-it-notfall"), examples={})
    texts = [
        "Ist das Notfallhandbuch ausgedruckt und ohne IT greifbar?",
        "Gibt es ein Notfallhandbuch, auch ausgedruckt?",
    ]
    _, vague = matcher.match_sheet(texts, top=1)
    assert [(c.control, c.better) for c in vague] == [("VOR-04", None), ("VOR-39", 0)]


@pytest.mark.parametrize("name", NAMES)
def test_quality_on_the_test_questionnaires(tmp_path: Path, name: str) -> None:
    """At most as many rows are imported onto a wrong control as the README says (a row the
    catalog does not cover counts as wrong when it is imported), at least as many imported and
    found. Measured as a new author's sheet meets the matcher: with the bundled examples of
    the other authors only."""
    from benchmarks.bench_matcher import matcher_for

    catalog = load_catalog("acs-it-notfall")
    built = build_csv(name, tmp_path)
    q = read_questionnaire(built.path, catalog, matcher=matcher_for(name))
    imported = [r for r in q.rows if r.decision in ("imported", "conflict")]
    wrong = [r for r in imported if not right(r.control, built.truth[r.row])]
    matchable = [r for r in q.rows if built.truth.get(r.row)]
    rest = [r for r in matchable if r not in imported]
    found = [r for r in rest if any(right(c.control, built.truth[r.row]) for c in r.candidates)]
    # No row is an error: every answer word is known, and an "N/A" the catalog refuses (without
    # a comment, or for a mandatory control: fresh3-broker-en, fresh9-bauunternehmen-de,
    # fresh10-medtech-en) goes to review.
    assert [r.row for r in q.rows if r.decision == "error"] == []
    # Wrong imports (an uncovered row imported counts as wrong) as measured; the shares imported
    # and found are the measured ones (README), rounded down, so that a worse matcher fails here.
    # Each is measured with the bundled examples of the other authors only (``matcher_for``).
    floors = {
        "pruefer-de": (0, 0.90, 1.0),
        "versicherer-en": (0, 0.93, 1.0),
        "kunde-de": (0, 0.78, 1.0),
        "berater-de": (0, 0.88, 1.0),
        "dienstleister-de": (0, 0.85, 1.0),
        "lieferant-en": (0, 0.78, 1.0),
        "versicherung-de": (0, 0.78, 1.0),
        "fresh-versicherer-de": (1, 0.90, 1.0),
        "fresh-auditor-de": (0, 0.92, 1.0),
        "fresh-kammer-de": (0, 0.87, 1.0),
        "fresh-vendor-en": (0, 0.93, 1.0),
        # The second fresh set, measured once as held out (then 2, 2, 0, 2 wrong; 75 %, 73 %,
        # 96 %, 48 % auto-imported; 100 %, 71 %, 100 %, 66 % found), now tuned on.
        "fresh2-bank-de": (0, 0.93, 1.0),
        "fresh2-msp-de": (0, 0.88, 1.0),
        "fresh2-konzern-en": (0, 0.93, 1.0),
        "fresh2-handwerk-de": (0, 0.96, 1.0),
        # The third fresh set, measured once as held out against the fourth matcher at the
        # threshold 0.64 (1, 2, 1, 7 wrong: 11 of 100 imports), then the default threshold was
        # raised to 0.9 on it (checked once).
        "fresh3-kanzlei-de": (0, 0.91, 1.0),
        "fresh3-logistik-de": (0, 0.91, 1.0),
        "fresh3-broker-en": (0, 0.82, 1.0),
        "fresh3-praxis-de": (1, 0.71, 0.88),
        # The fourth fresh set, measured once with the threshold fixed at 0.9 (1, 0, 0, 0 wrong;
        # 48 %, 28 %, 63 %, 65 % auto-imported), then looked at when the sheet-level rule was
        # chosen (checked once).
        "fresh4-stadtwerke-de": (0, 0.87, 1.0),
        "fresh4-hotel-de": (1, 0.82, 1.0),
        "fresh4-saas-en": (0, 0.80, 1.0),
        "fresh4-ingenieur-de": (0, 0.82, 0.83),
        # The fifth fresh set, measured once as held out with the sheet-level rule in place
        # (README); then "Ampel" became a header word (checked once).
        "fresh5-kommune-de": (0, 0.91, 1.0),
        "fresh5-autohaus-de": (0, 0.82, 1.0),
        "fresh5-pharma-en": (0, 0.91, 1.0),
        "fresh5-verein-de": (0, 0.74, 0.88),
        # The sixth fresh set, measured once as held out against the matcher with examples
        # (README); then word forms of uncovered topics became such topics (checked once).
        "fresh6-spedition-de": (0, 0.87, 1.0),
        "fresh6-schule-de": (0, 0.77, 1.0),
        "fresh6-mssp-en": (0, 0.85, 1.0),
        "fresh6-kanzlei-anwalt-de": (1, 0.91, 1.0),
        # The seventh fresh set, measured once as held out against the sixth matcher at 0.8
        # (74.4 % imported, 1.0 % wrong, 94.1 % found), then among the examples (checked once).
        "fresh7-pflegedienst-de": (0, 0.84, 1.0),
        "fresh7-maschinenbau-de": (0, 0.88, 1.0),
        "fresh7-cloud-en": (0, 0.84, 1.0),
        "fresh7-gemeinde-kita-de": (0, 0.64, 1.0),
        # The eighth fresh set, measured once as held out against the sixth matcher at 0.8
        # (79.7 % imported, 2.8 % wrong, 100 % found), then among the examples (checked once).
        "fresh8-apotheke-de": (1, 0.91, 1.0),
        "fresh8-energie-de": (1, 0.81, 1.0),
        "fresh8-ecommerce-en": (1, 0.85, 1.0),
        "fresh8-architekt-de": (1, 0.71, 1.0),
        # The ninth fresh set, measured once as held out against the sixth matcher at 0.8
        # (79.3 % imported, 4.3 % wrong, 93.1 % found), then among the examples (checked once).
        "fresh9-zahnarzt-de": (1, 0.88, 1.0),
        "fresh9-bauunternehmen-de": (1, 0.65, 0.81),
        "fresh9-fintech-en": (1, 0.97, 1.0),
        "fresh9-hochschule-de": (2, 0.85, 1.0),
        # The tenth and eleventh fresh sets, measured once as held out against the sixth matcher
        # at 0.9 with the columns read from the cells (79.4 % and 76.0 % imported, 0.0 % and
        # 0.9 % wrong, 89.7 % and 97.1 % found), then among the examples (checked once).
        "fresh10-wirtschaftspruefer-de": (0, 0.97, 1.0),
        "fresh10-lebensmittel-de": (0, 0.77, 1.0),
        "fresh10-medtech-en": (0, 0.80, 1.0),
        "fresh10-hausverwaltung-de": (0, 0.80, 0.85),
        "fresh11-druckerei-de": (0, 0.86, 1.0),
        "fresh11-pflegeheim-de": (1, 0.83, 1.0),
        "fresh11-colocation-en": (0, 0.86, 1.0),
        "fresh11-landwirtschaft-de": (0, 0.62, 1.0),
        # The twelfth and thirteenth fresh sets, measured once as held out at 0.87 (85.4 % and
        # 73.5 % imported, 0.8 % and 0.0 % wrong, 95.2 % and 100 % found), then among the
        # examples (checked once), and the evidence joined the calibration curve.
        "fresh12-autozulieferer-de": (0, 0.88, 1.0),
        "fresh12-steuerbuero-en": (0, 0.88, 1.0),
        "fresh12-kommune-de": (1, 0.80, 1.0),
        "fresh12-arztpraxis-de": (0, 0.83, 1.0),
        "fresh13-reederei-en": (1, 0.64, 1.0),
        "fresh13-einzelhandel-de": (0, 0.88, 1.0),
        "fresh13-stiftung-de": (0, 0.91, 1.0),
        "fresh13-softwarehaus-de": (0, 0.75, 1.0),
        # The fourteenth and fifteenth fresh sets, held out: measured once against the seventh
        # matcher (evidence in the calibration, threshold 0.74) and kept out of the examples, so
        # that these are their first-sight figures.
        "fresh14-spedition-en": (1, 0.89, 1.0),
        "fresh14-zahntechnik-de": (0, 0.88, 1.0),
        "fresh14-versorger-de": (1, 0.86, 1.0),
        "fresh14-eventagentur-de": (0, 0.75, 1.0),
        "fresh15-versicherungsmakler-de": (0, 0.89, 1.0),
        "fresh15-ngo-en": (0, 0.81, 1.0),
        "fresh15-handwerk-elektro-de": (0, 0.70, 0.9),
        "fresh15-rechenzentrum-de": (0, 0.83, 1.0),
    }
    most_wrong, least_auto, least_found = floors[name]
    assert len(wrong) <= most_wrong
    assert (len(imported) - len(wrong)) / len(matchable) >= least_auto
    assert len(found) >= least_found * len(rest)


def test_readme_publishes_the_measured_figures(tmp_path: Path) -> None:
    """The README's table is what benchmarks/bench_matcher.py measures, row by row: every
    questionnaire, each group (tuned on, checked once, held out) and all together."""
    from benchmarks.bench_matcher import GROUPS, markdown, measure

    from tests.conftest import ROOT
    from tests.questionnaires import NAMES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = [markdown(label, s) for label, s in measure(tmp_path)]
    starts = tuple(f"| {n} (" for n in NAMES) + tuple(f"| {g} |" for g in (*GROUPS, "all"))
    published = [line for line in readme.splitlines() if line.startswith(starts)]
    assert published == expected
