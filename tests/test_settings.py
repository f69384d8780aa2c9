"""WirebriefSettings: every default in one place, checked."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_site, wirebrief
from wirebrief.settings import SettingsError, WirebriefSettings

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_and_the_sample_sites_values():
    cfg = WirebriefSettings.from_file(ROOT / "pelicanconf.py")
    assert cfg.seeds_dir == ROOT / "seeds" and cfg.content_dir == ROOT / "content"
    assert cfg.review_page is True and cfg.facet_latest == 30 and cfg.incremental and cfg.pause_gc
    assert cfg.public_url.startswith("https://") and cfg.topics["Energy"][0] == "energy"


def test_an_unknown_name_is_an_error_that_names_it():
    with pytest.raises(SettingsError, match="WIREBRIEF_FACETS_LATEST"):
        WirebriefSettings.from_pelican({"WIREBRIEF_FACETS_LATEST": 10, "PATH": "content"})


@pytest.mark.parametrize("name, value", [("WIREBRIEF_FACET_LATEST", "30"), ("WIREBRIEF_INCREMENTAL", 1),
                                         ("WIREBRIEF_MAX_SEED_BYTES", True), ("WIREBRIEF_SEEDS", 3),
                                         ("WIREBRIEF_TOPICS", {"Energy": "gas"})])
def test_a_wrong_type_is_an_error_that_names_the_setting(name, value):
    with pytest.raises(SettingsError, match=name):
        WirebriefSettings.from_pelican({name: value, "PATH": "content"})


def test_built_once_per_settings_dict():
    settings = {"PATH": "content", "WIREBRIEF_FACET_LATEST": 5}
    first = WirebriefSettings.of(settings)
    assert first.facet_latest == 5 and WirebriefSettings.of(settings) is first


def test_the_collector_pause_is_a_setting(monkeypatch):
    import gc
    from types import SimpleNamespace

    from wirebrief.site import hooks

    collecting = []   # whether the collector runs while the build does (ingest, as it starts)
    monkeypatch.setattr(hooks, "run_ingest", lambda pelican: collecting.append(gc.isenabled()))
    for setting in (False, True):
        settings = {"PATH": str(ROOT / "content"), "WIREBRIEF_PAUSE_GC": setting, "WIREBRIEF_INGEST": False}
        hooks.get_generators(SimpleNamespace(settings=settings))
        hooks.build_finished(None)
    assert collecting == [True, False] and gc.isenabled()


def test_the_editions_sending_settings_render_nothing_again():
    from wirebrief.site.renderplan import code_and_settings_digest

    base = {"PATH": "content", "THEME": "theme", "WIREBRIEF_EDITION_TO": ["desk@example.org"], "WIREBRIEF_SMTP_PORT": 25}
    digest = code_and_settings_digest(base)
    assert code_and_settings_digest({**base, "WIREBRIEF_EDITION_TO": ["other@example.org"], "WIREBRIEF_SMTP_PORT": 587}) == digest
    assert code_and_settings_digest({**base, "WIREBRIEF_FACET_LATEST": 5}) != digest
    with pytest.raises(SettingsError, match="WIREBRIEF_EDITION_TO"):
        WirebriefSettings.from_pelican({"PATH": "content", "WIREBRIEF_EDITION_TO": "desk@example.org"})


@pytest.mark.parametrize("seeds, other", [("content/seeds", "PATH"), ("content", "PATH"), (".", "PATH"),
                                          ("output/seeds", "OUTPUT_PATH")])
def test_a_seeds_folder_inside_content_or_output_or_around_them_is_refused(tmp_path, seeds, other):
    with pytest.raises(SettingsError, match=rf"WIREBRIEF_SEEDS \(.*\) and {other} .*separate folders"):
        WirebriefSettings.from_pelican({"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output"),
                                        "WIREBRIEF_SEEDS": seeds}, base=tmp_path)


def test_a_seeds_folder_beside_content_and_output_is_accepted(tmp_path):
    cfg = WirebriefSettings.from_pelican({"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output"),
                                          "WIREBRIEF_SEEDS": "wire/incoming"}, base=tmp_path)
    assert cfg.seeds_dir == tmp_path / "wire" / "incoming"


def test_a_build_with_its_seeds_inside_content_stops_before_ingest(tmp_path):
    """There, a seed saved while ingest runs would be in the digest the up-to-date check takes
    of content/ after ingest, and the next build would find nothing changed."""
    site = make_site(tmp_path)
    (site / "seeds").rename(site / "content" / "wire")
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + '\nWIREBRIEF_SEEDS = "content/wire"\n')
    result = subprocess.run([sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
                            cwd=site, capture_output=True, text=True, timeout=300)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "WIREBRIEF_SEEDS" in log and "separate folders" in log and "Traceback" not in log, log
    assert not (site / "content" / "briefings").exists() and not (site / "output" / "index.html").exists()
    cli = wirebrief("ingest", cwd=site)
    assert cli.returncode == 2 and "WIREBRIEF_SEEDS" in cli.stderr and "Traceback" not in cli.stderr


def test_the_command_checks_the_output_folder_only_where_it_is_known(tmp_path):
    """`wirebrief ingest --seeds . --content …` from a drop folder: no output folder is
    involved, so none is guessed (the settings file, when it names OUTPUT_PATH, is checked)."""
    (tmp_path / "drop").mkdir()
    (tmp_path / "drop" / "one.txt").write_text("Oslo opens a bridge\n\nOSLO, Nov. 27 (NTB) -- A bridge opened.\n")
    (tmp_path / "drop" / "output").mkdir()   # a folder of that name, which is not the site's output
    cfg = WirebriefSettings.from_pelican({"PATH": str(tmp_path / "site" / "content"), "WIREBRIEF_SEEDS": "."},
                                         base=tmp_path / "drop")
    assert cfg.seeds_dir.resolve() == (tmp_path / "drop").resolve()
    with pytest.raises(SettingsError, match="OUTPUT_PATH"):
        WirebriefSettings.from_pelican({"PATH": str(tmp_path / "site" / "content"), "WIREBRIEF_SEEDS": ".",
                                        "OUTPUT_PATH": "output"}, base=tmp_path / "drop")
