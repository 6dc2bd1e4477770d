"""The management report and the IT emergency card: HTML structure and numbers, golden file,
PDF text and metadata, determinism, and untrusted text that must not run or load anything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import pytest
import tinyhtml5
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from assess.api import Outcome, evaluate_file
from assess.cli import main
from assess.i18n import percent
from assess.models.profile import Contact
from assess.report import report_html
from assess.resources import bundled_profiles
from tests.conftest import CHROMIUM, browser_or_skip, write_yaml

ROOT = Path(__file__).parents[1]
GOLDEN = Path(__file__).parent / "golden"
HUBER = bundled_profiles()["schreinerei-huber"].parent
MUELLER = bundled_profiles()["mueller-antriebstechnik"].parent
NS = "{http://www.w3.org/1999/xhtml}"
EPOCH = "1790000000"  # 2026-09-21T...Z
SECTIONS = [
    "summary",
    "results",
    "roadmap",
    "open-questions",
    "details",
    "contacts",
    "card",
    "appendix",
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def parse(html: str) -> Element:
    root: Element = tinyhtml5.parse(html)
    return root


def find_all(root: Element, tag: str, **attrs: str) -> list[Element]:
    return [
        e for e in root.iter(NS + tag) if all(e.get(k.rstrip("_")) == v for k, v in attrs.items())
    ]


def text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def part(root: Element, cls: str) -> Element:
    """The one descendant of ``root`` with class ``cls``."""
    found = [e for e in root.iter() if cls in (e.get("class") or "").split()]
    assert len(found) == 1, cls
    return found[0]


def by_id(root: Element, ident: str) -> Element:
    found = [e for e in root.iter() if e.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


@pytest.fixture(scope="module")
def mueller() -> Outcome:
    return evaluate_file(MUELLER / "answers-2026.yaml")


@pytest.fixture(scope="module")
def huber() -> tuple[Outcome, Outcome]:
    return evaluate_file(HUBER / "answers-2026.yaml"), evaluate_file(HUBER / "answers-2025.yaml")


# --- HTML: structure and every number ---------------------------------------------------------


def test_report_sections_in_order(mueller: Outcome) -> None:
    root = parse(report_html(mueller, "de"))
    assert root.get("lang") == "de"
    sections = [s.get("id") for s in root.iter(NS + "section")]
    assert sections == SECTIONS
    toc = [a.get("href") for a in by_id(root, "toc").iter(NS + "a")]
    assert toc == [f"#{s}" for s in SECTIONS[1:]]
    title = text(next(root.iter(NS + "title")))
    assert title == "Bericht zur IT-Notfallbereitschaft – Müller Antriebstechnik GmbH"


def test_summary_numbers_equal_the_evaluation(mueller: Outcome) -> None:
    ev = mueller.evaluation
    root = parse(report_html(mueller, "de"))
    maturity = by_id(root, "kpi-maturity")
    value = next(e for e in maturity.iter() if e.get("class") == "kpi-value")
    assert value.get("data-value") == str(ev.maturity.level)
    assert text(value) == "Stufe 0 von 3: Ungeregelt"
    assert [text(h) for h in find_all(by_id(root, "summary"), "h3")] == [
        "Reifegrad",
        "Umsetzungsgrad",
    ]
    score = next(e for e in by_id(root, "kpi-score").iter() if e.get("class") == "kpi-value")
    assert float(score.get("data-value") or "nan") == ev.overall.percent
    assert text(score) == percent(ev.overall.percent, "de") == "67,2 %"
    rows = find_all(by_id(root, "phase-lights"), "tr")[1:]
    assert [r.get("data-phase") for r in rows] == [p.phase for p in ev.phases]
    for row, phase in zip(rows, ev.phases, strict=True):
        cells = find_all(row, "td")
        assert float(cells[0].get("data-value") or "nan") == phase.percent
        assert text(cells[0]) == percent(phase.percent, "de")
        p = phase.percent or 0
        expected = "✓ gut" if p >= 80 else "! Lücken" if p >= 50 else "✗ großer Handlungsbedarf"
        assert text(cells[1]) == expected
    # the chart says the same in its accessible title and description
    svg = list(by_id(root, "results").iter("{http://www.w3.org/2000/svg}svg"))[1]
    chart_title = text(next(svg.iter("{http://www.w3.org/2000/svg}title")))
    assert chart_title.startswith("Vorbereitung: 67,1 %; Bereitschaft: 88,9 %")
    blockers = [text(e) for e in by_id(root, "blockers").iter(NS + "li")]
    assert [b.split()[0] for b in blockers] == ev.maturity.blockers
    steps = [li.get("data-control") for li in by_id(root, "top-steps").iter(NS + "li")]
    assert steps == [item.control for item in ev.roadmap[:5]]
    assert text(by_id(root, "critical-gaps")).startswith("Kritische Lücken (1) ! VOR-29")
    # whom to call, with a tel: link, and the ZAC of the company's Land
    call = by_id(root, "call-first")
    assert "0221 4710-200" in text(call)
    assert [a.get("href") for a in find_all(call, "a")] == ["tel:02214710200"]
    assert text(by_id(root, "call-zac")).startswith(
        "Polizei bei Cyberangriffen: ZAC Nordrhein-Westfalen"
    )
    assert text(by_id(root, "duties-line")) == (
        "NIS2: wichtige Einrichtung. Kürzeste Meldefrist: 24 Stunden – Meldung erheblicher "
        "Sicherheitsvorfälle (§ 32 BSIG)."
    )


def test_roadmap_and_details_list_every_gap_and_control(mueller: Outcome) -> None:
    ev = mueller.evaluation
    root = parse(report_html(mueller, "de"))
    items = find_all(by_id(root, "roadmap"), "li")
    assert [li.get("data-control") for li in items] == [item.control for item in ev.roadmap]
    for li in items:
        rank = int(li.get("value") or 0)
        item = ev.roadmap[rank - 1]
        assert item.control == li.get("data-control")
        assert text(part(li, "rank")) == f"{rank}."
        assert text(part(li, "item-meta")).endswith(f"({item.effort}/5)")
    detail_rows = [r for r in find_all(by_id(root, "details"), "tr") if r.get("data-control")]
    applicable = [r for r in ev.controls if r.applicable]
    assert [r.get("data-control") for r in detail_rows] == [r.id for r in applicable]
    for row, result in zip(detail_rows, applicable, strict=True):
        assert row.get("data-status") == result.status
        status = text(find_all(row, "td")[1])
        # severity in words and a symbol, not by colour alone; "largely" is not a plain gap
        mark = {
            "fulfilled": "✓ erfüllt:",
            "largely": "◐ fast erfüllt:",
            "partial": "✗ Lücke:",
            "not": "✗ Lücke:",
            "unknown": "? offen:",
        }[result.status]
        assert status.startswith(mark), status
        assert ("! kritisch" in text(find_all(row, "td")[0])) is result.critical
    soa = [r.get("data-control") for r in find_all(by_id(root, "appendix"), "tr")]
    assert [c for c in soa if c] == [r.id for r in ev.controls if not r.applicable]


def test_contacts_duties_and_card_in_the_report(mueller: Outcome) -> None:
    root = parse(report_html(mueller, "de"))
    contacts = text(by_id(root, "contacts"))
    assert "IT-Hotline Müller Antriebstechnik" in contacts
    assert "ZAC Nordrhein-Westfalen" in contacts
    assert "ZAC Bayern" not in contacts
    assert [d.get("id") for d in find_all(root, "div", class_="duty")] == [
        "duty-dsgvo-art33",
        "duty-dsgvo-art34",
        "duty-nis2-registrierung",
        "duty-nis2-meldung",
    ]
    card = text(by_id(root, "emergency-card"))
    assert "0221 4710-200" in card
    assert "Mo–Fr 6–22 Uhr" in card
    assert "Weiterer Notfallkontakt" not in card
    assert "§ 32 BSIG: unverzüglich, spätestens innerhalb von 24 Stunden nach Kenntnis" in card


def test_further_contacts_in_the_reports_contacts_and_card(mueller: Outcome) -> None:
    deputy = Contact(name="Jana Roth", role="Stellvertretung Erstkontakt", phone="0221 4710-201")
    contacts = mueller.profile.contacts.model_copy(update={"further": [deputy]})
    profile = mueller.profile.model_copy(update={"contacts": contacts})
    root = parse(report_html(dataclasses.replace(mueller, profile=profile), "de"))
    rows = [
        [text(c) for c in row if c.tag in (NS + "th", NS + "td")]
        for row in find_all(by_id(root, "contacts"), "tr")
    ]
    assert ["Stellvertretung Erstkontakt", "Jana Roth", "0221 4710-201", "", ""] in rows
    card = text(by_id(root, "emergency-card"))
    assert "Stellvertretung Erstkontakt: Jana Roth – 0221 4710-201" in card


def test_comparison_with_the_previous_assessment(huber: tuple[Outcome, Outcome]) -> None:
    now, before = huber
    root = parse(report_html(now, "de", before))
    box = by_id(root, "comparison")
    assert text(find_all(box, "h3")[0]) == "Veränderung seit der Bewertung vom 20.03.2025"
    overall = [text(c) for c in find_all(find_all(box, "tr", class_="overall")[0], "td")]
    assert overall == ["14,3 %", "23,6 %", "+9,3 Pp."]
    # both scored with the current revision: no mixed weights
    assert text(find_all(box, "p")[0]).startswith(
        "Beide Bewertungen sind mit acs-it-notfall@2021.05 (Revision 3) berechnet"
    )
    lists = find_all(box, "ul")
    improved = [text(li).split()[0] for li in lists[0].iter(NS + "li")]
    regressed = [text(li) for li in lists[1].iter(NS + "li")]
    assert improved == [
        "VOR-10",
        "VOR-14",
        "VOR-22",
        "VOR-25",
        "VOR-26",
        "VOR-35",
        "VOR-36",
        "VOR-38",
        "BER-01",
        "BER-03",
        "BEW-13",
    ]
    assert regressed == ["VOR-29 Wiederherstellung getestet: teilweise umgesetzt → nicht umgesetzt"]
    # the phase chart describes every value and the previous one; the legend explains the line
    svg = "{http://www.w3.org/2000/svg}"
    chart = list(by_id(root, "results").iter(f"{svg}svg"))[1]
    desc = text(next(chart.iter(f"{svg}desc")))
    before_phases = {p.phase: p.percent for p in before.evaluation.phases}
    for phase in now.evaluation.phases:
        title = now.catalog.phase(phase.phase).title.de
        expected = f"{title}: {percent(phase.percent, 'de')} (vorher "
        assert expected + f"{percent(before_phases[phase.phase], 'de')})" in desc
    legends = [text(p) for p in find_all(by_id(root, "results"), "p", class_="small legend")]
    assert "Rote gestrichelte Linie: Wert der Bewertung vom 20.03.2025." in legends[1]


OWNED = "VOR-37"  # Huber's answer with an owner and a due date


def test_roadmap_items_say_what_who_when_and_why(huber: tuple[Outcome, Outcome]) -> None:
    now, before = huber
    root = parse(report_html(now, "de", before))
    rows = {li.get("data-control"): li for li in find_all(by_id(root, "roadmap"), "li")}
    first = rows["VOR-34"]
    assert text(part(first, "item-title")).endswith(
        "Meldewege für externe Meldepflichten VOR-34 kritisch"
    )
    assert text(part(first, "item-what")) == (
        "Halten Sie fest, welche Pflichten gelten, an wen gemeldet wird, mit welcher Frist und "
        "wer meldet."
    )
    # no emergency officer in a firm of 8: the management named in the profile does it
    assert text(part(first, "item-meta")) == (
        "Verantwortlich: Josef Huber (Geschäftsführung) · bis 11.04.2026 · "  # 12.03. + 30 days
        "Aufwand: wenige Stunden (1/5)"
    )
    # the answer's owner and due date win
    assert text(part(rows[OWNED], "item-meta")).startswith(
        "Verantwortlich: EDV-Service Maier · bis 31.05.2026"
    )
    # a regression since the previous assessment ranks higher and is said
    assert text(part(rows["VOR-29"], "item-why")).startswith(
        "Begründung: verschlechtert seit der letzten Bewertung (teilweise umgesetzt → nicht "
        "umgesetzt)"
    )
    assert list(rows).index("VOR-29") == 0
    alone = [
        li.get("data-control")
        for li in find_all(by_id(parse(report_html(now, "de")), "roadmap"), "li")
    ]
    assert alone.index("VOR-29") > 0
    assert "1 = wenige Stunden" in text(by_id(root, "effort-scale"))


def test_open_questions_crown_jewels_applicability_and_sign_off(
    huber: tuple[Outcome, Outcome],
) -> None:
    now, _ = huber
    root = parse(report_html(now, "de"))
    unknown = [r.id for r in now.evaluation.controls if r.applicable and r.status == "unknown"]
    questions = [r for r in find_all(by_id(root, "open-questions"), "tr") if r.get("data-control")]
    assert [r.get("data-control") for r in questions] == unknown
    question = now.catalog.controls_by_id[unknown[0]].question.de
    assert text(find_all(questions[0], "td")[1]) == question
    jewels = [
        [text(c) for c in find_all(r, "td")]
        for r in find_all(by_id(root, "crown-jewels"), "tr")[1:]
    ]
    assert jewels == [
        ["E-Mail und Telefon für Kundenaufträge", "Prozess", "24 Stunden"],
        ["Auftragsbearbeitung und Kalkulation (Handwerkersoftware)", "Prozess", "48 Stunden"],
        ["CNC-Fertigung mit CAD/CAM-Daten", "Wert", "72 Stunden"],
    ]
    rows = [r for r in find_all(by_id(root, "appendix"), "tr") if r.get("data-control")]
    soa = {r.get("data-control"): [text(c) for c in find_all(r, "td")] for r in rows}
    assert soa["VOR-08"][1] == "Gilt nur bei Beschäftigte ≥ 50 (hier: 8) – trifft hier nicht zu."
    assert soa["VOR-17"][1].startswith("Regionaler Kundenkreis ohne Pressebezug")
    signoff = text(by_id(root, "signoff"))
    assert "§ 38 BSIG" in signoff
    for word in ("Name", "Datum", "Unterschrift"):
        assert word in signoff


def test_details_gaps_only(huber: tuple[Outcome, Outcome], tmp_path: Path) -> None:
    now, _ = huber
    answers = str(HUBER / "answers-2026.yaml")
    code, _, _ = run("report", answers, "--details", "gaps", "-o", str(tmp_path / "r.html"))
    assert code == 0
    root = parse((tmp_path / "r.html").read_text(encoding="utf-8"))
    rows = [r.get("data-control") for r in find_all(by_id(root, "details"), "tr")]
    assert [c for c in rows if c] == [r.id for r in now.evaluation.controls if r.gap]
    assert "nur Maßnahmen mit Lücke" in text(by_id(root, "details"))
    code, _, err = run("report", answers, "--details", "some", "-o", str(tmp_path / "x.html"))
    assert code == 2
    assert "'some' is not one of 'gaps', 'all'" in err


def test_report_in_english(mueller: Outcome) -> None:
    root = parse(report_html(mueller, "en"))
    assert root.get("lang") == "en"
    assert text(find_all(root, "h1")[0]).startswith("IT emergency readiness report")
    assert text(by_id(root, "kpi-score")).startswith("Implementation score 67.2%")


def test_same_input_same_html_bytes_and_the_golden_file(
    huber: tuple[Outcome, Outcome], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    now, before = huber
    html = report_html(now, "de", before)
    assert html == report_html(now, "de", before)
    golden = GOLDEN / "report-schreinerei-huber.html"
    if os.environ.get("ASSESS_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), (
        "the report HTML changed; if intended, run ASSESS_UPDATE_GOLDEN=1 pytest "
        "tests/test_report.py and review the diff"
    )


def test_html_is_self_contained(mueller: Outcome) -> None:
    root = parse(report_html(mueller, "de"))
    assert not find_all(root, "script")
    assert not find_all(root, "img")
    assert not find_all(root, "link")
    for element in root.iter():
        for attr in ("src", "href"):
            value = element.get(attr)
            assert value is None or value.startswith(("#", "tel:", "mailto:")), (element.tag, value)
    # printing from a browser gives A4 pages, page 1 alone
    style = text(find_all(root, "style")[0])
    assert "@page { size: A4;" in style
    assert ".summary { break-after: page; }" in style
    csp = [m for m in find_all(root, "meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp[0].get("content", "").startswith("default-src 'none'")


# --- PDF: text, metadata, determinism -----------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    answers = str(MUELLER / "answers-2026.yaml")
    files = {"report": out / "report.pdf", "again": out / "again.pdf", "card": out / "card.pdf"}
    for key in ("report", "again"):
        _cli(env, "report", answers, "-o", str(files[key]))
    _cli(env, "card", "--profile", "mueller-antriebstechnik", "-o", str(files["card"]))
    return files


def _cli(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assess", *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(page: str) -> str:
    return " ".join(page.split())


def test_pdf_has_the_sections_figures_and_german_characters(pdf_files: dict[str, Path]) -> None:
    pages = pdf_text(pdf_files["report"])
    whole = "\n".join(pages)
    for heading in (
        "Bericht zur IT-Notfallbereitschaft",
        "Ergebnis im Überblick",
        "Fahrplan",
        "Offene Fragen",
        "Maßnahmen im Einzelnen",
        "Kontakte und Unterstützung",
        "Verhalten im IT-Notfall",
        "Anhang: Methode und Anwendbarkeit",
        "Erklärung zur Anwendbarkeit",
        "Freigabe durch die Geschäftsleitung",
    ):
        assert heading in whole, heading
    for word in ("Maßnahmen", "Bewältigung", "Geschäftsführung", "Müller", "Rückruf"):
        assert word in whole, word
    # the card starts a page of its own, fits on it and has no running header or footer
    card_pages = [i for i, p in enumerate(pages) if "Verhalten im IT-Notfall" in p]
    assert len(card_pages) == 1
    card = pages[card_pages[0]]
    assert "Meldefristen laufen ab Kenntnis" in card
    assert "Seite" not in card
    # running header and page numbers on every other page, as text of the page margins only
    for number, page in enumerate(pages, start=1):
        if number - 1 in card_pages:
            continue
        assert "Müller Antriebstechnik GmbH" in page
        assert f"Seite {number} / {len(pages)}" in page
        # once: no hidden copy of the running header in the text layer
        assert len(re.findall(r"Seite \d+ / \d+", page)) == 1
        assert page.count("Erstellt mit assess") == (2 if "Freigabe durch" in page else 1)


def test_the_pdf_is_tagged_with_bookmarks(pdf_files: dict[str, Path]) -> None:
    reader = PdfReader(pdf_files["report"])
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == [
        "Bericht zur IT-Notfallbereitschaft Müller Antriebstechnik GmbH",
        "Ergebnis im Überblick",
        "Fahrplan",
        "Offene Fragen (0)",
        "Maßnahmen im Einzelnen",
        "Kontakte und Unterstützung",
        "Verhalten im IT-Notfall",
        "Anhang: Methode und Anwendbarkeit",
    ]
    page_one = [item.title for item in outline[1]]
    assert page_one == [
        "Wo wir stehen",
        "Was zuerst zu tun ist",
        "Wen im IT-Notfall anrufen",
        "Pflichten",
        "Offene Fragen",
    ]


@pytest.mark.parametrize("example", sorted(bundled_profiles()))
def test_page_one_is_the_management_summary(
    example: str, monkeypatch: pytest.MonkeyPatch, pdf_files: dict[str, Path]
) -> None:
    """Page 1 of each example's PDF, read from its text layer: where the company stands, the
    five first actions with owner and date, whom to call, the duties, the open questions."""
    import io

    from assess.report.context import build_report
    from assess.report.pdf import html_to_pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    history = sorted(bundled_profiles()[example].parent.glob("answers-*.yaml"))
    outcome = evaluate_file(history[-1])
    previous = evaluate_file(history[-2]) if len(history) > 1 else None
    if example == "mueller-antriebstechnik":  # made by the command already
        assert previous is None
        pdf = pdf_files["report"].read_bytes()
    else:
        html = report_html(outcome, "de", previous, pdf=True)
        pdf = html_to_pdf(html, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    pages = [flat(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    first, second = pages[0], pages[1]
    ctx = build_report(outcome, "de", previous)
    ev = outcome.evaluation
    assert f"Stufe {ev.maturity.level} von 3: {ctx.view.maturity.name}" in first
    assert percent(ev.overall.percent, "de") in first
    assert len(ctx.top_steps) == 5
    for action in ctx.top_steps:
        assert action.title in first, action.title
        assert f"Wer: {action.who} · bis {action.due_label}" in first, action.control
    contact = ctx.summary.first_contact
    assert contact is not None
    assert contact.phone
    assert f"{contact.name} – {contact.phone}" in first
    assert ctx.summary.zac is not None
    assert ctx.summary.zac.name in first
    assert ctx.summary.duties_line.startswith("NIS2: ")
    duties = f"Pflichten {ctx.summary.duties_line}"
    questions = f"Offene Fragen {ctx.summary.open_line}"
    # one page exactly: page 1 ends with the open questions, page 2 starts the next section
    assert first.index(questions) > first.index(duties) > first.index("Wen im IT-Notfall anrufen")
    assert "Ergebnis im Überblick" not in first
    assert second.startswith("Ergebnis im Überblick") or "Ergebnis im Überblick" in second[:80]
    # the blockers and the change table have left page 1
    assert "blockiert" not in first
    assert "Verbessert (" not in first
    if previous is not None:
        assert "Verbessert (" in "\n".join(pages)
        for phase in ctx.summary.lights:
            assert phase.change is not None
            assert phase.change in first


def test_pdf_metadata_and_reproducible_bytes(pdf_files: dict[str, Path]) -> None:
    reader = PdfReader(pdf_files["report"])
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Bericht zur IT-Notfallbereitschaft – Müller Antriebstechnik GmbH"
    assert meta.author == "Thomas Wagner (IT-Leitung)"
    assert meta.creation_date == dt.datetime.fromtimestamp(int(EPOCH), tz=dt.UTC)
    assert meta.modification_date == meta.creation_date
    assert reader.trailer["/Root"]["/Lang"] == "de"
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("Assess-Sans" in f for f in fonts), fonts
    assert pdf_files["report"].read_bytes() == pdf_files["again"].read_bytes()


def test_the_card_alone_is_one_page(pdf_files: dict[str, Path]) -> None:
    pages = pdf_text(pdf_files["card"])
    assert len(pages) == 1
    assert "Verhalten im IT-Notfall" in pages[0]
    assert "0221 4710-200" in pages[0]
    assert "ZAC Nordrhein-Westfalen" in pages[0]


def _font_sizes(page: Any) -> list[tuple[float, str]]:
    """Every text run of a PDF page with its size in points (text matrix times page matrix)."""
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            runs.append((round(size * abs(tm[3]) * abs(cm[3]), 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


FURTHER_ROLES = (
    "Stellvertretung Erstkontakt",
    "Cyberversicherung – Schadenhotline",
    "IT-Forensik",
    "Hausbank – Sperrnotruf",
    "Stellvertretung Geschäftsführung",
    "Telefonanlage – Störungsannahme",
)


def full_profile(tmp_path: Path) -> Path:
    """A profile filled to the limits: KRITIS, DORA and NIS2 duties, ten own contacts (the four
    slots and six further ones) each with an 80-character name, long hours, sensitive data."""
    data = yaml.safe_load((MUELLER / "profile.yaml").read_text(encoding="utf-8"))
    data.update(
        kritis_operator=True,
        financial_entity=True,
        nis2_sector="annex1_energy",
        personal_data="sensitive",
    )

    def contact(i: int) -> dict[str, str]:
        return {
            "name": f"Kontakt {i} Sehr Lange Bezeichnung GmbH & Co. KG Abteilung Notfall".ljust(
                80, "X"
            ),
            "phone": f"0221 4710-2{i}0",
            "email": f"kontakt{i}-sehr-lange-adresse@beispiel-unternehmen.example",
            "availability": "Mo–Fr 6–22 Uhr, Sa 8–14 Uhr, So und feiertags: Rufbereitschaft",
        }

    slots = ("first_contact", "it_provider", "management", "data_protection_officer")
    for i, key in enumerate(slots):
        data["contacts"][key] = contact(i)
    data["contacts"]["further"] = [
        {**contact(i), "role": role} for i, role in enumerate(FURTHER_ROLES, start=len(slots))
    ]
    # the first contact's deputy, listed again by mistake, is not listed twice
    data["contacts"]["further"].append({**contact(4), "name": contact(4)["name"].lower()})
    return write_yaml(tmp_path / "profile.yaml", data)


def test_the_card_fits_one_page_at_the_limits(tmp_path: Path) -> None:
    profile = full_profile(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    html = tmp_path / "card.html"
    _cli(env, "card", "--profile", str(profile), "-o", str(html))
    card = by_id(parse(html.read_text(encoding="utf-8")), "emergency-card")
    call = next(e for e in card.iter(NS + "div") if e.get("class") == "card-call")
    backups = [text(li) for li in call.iter(NS + "li")]
    # first contact and out-of-hours contact stand above; the other eight are listed once
    assert [b.split(":")[0] for b in backups] == [
        "IT-Dienstleister",
        "Datenschutzbeauftragte/r",
        *FURTHER_ROLES,
    ]
    assert "Weitere Notfallkontakte" not in text(call)
    for size in ("a4", "a5", "a6"):
        out = tmp_path / f"card-{size}.pdf"
        _cli(env, "card", "--profile", str(profile), "--size", size, "-o", str(out))
        reader = PdfReader(out)
        assert len(reader.pages) == 1, size
        page = reader.pages[0]
        width_mm = float(page.mediabox.width) / 72 * 25.4
        assert round(width_mm) == {"a4": 210, "a5": 148, "a6": 105}[size]
        runs = _font_sizes(page)
        largest = max(runs)
        assert largest[1] == "0221 4710-200", runs  # the first contact's number, largest text
        if size == "a4":
            assert largest[0] >= 28
        whole = flat(page.extract_text())
        assert "Seite" not in whole  # no report header or footer
        assert whole.count("Kontakt 1 Sehr Lange") == 1  # nobody twice
        assert whole.count("Kontakt 4 Sehr Lange") <= 1
        assert "lieber einmal zu viel anrufen" in whole
        # the contacts the card has no room for are counted, in the fixed order of giving way
        shown = [i for i in range(10) if f"Kontakt {i} Sehr Lange" in whole]
        backup_order = [1, 3, 4, 5, 6, 7, 8, 9]  # below the first (0) and out-of-hours one (2)
        assert shown[:2] == [0, 1], shown
        assert 2 in shown, shown
        assert [i for i in shown if i not in (0, 2)] == backup_order[: len(shown) - 2], shown
        more = 10 - len(shown)
        assert (f"Weitere Notfallkontakte ({more})" in whole) == (more > 0), (size, shown)


def test_the_card_for_staff(tmp_path: Path) -> None:
    code, _, _ = run("card", "--profile", "mueller-antriebstechnik", "-o", str(tmp_path / "c.html"))
    assert code == 0
    card = by_id(parse((tmp_path / "c.html").read_text(encoding="utf-8")), "emergency-card")
    words = text(card)
    for phrase in (
        "Arbeit am betroffenen Gerät oder System sofort beenden.",
        "Gerät nicht ausschalten – nur wenn der Erstkontakt es sagt.",
        "Notieren, was Sie gesehen haben",
        "lieber einmal zu viel anrufen",
        "Außerhalb dieser Zeiten: Dr. Claudia Müller (Geschäftsführung) – 0221 4710-100",
        "IHK Köln",
    ):
        assert phrase in words, phrase
    assert words.index("0221 4710-200") < words.index("Sofort tun") < words.index("Was Sie nicht")
    assert "Ihre Industrie- und Handelskammer" not in words
    # staff read names and numbers; web addresses and deadlines sit in the management box
    assert "http" not in text(part(card, "card-external"))
    box = text(part(card, "card-duties"))
    assert box.startswith("Für die Geschäftsführung: Meldefristen laufen ab Kenntnis")
    assert "ZAC Nordrhein-Westfalen: http" in box
    phones = [
        a.get("href") for a in find_all(card, "a") if (a.get("href") or "").startswith("tel:")
    ]
    assert phones[0] == "tel:02214710200"
    # the Huber card does not list the IT provider twice (same number as the first contact)
    code, _, _ = run("card", "--profile", "schreinerei-huber", "-o", str(tmp_path / "h.html"))
    huber = text(by_id(parse((tmp_path / "h.html").read_text(encoding="utf-8")), "emergency-card"))
    assert huber.count("089 99998-101") == 1


# --- commands -----------------------------------------------------------------------------------


def test_format_follows_the_suffix_or_the_option(tmp_path: Path) -> None:
    answers = str(MUELLER / "answers-2026.yaml")
    code, out, _ = run("report", answers, "-o", str(tmp_path / "r.html"))
    assert code == 0
    assert out == f"→ {tmp_path / 'r.html'}\n"
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, err = run("report", answers, "-o", str(tmp_path / "r.docx"))
    assert code == 2
    assert "name it .html or .pdf, or pass --format html|pdf" in err
    assert not (tmp_path / "r.docx").exists()
    code, _, _ = run("report", answers, "-o", str(tmp_path / "report"), "--format", "html")
    assert code == 0
    assert (tmp_path / "report").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_card_as_html_and_without_a_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _ = run("card", "--profile", "schreinerei-huber", "-o", str(tmp_path / "c.html"))
    assert code == 0
    root = parse((tmp_path / "c.html").read_text(encoding="utf-8"))
    card = text(by_id(root, "emergency-card"))
    assert "EDV-Service Maier (Herr Maier) 089 99998-101" in card
    assert "ZAC Bayern – 089 1212-3300" in card
    monkeypatch.chdir(tmp_path)
    code, _, err = run("card", "-o", "card.pdf")
    assert code == 2
    assert "--profile FILE" in err
    assert not (tmp_path / "card.pdf").exists()


def test_a_profile_without_first_contact_says_so_on_the_card(tmp_path: Path) -> None:
    data = yaml.safe_load((HUBER / "profile.yaml").read_text(encoding="utf-8"))
    del data["contacts"]["first_contact"]
    profile = write_yaml(tmp_path / "profile.yaml", data)
    code, _, _ = run("card", "--profile", str(profile), "-o", str(tmp_path / "c.html"))
    assert code == 0
    card = text(by_id(parse((tmp_path / "c.html").read_text(encoding="utf-8")), "emergency-card"))
    assert "Kein Erstkontakt im Profil" in card


def test_unwritable_output_exits_3(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run("report", str(MUELLER / "answers-2026.yaml"), "-o", str(blocker / "r.html"))
    assert code == 3
    assert "cannot write" in err


def test_html_report_does_not_import_weasyprint(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from assess.cli import main\n"
        f"r = CliRunner().invoke(main, ['report', {str(MUELLER / 'answers-2026.yaml')!r}, "
        f"'-o', {str(tmp_path / 'r.html')!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('weasyprint' in sys.modules, 'jinja2' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.split() == ["False", "True"], done.stderr


# --- untrusted text -----------------------------------------------------------------------------


class Listener:
    """A local HTTP server that counts the requests it gets."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.requests: list[str] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                listener.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def hostile_answers(tmp_path: Path, url: str) -> Path:
    data = yaml.safe_load((MUELLER / "answers-2026.yaml").read_text(encoding="utf-8"))
    data["profile"] = str(MUELLER / "profile.yaml")
    data["assessor"] = '<script>window.pwned = "assessor"</script>'
    data["answers"]["VOR-01"] = {
        "status": "partial",
        "note": '<script>window.pwned = 1</script><img src="file:///etc/passwd">',
        "evidence": f'<img src="{url}/evidence.png"> <a href="{url}/link">{url}/plain</a>',
        "owner": f"<style>@import url({url}/style.css);</style>",
    }
    return write_yaml(tmp_path / "answers.yaml", data)


