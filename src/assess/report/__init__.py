"""The management report and the IT emergency card: HTML from jinja2 templates, PDF from the same
HTML through WeasyPrint (imported only when a PDF is made)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess import __version__
from assess.i18n import iso_date, number, percent
from assess.models.base import Lang
from assess.report.texts import t

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jinja2 import BytecodeCache, Environment
    from markupsafe import Markup

    from assess.api import Outcome
    from assess.history import Scored
    from assess.models.profile import Profile
    from assess.render.view import ContactsView
    from assess.report.card import CardContext
    from assess.views import FrameworkView

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
ASSETS = HERE / "assets"


@cache
def _environment(lang: Lang) -> Environment:
    """One environment per language: autoescape on, undefined names are errors."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=_bytecode_cache(),
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        percent=lambda v: percent(v, lang),
        signed=lambda v: signed(v, lang),
        signed_int=lambda v: f"{v:+d}" if v else "±0",
        telhref=tel_href,
        isodate=lambda v: iso_date(v, lang),
    )
    env.globals.update(
        lang=lang,
        version=__version__,
        css=Markup(_stylesheet()),
        print_css=Markup(_resolved(_stylesheet())),
        t=lambda key, **values: t(key, lang, **values),
        marks=MARKS,
    )
    return env


@cache
def _stylesheet() -> str:
    return (ASSETS / "report.css").read_text(encoding="utf-8")


def _resolved(css: str) -> str:
    """``css`` with its custom properties (``:root { --ink: … }``) put in where they are used,
    for WeasyPrint, which otherwise resolves every ``var()`` for every element (about 3 % of
    the report's layout). The HTML keeps the variables."""
    import re

    root = re.search(r":root \{([^}]*)\}\n", css)
    if root is None:
        return css
    values = dict(re.findall(r"(--[\w-]+):\s*([^;]+);", root.group(1)))
    body = css[: root.start()] + css[root.end() :]
    return re.sub(r"var\((--[\w-]+)\)", lambda m: values[m.group(1)].strip(), body)


#: The mark of each status in the details: severity shown by shape and word, not colour alone.
MARKS = {"fulfilled": "✓", "largely": "◐", "partial": "✗", "not": "✗", "unknown": "?", "na": "–"}


class LinkBook:
    """Prints every web address once: the first time in full with a number, later the number
    only, linked to the first place."""

    def __init__(self, lang: Lang) -> None:
        self.numbers: dict[str, int] = {}
        self.lang = lang

    def __call__(self, url: str) -> Markup:
        from markupsafe import Markup, escape

        number = self.numbers.get(url)
        if number is None:
            number = self.numbers[url] = len(self.numbers) + 1
            return Markup(f'<span class="url" id="link-{number}">[{number}] {escape(url)}</span>')
        words = "siehe" if self.lang == "de" else "see"
        return Markup(f'<a class="link-ref" href="#link-{number}">{words} [{number}]</a>')


