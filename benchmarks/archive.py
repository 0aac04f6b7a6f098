"""Synthetic archives for the benchmarks: the project's own generated articles (benchmarks/corpus.py)."""

from __future__ import annotations

import os
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