def test_untrusted_text_is_escaped_and_loads_nothing(tmp_path: Path, listener: Listener) -> None:
    answers = hostile_answers(tmp_path, listener.url)
    html_file, pdf_file = tmp_path / "r.html", tmp_path / "r.pdf"
    assert run("report", str(answers), "-o", str(html_file))[0] == 0
    assert run("report", str(answers), "-o", str(pdf_file))[0] == 0
    html = html_file.read_text(encoding="utf-8")
    root = parse(html)
    assert not find_all(root, "script")
    assert not find_all(root, "img")
    assert len(find_all(root, "style")) == 1  # ours only
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    whole = "\n".join(pdf_text(pdf_file))
    assert "<script>window.pwned = 1</script>" in " ".join(whole.split())  # shown as text
    assert "root:x:0:0" not in whole
    assert listener.requests == []


def test_the_pdf_fetcher_refuses_files_and_the_network(listener: Listener) -> None:
    from assess.report import pdf

    html = (
        f'<html><head><link rel="stylesheet" href="{listener.url}/s.css"></head><body>'
        f'<img src="file:///etc/passwd"><img src="{listener.url}/i.png">'
        '<img src="../../../../../../etc/hostname"><p>x</p></body></html>'
    )
    out = pdf.html_to_pdf(html, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert out.startswith(b"%PDF-")
    assert listener.requests == []
    # a relative path resolves against the installed assets folder, and is refused outside it
    relative = [u for u in pdf.refused if u.endswith("/etc/hostname")]
    assert len(relative) == 1
    assert sorted(set(pdf.refused) - set(relative)) == sorted(
        [f"{listener.url}/s.css", "file:///etc/passwd", f"{listener.url}/i.png"]
    )
    assert pdf.asset_path((pdf.ASSETS / "fonts" / "DejaVuSans.ttf").as_uri()) is not None
    assert pdf.asset_path((pdf.ASSETS / ".." / "__init__.py").resolve().as_uri()) is None


# --- the browser --------------------------------------------------------------------------------


def _open(sync_playwright: Any, path: Path, viewport: dict[str, int]) -> dict[str, Any]:
    """Load a page headless and report what it requested, what failed and what it logged."""
    seen: dict[str, Any] = {"requests": [], "failed": [], "console": [], "errors": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport=viewport)
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.on("requestfailed", lambda r: seen["failed"].append(r.url))
        page.on("console", lambda m: seen["console"].append((m.type, m.text)))
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        page.goto(path.as_uri(), wait_until="load")
        seen["title"] = page.title()
        seen["pwned"] = page.evaluate("() => window.pwned === undefined ? null : window.pwned")
        seen["overflow"] = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        seen["scrolling"] = page.evaluate(
            "() => [...document.querySelectorAll('body *')].filter(e => e.scrollWidth > "
            "e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))"
            ".map(e => e.tagName + '.' + e.className)"
        )
        seen["wider"] = page.evaluate(
            "() => [...document.querySelectorAll('body *')].filter(e => "
            "e.getBoundingClientRect().right > window.innerWidth + 1)"
            ".map(e => e.tagName + '.' + e.className + ':' + e.textContent.slice(0, 30))"
        )
        seen["sections"] = page.evaluate(
            "() => [...document.querySelectorAll('section')].map(s => s.id)"
        )
        browser.close()
    return seen


def test_report_loads_in_chromium_without_requests_or_errors(tmp_path: Path) -> None:
    sync_playwright = browser_or_skip()
    html_file = tmp_path / "report.html"
    assert run("report", str(MUELLER / "answers-2026.yaml"), "-o", str(html_file))[0] == 0
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        seen = _open(sync_playwright, html_file, viewport)
        assert seen["requests"] == [html_file.as_uri()]
        assert seen["failed"] == []
        assert [c for c in seen["console"] if c[0] in ("error", "warning")] == []
        assert seen["errors"] == []
        assert seen["title"].startswith("Bericht zur IT-Notfallbereitschaft")
        assert seen["sections"] == SECTIONS
        assert seen["overflow"] <= 0, f"page wider than the {viewport['width']} px screen"
        assert seen["scrolling"] == [], "no table scrolls sideways"
        assert seen["wider"] == [], f"wider than the {viewport['width']} px screen"


def test_hostile_notes_do_not_run_in_chromium(tmp_path: Path, listener: Listener) -> None:
    sync_playwright = browser_or_skip()
    html_file = tmp_path / "report.html"
    answers = hostile_answers(tmp_path, listener.url)
    assert run("report", str(answers), "-o", str(html_file))[0] == 0
    seen = _open(sync_playwright, html_file, {"width": 1280, "height": 900})
    assert seen["pwned"] is None
    assert seen["requests"] == [html_file.as_uri()]
    assert listener.requests == []


# --- the report's rules, one by one -----------------------------------------------------------


def test_who_does_it() -> None:
    from assess.report.actions import who
    from tests.conftest import make_profile

    small = make_profile(
        employees=8,
        it_operation="external",
        contacts={
            "management": {"name": "Josef Huber"},
            "it_provider": {"name": "EDV Maier"},
        },
    )
    assert who("Anna Beispiel", "it", "IT", small, "de") == "Anna Beispiel"
    assert who(None, "it", "IT", small, "de") == "EDV Maier (IT-Dienstleister)"
    assert who(None, "geschaeftsfuehrung", "GF", small, "de") == "Josef Huber (Geschäftsführung)"
    # a role a firm of 8 does not have: the management
    assert who(None, "isb", "ISB", small, "de") == "Josef Huber (Geschäftsführung)"
    assert who(None, "isb", "ISB", small, "en") == "Josef Huber (Management)"
    large = make_profile(employees=200, it_operation="own", contacts={})
    assert who(None, "isb", "ISB", large, "de") == "ISB"
    assert who(None, "it", "IT", large, "de") == "IT"  # own IT: not the provider
    bare = make_profile(employees=8, contacts={"first_contact": {"name": "Herr Maier"}})
    assert who(None, "personal", "HR", bare, "de") == "Herr Maier (Erstkontakt)"


def test_due_dates_sentences_and_deadlines() -> None:
    from assess.report.actions import due_date, hours_in, sentences, what_to_do

    day = dt.date(2024, 2, 29)
    assert due_date(day, "30d") == dt.date(2024, 3, 30)
    assert due_date(day, "90d") == dt.date(2024, 5, 29)
    assert due_date(day, "12m") == dt.date(2025, 2, 28)
    assert due_date(day, "12m", dt.date(2024, 6, 1)) == dt.date(2024, 6, 1)
    assert sentences("Trennen Sie z. B. Büro und Produktion. Regeln bzw. Ausnahmen prüfen.") == [
        "Trennen Sie z. B. Büro und Produktion.",
        "Regeln bzw. Ausnahmen prüfen.",
    ]
    german = "Viele Verträge decken das nicht ab. Klären Sie den Umfang schriftlich."
    english = "Many contracts do not cover it. Settle the scope in writing."
    assert what_to_do(german, english) == "Settle the scope in writing."
    assert what_to_do("Kurz. Knapp.", "Short. Brief.") == "Short. Brief."
    assert hours_in("4 Stunden nach Einstufung, spätestens 24 Stunden nach Kenntnis") == 4
    assert hours_in("ein Monat") is None


def test_applicability_reason_in_words() -> None:
    from assess.models.condition import Condition
    from assess.report.actions import condition_words
    from tests.conftest import make_profile

    profile = make_profile(employees=8, website=False, online_shop=False)
    either = Condition.model_validate(
        {"any": [{"field": "website", "eq": True}, {"field": "online_shop", "eq": True}]}
    )
    assert condition_words(either, profile, "de") == (
        "Gilt nur bei eigene Website = ja (hier: nein) oder Onlineshop = ja (hier: nein) – "
        "trifft hier nicht zu."
    )
    size = Condition.model_validate({"field": "employees", "gte": 50})
    assert condition_words(size, profile, "en") == (
        "Applies only if employees ≥ 50 (here: 8) – not the case here."
    )


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def visible(html: str) -> str:
    """The text a reader sees: no tags, no attribute values (``<time datetime>`` may be ISO)."""
    return " ".join(text(parse(html)).split())


def test_german_outputs_carry_no_iso_date(pdf_files: dict[str, Path], tmp_path: Path) -> None:
    outputs: dict[str, str] = {}
    for example in sorted(bundled_profiles()):
        history = sorted(bundled_profiles()[example].parent.glob("answers-*.yaml"))
        answers = str(history[-1])
        for fmt in ("text", "markdown"):
            outputs[f"{example} evaluate {fmt}"] = run("evaluate", answers, "--format", fmt)[1]
            outputs[f"{example} contacts {fmt}"] = run(
                "contacts", "--profile", example, "--format", fmt
            )[1]
        args = ["--previous", str(history[-2])] if len(history) > 1 else []
        assert run("report", answers, *args, "-o", str(tmp_path / "r.html"))[0] == 0
        outputs[f"{example} report"] = visible((tmp_path / "r.html").read_text(encoding="utf-8"))
        assert run("card", "--profile", example, "-o", str(tmp_path / "c.html"))[0] == 0
        outputs[f"{example} card"] = visible((tmp_path / "c.html").read_text(encoding="utf-8"))
    outputs["report.pdf"] = "\n".join(pdf_text(pdf_files["report"]))
    outputs["card.pdf"] = "\n".join(pdf_text(pdf_files["card"]))
    for name, output in outputs.items():
        assert "Bewertung" in output or "Notfall" in output, name  # German, and not empty
        assert ISO_DATE.findall(output) == [], name


def test_every_web_address_is_printed_once(mueller: Outcome) -> None:
    html = report_html(mueller, "de")
    urls = re.findall(r"https?://[^\s<>\"]+", visible(html))
    assert len(urls) > 5
    assert len(urls) == len(set(urls))
    # a repeat refers to the first place by its number
    root = parse(html)
    refs = [a.get("href") for a in find_all(root, "a", class_="link-ref")]
    assert refs
    ids = {e.get("id") for e in root.iter() if (e.get("id") or "").startswith("link-")}
    assert {r[1:] for r in refs if r} <= ids


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_files_get_the_mode_of_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    code = (
        "import os, sys\n"
        f"os.umask({umask})\n"
        "from assess.cli import main\n"
        f"sys.argv = ['assess', 'report', {str(MUELLER / 'answers-2026.yaml')!r}, "
        f"'-o', {str(tmp_path / 'r.html')!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r.html").stat().st_mode & 0o777 == mode


def test_the_card_fits_a_phone_screen_in_chromium(tmp_path: Path) -> None:
    sync_playwright = browser_or_skip()
    card = tmp_path / "card.html"
    assert run("card", "--profile", str(full_profile(tmp_path)), "-o", str(card))[0] == 0
    seen = _open(sync_playwright, card, {"width": 390, "height": 844})
    assert seen["requests"] == [card.as_uri()]
    assert seen["errors"] == []
    assert seen["overflow"] <= 0
    assert seen["scrolling"] == []
    assert seen["wider"] == []


def test_headings_in_order(huber: tuple[Outcome, Outcome], tmp_path: Path) -> None:
    """No heading skips a level: the report starts at h1, the card alone too."""
    now, before = huber
    code, _, _ = run("card", "--profile", "schreinerei-huber", "-o", str(tmp_path / "c.html"))
    assert code == 0
    for html in (report_html(now, "de", before), (tmp_path / "c.html").read_text("utf-8")):
        levels = [
            int(e.tag[-1])
            for e in parse(html).iter()
            if isinstance(e.tag, str) and re.fullmatch(f"{re.escape(NS)}h[1-6]", e.tag)
        ]
        assert levels[0] == 1
        for before_level, level in itertools.pairwise(levels):
            assert level <= before_level + 1, levels


def test_weasyprint_loads_without_the_library_search() -> None:
    """The PDF path imports WeasyPrint with ctypes' slow library search switched off, and puts
    it back; the libraries load by their direct names."""
    code = (
        "import ctypes.util, sys\n"
        "search = ctypes.util.find_library\n"
        "from assess.report.pdf import _import_weasyprint\n"
        "_import_weasyprint()\n"
        "print('weasyprint' in sys.modules, ctypes.util.find_library is search)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.split() == ["True", "True"], done.stderr


def test_page_one_stays_one_page_with_long_owners(tmp_path: Path) -> None:
    """Owners are free text: five long ones would push page 1 over; it gets tighter instead."""
    data = yaml.safe_load((HUBER / "answers-2026.yaml").read_text(encoding="utf-8"))
    data["profile"] = str(HUBER / "profile.yaml")
    top = [i.control for i in evaluate_file(HUBER / "answers-2026.yaml").evaluation.roadmap[:5]]
    for cid in top:
        entry = data["answers"].get(cid, {"status": "not"})
        entry = {"status": entry} if isinstance(entry, str) else entry
        entry["owner"] = f"Josef Huber gemeinsam mit dem Meisterteam der Werkstatt ({cid}) " * 3
        data["answers"][cid] = entry
    answers = write_yaml(tmp_path / "answers.yaml", data)
    pdf = tmp_path / "r.pdf"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    _cli(env, "report", str(answers), "-o", str(pdf))
    pages = [flat(p) for p in pdf_text(pdf)]
    assert "Offene Fragen" in pages[0]
    assert pages[1].startswith("Ergebnis im Überblick")
    assert pages[0].count("Meisterteam der Werkstatt") == 15
