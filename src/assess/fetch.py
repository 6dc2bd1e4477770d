"""Verified updates of catalogs and support directories; the only module that imports requests.

Rules, each with its reason:
- https only, also after a redirect: a download must not be readable or changeable on the way;
- connect and read timeouts and an overall deadline: a slow server cannot hang the command;
- a size cap (the same as for any input file), checked on the header and while reading;
- a sha256, given on the command line or in the publisher's index, checked before anything else;
- the file is validated like a bundled one; only a valid file of a newer version is stored,
  atomically, in the user data directory, beside older ones; nothing bundled is changed;
- offline (``--offline`` or ``ASSESS_OFFLINE=1``) nothing is fetched at all.
Every failure becomes a ``FetchError`` (or ``InputError`` for a bad file) naming the URL or file.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urljoin, urlsplit

import requests
from pydantic import Field, StringConstraints

from assess import resources
from assess.diff import diff, render_diff
from assess.errors import FetchError, InputError, Problem
from assess.load import MAX_INPUT_BYTES, parse_yaml, read_text
from assess.models.base import NonEmpty, StrictModel
from assess.models.catalog import Catalog, Slug
from assess.models.support import SupportDirectory

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
DEADLINE = 120.0  # seconds for a whole download, however slowly the server trickles
MAX_REDIRECTS = 5
SAFE_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class IndexItem(StrictModel):
    id: Slug
    version: NonEmpty
    url: NonEmpty = Field(description="An https URL, or a path relative to the index.")
    sha256: Sha256 = Field(description="The file's sha256, 64 lower-case hex digits.")


class UpdateIndex(StrictModel):
    """The list of files a publisher vouches for, each with its sha256."""

    schema_version: Literal[1]
    publisher: NonEmpty
    signed_off_by: NonEmpty = Field(description="Who at the publisher checked and released it.")
    date: NonEmpty
    items: list[IndexItem] = Field(min_length=1)


@dataclass(frozen=True)
class Updated:
    """What happened to one file: stored, would be stored (--check), or already installed."""

    pin: str
    action: Literal["stored", "would store", "up to date"]
    path: Path | None
    changes: str


def is_offline(flag: bool = False) -> bool:
    """True with ``--offline`` or with ``ASSESS_OFFLINE`` set to 1, true, yes or on."""
    value = os.environ.get("ASSESS_OFFLINE", "").strip().lower()
    return flag or value in ("1", "true", "yes", "on")


def _is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def download(
    url: str,
    *,
    ca_bundle: Path | None = None,
    timeout: float = READ_TIMEOUT,
    max_bytes: int = MAX_INPUT_BYTES,
    deadline: float = DEADLINE,
) -> bytes:
    """The body of ``url`` over https, within the limits above."""
    verify: bool | str = str(ca_bundle) if ca_bundle is not None else True
    if ca_bundle is not None and not ca_bundle.is_file():
        raise FetchError(f"CA bundle {ca_bundle} not found")
    session = requests.Session()
    # No .netrc credentials or CA bundles from the environment slip in; proxies (HTTPS_PROXY,
    # NO_PROXY) are honoured, as a company network may need them.
    session.trust_env = False
    started = time.monotonic()
    try:
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme.lower() != "https":
                raise FetchError(f"{url}: only https URLs are fetched")
            response = _get(session, url, verify, timeout)
            if response.is_redirect:
                target = urljoin(url, response.headers.get("Location", ""))
                response.close()
                if urlsplit(target).scheme.lower() != "https":
                    raise FetchError(f"{url} redirects to {target}, which is not https: refused")
                url = target
                continue
            return _body(response, url, max_bytes, started, deadline)
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
    finally:
        session.close()


def _get(
    session: requests.Session, url: str, verify: bool | str, timeout: float
) -> requests.Response:
    try:
        return session.get(
            url,
            timeout=(min(CONNECT_TIMEOUT, timeout), timeout),
            verify=verify,
            proxies=requests.utils.get_environ_proxies(url),
            stream=True,
            allow_redirects=False,
            headers={"Accept-Encoding": "identity"},
        )
    except requests.exceptions.SSLError as exc:
        raise FetchError(
            f"{url}: TLS error, the server's certificate is not trusted or not valid ({_why(exc)}) "
            "– if the publisher uses its own CA, give it with --ca-bundle FILE"
        ) from None
    except requests.exceptions.Timeout:
        raise FetchError(f"{url}: no answer within {timeout:g} s (timeout)") from None
    except requests.exceptions.ConnectionError as exc:
        text = str(exc)
        if "NameResolution" in text or "Name or service not known" in text or "getaddrinfo" in text:
            host = urlsplit(url).hostname
            raise FetchError(f"{url}: the name {host} cannot be resolved (DNS)") from None
        raise FetchError(f"{url}: cannot connect – no network, or the server is down") from None
    except requests.exceptions.RequestException as exc:
        raise FetchError(f"{url}: {_why(exc)}") from None


def _why(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:200] + "…"


def _body(
    response: requests.Response, url: str, max_bytes: int, started: float, deadline: float
) -> bytes:
    with response:
        if response.status_code != 200:
            raise FetchError(f"{url}: HTTP {response.status_code} {response.reason}")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise FetchError(f"{url}: {length} bytes, more than the limit of {max_bytes} bytes")
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url}: more than the limit of {max_bytes} bytes")
                if time.monotonic() - started > deadline:
                    raise FetchError(f"{url}: download took longer than {deadline:g} s")
                chunks.append(chunk)
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"{url}: the download broke off or stalled ({_why(exc)})") from None
        return b"".join(chunks)


def check_sha256(data: bytes, expected: str, source: str) -> None:
    """Refuse ``data`` unless its sha256 is ``expected``."""
    wanted = expected.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{64}", wanted):
        raise FetchError(f"--sha256 {expected!r} is not 64 hex digits")
    actual = hashlib.sha256(data).hexdigest()
    if actual != wanted:
        raise FetchError(
            f"{source}: sha256 is {actual}, expected {wanted} – the file is not the one the "
            "publisher released; nothing was stored"
        )


def _read(source: str, base: str | None, offline: bool, **limits: Any) -> tuple[bytes, str]:
    """The bytes of a URL or file (relative to ``base``, an index's location) and its name."""
    if base is not None and not _is_url(source) and not Path(source).is_absolute():
        source = urljoin(base, source) if _is_url(base) else str(Path(base).parent / source)
    if _is_url(source):
        if offline:
            raise FetchError(
                f"offline (--offline or ASSESS_OFFLINE): not fetching {source}; "
                "give a local file with --from FILE"
            )
        return download(source, **limits), source
    return read_text(Path(source)).encode("utf-8"), source


def _text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(source, f"not UTF-8 text (byte {exc.start})")]) from None


