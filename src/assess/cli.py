"""The command line. Thin commands: parse, call the library, print; heavy imports inside.

Exit codes: 0 ok; 1 score below --fail-under; 2 usage error or invalid input (the message names
file, place and fix); 3 an output file could not be written; 70 internal error (a bug: please
report it with the command that caused it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import click

from assess import __version__

if TYPE_CHECKING:
    from assess.interview import Interview
    from assess.models.answers import Assessment
    from assess.models.profile import Profile

EXIT_OK = 0
EXIT_FAIL_UNDER = 1
EXIT_INPUT = 2
EXIT_OUTPUT = 3
EXIT_INTERNAL = 70

LANG = click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default="de",
    show_default=True,
    help="Language of the output.",
)
FORMATS = ["text", "json", "markdown"]
DOCUMENT_FORMATS = ["html", "pdf"]
DEFAULT_PROFILE = "profile.yaml"
DEMO_EXAMPLE = "schreinerei-huber"
PROFILE_OVERRIDE = click.option(
    "--profile",
    "profile",
    metavar="FILE|NAME",
    help="Company profile (overrides 'profile:' in the answers file).",
)
COMPANY_PROFILE = click.option(
    "--profile",
    "profile",
    metavar="FILE|NAME",
    default=DEFAULT_PROFILE,
    show_default=True,
    help="Company profile: a file or the name of a bundled example.",
)
OUTPUT_TEXT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE instead of standard output.",
)
OUTPUT_DOCUMENT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The file to write: FILE.html or FILE.pdf.",
)
VIEW_NAMES = ["nis2", "iso27001", "grundschutz", "din27076"]  # = assess.views.VIEWS
CATALOG_OVERRIDE = click.option(
    "--catalog",
    "catalog",
    metavar="ID@VERSION|FILE",
    help="Catalog (overrides the pin in the answers file; must match it).",
)
OVERLAY = click.option(
    "--overlay",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Local additions to the catalog (own X- controls, changed weights or applicability).",
)
CATALOG_FOR_NEW = click.option(
    "--catalog",
    "catalog",
    metavar="ID@VERSION|FILE",
    help="Catalog (default: that of --from, else the newest bundled acs-it-notfall).",
)
DOCUMENT_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(DOCUMENT_FORMATS),
    help="html or pdf (default: from the suffix of -o).",
)


def _echo(message: str = "", nl: bool = True, err: bool = False) -> None:
    """click.echo with the text made safe for a terminal (no control, ANSI or bidi characters)."""
    from assess.terminal import clean

    click.echo(clean(message), nl=nl, err=err)


def _wrote(output: Path, err: bool = True) -> None:
    """The '→ FILE' line after writing a file (none for standard output)."""
    if str(output) != "-":
        _echo(f"→ {output}", err=err)


class Percent(click.FloatRange):
    """A percentage 0–100; NaN (which compares false with everything) is no number here."""

    name = "percent"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number != number:  # NaN
            self.fail(f"{value!r} is not a number between 0 and 100", param, ctx)
        return number


def as_lang(value: str) -> Literal["de", "en"]:
    return "en" if value == "en" else "de"


def _fail(message: str, code: int) -> NoReturn:
    _echo(message, err=True)
    sys.exit(code)


#: Problems listed at the most; the rest are counted (100,000 lines help nobody).
MAX_LISTED = 50


class _Terminated(BaseException):
    """SIGTERM arrived: stop like Ctrl-C (a BaseException, so no library code swallows it)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


