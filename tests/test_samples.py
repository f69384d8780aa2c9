"""Every sample seed against the expected metadata written by hand beside the tests."""

import json
from datetime import date

import pytest

from conftest import ROOT
from wirebrief.cli import record_json
from wirebrief.extract import extract
from wirebrief.seeds import decode

EXPECTED = sorted((ROOT / "tests" / "expected").glob("*.json"))


def test_every_sample_seed_has_expected_metadata():
    seeds = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert seeds == {json.loads(p.read_text())["seed"].removeprefix("seeds/") for p in EXPECTED}
    assert len(seeds) >= 13


@pytest.mark.parametrize("expected_path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_sample_seed(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    reference = date.fromisoformat(expected.pop("_reference_date"))
    seed = ROOT / expected["seed"]
    got = record_json(extract(decode(seed.read_bytes()), reference), expected["seed"])
    assert {k: got[k] for k in expected} == expected