def update(
    source: str | None,
    sha256: str | None = None,
    *,
    check: bool = False,
    offline: bool = False,
    ca_bundle: Path | None = None,
    timeout: float = READ_TIMEOUT,
) -> list[Updated]:
    """Fetch, verify, validate and (unless ``check``) store a catalog or support directory, or
    every file of a publisher's index. Everything is checked before the first file is stored."""
    from assess.api import parse_catalog_text

    offline = is_offline(offline)
    source = source or os.environ.get("ASSESS_UPDATE_URL")
    if not source:
        raise FetchError("no source: give --from URL|FILE (or set ASSESS_UPDATE_URL)")
    limits: dict[str, Any] = {"ca_bundle": ca_bundle, "timeout": timeout}
    data, name = _read(source, None, offline, **limits)
    if sha256 is not None:
        check_sha256(data, sha256, name)
    text = _text(data, name)
    parsed = parse_yaml(text, name)
    files: list[tuple[bytes, str, Catalog | SupportDirectory]] = []
    if isinstance(parsed, dict) and "items" in parsed and "signed_off_by" in parsed:
        from assess.validate import Locator, parse_model

        index = parse_model(UpdateIndex, parsed, Locator(name, text, parsed))
        for item in index.items:
            body, where = _read(item.url, name, offline, **limits)
            check_sha256(body, item.sha256, where)
            loaded = parse_catalog_text(_text(body, where), where)
            if (loaded.id, loaded.version) != (item.id, item.version):
                raise FetchError(
                    f"{where}: is {loaded.pin}, but the index says {item.id}@{item.version}"
                )
            files.append((body, where, loaded))
    else:
        if sha256 is None and _is_url(name):
            raise FetchError(
                f"{name}: no sha256 to check it against – give --sha256 HEX as the publisher "
                "states it, or fetch the publisher's index"
            )
        files.append((data, name, parse_catalog_text(text, name)))
    planned = [_plan(body, where, loaded) for body, where, loaded in files]
    results = []
    for body, target, outcome in planned:
        if outcome.action == "stored" and target is not None:
            if check:
                outcome = Updated(outcome.pin, "would store", target, outcome.changes)
            else:
                from assess.output import write_atomic

                write_atomic(target, body)
        results.append(outcome)
    return results


def _plan(
    body: bytes, where: str, loaded: Catalog | SupportDirectory
) -> tuple[bytes, Path | None, Updated]:
    """Where the file would go and what it changes; refuses an older version than installed."""
    if not SAFE_VERSION.match(loaded.version):
        raise FetchError(f"{where}: version {loaded.version!r} is not usable as a file name")
    kind = "support" if isinstance(loaded, SupportDirectory) else "catalog"
    other = "catalog" if kind == "support" else "support"
    # Stored files are told apart by their folder name, as bundled ones are.
    if loaded.id.startswith(resources.SUPPORT_PREFIX) != (kind == "support"):
        what = "a support directory" if kind == "support" else "a catalog"
        rule = "does not start" if kind == "support" else "starts"
        raise FetchError(
            f"{where}: {loaded.pin} is {what}, but its id {rule} with "
            f"'{resources.SUPPORT_PREFIX}'; it cannot be stored"
        )
    if resources.find_installed(loaded.id, None, other) is not None:
        raise FetchError(f"{where}: {loaded.id} is installed as a {other}, this file is a {kind}")
    newest = resources.find_installed(loaded.id, None, kind)
    label = f"{loaded.pin} revision {loaded.revision}"
    if newest is not None:
        have = (resources.version_key(newest.version), newest.revision)
        got = (resources.version_key(loaded.version), loaded.revision)
        installed = f"{newest.pin} revision {newest.revision} ({newest.origin})"
        if got < have:
            raise FetchError(
                f"{where}: {label} is older than the installed {installed}; nothing was stored"
            )
        if got == have:
            return body, None, Updated(label, "up to date", newest.path, "")
    changes = _changes(loaded, newest)
    target = resources.user_data_dir() / "catalogs" / loaded.id / f"{loaded.version}.yaml"
    return body, target, Updated(label, "stored", target, changes)


def _changes(loaded: Catalog | SupportDirectory, newest: resources.Bundled | None) -> str:
    if newest is None:
        return f"{loaded.pin}: new, not installed before\n"
    from assess.api import load_catalog_file

    return render_diff(diff(load_catalog_file(newest.path), loaded))
