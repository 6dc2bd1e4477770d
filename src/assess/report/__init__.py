"""The management report and the IT emergency card: HTML from jinja2 templates, PDF from the same
HTML through WeasyPrint (imported only when a PDF is made)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess import __version__
from assess.i18n import number, percent, t
from assess.models.base import Lang

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jinja2 import Environment

    from assess.api import Outcome
    from assess.history import Scored
    from assess.render.view import ContactsView
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
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        percent=lambda v: percent(v, lang),
        signed=lambda v: _signed(v, lang),
        signed_int=lambda v: f"{v:+d}" if v else "±0",
    )
    env.globals.update(
        lang=lang,
        version=__version__,
        css=Markup((ASSETS / "report.css").read_text(encoding="utf-8")),
        t=lambda key, **values: t(key, lang, **values),
    )
    return env


def _signed(value: float | None, lang: Lang) -> str:
    """A change in percentage points with its sign: +4,2 Pp. / −1.0 pp."""
    if value is None:
        return "–"
    unit = "Pp." if lang == "de" else "pp"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{number(abs(value), lang)} {unit}"


def _render(template: str, lang: Lang, pdf: bool, **values: Any) -> str:
    """Render a template; for a PDF the print stylesheet (A4, running header, bundled font) is
    added, which only the PDF renderer may resolve against the package's assets."""
    from markupsafe import Markup

    pdf_css = Markup((ASSETS / "pdf.css").read_text(encoding="utf-8")) if pdf else ""
    return _environment(lang).get_template(template).render(pdf_css=pdf_css, **values)


def report_html(
    outcome: Outcome,
    lang: Lang,
    previous: Outcome | None = None,
    pdf: bool = False,
    history: Sequence[Scored] | None = None,
    framework: FrameworkView | None = None,
) -> str:
    """The whole management report as one self-contained HTML page (``pdf``: for WeasyPrint);
    with ``history``, the years side by side after the summary; with ``framework``, a chapter
    with that framework view after the details."""
    from assess.report.context import build_report
    from assess.report.trend import trend_context
    from assess.views import tr

    ctx = build_report(outcome, lang, previous)
    trend = trend_context(history, lang, t("score", lang), t("maturity", lang)) if history else None
    view = ctx.view
    return _render(
        "report.html.j2",
        lang,
        pdf,
        r=ctx,
        h=trend,
        k=ctx.contacts,
        title=f"{t('report_title', lang)} – {view.company.name}",
        author=view.assessment.assessor,
        description=f"{view.catalog.title} ({view.catalog.id}@{view.catalog.version})",
        company=view.company.name,
        date_label=view.assessment.date_label,
        fw=framework,
        fw_t=lambda key: tr(key, lang),
    )


def card_html(contacts: ContactsView, pdf: bool = False) -> str:
    """The IT emergency card alone, one page (``pdf``: for WeasyPrint)."""
    lang = contacts.lang
    return _render(
        "card.html.j2",
        lang,
        pdf,
        k=contacts,
        title=f"{t('card_title', lang)} – {contacts.company.name}",
        author=contacts.company.name,
        description=t("card_title", lang),
        company=contacts.company.name,
        date_label=contacts.date_label,
    )
