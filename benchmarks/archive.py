"""Synthetic archives for the benchmarks: the project's own generated articles (benchmarks/corpus.py), or the
issues' generator where it lies beside the clone, raw or curated by `site-gen ingest`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from corpus import make_corpus


def make_archive(root: Path, count: int, seed: int) -> Path:
    """A site folder of `count` articles, dated an hour ago as an archive is (written long before the build).

    It holds only `seeds/`: the build uses the default theme.
    """
    source = root / f"site-{count}"
    make_corpus(count, source / "seeds", seed)
    hour_ago = time.time() - 3600
    for path in (source / "seeds").iterdir():
        os.utime(path, (hour_ago, hour_ago))
    return source


#: The generator the project's issues measure on, beside the clone (measured on, never tuned on).
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_corpus.py"


def make_shared_archive(root: Path, count: int, seed: int) -> Path | None:
    """A site folder of `count` articles from the issues' own generator (`../shared/bench/make_corpus.py`),
    or None where it is not beside the clone."""
    if not SHARED_CORPUS.is_file():
        return None
    source = root / f"shared-{count}"
    subprocess.run([sys.executable, str(SHARED_CORPUS), "--count", str(count), "--out", str(source / "seeds"),
                    "--seed", str(seed)], check=True, capture_output=True)
    hour_ago = time.time() - 3600
    for path in (source / "seeds").iterdir():
        os.utime(path, (hour_ago, hour_ago))
    return source


def ingest(source: Path) -> None:
    """Curate the archive as an editor would: `site-gen ingest`, then the raw files removed."""
    from site_gen.config import load_config
    from site_gen.content.curate import ingest_archive

    ingest_archive(load_config(source))
    for path in (source / "seeds").glob("*.txt"):
        path.unlink()
