"""Full-build speed and memory at scale: cold (no cache) and warm (nothing changed), raw and curated,
beside Hugo's minimal site over the same articles.

    python benchmarks/build_speed.py [--count 1000 10000 100000] [--jobs 2] [--seed 1] [--corpus shared]

For each size, makes an archive (with benchmarks/corpus.py, or with `--corpus shared` the issues'
own generator, ../shared/bench/make_corpus.py, where it lies beside the clone), then builds it
cold (`--no-cache`) and warm, each in a fresh process, and prints wall time, CPU time
(this process and its workers), peak memory above the interpreter's baseline (the
main process, and the largest worker), files written and the time of each stage
(load, extract, index, render, write, search; summed over processes). Then the same articles
curated (`site-gen ingest`, raw files removed: nothing left to extract) are built cold, and Hugo
builds its minimal site of them (Debian's `hugo`, where installed), so each cold build is also
given as a multiple of Hugo's time in the same run.
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

from archive import ingest, make_archive, make_shared_archive
from hugo import hugo_build_seconds, hugo_version, make_hugo_site

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


def _report(count: int, label: str, figures: dict[str, object], hugo_seconds: float | None) -> None:
    stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in figures["stages"].items())  # type: ignore[attr-defined]
    wall = float(figures["wall"])  # type: ignore[arg-type]
    print(f"{count:>7,} articles {label}: {wall:6.2f} s wall"
          + (f" ({wall / hugo_seconds:.2f} x Hugo)" if hugo_seconds else "")
          + f", {figures['cpu']:6.1f} s CPU, peak {figures['peak_mib']:6.0f} MiB (+ workers "
          f"{figures['worker_peak_mib']:.0f} MiB), {figures['files']:,} files ({figures['rendered']:,} rendered)"
          + (f"; stages (s): {stages}" if stages else ""), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", choices=["own", "shared"], default="own",
                        help="the project's own generator, or the issues' (../shared/bench/make_corpus.py)")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.out, args.cold, args.jobs)))
        return 0
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, --jobs {args.jobs}")
    hugo = hugo_version()
    print(hugo or "Hugo: not installed (apt install hugo), so no Hugo figures")
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.count:
            source = (make_shared_archive(Path(scratch), count, args.seed) if args.corpus == "shared"
                      else make_archive(Path(scratch), count, args.seed))
            if source is None:
                print("no ../shared/bench/make_corpus.py beside the clone: --corpus shared needs it")
                return 1
            out = Path(scratch) / f"out-{count}"
            hugo_seconds = hugo_build_seconds(make_hugo_site(source / "seeds", Path(scratch))) if hugo else None
            if hugo_seconds is not None:
                print(f"{count:>7,} articles Hugo, minimal site, cold: {hugo_seconds:6.2f} s wall", flush=True)
            for label, cold in (("raw cold", True), ("raw warm", False)):
                _report(count, label, run(source, out, cold, args.jobs), hugo_seconds)
            shutil.rmtree(out)
            ingest(source)
            _report(count, "curated cold", run(source, out, True, args.jobs), hugo_seconds)
            shutil.rmtree(source)
            shutil.rmtree(out)
            shutil.rmtree(Path(scratch) / "hugo-site", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
