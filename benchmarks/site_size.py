"""What a deployment costs: published size, files, build times and memory, for each archive size.

    python benchmarks/site_size.py [--count 1000 10000 100000] [--seed 1] [--jobs 2] [--corpus shared]

For each size, makes an archive (benchmarks/corpus.py, or with `--corpus shared` the issues' own
generator, ../shared/bench/make_corpus.py) and prints:
- the upload: the bytes of the tar GitHub's upload-pages-artifact makes of the site
  (`tar --dereference --hard-dereference -cf`), its files, and bytes per article; where they go
  by page family; and how many players some published move is about have a page;
- a cold build (`--no-cache`) and a warm one (nothing changed), each in a fresh process,
  with peak memory of the main process and of its largest child (workers, Pagefind);
- one article edited, through `site-gen build` (a fresh process, the cache read from disk) and
  as the preview server rebuilds it (its cache and last plan in memory): a sentence that changes
  only the article's own page ("reworded"), and a new bid that changes what lists show ("with
  news"). For the preview, the time until the article's page is on disk (what the browser reloads
  first), and until the whole site is.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archive import make_archive, make_shared_archive

#: Runs one build in a fresh interpreter and prints its seconds and peak memory (KiB) as JSON.
#: Peaks are each process's own high-water mark (VmHWM): `getrusage` would count the memory of
#: whatever started a process, as Linux carries the largest resident size across `exec`. Children
#: (workers, Pagefind) are looked at every 50 ms while they run.
_ONE_BUILD = """
import json, os, sys, threading, time
from pathlib import Path
from site_gen.build import build
from site_gen.config import load_config

