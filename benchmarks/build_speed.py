"""Full-build speed and memory at scale: cold (no cache) and warm (nothing changed).

    python benchmarks/build_speed.py [--count 1000 10000 100000] [--jobs 2] [--seed 1]

For each size, makes an archive with benchmarks/corpus.py, then builds it
cold (`--no-cache`) and warm, each in a fresh process, and prints wall time, CPU time
(this process and its workers), peak memory above the interpreter's baseline (the
main process, and the largest worker), files written and the time of each stage
(load, extract, index, render, write; summed over processes).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archive import make_archive

def measure_one(source: Path, out: Path, cold: bool, jobs: int) -> dict[str, object]:
    """One build in this process (run by `main` in a fresh one): its figures as a dict."""
    from site_gen.build import build
    from site_gen.config import load_config
    from site_gen.extract.gazetteer import load_gazetteer

    load_gazetteer()  # part of the interpreter's baseline: loaded once per process, whatever the archive
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    config = load_config(source, out_dir=out)
    started, cpu = time.perf_counter(), time.process_time()
    report = build(config, use_cache=not cold, jobs=jobs)
    wall = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": wall, "cpu": time.process_time() - cpu + children.ru_utime + children.ru_stime,
            "peak_mib": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline) / 1024,
            "worker_peak_mib": children.ru_maxrss / 1024, "files": report.pages, "rendered": report.rendered,
            "stages": dict(report.stages)}


def run(source: Path, out: Path, cold: bool, jobs: int) -> dict[str, object]:
    done = subprocess.run([sys.executable, __file__, "--one", str(source), "--out", str(out), "--jobs", str(jobs)]
                          + (["--cold"] if cold else []), check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.out, args.cold, args.jobs)))
        return 0
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, --jobs {args.jobs}")
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.count:
            source = make_archive(Path(scratch), count, args.seed)
            out = Path(scratch) / f"out-{count}"
            for label, cold in (("cold", True), ("warm", False)):
                figures = run(source, out, cold, args.jobs)
                stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in figures["stages"].items())  # type: ignore[attr-defined]
                print(f"{count:>7,} articles {label}: {figures['wall']:6.2f} s wall, {figures['cpu']:6.1f} s CPU, "
                      f"peak {figures['peak_mib']:6.0f} MiB (+ workers {figures['worker_peak_mib']:.0f} MiB), "
                      f"{figures['files']:,} files ({figures['rendered']:,} rendered)"
                      + (f"; stages (s): {stages}" if stages else ""), flush=True)
            shutil.rmtree(source)
            shutil.rmtree(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