def tel_href(phone: str) -> str:
    """A phone number as a ``tel:`` target: digits and a leading +, nothing else."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return ("+" if phone.strip().startswith("+") else "") + digits


def css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot end the string or the style element."""
    out = []
    for ch in text:
        if (ch.isalnum() and ord(ch) < 128) or ch in " .,-–()/&:@":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept in the user's cache folder: compiling them takes longer than
    rendering. Each entry is checked against its template's source; no cache when the folder
    cannot be made or ASSESS_CACHE_DIR turns caching off (the report is the same either way)."""
    import os

    from jinja2 import FileSystemBytecodeCache

    from assess.cache import cache_dir

    base = cache_dir()
    if base is None:
        return None
    folder = base / f"templates-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return FileSystemBytecodeCache(str(folder))


def signed(value: float | None, lang: Lang) -> str:
    """A change in percentage points with its sign: +4,2 Pp. / −1.0 pp."""
    if value is None:
        return "–"
    unit = "Pp." if lang == "de" else "pp"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{number(abs(value), lang)} {unit}"


def _render(template: str, lang: Lang, pdf: bool, page_css: str = "", **values: Any) -> str:
    """Render a template; for a PDF the print stylesheet (A4, bundled font) and ``page_css`` (the
    page's margin boxes) are added, which only the PDF renderer may resolve against the assets."""
    from markupsafe import Markup

    pdf_css = ""
    if pdf:
        pdf_css = Markup((ASSETS / "pdf.css").read_text(encoding="utf-8") + page_css)
    html = _environment(lang).get_template(template).render(pdf_css=pdf_css, **values)
    return _DATA_ATTRIBUTE.sub("", html) if pdf else html


#: ``data-*`` attributes are for what reads the HTML (tests, scripts, the phone layout's
#: labels); the PDF shows none of them, and WeasyPrint parses fewer (2 % of its layout's calls).
#: Attribute values are escaped: no ``"`` inside, and none in the page's text either.
_DATA_ATTRIBUTE = re.compile(r' data-[a-z-]+="[^"]*"')


def _margin_boxes(company: str, date_label: str, lang: Lang) -> str:
    """The running header and footer as page margin boxes: real text on every page, no hidden
    copy in the document body. Two boxes a page, not four: WeasyPrint lays out and draws each
    margin box on every page (four cost about 5 % of the report's layout and drawing). Each box
    is as wide as the page: with ``width: auto`` WeasyPrint measures the text's narrowest and
    widest width on every page first, to the same place on the page (1 % of the layout)."""
    box = 'font-family: "Assess Sans"; font-size: 8pt; color: #555; width: 100%;'
    head = css_string(f"{company} · {date_label}")
    foot = css_string(f"{t('generated_by', lang, version=__version__)} · {t('page', lang)} ")
    return (
        "@page {"
        f" @top-left {{ content: {head}; {box} }}"
        f' @bottom-right {{ content: {foot} counter(page) " / " counter(pages); {box} }}'
        " }\n"
        "@page card { margin: 12mm;"
        " @top-left { content: none; } @bottom-right { content: none; } }\n"
    )


def report_html(
    outcome: Outcome,
    lang: Lang,
    previous: Outcome | None = None,
    pdf: bool = False,
    details: str = "all",
    created: dt.date | None = None,
    history: Sequence[Scored] | None = None,
    compact: int = 0,
    framework: FrameworkView | None = None,
) -> str:
    """The whole management report as one self-contained HTML page (``pdf``: for WeasyPrint).
    ``details``: "all" controls or only the "gaps"; ``created``: the day it is made (today);
    with ``history``, the years side by side after the summary; ``compact`` (1, 2): a tighter
    page 1, for a PDF whose summary would not fit one page otherwise; with ``framework``, a
    chapter with that framework view after the details."""
    from assess.report.context import build_report
    from assess.report.trend import trend_context
    from assess.views import tr

    ctx = build_report(outcome, lang, previous, details, created)
    trend = trend_context(history, lang, t("score", lang), t("maturity", lang)) if history else None
    view = ctx.view
    return _render(
        "report.html.j2",
        lang,
        pdf,
        page_css=_margin_boxes(view.company.name, view.assessment.date_label, lang),
        r=ctx,
        h=trend,
        compact=compact,
        k=ctx.contacts,
        link=LinkBook(lang),
        **_card_values(card_context(ctx.contacts, outcome.profile)),
        title=f"{t('report_title', lang)} – {view.company.name}",
        author=view.assessment.assessor,
        description=f"{view.catalog.title} ({view.catalog.id}@{view.catalog.version})",
        fw=framework,
        fw_t=lambda key: tr(key, lang),
    )


#: Body type and first-contact number of the card, in points, per paper size.
CARD_TYPE = {"a4": (11.5, 36.0), "a5": (8.5, 24.0), "a6": (6.5, 16.0)}
#: The number on the wall card stays readable from two metres, however full the card.
MIN_PHONE_PT = 28.0


def _card_values(card: CardContext) -> dict[str, Any]:
    body, phone = CARD_TYPE[card.size]
    phone = phone * card.level.scale
    if card.size == "a4":
        phone = max(phone, MIN_PHONE_PT)
    return {"card": card, "card_pt": body, "phone_pt": phone}


def card_context(contacts: ContactsView, profile: Profile | None) -> CardContext:
    """The card as the report shows it: the links are in the contacts section already."""
    from assess.report.card import build_card

    return build_card(contacts, profile, "a4", level=2, in_report=True)


def card_html(
    contacts: ContactsView,
    profile: Profile | None = None,
    pdf: bool = False,
    size: str = "a4",
    level: int = 0,
) -> str:
    """The IT emergency card alone, one page (``pdf``: for WeasyPrint) of ``size`` a4/a5/a6;
    ``level``: how far it gives way to fit (see ``assess.report.card.LEVELS``)."""
    from assess.report.card import build_card

    lang = contacts.lang
    card = build_card(contacts, profile, size, level)
    margin = {"a4": "12mm", "a5": "8mm", "a6": "5mm"}[size]
    return _render(
        "card.html.j2",
        lang,
        pdf,
        page_css=f"@page {{ size: {size.upper()}; margin: {margin}; }}\n",
        **_card_values(card),
        title=f"{t('card_title', lang)} – {contacts.company.name}",
        author=contacts.company.name,
        description=t("card_title", lang),
    )


def card_pdf(
    contacts: ContactsView, profile: Profile | None, size: str, created: dt.datetime
) -> bytes:
    """The card as a one-page PDF: each fitting level in turn until the card fits a page."""
    from assess.report.card import LEVELS
    from assess.report.pdf import render_pdf, write_pdf

    document = None
    for level in range(len(LEVELS)):
        document = render_pdf(card_html(contacts, profile, True, size, level))
        if len(document.pages) == 1:
            break
    assert document is not None
    return write_pdf(document, created)


#: How much tighter page 1 may get to stay one page (see ``.compact-N`` in pdf.css).
COMPACT_STEPS = 3


def report_pdf(
    outcome: Outcome,
    lang: Lang,
    previous: Outcome | None,
    created: dt.datetime,
    details: str = "all",
    history: Sequence[Scored] | None = None,
    framework: FrameworkView | None = None,
) -> bytes:
    """The report as PDF, page 1 the summary alone: if it spills over, a tighter page 1."""
    from assess.report.pdf import render_pdf, write_pdf

    after_summary = "history" if history else "results"
    document = None
    for compact in range(COMPACT_STEPS):
        html = report_html(
            outcome, lang, previous, True, details, created.date(), history, compact, framework
        )
        document = render_pdf(html)
        if len(document.pages) > 1 and after_summary in document.pages[1].anchors:
            break
    assert document is not None
    return write_pdf(document, created)