class AssessGroup(click.Group):
    """Turns the library's typed errors into messages and exit codes; no traceback for users."""

    def invoke(self, ctx: click.Context) -> Any:
        import signal

        try:
            previous = signal.signal(signal.SIGTERM, _on_sigterm)
        except ValueError:  # not the main thread (an embedding program): leave signals alone
            previous = None
        try:
            return self._invoke(ctx)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def _invoke(self, ctx: click.Context) -> Any:
        from assess.errors import AssessError, InputError

        try:
            return super().invoke(ctx)
        except InputError as exc:
            count = len(exc.problems)
            lines = [f"error: {count} problem{'s' if count != 1 else ''} found:"]
            lines += [f"  {p}" for p in exc.problems[:MAX_LISTED]]
            if count > MAX_LISTED:
                lines.append(f"  … and {count - MAX_LISTED} more (fix these first, then run again)")
            _fail("\n".join(lines), exc.exit_code)
        except AssessError as exc:
            _fail(f"error: {exc}", exc.exit_code)
        except click.ClickException as exc:  # a usage error quotes the user's text: made safe
            from assess.terminal import clean

            exc.__dict__["message"] = clean(exc.message)
            raise
        except (click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except _Terminated:
            _fail("terminated", 143)
        except Exception as exc:  # a bug: say so plainly, trace only on request
            if os.environ.get("ASSESS_DEBUG"):
                raise
            _fail(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in assess. Run again with ASSESS_DEBUG=1 for details and report it.",
                EXIT_INTERNAL,
            )


@click.group(cls=AssessGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assess")
def main() -> None:
    """IT-Notfall-Readiness: self-assessment and gap analysis along the ACS/BSI
    'Maßnahmenkatalog zum Notfallmanagement – Fokus IT-Notfälle'.

    \b
    Exit codes: 0 ok · 1 score below --fail-under · 2 usage error or invalid input
                3 output not writable · 70 internal error
    """
    # assess uses no pydantic plugins; looking for them costs every start-up a scan of all
    # installed packages' entry points.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _warn(warnings: list[str], lang: Literal["de", "en"]) -> None:
    from assess.i18n import t

    for warning in warnings:
        _echo(f"{t('warning', lang)}: {warning}", err=True)


def _company(profile: str) -> Profile:
    """The profile given, or ./profile.yaml with a clear message when there is none."""
    from assess.api import load_profile
    from assess.errors import NotFoundError

    if profile == DEFAULT_PROFILE and not Path(profile).exists():
        raise NotFoundError(
            "no profile.yaml in the current directory – give the company profile with "
            "--profile FILE (or the name of a bundled example)"
        )
    return load_profile(profile)


def _document_format(output: Path, fmt: str | None) -> str:
    """html or pdf: as given, else from the output file's suffix."""
    if fmt is not None:
        return fmt
    suffix = output.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".pdf":
        return "pdf"
    raise click.UsageError(
        f"cannot tell the format of {output} from its suffix – name it .html or .pdf, "
        "or pass --format html|pdf"
    )


def _write_document(output: Path, fmt: str, build: Callable[[bool], str]) -> None:
    """Write the HTML that ``build(pdf)`` makes, as HTML or rendered to PDF; atomically."""
    from assess.output import write_atomic

    if fmt == "pdf":
        from assess.clock import now
        from assess.report.pdf import html_to_pdf

        write_atomic(output, html_to_pdf(build(True), now()))
    else:
        write_atomic(output, build(False))


def _emit(text: str, output: Path | None, keep: bool = False) -> None:
    """Print ``text`` or write it to ``output``; with ``keep`` an existing file is not replaced."""
    if output is None or str(output) == "-":
        _echo(text, nl=False)
        return
    from assess.errors import OutputError
    from assess.output import write_atomic

    if keep and (output.exists() or output.is_symlink()):
        raise OutputError(f"{output} exists already; choose another file or remove it first")
    write_atomic(output, text)
    _wrote(output)


@main.command()
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@PROFILE_OVERRIDE
@CATALOG_OVERRIDE
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@LANG
@click.option(
    "--fail-under",
    type=Percent(0, 100),
    metavar="PERCENT",
    help="Exit with 1 if the overall score is below PERCENT.",
)
@OUTPUT_TEXT
@click.option(
    "--view",
    "framework",
    type=click.Choice(VIEW_NAMES),
    help="Regroup the results by the requirements of a framework (coverage, not compliance).",
)
@OVERLAY
def evaluate(
    answers: Path,
    profile: str | None,
    catalog: str | None,
    fmt: str,
    lang: str,
    fail_under: float | None,
    output: Path | None,
    framework: str | None,
    overlay: Path | None,
) -> None:
    """Evaluate an answers file: maturity level, score, critical gaps, roadmap, support."""
    from assess.api import evaluate_file
    from assess.render import Format, render_view
    from assess.render.view import build_view

    outcome = evaluate_file(answers, catalog=catalog, profile=profile, overlay=overlay)
    view = build_view(outcome, as_lang(lang))
    if outcome.overlay is not None:
        from dataclasses import replace

        from assess.overlay import describe

        notice = describe(outcome.overlay, view.lang)
        view = replace(view, warnings=[notice, *view.warnings])
    if framework is None:
        _emit(render_view(view, Format(fmt)), output)
    else:
        from assess.render.framework import render_framework
        from assess.views import build_framework_view, load_framework

        requirements = load_framework(outcome.catalog, framework)
        sheet = build_framework_view(outcome, requirements, view.lang)
        _emit(render_framework(sheet, Format(fmt)), output)
    _warn(view.warnings, view.lang)
    score = outcome.evaluation.overall.percent
    if fail_under is not None and (score is None or score < fail_under):
        _fail(f"score {score} % is below --fail-under {fail_under:g} %", EXIT_FAIL_UNDER)


@main.command()
@COMPANY_PROFILE
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@LANG
@OUTPUT_TEXT
def contacts(profile: str, fmt: str, lang: str, output: Path | None) -> None:
    """The company's contact sheet: own emergency contacts, external help, reporting duties."""
    from assess.api import load_directory, load_profile
    from assess.clock import today
    from assess.errors import NotFoundError
    from assess.render import Format, render_view
    from assess.render.view import build_contacts

    if profile == "profile.yaml" and not Path(profile).exists():
        raise NotFoundError(
            "no profile.yaml in the current directory – give the company profile with "
            "--profile FILE (or the name of a bundled example)"
        )
    view = build_contacts(load_profile(profile), load_directory(), today(), as_lang(lang))
    _emit(render_view(view, Format(fmt)), output)
    _warn(view.warnings, view.lang)


@main.command()
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@PROFILE_OVERRIDE
@OUTPUT_DOCUMENT
@DOCUMENT_FORMAT
@LANG
@click.option(
    "--previous",
    type=click.Path(path_type=Path, dir_okay=False),
    help="An earlier answers file: the report shows the change since then.",
)
@click.option(
    "--details",
    type=click.Choice(["gaps", "all"]),
    default="all",
    show_default=True,
    help="Controls in detail: all of them, or only those with a gap (a short report).",
)
@click.option(
    "--history",
    "history_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder of the company's assessments: the report adds the trend over the years.",
)
@click.option(
    "--view",
    "framework",
    type=click.Choice(VIEW_NAMES),
    help="Add a chapter regrouping the results by a framework (coverage, not compliance).",
)
def report(
    answers: Path,
    profile: str | None,
    output: Path,
    fmt: str | None,
    lang: str,
    previous: Path | None,
    details: str,
    history_dir: Path | None,
    framework: str | None,
) -> None:
    """The management report as one HTML page or a PDF: summary, roadmap, details, contacts,
    IT emergency card, method and applicability."""
    from assess.api import evaluate_file
    from assess.report import report_html

    kind = _document_format(output, fmt)
    outcome = evaluate_file(answers, profile=profile)
    # The previous assessment is scored with the same catalog revision: no mixed weights.
    before = None if previous is None else evaluate_file(previous, outcome.catalog, profile=profile)
    language = as_lang(lang)
    years = None
    if history_dir is not None:
        from assess.history import load_history

        years = load_history([history_dir, answers], profile=profile)
    chapter = None
    if framework is not None:
        from assess.views import build_framework_view, load_framework

        requirements = load_framework(outcome.catalog, framework)
        chapter = build_framework_view(outcome, requirements, language)
    if kind == "pdf":
        from assess.clock import now
        from assess.output import write_atomic
        from assess.report import report_pdf

        pdf_bytes = report_pdf(outcome, language, before, now(), details, years, chapter)
        write_atomic(output, pdf_bytes)
    else:
        _write_document(
            output,
            kind,
            lambda pdf: report_html(
                outcome, language, before, pdf, details, history=years, framework=chapter
            ),
        )
    _wrote(output, err=False)


@main.command()
@COMPANY_PROFILE
@OUTPUT_DOCUMENT
@DOCUMENT_FORMAT
@LANG
@click.option(
    "--size",
    type=click.Choice(["a4", "a5", "a6"]),
    default="a4",
    show_default=True,
    help="Paper size: a4 for the wall, a5 or a6 for the pocket.",
)
def card(profile: str, output: Path, fmt: str | None, lang: str, size: str) -> None:
    """The IT emergency card alone: one page for the wall, from the company profile."""
    from assess.api import load_directory
    from assess.clock import now, today
    from assess.output import write_atomic
    from assess.render.view import build_contacts
    from assess.report import card_html, card_pdf

    kind = _document_format(output, fmt)
    company = _company(profile)
    sheet = build_contacts(company, load_directory(), today(), as_lang(lang))
    if kind == "pdf":
        write_atomic(output, card_pdf(sheet, company, size, now()))
    else:
        write_atomic(output, card_html(sheet, company, size=size))
    _warn(sheet.warnings, sheet.lang)
    _wrote(output, err=False)


@main.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write summary.txt, evaluation.json, report.md, report.html, report.pdf and "
    "card.pdf into DIR.",
)
@click.option(
    "--example", default=DEMO_EXAMPLE, show_default=True, help="Which bundled example to evaluate."
)
@LANG
def demo(out: Path | None, example: str, lang: str) -> None:
    """Evaluate a bundled example company and print the summary."""
    from assess import resources
    from assess.api import evaluate_file
    from assess.errors import NotFoundError
    from assess.output import write_atomic
    from assess.render import Format, render

    profiles = resources.bundled_profiles()
    if example not in profiles:
        raise NotFoundError(f"no bundled example {example!r}; choose one of {', '.join(profiles)}")
    history = sorted(profiles[example].parent.glob("answers-*.yaml"))
    outcome = evaluate_file(history[-1])
    language = as_lang(lang)
    summary = render(outcome, Format.TEXT, language)
    _echo(summary, nl=False)
    if out is None:
        return
    from assess.render.view import build_contacts
    from assess.report import card_pdf, report_html, report_pdf

    texts = {
        "summary.txt": summary,
        "evaluation.json": render(outcome, Format.JSON, language),
        "report.md": render(outcome, Format.MARKDOWN, language),
    }
    for name, content in texts.items():
        write_atomic(out / name, content)
    before = evaluate_file(history[-2], outcome.catalog) if len(history) > 1 else None
    sheet = build_contacts(outcome.profile, outcome.directory, outcome.evaluation.date, language)
    documents: dict[str, Callable[[bool], str]] = {
        "report.html": lambda pdf: report_html(outcome, language, before, pdf),
    }
    for name, build in documents.items():
        _write_document(out / name, Path(name).suffix[1:], build)
    from assess.clock import now

    write_atomic(out / "report.pdf", report_pdf(outcome, language, before, now()))
    write_atomic(out / "card.pdf", card_pdf(sheet, outcome.profile, "a4", now()))
    _echo("")
    for name in [*texts, *documents, "report.pdf", "card.pdf"]:
        _echo(f"→ {out / name}")


@main.group()
def answers() -> None:
    """Start an answers file, carry last year's over, or migrate it to a new edition."""


@answers.command("template")
@click.option(
    "--profile",
    "profile",
    metavar="FILE|NAME",
    help="Company profile: leaves out what does not apply to it.",
)
@click.option(
    "--from",
    "previous",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Previous answers file to start from (its profile is used unless --profile).",
)
@CATALOG_FOR_NEW
@LANG
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE instead of standard output (an existing file is kept).",
)
def answers_template(
    profile: str | None,
    previous: Path | None,
    catalog: str | None,
    lang: str,
    output: Path | None,
) -> None:
    """Write an answers file with every control and its question, ready to fill in."""
    from assess.api import answers_template as build

    _emit(build(profile, previous, catalog, as_lang(lang), output), output, keep=True)


