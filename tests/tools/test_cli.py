"""The `wirebrief` command."""

import json

from conftest import ROOT, USER_SEED, wirebrief

KEYS = ["title", "lang", "date", "date_source", "dateline", "city", "region", "country", "location", "place_source",
        "other_places", "source", "credit", "photo_caption", "photo_credit", "people", "countries", "summary", "tags",
        "category", "subjects", "slug", "wire_status", "urgency", "version_kind", "version", "editors_note", "embargo",
        "desk_slug", "word_count", "item_id", "item_format", "seed", "warnings"]


def test_extract_json_for_the_users_seed():
    result = wirebrief("extract", str(USER_SEED), "--json", "--reference-date", "2023-06-01", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert list(record) == KEYS
    assert record["title"] == "Chinese premier calls for closer exchanges, enhanced cooperation with Kazakhstan"
    assert record["date"] == "2022-11-29"
    assert (record["city"], record["country"], record["location"]) == ("Beijing", "China", "Beijing, China")
    assert record["photo_credit"] == "Xinhua"
    assert not record["photo_caption"].endswith("(Photo: Xinhua)")
    assert [p["name"] for p in record["people"]] == ["Li Keqiang", "Alikhan Smailov"]
    assert record["countries"] == ["China", "Kazakhstan"]


def test_extract_json_lines_for_several_files_and_an_error(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = wirebrief("extract", str(USER_SEED), str(bad), "--json", cwd=ROOT)
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 2 and result.returncode == 1
    assert lines[1]["title"] is None and lines[1]["people"] == [] and "empty file" in lines[1]["warnings"][0]


def test_ingest_strict_exit_status(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "good.txt").write_text("Headline\n\nBody text here.\n")
    ok = wirebrief("ingest", "--seeds", "seeds", "--content", "content", "--strict", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "content/briefings/headline.md: created from seeds/good.txt" in ok.stdout
    (tmp_path / "seeds" / "bad.txt").write_bytes(b"\x00\x01binary")
    lenient = wirebrief("ingest", "--seeds", "seeds", "--content", "content", cwd=tmp_path)
    strict = wirebrief("ingest", "--seeds", "seeds", "--content", "content", "--strict", cwd=tmp_path)
    assert lenient.returncode == 0 and strict.returncode == 1
    assert "seeds/bad.txt: skipped: binary data" in strict.stderr
