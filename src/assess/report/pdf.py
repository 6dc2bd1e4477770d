"""HTML to PDF through WeasyPrint, which is imported here only.

The URL fetcher loads nothing but the package's own assets (the bundled font): no network, no
other file, whatever a note or an imported answer puts into the page. The PDF's dates come from
the injected clock (SOURCE_DATE_EPOCH when set), so the same input and clock give the same bytes.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import gc
import logging
import mimetypes
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from assess.report import ASSETS

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The URLs the last rendering refused, for the curious (and for tests).
refused: list[str] = []


def asset_path(url: str) -> Path | None:
    """The file a ``file:`` URL names, if it lies inside the package's assets; else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    root = ASSETS.resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def _import_weasyprint() -> None:
    """Import WeasyPrint, on Linux without its library search starting ``ldconfig`` for each of
    the names it tries before the one that loads (about 0.3 s of every PDF). The names that
    load directly (``libpango-1.0.so.0``) still do; if none does, the import runs again as
    WeasyPrint ships it."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        return
    import ctypes.util
    import io

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with contextlib.redirect_stdout(io.StringIO()), _collector_paused():
            import weasyprint  # noqa: F401
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = search


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while WeasyPrint lays out or writes a document.

    WeasyPrint builds some hundred thousand objects for the report (styles, boxes, lines), nearly
    all of them alive until the PDF is written: the collector ran over them some 330 times a
    report and freed fewer than 6,000 – 0.2 s of CPU, a tenth of the whole PDF. Reference
    counting frees everything as before; the few cycles wait for the next collection after this
    block (the report's peak memory stays 112 MB)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@functools.cache
def _ua_sheets() -> list[Any]:
    """The user-agent stylesheet of our PDFs (assets/ua.css), parsed once a process."""
    import weasyprint

    return [weasyprint.CSS(string=(ASSETS / "ua.css").read_text(encoding="utf-8"))]


@functools.cache
def _page_class() -> Any:
    """WeasyPrint's HTML document with assets/ua.css as its user-agent stylesheet instead of
    WeasyPrint's html5_ua.css: the same rules for the elements our templates make, found by
    element name, so the cascade no longer tries WeasyPrint's attribute, ``:is()`` and
    pseudo-element selectors on every element (selectors tried 44,280 → 10,194 for the report,
    6 % of the layout's function calls; the PDF comes out byte for byte the same).
    ``_ua_stylesheets`` is WeasyPrint's hook for this, internal to WeasyPrint 70, the range
    pyproject.toml allows; tests/test_report_speed.py fails if it stops being called."""
    import weasyprint

    class Page(weasyprint.HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            if forms:  # form fields: never in our documents, WeasyPrint's own rules
                return list(super()._ua_stylesheets(forms))
            return _ua_sheets()

    return Page


def render_pdf(html: str) -> Any:
    """Lay ``html`` (made by this package with ``pdf=True``) out into pages: a WeasyPrint
    document, whose ``pages`` tell how many there are."""
    with _collector_paused():
        return _render(html)


def _render(html: str) -> Any:
    _import_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackageOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = asset_path(url)
            if path is None:
                refused.append(url)
                raise ValueError(f"assess loads no external resources: {url}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    refused.clear()
    fetcher = PackageOnly()
    base = ASSETS.resolve().as_uri() + "/"
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    # WeasyPrint keeps the fonts it loads in a temporary folder of its own: put it inside one
    # this process owns and removes at exit (a killed run's is removed by the next PDF).
    saved = tempfile.tempdir
    tempfile.tempdir = str(_scratch())
    try:
        page = _page_class()(string=html, base_url=base, url_fetcher=fetcher)
        return page.render(pdf_tags=True)
    finally:
        tempfile.tempdir = saved


_SCRATCH_PREFIX = "assess-pdf-"
_scratch_dir: list[Path] = []


def _scratch() -> Path:
    """This process's scratch folder for WeasyPrint, made once; stale ones of dead runs go."""
    if _scratch_dir:
        return _scratch_dir[0]
    base = Path(tempfile.gettempdir())
    for old in base.glob(f"{_SCRATCH_PREFIX}*"):
        pid = old.name.removeprefix(_SCRATCH_PREFIX).split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{_SCRATCH_PREFIX}{os.getpid()}-", dir=base))
    _scratch_dir.append(folder)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def write_pdf(document: Any, created: dt.datetime) -> bytes:
    """A laid-out document as tagged PDF bytes, dated by the injected clock."""
    stamp = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with _collector_paused():
        document.metadata.created = stamp
        document.metadata.modified = stamp
        pdf = document.write_pdf(pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf


def html_to_pdf(html: str, created: dt.datetime) -> bytes:
    """Render ``html`` (made by this package with ``pdf=True``) to PDF bytes."""
    return write_pdf(render_pdf(html), created)