@main.group()
def catalog() -> None:
    """List, show, validate and compare catalogs."""


@catalog.command("list")
def catalog_list() -> None:
    """The installed catalogs and support directories: bundled, or stored by 'assess update'."""
    from assess import resources

    for kind, heading in (("catalog", "Catalogs"), ("support", "Support directories")):
        _echo(f"{heading}:")
        for item in resources.installed(kind):
            revision = f"rev. {item.revision}"
            _echo(f"  {item.pin:<28} {revision:<8} {item.origin:<8} {item.path}")


@catalog.command("show")
@click.argument("spec", metavar="ID[@VERSION]|FILE")
@click.argument("control_id", required=False, metavar="[CONTROL]")
@LANG
def catalog_show(spec: str, control_id: str | None, lang: str) -> None:
    """Show a catalog's controls, or one control in full."""
    from assess.api import load_catalog
    from assess.errors import NotFoundError
    from assess.render.catalog import render_catalog, render_control

    cat = load_catalog(spec)
    language = as_lang(lang)
    if control_id is None:
        _echo(render_catalog(cat, language), nl=False)
        return
    control = cat.controls_by_id.get(control_id.upper())
    if control is None:
        raise NotFoundError(f"no control {control_id} in {cat.pin}")
    _echo(render_control(cat, control, language), nl=False)


