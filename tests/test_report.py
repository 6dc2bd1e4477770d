"""The management report and the IT emergency card: HTML structure and numbers, golden file,
PDF text and metadata, determinism, and untrusted text that must not run or load anything."""

from __future__ import annotations

import datetime as dt
import os
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
from assess.report import report_html
from assess.resources import bundled_profiles
from tests.conftest import write_yaml

ROOT = Path(__file__).parents[1]
GOLDEN = Path(__file__).parent / "golden"
HUBER = bundled_profiles()["schreinerei-huber"].parent
MUELLER = bundled_profiles()["mueller-antriebstechnik"].parent
NS = "{http://www.w3.org/1999/xhtml}"
EPOCH = "1790000000"  # 2026-09-21T...Z


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
    assert sections == ["summary", "roadmap", "details", "contacts", "card", "appendix"]
    toc = [a.get("href") for a in by_id(root, "toc").iter(NS + "a")]
    assert toc == ["#roadmap", "#details", "#contacts", "#card", "#appendix"]
    title = text(next(root.iter(NS + "title")))
    assert title == "Bericht zur IT-Notfallbereitschaft – Müller Antriebstechnik GmbH"


def test_summary_numbers_equal_the_evaluation(mueller: Outcome) -> None:
    ev = mueller.evaluation
    root = parse(report_html(mueller, "de"))
    maturity = by_id(root, "kpi-maturity")
    value = next(e for e in maturity.iter() if e.get("class") == "kpi-value")
    assert value.get("data-value") == str(ev.maturity.level)
    assert text(value) == "0 – Ungeregelt"
    score = next(e for e in by_id(root, "kpi-score").iter() if e.get("class") == "kpi-value")
    assert float(score.get("data-value") or "nan") == ev.overall.percent
    assert text(score) == percent(ev.overall.percent, "de") == "67,2 %"
    rows = find_all(by_id(root, "kpi-score"), "tr")[1:]
    assert [r.get("data-phase") for r in rows] == [p.phase for p in ev.phases]
    for row, phase in zip(rows, ev.phases, strict=True):
        cell = find_all(row, "td")[0]
        assert float(cell.get("data-value") or "nan") == phase.percent
        assert text(cell) == percent(phase.percent, "de")
    # the chart says the same in its accessible title
    chart_title = text(next(by_id(root, "kpi-score").iter("{http://www.w3.org/2000/svg}title")))
    assert chart_title.startswith("Vorbereitung: 67,1 %; Bereitschaft: 88,9 %")
    blockers = [text(e) for e in by_id(root, "blockers").iter(NS + "li")]
    assert [b.split()[0] for b in blockers] == ev.maturity.blockers
    steps = [li.get("data-control") for li in by_id(root, "top-steps").iter(NS + "li")]
    assert steps == [item.control for item in ev.roadmap[:5]]
    assert text(by_id(root, "critical-gaps")).startswith("Kritische Lücken (1) ! VOR-29")


def test_roadmap_and_details_list_every_gap_and_control(mueller: Outcome) -> None:
    ev = mueller.evaluation
    root = parse(report_html(mueller, "de"))
    ranked = [r.get("data-control") for r in find_all(by_id(root, "roadmap"), "tr")[1:]]
    ranked = [c for c in ranked if c]
    assert ranked == [item.control for item in ev.roadmap]
    for row in find_all(by_id(root, "roadmap"), "tr"):
        if row.get("data-control"):
            rank = int(text(find_all(row, "td")[0]))
            item = ev.roadmap[rank - 1]
            assert item.control == row.get("data-control")
            assert text(find_all(row, "td")[3]) == f"{item.effort}/5"
    detail_rows = [r for r in find_all(by_id(root, "details"), "tr") if r.get("data-control")]
    applicable = [r for r in ev.controls if r.applicable]
    assert [r.get("data-control") for r in detail_rows] == [r.id for r in applicable]
    for row, result in zip(detail_rows, applicable, strict=True):
        assert row.get("data-status") == result.status
        status = text(find_all(row, "td")[1])
        # a gap is marked in words and with a symbol, not by colour alone
        assert ("✗ Lücke:" in status) is result.gap
        assert (row.get("class") == "gap") is result.gap
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
    assert "§ 32 BSIG: unverzüglich, spätestens innerhalb von 24 Stunden nach Kenntnis" in card


