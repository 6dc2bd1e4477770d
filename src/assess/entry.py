"""The ``assess`` console command: the CLI of ``assess.cli``, started and ended with less work.

Two things a short command pays for that do not change what it does:

- pydantic's plugin loader imports ``importlib.metadata`` (and with it the ``email`` package,
  about 10 ms) as soon as the first model is built, although with ``PYDANTIC_DISABLE_PLUGINS``
  set to ``__all__`` (as ``assess`` sets it unless the user chose otherwise) it never uses it.
  While plugins are off, a stand-in answers "no plugins" without that import; should the
  variable name only some plugins, or be unset, the real loader is imported and asked.
- Tearing the interpreter down (freeing every module, a last garbage collection) costs about
  20 ms after the output is complete. Once the command has finished, its output is flushed, the
  ``atexit`` handlers run as usual, and the process ends with the command's exit code without
  that teardown. Where anything could still need it – a thread still running, an exit status
  that is a message, a flush that fails – the interpreter ends the usual way.

It also collects garbage less often (``GC_THRESHOLDS``): a short command keeps nearly all it
creates, and a long one (a portfolio, a PDF) still collects, only in larger steps.

``assess`` and ``python -m assess`` start here; programs that use ``assess`` as a library (and
``assess.cli.main`` called directly) get exactly the usual behaviour.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from typing import Any, NoReturn

_LOADER = "pydantic.plugin._loader"
#: The values of PYDANTIC_DISABLE_PLUGINS with which pydantic loads no plugin at all.
_ALL_OFF = ("__all__", "1", "true")


def _get_plugins() -> Iterable[Any]:
    """pydantic's ``get_plugins``: none while all are off, else the real loader's answer."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _ALL_OFF:
        return ()
    import importlib

    if sys.modules.get(_LOADER) is _STAND_IN:
        del sys.modules[_LOADER]
    real = importlib.import_module(_LOADER)
    return real.get_plugins()  # type: ignore[no-any-return]


_STAND_IN = types.ModuleType(_LOADER, "Answers pydantic's plugin lookup while plugins are off.")
_STAND_IN.get_plugins = _get_plugins  # type: ignore[attr-defined]


def skip_plugin_scan() -> None:
    """Put the stand-in for pydantic's plugin loader in place (before pydantic imports it)."""
    sys.modules.setdefault(_LOADER, _STAND_IN)


def _leave(code: int) -> NoReturn:
    """End the process with ``code``: output flushed and ``atexit`` handlers run, as usual, but
    without freeing every object first. Falls back to the usual exit wherever that could differ."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)  # a thread still running: the interpreter waits for it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # e.g. a closed pipe: reported as the interpreter always does
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        sys.exit(code)
    os._exit(code)


#: Allocations between two collections of the youngest generation (Python's default: 700), and
#: collections of one generation before the next is collected too (default: 10). Importing
#: pydantic and the models creates some 30,000 objects the collector tracks, and they all stay:
#: with the defaults the collector walks them again and again while they are made.
GC_THRESHOLDS = (10_000, 20, 20)


def run() -> None:
    """The ``assess`` command."""
    import gc

    gc.set_threshold(*GC_THRESHOLDS)
    skip_plugin_scan()
    from assess.cli import main

    try:
        main()
    except SystemExit as exc:
        code = exc.code
        if code is not None and not isinstance(code, int):
            raise  # a message as exit status: printed by the interpreter, exit status 1
    else:  # pragma: no cover - click's main() always ends with SystemExit
        code = 0
    _leave(code or 0)
