"""The wheel carries the catalogs and profiles: an installed `assess` works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("not running from a source checkout")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("assess-*.whl"))


def test_wheel_contains_bundled_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "assess/_data/catalogs/acs-it-notfall/2021.05.yaml" in names
    assert "assess/_data/catalogs/support-de/2026.11.yaml" in names
    for framework in ("nis2", "iso27001", "grundschutz", "din-spec-27076"):
        assert f"assess/_data/catalogs/acs-it-notfall/frameworks/{framework}.yaml" in names
    for example in ("schreinerei-huber", "mueller-antriebstechnik", "steuerkanzlei-becker"):
        assert f"assess/_data/profiles/{example}/profile.yaml" in names
        assert f"assess/_data/profiles/{example}/answers-2026.yaml" in names
    for asset in (
        "templates/report.html.j2",
        "templates/_card.html.j2",
        "assets/report.css",
        "assets/pdf.css",
        "assets/ua.css",
        "assets/fonts/DejaVuSans.ttf",
        "assets/fonts/LICENSE",
    ):
        assert f"assess/report/{asset}" in names


def test_installed_wheel_runs_the_demo_away_from_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # what pip install does with a pure wheel
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [sys.executable, "-c", "import assess.resources as r; print(r.data_root())"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tmp_path,
    )
    assert Path(probe.stdout.strip()) == site / "assess" / "_data"
    demo = subprocess.run(
        [sys.executable, "-m", "assess", "demo", "--lang", "en", "--out", "out"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert demo.returncode == 0, demo.stderr
    assert "Maturity level: 0 – Unmanaged" in demo.stdout
    # the report and the card come from the installed templates, assets and font
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert (tmp_path / "out" / "card.pdf").read_bytes().startswith(b"%PDF-")