def high_water(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0

children_kib = 0
done = threading.Event()

def watch_children():
    global children_kib
    while not done.wait(0.05):
        for task in os.listdir("/proc/self/task"):
            try:
                pids = open(f"/proc/self/task/{task}/children").read().split()
            except OSError:
                continue
            for pid in pids:
                children_kib = max(children_kib, high_water(pid))

threading.Thread(target=watch_children, daemon=True).start()
config = load_config(Path(sys.argv[1]), out_dir=Path(sys.argv[2]))
started = time.perf_counter()
report = build(config, use_cache=sys.argv[3] == "warm", jobs=int(sys.argv[4]))
seconds = time.perf_counter() - started
done.set()
print(json.dumps({"seconds": seconds, "pages": report.pages, "stages": report.stages,
                  "main_kib": high_water("self"), "child_kib": children_kib}))
"""


def one_build(source: Path, out: Path, mode: str, jobs: int) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _ONE_BUILD, str(source), str(out), mode, str(jobs)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the {mode} build failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def upload_size(site: Path) -> tuple[int, int]:
    """(bytes of the tar the Pages upload action makes, files in it)."""
    size = 0
    with subprocess.Popen(["tar", "--dereference", "--hard-dereference", "--directory", str(site), "-cf", "-",
                           "--exclude=.git", "--exclude=.github", "."], stdout=subprocess.PIPE) as tar:
        assert tar.stdout is not None
        while chunk := tar.stdout.read(1 << 20):  # counted as it streams: a large site's tar is gigabytes
            size += len(chunk)
    if tar.returncode:
        raise SystemExit(f"tar failed on {site}")
    files = sum(1 for path in site.rglob("*") if path.is_file())
    return size, files


def families(site: Path) -> dict[str, tuple[int, int]]:
    """Where the upload's bytes go, by page family: (tar bytes, files) of each. A file costs its
    512-byte header and its size rounded up to 512-byte blocks."""
    named = {"players": "player pages", "clubs": "club pages", "archive": "month lists", "api": "open data",
             "pagefind": "search index", "tags": "tag pages", "sources": "outlet pages", "windows": "window pages",
             "static": "style and scripts", "search": "search page"}
    found: dict[str, list[int]] = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        top = path.relative_to(site).parts[0]
        family = "article pages" if top.isdigit() else named.get(top, "home, feeds and the rest")
        tally = found.setdefault(family, [0, 0])
        tally[0] += 512 + -(-path.stat().st_size // 512) * 512
        tally[1] += 1
    return {family: (size, files) for family, (size, files) in sorted(found.items(), key=lambda item: -item[1][0])}


def players_with_pages(site: Path) -> tuple[int, int]:
    """(players some published move is about, how many of them have a page), read from the open data."""
    moving: set[str] = set()
    for month in (site / "api" / "rumours").glob("*.json"):
        for rumour in json.loads(month.read_text(encoding="utf-8"))["rumours"]:
            moving.update(move["player"] for move in rumour["moves"])
    listed = json.loads((site / "api" / "players.json").read_text(encoding="utf-8"))
    paged = {player["name"] for player in listed["players"] if player.get("url")}
    return len(moving), len(moving & paged)


def edit(seed_file: Path, note: str) -> None:
    """A sentence more that changes nothing lists show: the article's own page changes."""
    with seed_file.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\nThe deal is expected to be completed this week ({note}).\n")


def news(seed_file: Path, note: str) -> None:
    """A new bid: a fee and a move that the player's, the clubs' and the month's pages show."""
    with seed_file.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\nChelsea have also made a £{60 + sum(map(ord, note)) % 40}m bid for him.\n")


def measure(count: int, seed: int, jobs: int, root: Path, corpus: str) -> None:
    source = make_shared_archive(root, count, seed) if corpus == "shared" else make_archive(root, count, seed)
    if source is None:
        raise SystemExit("no ../shared/bench/make_corpus.py beside the clone: --corpus shared needs it")
    out = root / f"published-{count}"
    seeds = sorted((source / "seeds").rglob("*.txt"))
    cold = one_build(source, out, "cold", jobs)
    warm = one_build(source, out, "warm", jobs)
    size, files = upload_size(out)
    mib = 1 << 20
    print(f"{count:>7,} articles: upload {size / mib:8.1f} MiB in {files:,} files "
          f"({size / count / 1024:.1f} KiB an article)")
    print(f"{'':>17} by family: " + ", ".join(f"{family} {size / mib:.1f} MiB ({files:,})"
                                               for family, (size, files) in families(out).items()))
    moving, paged = players_with_pages(out)
    print(f"{'':>17} players some published move is about: {moving:,}, with a page: {paged:,}")
    print(f"{'':>17} cold build {cold['seconds']:7.2f} s, peak memory {cold['main_kib'] // 1024:,} MiB "  # type: ignore[operator]
          f"(main) / {cold['child_kib'] // 1024:,} MiB (largest child: worker or Pagefind)")  # type: ignore[operator]
    print(f"{'':>17} cold stages (s, summed over processes): "
          + ", ".join(f"{name} {seconds:.1f}" for name, seconds in cold["stages"].items()))  # type: ignore[union-attr]
    print(f"{'':>17} warm build {warm['seconds']:7.2f} s")
    edit(seeds[len(seeds) // 2], "build")
    edited = one_build(source, out, "warm", jobs)
    print(f"{'':>17} one article reworded, build {edited['seconds']:6.2f} s, peak memory "
          f"{edited['main_kib'] // 1024:,} / {edited['child_kib'] // 1024:,} MiB")  # type: ignore[operator]
    news(seeds[len(seeds) // 3], "build")
    told = one_build(source, out, "warm", jobs)
    print(f"{'':>17} one article with news, build {told['seconds']:6.2f} s, peak memory "
          f"{told['main_kib'] // 1024:,} / {told['child_kib'] // 1024:,} MiB")  # type: ignore[operator]
    # the preview server itself: one process, its cache and last plan in memory, files patched in place
    from site_gen.config import load_config
    from site_gen.serve import Preview

    preview = Preview(load_config(source, out_dir=out), quiet=True)
    preview.rebuild()
    for label, change in (("reworded", edit), ("with news", news)):
        shown, done = [], []
        for attempt in range(3):
            article_file = seeds[(attempt * 7919 + len(label)) % len(seeds)]
            change(article_file, f"serve {attempt}")
            started = time.perf_counter()
            rest = preview.saved([article_file], lambda: None)  # as the watcher calls it, with the file saved
            shown.append(time.perf_counter() - started)
            if rest is not None:  # its page was shown first; the rest is built in the background
                rest.join()
            done.append(time.perf_counter() - started)
            if preview.error:
                raise SystemExit(f"the preview failed: {preview.error}")
        print(f"{'':>17} one article {label}, serve: its page {_span(shown)}, the whole site {_span(done)}")


def _span(seconds: list[float]) -> str:
    """The range of three timings."""
    return f"{min(seconds):.2f}–{max(seconds):.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", choices=["own", "shared"], default="own",
                        help="the project's own generator, or the issues' (../shared/bench/make_corpus.py)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, --jobs {args.jobs}")
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.count:
            measure(count, args.seed, args.jobs, Path(scratch), args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
