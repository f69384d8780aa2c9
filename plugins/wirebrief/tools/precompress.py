"""Precompressed copies for hosts that serve them (nginx gzip_static/brotli_static, S3 with
Content-Encoding): file.html.gz and file.html.br beside each text file, when smaller."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from ..files import fault, write_atomically

EXTENSIONS = {".html", ".css", ".js", ".xml", ".json", ".txt", ".svg"}
MIN_BYTES = 256


def precompress(output: Path) -> tuple[int, int, int, int]:
    """Write .gz and .br copies; returns (files, original bytes, gzip bytes, brotli bytes).
    Deterministic: the same file always gives the same bytes (no time stamp in the gzip header).
    Each copy is written whole or not at all; a failure raises FileFault naming the file."""
    files = original = gz_total = br_total = 0
    for path in sorted(output.rglob("*")):
        if path.suffix not in EXTENSIONS or not path.is_file() or path.stat().st_size < MIN_BYTES:
            continue
        try:
            data = path.read_bytes()
        except OSError as e:
            raise fault(e, "read", path) from e
        gz = gzip.compress(data, compresslevel=9, mtime=0)
        br = brotli.compress(data, quality=11)
        files += 1
        original += len(data)
        for suffix, packed in ((".gz", gz), (".br", br)):
            target = path.with_name(path.name + suffix)
            if len(packed) < len(data):
                if not target.exists() or target.read_bytes() != packed:
                    write_atomically(target, packed)
            else:
                try:
                    target.unlink(missing_ok=True)
                except OSError as e:
                    raise fault(e, "remove", target) from e
        gz_total += min(len(gz), len(data))
        br_total += min(len(br), len(data))
    return files, original, gz_total, br_total


def report(stats: tuple[int, int, int, int]) -> str:
    files, original, gz, br = stats
    if not files:
        return "precompress: no text files"
    return (f"precompress: {files} files, {original / 1024:,.0f} KB; gzip {gz / 1024:,.0f} KB "
            f"({original / gz:.1f}x smaller), brotli {br / 1024:,.0f} KB ({original / br:.1f}x smaller)")
