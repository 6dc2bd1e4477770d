"""A cache of validated bundled catalogs and support directories, to start faster.

Parsing and validating the bundled catalog and support directory costs more than evaluating the
answers. The validated models are kept in the user's cache directory, one file per source:

- The key is the sha256 of the source file's bytes, the kind of model, the versions of assess,
  pydantic and Python, and the code of the models and their checks: an edited catalog, an
  upgrade or a changed model never meets stale data.
- A file holds a magic line, the sha256 of its payload, then the payload: a truncated or
  corrupted file is recognised and ignored.
- The payload is a pickle, read by an unpickler that only knows the model classes of
  ``assess.models`` and ``datetime.date``: a tampered file cannot run code, and the result must
  be an instance of the expected model or it is ignored.
- Every failure (unreadable, unwritable, corrupt, wrong type) falls back silently to parsing the
  source, and a successful parse writes a fresh entry (atomically, mode 0600).

``ASSESS_CACHE_DIR`` sets the directory; ``ASSESS_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from assess import __version__

T = TypeVar("T")

ENV = "ASSESS_CACHE_DIR"
MAGIC = b"assess-cache 1\n"
_ALLOWED_MODULES = (
    "assess.models.base",
    "assess.models.catalog",
    "assess.models.condition",
    "assess.models.profile",
    "assess.models.support",
)


def cache_dir() -> Path | None:
    """The cache directory, or None when the cache is off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "assess"


@functools.cache
def _code() -> bytes:
    """A digest of the code that shapes and checks the models: a changed model or rule (even
    without a new version number, as in development) never meets an entry made by the old."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(
        [*package.glob("models/*.py"), package / "validate.py", package / "load.py"]
    ):
        with contextlib.suppress(OSError):
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.digest()


def _key(kind: str, source: bytes) -> str:
    import pydantic

    digest = hashlib.sha256()
    for part in (kind, __version__, pydantic.VERSION, sys.version):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(_code())
    digest.update(source)
    return digest.hexdigest()


class _ModelUnpickler(pickle.Unpickler):
    """Knows only the model classes (and enums) of assess.models and datetime.date."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name == "date":
            import datetime

            return datetime.date
        if module in _ALLOWED_MODULES and name.isidentifier() and not name.startswith("_"):
            import importlib

            from pydantic import BaseModel

            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and (issubclass(found, BaseModel) or _is_enum(found)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def _is_enum(cls: type) -> bool:
    from enum import Enum

    return issubclass(cls, Enum)


def _read(path: Path, expected: type[T]) -> T | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if not blob.startswith(MAGIC) or len(blob) < head:
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(MAGIC) : head]:
        return None
    try:
        value = _ModelUnpickler(io.BytesIO(payload)).load()
    except Exception:  # any malformed payload: parse the source instead
        return None
    return value if type(value) is expected else None


def _write(path: Path, value: object) -> None:
    import tempfile  # only when an entry is written

    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    blob = MAGIC + hashlib.sha256(payload).digest() + payload
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def cached(kind: str, expected: type[T], source: bytes, build: Callable[[], T]) -> T:
    """The model that ``build`` makes from ``source``, from the cache when it holds it."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{kind}-{_key(kind, source)}.pickle"
    hit = _read(path, expected)
    if hit is not None:
        return hit
    value = build()
    # e.g. a model that cannot be pickled: the cache is only a shortcut
    with contextlib.suppress(Exception):
        _write(path, value)
    return value
