"""Writing files: atomic, through symlinks, into devices, with the right mode, no leftovers."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from assess import output
from assess.errors import NotFoundError, OutputError
from assess.load import read_text
from assess.output import write_atomic


def test_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640


def test_replacing_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o604)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "sub" / "real.txt")
    write_atomic(link, "new")
    assert link.is_symlink()
    assert (tmp_path / "sub" / "real.txt").read_text() == "new"


def test_devices_are_written_into_not_replaced() -> None:
    write_atomic(Path("/dev/null"), "x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(OutputError, match="the disk is full"):
        write_atomic(Path("/dev/full"), "x")


def test_dash_is_standard_output(capfd: pytest.CaptureFixture[str]) -> None:
    write_atomic(Path("-"), "hallo\n")
    assert capfd.readouterr().out == "hallo\n"


def test_parent_that_is_a_file_and_folder_target(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        write_atomic(tmp_path / "f" / "a.txt", "x")
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, "x")


def test_missing_parents_are_created(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a" / "b" / "c.txt", "x")
    assert (tmp_path / "a" / "b" / "c.txt").read_text() == "x"


def test_nothing_visible_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Killed at the moment the data is complete: the folder holds nothing but the old target.
    target = tmp_path / "a.txt"
    target.write_text("old")
    seen: list[list[str]] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    write_atomic(target, "new")
    if getattr(os, "O_TMPFILE", 0):
        assert seen == [["a.txt"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_stale_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".a.txt.123-0.tmp"
    fresh = tmp_path / ".a.txt.456-0.tmp"  # a concurrent writer's: left alone
    stale.write_text("half")
    fresh.write_text("busy")
    old = time.time() - output.STALE_SECONDS - 10
    os.utime(stale, (old, old))
    write_atomic(tmp_path / "a.txt", "x")
    assert not stale.exists()
    assert fresh.exists()


def test_named_fallback_without_o_tmpfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    write_atomic(tmp_path / "a.txt", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_unreadable_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("a: 1")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(NotFoundError, match="no permission to read it"):
        read_text(path)
