"""Rebuild speed: cold build, no-change build, one article saved, one template changed.

    python benchmarks/rebuild_speed.py [--count 1000 10000] [--seed 1]

For each size, makes an archive with benchmarks/corpus.py, builds it cold,
then times (best of three, each on a fresh edit):
- a second `build` with nothing changed;
- saving one article (a sentence added) until its rebuilt pages are on disk, as the
  preview server does it (the cache kept in memory between builds);
- the same from the command line (cache read from disk);
- one template changed (the player page), which re-renders every player page.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from archive import make_archive
from site_gen.build import build
from site_gen.output.cache import BuildCache, cache_folder
from site_gen.config import load_config
from site_gen.output.theme import copy_default_files

def timed(action) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def measure(count: int, seed: int, root: Path) -> None:
    source = make_archive(root, count, seed)
    config = load_config(source, out_dir=root / f"out-{count}")
    seeds = sorted(config.seeds_dir.rglob("*.txt"))
    cold, report = timed(lambda: build(config, use_cache=False))
    print(f"{count:>7,} articles: cold build {cold:6.2f} s, {report.pages:,} pages")  # type: ignore[attr-defined]
    no_change = min(timed(lambda: build(config))[0] for _ in range(3))
    print(f"{'':>17} no-change build {no_change:6.3f} s")
    memory = BuildCache(cache_folder(config.out_dir), "", write_through=False)  # as serve keeps it
    build(config, cache=memory, in_place=True)
    for label, cache in (("one article saved (serve)", memory), ("one article saved (build)", None)):
        times, rendered = [], 0
        for attempt in range(3):
            target = seeds[(attempt * 7919) % len(seeds)]
            with target.open("a", encoding="utf-8") as handle:
                handle.write(f"\n\nThe deal is expected to be completed this week ({label}, {attempt}).\n")
            seconds, report = timed(lambda: build(config, cache=cache, in_place=cache is not None))
            times.append(seconds)
            rendered = report.rendered  # type: ignore[attr-defined]
        print(f"{'':>17} {label} {min(times):6.3f} s ({rendered} pages rendered)")
    copy_default_files(config.source_dir, ("player.html",))  # the site's own copy, overriding the default
    template = config.templates_dir / "player.html"
    build(config, cache=memory, in_place=True)
    times = []
    for attempt in range(3):
        template.write_text(template.read_text(encoding="utf-8") + f"\n{{# edit {attempt} #}}\n", encoding="utf-8")
        seconds, report = timed(lambda: build(config, cache=memory, in_place=True))
        times.append(seconds)
    print(f"{'':>17} one template changed {min(times):6.2f} s "
          f"({report.rendered:,} pages rendered)")  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.count:
            measure(count, args.seed, Path(scratch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
