"""Writing files atomically: readers see the old file or the new one, never half of it.

* ``-`` is standard output.
* A symlink is written through to its target (the link stays a link).
* An existing device, pipe or other non-regular file (``/dev/null``, ``/dev/stdout``) is written
  into directly: it cannot be replaced by a file, and must not be.
* A regular file is written to an anonymous temporary file in the same folder (``O_TMPFILE``,
  invisible until complete) that is then given a name and renamed over the target; where the file
  system has no ``O_TMPFILE``, a named ``.NAME.*.tmp`` file is used, and such leftovers of a killed
  run are removed by the next write to the same file.
* A new file gets the mode the user's umask gives (usually 0644); a replaced file keeps its mode.
* Missing parent folders are created (``-o reports/2026/x.pdf``, ``demo --out new``), as the
  README says; a parent that is a file is an error.
* Every failure, a full disk included, is an ``OutputError`` (exit 3).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from pathlib import Path

from assess.errors import OutputError

#: Leftover temporary files older than this are a killed run's, not a concurrent writer's.
STALE_SECONDS = 60


def _umask() -> int:
    """The process's umask. Reading it means setting it: the moment between, a file another
    thread creates gets the strictest mask, never a looser one."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _fail(path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if exc.errno is not None and exc.errno in (28, 122):  # ENOSPC, EDQUOT
        reason = "the disk is full"
    return OutputError(f"{path}: cannot write ({reason})")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _to_stdout(data: bytes) -> None:
    stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    try:
        if stream is None:
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
        else:
            stream.write(data)
            stream.flush()
    except OSError as exc:
        raise _fail(Path("-"), exc) from None


def _clean_stale(directory: Path, name: str) -> None:
    """Remove temporary files a killed earlier write of ``name`` left behind."""
    cutoff = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError):
        for leftover in directory.glob(f".{name}.*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.lstat().st_mtime < cutoff:
                    leftover.unlink()


def _temporary(directory: Path, name: str, mode: int) -> tuple[int, Path | None]:
    """An open temporary file in ``directory``: anonymous (path None) where the system can."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and os.path.exists("/proc/self/fd"):
        try:
            return os.open(directory, flag | os.O_WRONLY, mode), None
        except OSError:
            pass  # a file system without O_TMPFILE: a named temporary file then
    for attempt in range(100):
        tmp = directory / f".{name}.{os.getpid()}-{attempt}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {name}")


def _link(fd: int, name: Path) -> None:
    """Give the anonymous file ``fd`` the ``name`` (linkat with AT_SYMLINK_FOLLOW on its
    /proc/self/fd entry; os.link only calls linkat when given a directory descriptor)."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.link(str(fd), name, src_dir_fd=proc, follow_symlinks=True)
    finally:
        os.close(proc)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the new, never half."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if str(path) == "-":
        _to_stdout(data)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise OutputError(
            f"{path}: cannot write ({target.parent} is a file, not a folder; choose another path)"
        ) from None
    except OSError as exc:
        raise _fail(path, exc) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name inside it")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_device(path, target, data)
        return
    directory = target.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(
            f"{path}: cannot write (a part of {directory} is a file, not a folder; "
            "choose another path)"
        ) from None
    except OSError as exc:
        raise _fail(path, exc) from None
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    _clean_stale(directory, target.name)
    try:
        fd, tmp = _temporary(directory, target.name, mode)
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
            if tmp is None:  # give the anonymous file a name, then rename it into place
                tmp = directory / f".{target.name}.{os.getpid()}-linked.tmp"
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
                _link(fd, tmp)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise _fail(path, exc) from None
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise


def _write_device(path: Path, target: Path, data: bytes) -> None:
    """Write into an existing non-regular file (a device or a pipe) as it is."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise _fail(path, exc) from None
    finally:
        os.close(fd)
