"""HTML to PDF through WeasyPrint, which is imported here only.

The URL fetcher loads nothing but the package's own assets (the bundled font): no network, no
other file, whatever a note or an imported answer puts into the page. The PDF's dates come from
the injected clock (SOURCE_DATE_EPOCH when set), so the same input and clock give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
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


def html_to_pdf(html: str, created: dt.datetime) -> bytes:
    """Render ``html`` (made by this package with ``pdf=True``) to PDF bytes."""
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
    document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render()
    stamp = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    document.metadata.created = stamp
    document.metadata.modified = stamp
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
