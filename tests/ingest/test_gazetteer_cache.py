"""The gazetteer's tables are kept in the user's cache folder, for every site on the machine,
else in the site's own cache folder; a cache that cannot be written costs time, nothing else."""

import pytest

from wirebrief.extract import gazetteer
from wirebrief.ingest import sync


@pytest.fixture
def fresh(monkeypatch):
    """As in a new process: nothing loaded yet."""
    monkeypatch.setattr(sync, "_GAZETTEER_LOADED", False)
    return monkeypatch


def kept(folder):
    return sorted(p.name for p in folder.glob("wirebrief-gazetteer-*.pickle")) if folder.is_dir() else []


def test_the_tables_are_built_once_into_the_users_cache_and_shared_by_other_sites(tmp_path, fresh):
    fresh.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    sync._load_gazetteer(tmp_path / "site-a" / "cache")
    (name,) = kept(tmp_path / "xdg" / "wirebrief")
    assert kept(tmp_path / "site-a" / "cache") == []

    # another site on the machine: read, not built (building would fail now)
    fresh.setattr(sync, "_GAZETTEER_LOADED", False)
    fresh.setattr(gazetteer, "snapshot", lambda: pytest.fail("built again"))
    sync._load_gazetteer(tmp_path / "site-b" / "cache")
    assert kept(tmp_path / "site-b" / "cache") == []
    assert gazetteer.find_city("Beijing").country_code == "CN"


def test_without_a_writable_user_cache_the_sites_cache_folder_keeps_them(tmp_path, fresh):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    fresh.setenv("XDG_CACHE_HOME", str(blocked))
    sync._load_gazetteer(tmp_path / "site" / "cache")
    assert len(kept(tmp_path / "site" / "cache")) == 1

    fresh.setattr(sync, "_GAZETTEER_LOADED", False)
    fresh.setattr(gazetteer, "snapshot", lambda: pytest.fail("built again"))
    sync._load_gazetteer(tmp_path / "site" / "cache")   # read from there


def test_a_relative_cache_home_is_not_used(fresh):
    fresh.setenv("XDG_CACHE_HOME", "relative/cache")
    fresh.setenv("HOME", "relative-home")
    assert sync._user_cache() == []
