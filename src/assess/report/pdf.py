"""HTML to PDF through WeasyPrint, which is imported here only.

The URL fetcher loads nothing but the package's own assets (the bundled font): no network, no
other file, whatever a note or an imported answer puts into the page. The PDF's dates come from
the injected clock (SOURCE_DATE_EPOCH when set), so the same input and clock give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from assess.report import ASSETS

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
    import contextlib
    import ctypes.util
    import io

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # noqa: F401
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = search


def render_pdf(html: str) -> Any:
    """Lay ``html`` (made by this package with ``pdf=True``) out into pages: a WeasyPrint
    document, whose ``pages`` tell how many there are."""
    _import_weasyprint()
    import weasyprint
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
    return weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(pdf_tags=True)


def write_pdf(document: Any, created: dt.datetime) -> bytes:
    """A laid-out document as tagged PDF bytes, dated by the injected clock."""
    stamp = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    document.metadata.created = stamp
    document.metadata.modified = stamp
    pdf = document.write_pdf(pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf


def html_to_pdf(html: str, created: dt.datetime) -> bytes:
    """Render ``html`` (made by this package with ``pdf=True``) to PDF bytes."""
    return write_pdf(render_pdf(html), created)
