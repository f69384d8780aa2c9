"""Every generated page against the Nu HTML Checker (vnu.jar from npm, on the machine's Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(built_sample_site):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: `make test` installs them (make test-tools)")
    pages = sorted(str(p) for p in (built_sample_site / "output").rglob("*.html") if "pagefind" not in p.parts)
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [(Path(m.get("url", "")).name, m.get("lastLine"), m["message"]) for m in messages if m.get("type") == "error"]
    assert errors == [], errors[:20]
    assert len(pages) > 100
