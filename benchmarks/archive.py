"""Synthetic archives for the benchmarks: ../shared/bench/make_corpus.py articles beside the project's templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
MAKE_CORPUS = PROJECT.parent / "shared" / "bench" / "make_corpus.py"


def make_archive(root: Path, count: int, seed: int) -> Path:
    """A site folder of `count` articles, dated an hour ago as an archive is (written long before the build)."""
    source = root / f"site-{count}"
    (source / "seeds").mkdir(parents=True)
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--count", str(count), "--out", str(source / "seeds"),
                    "--seed", str(seed)], check=True, capture_output=True)
    shutil.copytree(PROJECT / "templates", source / "templates")
    shutil.copytree(PROJECT / "static", source / "static")
    hour_ago = time.time() - 3600
    for path in (source / "seeds").iterdir():
        os.utime(path, (hour_ago, hour_ago))
    return source
