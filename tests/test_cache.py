"""The cache of validated bundled catalogs: same models, never stale, never trusted blindly."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest

from assess import api, cache
from assess.models.catalog import Catalog
from assess.models.support import SupportDirectory
from tests.conftest import CATALOG_FILE


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ASSESS_CACHE_DIR", str(folder))
    return folder


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def entry(folder: Path) -> Path:
    (found,) = folder.glob("*.pickle")
    return found


def test_bundled_catalog_from_cache_equals_the_parsed_one(cache_dir: Path) -> None:
    first = api.load_catalog("acs-it-notfall@2021.05")
    assert len(list(cache_dir.glob("catalog-*.pickle"))) == 1
    second = api.load_catalog("acs-it-notfall@2021.05")
    parsed = api.load_catalog(CATALOG_FILE)  # a file path never goes through the cache
    assert first == second == parsed
    assert second is not first


def test_bundled_directory_from_cache_equals_the_parsed_one(cache_dir: Path) -> None:
    first = api.load_directory()
    second = api.load_directory()
    assert isinstance(second, SupportDirectory)
    assert first == second
    assert len(list(cache_dir.glob("directory-*.pickle"))) == 1


def test_a_hit_does_not_build_again(cache_dir: Path, real_catalog: Catalog) -> None:
    build = Builds(real_catalog)
    assert cache.cached("catalog", Catalog, b"source", build) is real_catalog
    assert cache.cached("catalog", Catalog, b"source", build) == real_catalog
    assert build.calls == 1
    assert (entry(cache_dir).stat().st_mode & 0o777) == 0o600


def test_changed_source_is_a_new_entry(cache_dir: Path, real_catalog: Catalog) -> None:
    build = Builds(real_catalog)
    cache.cached("catalog", Catalog, b"version 1", build)
    cache.cached("catalog", Catalog, b"version 2", build)
    assert build.calls == 2
    assert len(list(cache_dir.glob("*.pickle"))) == 2


def test_corrupt_entry_is_ignored_and_replaced(cache_dir: Path, real_catalog: Catalog) -> None:
    build = Builds(real_catalog)
    cache.cached("catalog", Catalog, b"source", build)
    path = entry(cache_dir)
    blob = bytearray(path.read_bytes())
    blob[-10] ^= 0xFF
    path.write_bytes(bytes(blob))
    assert cache.cached("catalog", Catalog, b"source", build) == real_catalog
    assert build.calls == 2
    assert cache.cached("catalog", Catalog, b"source", build) == real_catalog
    assert build.calls == 2  # the rewritten entry is good again


def test_truncated_entry_is_ignored(cache_dir: Path, real_catalog: Catalog) -> None:
    build = Builds(real_catalog)
    cache.cached("catalog", Catalog, b"source", build)
    path = entry(cache_dir)
    path.write_bytes(path.read_bytes()[:40])
    assert cache.cached("catalog", Catalog, b"source", build) == real_catalog
    assert build.calls == 2


class _Exploit:
    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, ("PWNED", "w"))  # creates a file when unpickled by a plain pickle.load


def forge(path: Path, value: object) -> None:
    """An entry with a valid header and digest, as an attacker could write it."""
    payload = pickle.dumps(value)
    path.write_bytes(cache.MAGIC + hashlib.sha256(payload).digest() + payload)


def test_tampered_entry_cannot_run_code(
    cache_dir: Path, real_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    build = Builds(real_catalog)
    cache.cached("catalog", Catalog, b"source", build)
    forge(entry(cache_dir), _Exploit())
    assert cache.cached("catalog", Catalog, b"source", build) == real_catalog
    assert build.calls == 2
    assert not (tmp_path / "PWNED").exists()
    forge(entry(cache_dir), _Exploit())
    pickle.loads(entry(cache_dir).read_bytes()[len(cache.MAGIC) + 32 :]).close()
    assert (tmp_path / "PWNED").exists()  # the forged entry was a real exploit


def test_entry_of_another_type_is_ignored(
    cache_dir: Path, real_catalog: Catalog, directory: SupportDirectory
) -> None:
    build = Builds(real_catalog)
    cache.cached("catalog", Catalog, b"source", build)
    forge(entry(cache_dir), directory)  # an allowed class, but not a catalog
    assert cache.cached("catalog", Catalog, b"source", build) is real_catalog
    assert build.calls == 2


def test_cache_off_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_catalog: Catalog
) -> None:
    monkeypatch.setenv("ASSESS_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    build = Builds(real_catalog)
    cache.cached("catalog", Catalog, b"source", build)
    cache.cached("catalog", Catalog, b"source", build)
    assert build.calls == 2
    assert list(tmp_path.rglob("*.pickle")) == []


def test_unwritable_cache_falls_back_silently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_catalog: Catalog
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ASSESS_CACHE_DIR", str(blocker / "cache"))
    build = Builds(real_catalog)
    assert cache.cached("catalog", Catalog, b"source", build) is real_catalog
    assert api.load_catalog("acs-it-notfall") == real_catalog


def test_default_location_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSESS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "assess"


def test_changed_model_code_is_a_new_entry(
    cache_dir: Path, real_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = Builds(real_catalog)
    cache.cached("catalog", Catalog, b"source", build)
    monkeypatch.setattr(cache, "_code", lambda: b"other model code")
    cache.cached("catalog", Catalog, b"source", build)
    assert build.calls == 2