def test_comparison_with_the_previous_assessment(huber: tuple[Outcome, Outcome]) -> None:
    now, before = huber
    root = parse(report_html(now, "de", before))
    box = by_id(root, "comparison")
    assert text(find_all(box, "h2")[0]) == "Veränderung seit der Bewertung vom 20.03.2025"
    overall = [text(c) for c in find_all(find_all(box, "tr", class_="overall")[0], "td")]
    assert overall == ["14,3 %", "23,6 %", "+9,3 Pp."]
    # both scored with the current revision: no mixed weights
    assert text(find_all(box, "p")[0]).startswith(
        "Beide Bewertungen sind mit acs-it-notfall@2021.05 (Revision 2) berechnet"
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


def test_report_in_english(mueller: Outcome) -> None:
    root = parse(report_html(mueller, "en"))
    assert root.get("lang") == "en"
    assert text(find_all(root, "h1")[0]).startswith("IT emergency readiness report")
    assert text(by_id(root, "kpi-score")).startswith("Implementation score 67.2%")


def test_same_input_same_html_bytes_and_the_golden_file(
    huber: tuple[Outcome, Outcome],
) -> None:
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
            assert value is None or value.startswith("#"), (element.tag, value)
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


def test_pdf_has_the_sections_figures_and_german_characters(pdf_files: dict[str, Path]) -> None:
    pages = pdf_text(pdf_files["report"])
    whole = "\n".join(pages)
    for heading in (
        "Bericht zur IT-Notfallbereitschaft",
        "Fahrplan",
        "Maßnahmen im Einzelnen",
        "Kontakte und Unterstützung",
        "Verhalten im IT-Notfall",
        "Anhang: Methode und Anwendbarkeit",
        "Erklärung zur Anwendbarkeit",
    ):
        assert heading in whole, heading
    assert "67,2 %" in pages[0]
    assert "0 – Ungeregelt" in pages[0]
    for word in ("Maßnahmen", "Bewältigung", "Geschäftsführung", "„Lücke“", "Müller", "Rückruf"):
        assert word in whole, word
    # running header and page numbers on every page
    for number, page in enumerate(pages, start=1):
        assert "Müller Antriebstechnik GmbH" in page
        assert f"Seite {number} / {len(pages)}" in page
    # the card starts a page of its own and fits on it
    card_pages = [i for i, p in enumerate(pages) if "Verhalten im IT-Notfall" in p]
    assert len(card_pages) == 1
    assert "Meldefristen laufen ab Kenntnis" in pages[card_pages[0]]


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

CHROMIUM = Path("/usr/bin/chromium")


def _browser_or_skip() -> Any:
    reason = ""
    if not CHROMIUM.exists():
        reason = "Chromium is not installed (Debian: apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            reason = "playwright is not installed (pip install '.[test]')"
        else:
            return sync_playwright
    if os.environ.get("ASSESS_REQUIRE_BROWSER"):
        pytest.fail(f"browser test required but {reason}")
    pytest.skip(reason)


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
        seen["sections"] = page.evaluate(
            "() => [...document.querySelectorAll('section')].map(s => s.id)"
        )
        browser.close()
    return seen


def test_report_loads_in_chromium_without_requests_or_errors(tmp_path: Path) -> None:
    sync_playwright = _browser_or_skip()
    html_file = tmp_path / "report.html"
    assert run("report", str(MUELLER / "answers-2026.yaml"), "-o", str(html_file))[0] == 0
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        seen = _open(sync_playwright, html_file, viewport)
        assert seen["requests"] == [html_file.as_uri()]
        assert seen["failed"] == []
        assert [c for c in seen["console"] if c[0] in ("error", "warning")] == []
        assert seen["errors"] == []
        assert seen["title"].startswith("Bericht zur IT-Notfallbereitschaft")
        assert seen["sections"] == ["summary", "roadmap", "details", "contacts", "card", "appendix"]
        assert seen["overflow"] <= 0, f"page wider than the {viewport['width']} px screen"


def test_hostile_notes_do_not_run_in_chromium(tmp_path: Path, listener: Listener) -> None:
    sync_playwright = _browser_or_skip()
    html_file = tmp_path / "report.html"
    answers = hostile_answers(tmp_path, listener.url)
    assert run("report", str(answers), "-o", str(html_file))[0] == 0
    seen = _open(sync_playwright, html_file, {"width": 1280, "height": 900})
    assert seen["pwned"] is None
    assert seen["requests"] == [html_file.as_uri()]
    assert listener.requests == []
