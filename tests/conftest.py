"""Shared fixtures: the bundled catalog, a small hand-computable catalog, profiles, answers."""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from assess import resources
from assess.evaluate import evaluate
from assess.models.answers import Assessment
from assess.models.catalog import Catalog
from assess.models.profile import Profile
from assess.models.result import Evaluation
from assess.models.support import SupportDirectory

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
CATALOG_FILE = resources.find_bundled("acs-it-notfall", "2021.05").path  # type: ignore[union-attr]
CHROMIUM = Path("/usr/bin/chromium")
SEED = ROOT.parent / "shared" / "seed" / "000_b78de861fd567422.txt"


def real_catalog_data() -> dict[str, Any]:
    return yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))


def text(de: str, en: str | None = None) -> dict[str, str]:
    return {"de": de, "en": en or de}


def control(
    cid: str, phase: str, criticality: str, stage: int, effort: int, **extra: Any
) -> dict[str, Any]:
    return {
        "id": cid,
        "phase": phase,
        "title": text(f"Titel {cid}", f"Title {cid}"),
        "question": text(f"Frage {cid}?", f"Question {cid}?"),
        "guidance": text("Hinweis.", "Guidance."),
        "source_ref": {"de": "Test", "en": "Test"},
        "criticality": criticality,
        "stage": stage,
        "effort": effort,
        "owner_role": "it",
        **extra,
    }


# The worked example of the README: weights top 3 / high 2 / normal 1.
MINI_CONTROLS = [
    control(
        "VOR-01",
        "vorbereitung",
        "top",
        1,
        1,
        mandatory=True,
        depends_on=["VOR-02"],
        support=["incident-response"],
    ),
    control("VOR-02", "vorbereitung", "high", 1, 2),
    control("VOR-03", "vorbereitung", "high", 2, 3, depends_on=["VOR-02"]),
    control(
        "BER-01",
        "bereitschaft",
        "normal",
        2,
        1,
        weight_modifiers=[
            {
                "when": {"field": "works_council", "eq": True},
                "factor": 1.5,
                "reason": text("Betriebsrat", "Works council"),
            }
        ],
    ),
    control("BEW-01", "bewaeltigung", "normal", 3, 2, applies_if={"field": "employees", "gte": 50}),
    control("NAC-01", "nachbereitung", "high", 3, 1),
]


def mini_catalog_data(controls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    data = real_catalog_data()
    data["id"] = "mini"
    data["version"] = "1"
    data["revision"] = 1
    data["changes"] = []
    data["controls"] = copy.deepcopy(MINI_CONTROLS if controls is None else controls)
    return data


PROFILE: dict[str, Any] = {
    "name": "Beispiel GmbH",
    "employees": 8,
    "sector": "Handwerk",
    "bundesland": "BY",
    "chamber": "hwk",
    "it_operation": "external",
    "personal_data": "standard",
    "works_council": True,
}


def make_profile(**changes: Any) -> Profile:
    return Profile.model_validate({**PROFILE, **changes})


def make_assessment(answers: dict[str, Any], pin: str = "mini@1") -> Assessment:
    return Assessment.model_validate(
        {"catalog": pin, "date": dt.date(2026, 3, 1), "assessor": "Test", "answers": answers}
    )


WORKED_ANSWERS = {
    "VOR-01": "partial",
    "VOR-02": "partial",
    "VOR-03": "not",
    "BER-01": "fulfilled",
    "BEW-01": "fulfilled",
}


@pytest.fixture(scope="session")
def directory() -> SupportDirectory:
    from assess.api import load_directory

    return load_directory()


@pytest.fixture(scope="session")
def real_catalog() -> Catalog:
    from assess.api import load_catalog

    return load_catalog("acs-it-notfall@2021.05")


@pytest.fixture
def mini() -> Catalog:
    return Catalog.model_validate(mini_catalog_data())


@pytest.fixture
def worked(mini: Catalog, directory: SupportDirectory) -> Evaluation:
    return evaluate(mini, make_profile(), make_assessment(WORKED_ANSWERS), directory)


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session", autouse=True)
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The cache of validated bundled catalogs lives in a temporary folder, never in ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSESS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session", autouse=True)
def _user_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """No test reads or writes the real user data directory (where `assess update` stores)."""
    import os

    saved = {k: os.environ.get(k) for k in ("ASSESS_DATA_DIR", "ASSESS_OFFLINE")}
    os.environ["ASSESS_DATA_DIR"] = str(tmp_path_factory.mktemp("user-data"))
    os.environ.pop("ASSESS_OFFLINE", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def browser_or_skip() -> Any:
    """Playwright's launcher for the Debian Chromium, or skip (fail where a browser is required,
    as in CI with ASSESS_REQUIRE_BROWSER=1)."""
    reason = ""
    if not CHROMIUM.exists():
        reason = "Chromium is not installed (Debian: apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            reason = "playwright is not installed (pip install '.[test]')"
        else:
            return sync_playwright
    if os.environ.get("ASSESS_REQUIRE_BROWSER"):
        pytest.fail(f"browser test required but {reason}")
    pytest.skip(reason)
