"""The `assess` command's own start and end (assess.entry): same output and exit codes as the
CLI called directly, atexit handlers run, no importlib.metadata while pydantic plugins are off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from assess.cli import main
from assess.resources import bundled_profiles

EXAMPLE = bundled_profiles()["mueller-antriebstechnik"].parent / "answers-2026.yaml"

#: Runs the entry point the way the console script does, and reports from an atexit handler
#: (which must still run) whether importlib.metadata was imported.
PROBE = """
import atexit, sys
atexit.register(lambda: print("metadata:", "importlib.metadata" in sys.modules, file=sys.stderr))
from assess.entry import run
sys.argv = ["assess", *sys.argv[1:]]
sys.exit(run())
"""


def _entry(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        env={**environ, **env},
        timeout=60,
    )


def _direct(*args: str) -> tuple[int, bytes]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout_bytes


def test_same_output_as_the_cli_and_atexit_handlers_run() -> None:
    for fmt in ("text", "json", "markdown"):
        args = ("evaluate", str(EXAMPLE), "--format", fmt)
        proc = _entry(*args)
        assert proc.returncode == 0, proc.stderr
        assert (0, proc.stdout) == _direct(*args)
        assert proc.stderr.decode().splitlines()[-1] == "metadata: False"


def test_exit_codes_and_messages_kept(tmp_path: Path) -> None:
    below = _entry("evaluate", str(EXAMPLE), "--fail-under", "99")
    assert below.returncode == 1
    assert b"is below --fail-under 99 %" in below.stderr
    broken = tmp_path / "answers.yaml"
    broken.write_text("catalog: acs-it-notfall@2021.05\nanswers: [\n", encoding="utf-8")
    bad = _entry("evaluate", str(broken))
    assert bad.returncode == 2
    assert str(broken).encode() in bad.stderr
    usage = _entry("evaluate")
    assert usage.returncode == 2
    assert b"Missing argument 'ANSWERS'" in usage.stderr


def test_output_to_a_file_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "e.json"
    proc = _entry("evaluate", str(EXAMPLE), "--format", "json", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == _direct("evaluate", str(EXAMPLE), "--format", "json")[1]


def test_plugins_named_by_the_user_are_looked_up() -> None:
    # Only some plugins off: pydantic's real loader is asked (and imports importlib.metadata).
    proc = _entry("evaluate", str(EXAMPLE), PYDANTIC_DISABLE_PLUGINS="some-plugin")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == _direct("evaluate", str(EXAMPLE))[1]
    assert proc.stderr.decode().splitlines()[-1] == "metadata: True"


def test_stand_in_offers_what_pydantic_imports_from_its_loader() -> None:
    # pydantic imports only get_plugins from its loader; a new pydantic that imports more
    # would fail here rather than in a user's evaluation.
    import pydantic

    source = Path(pydantic.__file__).parent
    imports = {
        line.strip()
        for path in source.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if "_loader import" in line
    }
    assert imports == {"from ._loader import get_plugins"}


def test_the_console_command_starts_here() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["assess"] == "assess.entry:run"
    main_module = Path(__file__).resolve().parents[1] / "src" / "assess" / "__main__.py"
    assert "from assess.entry import run" in main_module.read_text(encoding="utf-8")