@catalog.command("changes")
@click.argument("spec", metavar="ID[@EDITION]|FILE")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@LANG
@OUTPUT_TEXT
def catalog_changes(spec: str, fmt: str, lang: str, output: Path | None) -> None:
    """The change log of a catalog (or support directory): each revision, what changed, why."""
    from assess.api import load_changelog
    from assess.render.catalog import render_changes

    _emit(render_changes(load_changelog(spec), fmt, as_lang(lang)), output)


@catalog.command("validate")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def catalog_validate(file: Path) -> None:
    """Check a catalog or support-directory file: schema, translations, ids, conditions; or a
    framework requirement list, migration map or overlay against the catalogs it names."""
    from assess.api import load_catalog_file
    from assess.companions import kind_of, validate_companion
    from assess.load import load_yaml_file
    from assess.models.catalog import Catalog

    data, _ = load_yaml_file(file)
    kind = kind_of(data)
    if kind is not None:
        _echo(f"ok: {file}: {validate_companion(file, kind, data)}")
        return
    loaded = load_catalog_file(file)
    if isinstance(loaded, Catalog):
        _echo(f"ok: {file}: {loaded.pin}, {len(loaded.controls)} controls")
    else:
        counts = f"{len(loaded.entries)} entries, {len(loaded.duties)} duties"
        _echo(f"ok: {file}: {loaded.pin}, {counts}")


