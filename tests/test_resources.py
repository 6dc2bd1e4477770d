"""Where fetched catalogs are stored: the user data directory, as platformdirs names it."""

from __future__ import annotations

import sys

import pytest
from platformdirs import user_data_dir as platform_dir

from assess import resources


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shortcut is for Linux")
@pytest.mark.parametrize("xdg", [None, "", "   ", "/srv/daten", "/srv/daten/", "relativ/pfad"])
@pytest.mark.parametrize("home", [None, "/home/inhaberin", "/home/inhaberin/", "/", "relativ"])
def test_user_data_dir_is_what_platformdirs_says(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str | None
) -> None:
    monkeypatch.delenv("ASSESS_DATA_DIR", raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert resources.user_data_dir() == resources.Path(platform_dir("assess", appauthor=False))


def test_assess_data_dir_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESS_DATA_DIR", "/opt/assess-daten")
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/daten")
    assert str(resources.user_data_dir()) == "/opt/assess-daten"
