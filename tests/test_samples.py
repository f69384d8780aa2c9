"""Every sample seed against the expected metadata written by hand beside the tests."""

import json

import pytest

from conftest import ROOT
from wirebrief.tools.cli import record_json
from wirebrief.extract import extract
from wirebrief.ingest.received import Ledger
from wirebrief.ingest.seeds import decode

EXPECTED = sorted((ROOT / "tests" / "expected").glob("*.json"))
LEDGER = Ledger(ROOT / "seeds")


def test_every_sample_seed_has_expected_metadata():
    seeds = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert seeds == {json.loads(p.read_text())["seed"].removeprefix("seeds/") for p in EXPECTED}
    assert len(seeds) == 23   # 17 in English, 6 in other languages


def test_every_sample_seed_has_a_received_time_that_travels_with_it():
    # without one, a fresh clone would date the undated samples by their commit time
    assert {p.name for p in (ROOT / "seeds").glob("*.txt")} == set(LEDGER.entries)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_sample_seed(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    seed = ROOT / expected["seed"]
    data = seed.read_bytes()
    reference = LEDGER.received(seed, data, 0)
    got = record_json(extract(decode(data), reference), expected["seed"])
    assert {k: got[k] for k in expected} == expected