@main.group()
def profile() -> None:
    """Validate company profiles."""


@profile.command("validate")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def profile_validate(file: Path) -> None:
    """Check a company profile file."""
    from assess.api import load_profile

    prof = load_profile(file)
    _echo(f"ok: {file}: {prof.name}, {prof.employees} employees, {prof.bundesland.value}")


@main.command()
@click.argument(
    "kind",
    type=click.Choice(
        [
            "catalog",
            "profile",
            "answers",
            "support",
            "framework",
            "migration",
            "overlay",
            "index",
        ]
    ),
)
def schema(kind: str) -> None:
    """Print the JSON Schema of a file kind (for editors that validate YAML)."""
    import json

    from pydantic import BaseModel

    from assess.models.answers import Assessment
    from assess.models.catalog import Catalog
    from assess.models.framework import FrameworkRequirements
    from assess.models.migration import MigrationMap
    from assess.models.overlay import Overlay
    from assess.models.profile import Profile
    from assess.models.support import SupportDirectory

    models: dict[str, type[BaseModel]] = {
        "catalog": Catalog,
        "profile": Profile,
        "answers": Assessment,
        "support": SupportDirectory,
        "framework": FrameworkRequirements,
        "migration": MigrationMap,
        "overlay": Overlay,
    }
    if kind == "index":
        from assess.fetch import UpdateIndex

        models["index"] = UpdateIndex
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **models[kind].model_json_schema(by_alias=True),
    }
    _echo(json.dumps(document, ensure_ascii=False, indent=2))


@main.command()
@click.argument("answers", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--profile",
    "profile",
    metavar="FILE|NAME",
    help="Company profile (for a new file; default: that of --from).",
)
@click.option(
    "--from",
    "previous",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Last assessment: its answers are the defaults, to confirm or change.",
)
@LANG
def check(answers: Path | None, profile: str | None, previous: Path | None, lang: str) -> None:
    """The yearly self-check as a guided interview in the terminal.

    Asks the controls that apply, phase by phase, and saves every answer at once in ANSWERS
    (default: answers-YEAR.yaml). Run it again to continue where you left off.
    """
    from assess.api import check_session
    from assess.clock import today
    from assess.interview import Interview, say

    language = as_lang(lang)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        _fail(f"error: {say('not_a_tty', language)}", EXIT_INPUT)
    path = answers or Path(f"answers-{today().year}.yaml")
    session = check_session(path, profile, previous)
    assessment = session.assessment
    try:
        if assessment is None:
            assessor = click.prompt(
                say("assessor", language), default=session.suggested_assessor, type=str
            ).strip()
            assessment = session.start(assessor or "?")
            session.save(assessment)
        interview = Interview(session.catalog, session.profile, assessment, today())
        _interview(interview, session.save, language)
    except (KeyboardInterrupt, click.Abort):
        _fail("\n" + say("interrupted", language, path=path), 130)
    _check_done(interview, path, language)


