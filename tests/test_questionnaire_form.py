"""The offline HTML questionnaire: one self-contained file under a strict CSP; in headless
Chromium: fill in, reload (progress kept), save, and 'assess evaluate' reads the same answers."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import tinyhtml5
from click.testing import CliRunner

from assess.api import evaluate_file
from assess.cli import main
from assess.exchange import htmlform
from assess.resources import bundled_profiles
from tests.conftest import CHROMIUM, browser_or_skip

HUBER = bundled_profiles()["schreinerei-huber"].parent
NS = "{http://www.w3.org/1999/xhtml}"
EPOCH = "1790000000"  # 21.09.2026


def export(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "fragebogen.html"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH}).invoke(
        main, ["questionnaire", "export", "-o", str(out), *args]
    )
    assert result.exit_code == 0, result.output
    return out


def csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_form_is_self_contained_with_a_strict_policy(tmp_path: Path) -> None:
    html = export(tmp_path, "--from", str(HUBER / "answers-2025.yaml")).read_text("utf-8")
    root = tinyhtml5.parse(html)
    meta = [m for m in root.iter(NS + "meta") if m.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(
        part.strip().split(" ", 1) for part in meta[0].get("content", "").split(";") if part
    )
    scripts = [s for s in root.iter(NS + "script") if s.get("type") is None]
    styles = list(root.iter(NS + "style"))
    assert len(scripts) == 1
    assert len(styles) == 1
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == f"'{csp_hash(scripts[0].text or '')}'"
    assert policy["style-src"] == f"'{csp_hash(styles[0].text or '')}'"
    assert policy["form-action"] == "'none'"
    # Nothing that could load: no src or href to anything but the page's own anchors.
    for element in root.iter():
        assert element.get("src") is None
        assert (element.get("href") or "#").startswith("#")
        assert not any(name.startswith("on") for name in element.attrib)
        assert element.get("style") is None
    # Applicable controls only, with last year's answers as the starting point.
    outcome = evaluate_file(HUBER / "answers-2025.yaml")
    fieldsets = list(root.iter(NS + "fieldset"))
    assert [f.get("data-control") for f in fieldsets] == [
        r.id for r in outcome.evaluation.controls if r.na_source != "profile"
    ]
    checked = {
        f.get("data-control"): i.get("value")
        for f in fieldsets
        for i in f.iter(NS + "input")
        if i.get("checked") is not None
    }
    assert checked["VOR-06"] == "partial"
    assert checked["VOR-17"] == "na"
    # The script writes text only as text.
    script = (Path(htmlform.__file__).parent / "templates" / "questionnaire.js").read_text("utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", script)


def test_hostile_profile_and_notes_stay_text(tmp_path: Path) -> None:
    previous = tmp_path / "old.yaml"
    hostile = "</script><script>window.pwned=1</script><img src=x onerror=alert(1)>"
    previous.write_text(
        json.dumps(
            {
                "catalog": "acs-it-notfall@2021.05",
                "profile": "schreinerei-huber",
                "date": "2025-03-20",
                "assessor": hostile,
                "answers": {"VOR-01": {"status": "partial", "note": hostile, "owner": hostile}},
            }
        ),
        encoding="utf-8",
    )
    html = export(tmp_path, "--from", str(previous)).read_text("utf-8")
    assert "<script>window.pwned" not in html
    assert "<img src=x" not in html
    root = tinyhtml5.parse(html)
    assert len(list(root.iter(NS + "script"))) == 2
    data = json.loads(next(s for s in root.iter(NS + "script") if s.get("id") == "form-data").text)
    assert data["assessor"] == hostile


def test_round_trip_in_chromium(tmp_path: Path) -> None:
    sync_playwright = browser_or_skip()
    form = export(tmp_path, "--from", str(HUBER / "answers-2025.yaml"))
    last_year = evaluate_file(HUBER / "answers-2025.yaml")
    asked = [r for r in last_year.evaluation.controls if r.na_source != "profile"]
    total = len(asked)
    preparation = sum(1 for r in asked if r.phase == "vorbereitung")
    hostile = '<img src=x onerror="window.pwned=1"> & \'quotes\' "too"'
    seen: dict[str, list[str]] = {"requests": [], "errors": [], "console": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
        page.goto(form.as_uri(), wait_until="load")
        # carried over is not answered yet
        assert page.text_content("#progress-count") == f"0/{total}"
        page.fill("#assessor", "Maria Huber")
        page.check("#c-VOR-01 input[value=fulfilled]")
        page.fill("#c-VOR-01 [data-field=note]", hostile)
        page.fill("#c-VOR-01 [data-field=owner]", "Inhaberin")
        page.fill("#c-VOR-01 [data-field=due]", "2027-01-31")
        page.check("#c-VOR-02 input[value=na]")
        page.fill("#c-VOR-02 [data-field=justification]", "Kein Bedarf: zwei Rechner")
        page.check("#c-VOR-06 [data-field=confirm]")  # last year's 'partial', confirmed
        assert page.is_disabled("#c-VOR-09 input[value=na]") == (
            evaluate_file(HUBER / "answers-2025.yaml").catalog.controls_by_id["VOR-09"].mandatory
        )
        assert page.text_content("#progress-count") == f"3/{total}"
        carried_now = sum(1 for r in asked if r.answer is not None) - 3  # VOR-01, -02, -06 done
        review = f"· {carried_now} aus dem Vorjahr übernommen, noch nicht bestätigt"
        assert page.text_content("#to-review") == review
        page.reload(wait_until="load")
        # Progress is kept in the browser's local storage.
        assert page.input_value("#assessor") == "Maria Huber"
        assert page.is_checked("#c-VOR-01 input[value=fulfilled]")
        assert page.input_value("#c-VOR-01 [data-field=note]") == hostile
        assert page.is_checked("#c-VOR-02 input[value=na]")
        assert page.text_content("#progress-count") == f"3/{total}"
        phase_count = page.text_content("[data-phase=vorbereitung].phase-count")
        assert phase_count == f"3/{preparation}"
        with page.expect_download() as info:
            page.click("#save")
        saved = tmp_path / "antworten.json"
        info.value.save_as(saved)
        assert info.value.suggested_filename == "schreinerei-huber-gmbh-antworten.json"
        pwned = page.evaluate("() => window.pwned === undefined ? null : window.pwned")
        message = page.text_content("#message")
        browser.close()
    assert pwned is None
    assert seen["errors"] == []
    assert not [c for c in seen["console"] if "Content Security Policy" in c]
    assert all(url.startswith(("file:", "blob:")) for url in seen["requests"]), seen["requests"]
    assert message == "Gespeichert: schreinerei-huber-gmbh-antworten.json"

    data = json.loads(saved.read_text("utf-8"))
    assert data["catalog"] == "acs-it-notfall@2021.05"
    # The profile as the consultant's machine finds it (here far from the form: absolute).
    assert Path(data["profile"]) == (HUBER / "profile.yaml").resolve()
    answers = data["answers"]
    assert {k: answers["VOR-01"][k] for k in ("status", "note", "owner", "due")} == {
        "status": "fulfilled",
        "note": hostile,
        "owner": "Inhaberin",
        "due": "2027-01-31",
    }
    # 'assess evaluate' reads the saved file directly: the same answers come back.
    outcome = evaluate_file(saved)
    assert outcome.assessment.assessor == "Maria Huber"
    result = {r.id: r for r in outcome.evaluation.controls}
    assert result["VOR-01"].status == "fulfilled"
    assert result["VOR-01"].answer is not None
    assert result["VOR-01"].answer.note == hostile
    assert (result["VOR-02"].status, result["VOR-02"].na_source) == ("na", "answer")
    assert result["VOR-02"].answer is not None
    assert result["VOR-02"].answer.justification == "Kein Bedarf: zwei Rechner"
    assert result["VOR-06"].status == "partial"
    # Last year's answers come along; the unconfirmed ones are flagged as not reviewed.
    last = evaluate_file(HUBER / "answers-2025.yaml").evaluation.controls
    carried = {r.id for r in last if r.answer is not None and r.na_source != "profile"}
    assert set(answers) == carried | {"VOR-01", "VOR-02"}
    assert {r.id for r in outcome.evaluation.controls if r.not_reviewed} == carried - {
        "VOR-01",
        "VOR-02",
        "VOR-06",
    }
    assert answers["VOR-13"] == {"status": "not", "updated": "2025-03-20", "reviewed": False}
    code = CliRunner().invoke(main, ["evaluate", str(saved)]).exit_code
    assert code == 0