def _interview(
    interview: Interview, save: Callable[[Assessment], None], lang: Literal["de", "en"]
) -> None:
    """The terminal loop: show the control, read a key or a line, hand it over, save."""
    from assess.interview import Step, note_prompt, question_text, say

    if interview.resumed_complete and not interview.finished:
        _echo(say("complete", lang, total=len(interview.controls)))
    elif interview.position > 0:
        done = interview.progress().answered
        _echo(
            say(
                "resumed",
                lang,
                control=interview.control.id,
                done=done,
                total=len(interview.controls),
            )
        )
    shown = -1
    while not interview.finished:
        if interview.step is Step.STATUS:
            if shown != interview.position:
                _echo("\n" + question_text(interview, lang))
                shown = interview.position
            _echo(f"{say('prompt', lang)}: ", nl=False)
            key = click.getchar()
            key = "" if key in ("\r", "\n") else key
            _echo(key)
            if key == "q":
                interview.quit()
                break
            if key == "?":
                _echo(interview.control.guidance.get(lang))
                continue
            result = interview.key(key)
            if result.notice is None and interview.step is Step.STATUS:
                shown = -1
        else:
            label = (
                say("justification", lang)
                if interview.step is Step.JUSTIFICATION
                else note_prompt(interview, lang)
            )
            result = interview.text(click.prompt(label, default="", show_default=False))
            shown = -1  # after a note the next control is shown, even after 'b' to this one
        if result.changed:
            save(interview.assessment)
        if result.notice is not None:
            _echo(say(result.notice, lang))


def _check_done(interview: Interview, path: Path, lang: Literal["de", "en"]) -> None:
    """Saved; the summary when everything is through, else how to continue."""
    from assess.api import evaluate_file
    from assess.interview import say
    from assess.render import Format, render

    _echo("\n" + say("saved", lang, path=path))
    if interview.first_open() is not None:
        _echo(say("continue", lang, command=f"assess check {path}"))
        return
    _echo("")
    _echo(render(evaluate_file(path), Format.TEXT, lang), nl=False)
    option = " --lang en" if lang == "en" else ""
    command = f"assess report {path}{option} -o {'report' if lang == 'en' else 'bericht'}.pdf"
    _echo("\n" + say("report", lang, command=command))


HISTORY_CATALOG = click.option(
    "--catalog",
    "catalog",
    metavar="ID@VERSION|FILE",
    help="Catalog of the assessments' edition to score them with (default: the installed one).",
)


@main.command()
@click.argument(
    "sources", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="DIR|FILES..."
)
@HISTORY_CATALOG
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@LANG
@OUTPUT_TEXT
def history(
    sources: tuple[Path, ...], catalog: str | None, fmt: str, lang: str, output: Path | None
) -> None:
    """All assessments of one company, year by year: score per phase, level, critical gaps,
    and the controls that improved or regressed."""
    from assess.api import history_report

    _emit(history_report(list(sources), fmt, as_lang(lang), catalog), output)


@main.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@HISTORY_CATALOG
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@LANG
@OUTPUT_TEXT
def compare(
    old: Path, new: Path, catalog: str | None, fmt: str, lang: str, output: Path | None
) -> None:
    """Two assessments of one company, control by control."""
    from assess.api import compare_report

    _emit(compare_report(old, new, fmt, as_lang(lang), catalog), output)


@main.group()
def questionnaire() -> None:
    """Questionnaires to send out and to read back: xlsx, csv, the offline HTML form."""


@questionnaire.command("export")
@click.option(
    "--profile",
    "profile",
    metavar="FILE|NAME",
    help="Company profile: what does not apply to it is greyed out and locked.",
)
@click.option(
    "--from",
    "previous",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Previous answers file: its answers are prefilled and marked as carried over.",
)
@CATALOG_FOR_NEW
@LANG
@click.option(
    "--csv-dialect",
    type=click.Choice(["excel-de", "rfc4180"]),
    default="excel-de",
    show_default=True,
    help="csv only: excel-de = UTF-8 with BOM, semicolons; rfc4180 = UTF-8, commas.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The file to write: FILE.xlsx, FILE.csv or FILE.html (the offline form).",
)
def questionnaire_export(
    profile: str | None,
    previous: Path | None,
    catalog: str | None,
    lang: str,
    csv_dialect: Literal["excel-de", "rfc4180"],
    output: Path,
) -> None:
    """Write a questionnaire to fill in, in the format the suffix of -o names: a workbook or csv
    for auditors (every control with its question and a status column), or one self-contained
    HTML form (no network) in which the client answers in the browser and saves an answers file
    that 'assess evaluate' reads."""
    from assess.exchange.export import export_questionnaire

    export_questionnaire(output, profile, previous, catalog, as_lang(lang), csv_dialect)
    _wrote(output)


@questionnaire.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Foreign questionnaires: sheet, header row, columns, extra words, fixed rows (YAML).",
)
@click.option("--profile", "profile", metavar="FILE|NAME", help="Company profile to name.")
@click.option("--catalog", "catalog", metavar="ID@VERSION|FILE", help="Catalog to match against.")
@click.option(
    "--into",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Merge into this answers file (written back unless -o is given).",
)
@click.option(
    "--prefer",
    type=click.Choice(["imported", "existing"]),
    help="With --into: which answer wins where they differ (else the import fails).",
)
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option(
    "--review-out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the rows to review as FILE.xlsx to fill in and import again.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@LANG
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The answers file to write.",
)
def questionnaire_import(
    file: Path,
    mapping: Path | None,
    profile: str | None,
    catalog: str | None,
    into: Path | None,
    prefer: Literal["imported", "existing"] | None,
    dry_run: bool,
    review_out: Path | None,
    fmt: str,
    lang: str,
    output: Path | None,
) -> None:
    """Import answers from a filled-in questionnaire (xlsx, csv; ours or foreign)."""
    import json

    from assess.exchange.run import import_questionnaire

    report = import_questionnaire(
        file,
        mapping=mapping,
        profile=profile,
        catalog=catalog,
        into=into,
        prefer=prefer,
        output=output,
        dry_run=dry_run,
        review_out=review_out,
        lang=as_lang(lang),
    )
    if fmt == "json":
        _echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        _echo(report.as_text(as_lang(lang)), nl=False)
    if report.failed:
        sys.exit(EXIT_INPUT)


BATCH_FORMATS = ["csv", "json", "xlsx", "html"]
BATCH_LISTED = 50  # unreadable files listed on the terminal; all are in the summary


def _progress(done: int, total: int) -> None:
    """A progress bar on standard error (only called when it is a terminal)."""
    width = 30
    filled = width * done // total
    end = "\n" if done == total else ""
    # Only numbers: the carriage return is the bar's own, nothing from an input.
    click.echo(
        f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total}{end}", nl=False, err=True
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    help="Worker processes (default: one per processor core).",
)
@click.option(
    "--all", "all_files", is_flag=True, help="Every assessment, not only the latest per company."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(BATCH_FORMATS),
    help="csv, json, xlsx or html (default: from the suffix of -o, else csv).",
)
@LANG
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE instead of standard output (xlsx needs a file).",
)
def batch(
    paths: tuple[Path, ...],
    jobs: int | None,
    all_files: bool,
    fmt: str | None,
    lang: str,
    output: Path | None,
) -> None:
    """Evaluate a portfolio: every answers file below PATHS, on all cores.

    Per company the latest assessment (or every one with --all) with level, scores, critical
    gaps, next step, next check due and the change since the previous one; across the
    portfolio the distributions, most common critical gaps, companies overdue or regressed, by
    sector, size and Land. Files that cannot be read are listed and the rest summarised (exit 2).
    """
    from assess.batch import run
    from assess.batch_render import Format, render
    from assess.clock import today

    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        fmt = {"htm": "html"}.get(suffix, suffix) if suffix in (*BATCH_FORMATS, "htm") else "csv"
    if fmt == "xlsx" and output is None:
        raise click.UsageError("xlsx needs an output file: add -o FILE.xlsx")
    progress = _progress if sys.stderr.isatty() else None
    portfolio = run(list(paths), today(), jobs, all_files, progress)
    content = render(portfolio, Format(fmt), as_lang(lang))
    if isinstance(content, bytes):
        from assess.output import write_atomic

        assert output is not None
        write_atomic(output, content)
        _wrote(output)
    else:
        _emit(content, output)
    failed = portfolio.unreadable
    if failed:
        lines = [
            f"error: {len(failed)} of {len(failed) + portfolio.files} files could not be read:"
        ]
        from assess.render.safe import printable

        lines += [
            f"  {printable(problem)}" for f in failed[:BATCH_LISTED] for problem in f.problems
        ]
        if len(failed) > BATCH_LISTED:
            lines.append(f"  … and {len(failed) - BATCH_LISTED} more files (all in the summary)")
        _fail("\n".join(lines), EXIT_INPUT)


@main.group()
def export() -> None:
    """Export an assessment for other tools."""


@export.command("oscal")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@PROFILE_OVERRIDE
@LANG
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Directory for catalog.json, profile.json, assessment-results.json and poam.json.",
)
@CATALOG_OVERRIDE
@OVERLAY
def export_oscal(
    answers: Path,
    profile: str | None,
    lang: str,
    out: Path,
    catalog: str | None,
    overlay: Path | None,
) -> None:
    """OSCAL 1.1 JSON: the catalog, a profile of the applicable controls, the assessment
    results and a plan of action and milestones from the roadmap."""
    from assess.api import evaluate_file
    from assess.oscal import oscal_documents
    from assess.output import write_atomic

    outcome = evaluate_file(answers, catalog=catalog, profile=profile, overlay=overlay)
    documents = oscal_documents(outcome, as_lang(lang))
    for name, text in documents.items():
        write_atomic(out / name, text)
        _echo(f"→ {out / name}")
    if "poam.json" not in documents:
        _echo("no open roadmap items: no poam.json (OSCAL needs at least one item)")


@main.command()
@click.option(
    "--from",
    "source",
    metavar="URL|FILE",
    help="A catalog, support directory or publisher's index (default: $ASSESS_UPDATE_URL).",
)
@click.option("--sha256", metavar="HEX", help="The file's sha256 as the publisher states it.")
@click.option("--check", is_flag=True, help="Say what would change; store nothing.")
@click.option("--offline", is_flag=True, help="Fetch nothing (also ASSESS_OFFLINE=1).")
@click.option(
    "--ca-bundle",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Trust this CA certificate file for the publisher's server.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 600),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Connect and read timeout.",
)
def update(
    source: str | None,
    sha256: str | None,
    check: bool,
    offline: bool,
    ca_bundle: Path | None,
    timeout: float,
) -> None:
    """Fetch a newer catalog or support directory from a trusted publisher, verify its sha256,
    validate it and store it in the user data directory (nothing bundled is changed)."""
    from assess.fetch import update as run

    for item in run(
        source, sha256, check=check, offline=offline, ca_bundle=ca_bundle, timeout=timeout
    ):
        where = f" → {item.path}" if item.path is not None else ""
        _echo(f"{item.action}: {item.pin}{where}")
        if item.changes:
            _echo(item.changes, nl=False)


@answers.command("migrate")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--to", "target", required=True, metavar="ID@EDITION|FILE", help="The new catalog edition."
)
@click.option(
    "--from-catalog",
    metavar="ID@VERSION|FILE",
    help="The old edition, if it is not installed.",
)
@click.option(
    "--map",
    "map_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Migration map (default: migrations/OLD__NEW.yaml beside the new edition).",
)
@LANG
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The new answers file (an existing file is kept).",
)
def answers_migrate(
    old: Path,
    target: str,
    from_catalog: str | None,
    map_file: Path | None,
    lang: str,
    output: Path,
) -> None:
    """Carry answers over to a new catalog edition; marks what needs review, drops nothing."""
    from assess.migrate import migrate_file, report

    language = as_lang(lang)
    text, migrated = migrate_file(old, target, output, language, from_catalog, map_file)
    _emit(text, output, keep=True)
    _echo(report(migrated, language), nl=False)


@catalog.command("diff")
@click.argument("old", metavar="A")
@click.argument("new", metavar="B")
def catalog_diff(old: str, new: str) -> None:
    """What changed from A to B (ID@VERSION or FILE; two catalogs or two support directories)."""
    from assess.api import load_catalog_file
    from assess.diff import diff, render_diff
    from assess.errors import InputError, Problem
    from assess.migrate import catalog_path, load_map, map_path, map_summary
    from assess.models.catalog import Catalog

    new_file = catalog_path(new)
    a, b = load_catalog_file(catalog_path(old)), load_catalog_file(new_file)
    if type(a) is not type(b):
        raise InputError([Problem(new, f"{a.pin} and {b.pin} are not of the same kind")])
    _echo(render_diff(diff(a, b)), nl=False)
    if isinstance(a, Catalog) and isinstance(b, Catalog) and map_path(a, new_file).is_file():
        path = map_path(a, new_file)
        _echo(map_summary(load_map(path, a, b), path), nl=False)


@main.group()
def overlay() -> None:
    """Local additions to a catalog edition: own X- controls, changed weights or applicability."""


@overlay.command("validate")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--catalog",
    "catalog",
    metavar="ID@VERSION|FILE",
    help="The catalog file, if the edition the overlay names is not installed.",
)
def overlay_validate(file: Path, catalog: str | None) -> None:
    """Check an overlay against its catalog edition, like a catalog is checked."""
    from assess.api import load_catalog
    from assess.overlay import read_overlay

    loaded = read_overlay(file)
    merged = loaded.apply(load_catalog(catalog or loaded.overlay.catalog))
    o = loaded.overlay
    _echo(f"ok: {file}: {o.id} for {merged.pin}, {len(o.add)} added, {len(o.change)} changed")
