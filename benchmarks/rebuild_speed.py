"""Rebuild speed: cold build, no-change build, one article saved, one template changed, and the
preview's edit loop over HTTP.

    python benchmarks/rebuild_speed.py [--count 1000 10000] [--seed 1] [--corpus shared]

For each size, makes an archive (benchmarks/corpus.py, or with `--corpus shared` the issues' own
generator, ../shared/bench/make_corpus.py), builds it cold, then times (best of three, each on a
fresh edit):
- a second `build` with nothing changed;
- saving one article (a sentence added) until its rebuilt pages are on disk, as the
  preview server does it (the cache kept in memory between builds);
- the same from the command line (cache read from disk);
- one template changed (the player page), which re-renders every player page;
then runs `site-gen serve` in its own process and times, as an editor sees it (median of three),
from saving an article to the change being served over HTTP on loopback: a paragraph added (its
page), and its headline changed (the month's open data, which lists it).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from archive import make_archive, make_shared_archive
from site_gen import urls
from site_gen.build import build, extract_articles, gather
from site_gen.output.cache import BuildCache, cache_folder
from site_gen.config import SiteConfig, load_config
from site_gen.output.theme import copy_default_files

def timed(action) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def measure(count: int, seed: int, root: Path, corpus: str) -> None:
    source = make_shared_archive(root, count, seed) if corpus == "shared" else make_archive(root, count, seed)
    if source is None:
        print("no ../shared/bench/make_corpus.py beside the clone: --corpus shared needs it")
        return
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
    template.unlink()
    build(config, cache=memory, in_place=True)
    memory.flush()
    preview_edits(config)


def preview_edits(config: SiteConfig, rounds: int = 3) -> None:
    """Save → served through a real `site-gen serve`, as the editor's browser would fetch it."""
    found = extract_articles(gather(config), BuildCache(cache_folder(config.out_dir), ""))
    routes = {article.path.name: (urls.article_route(article.date, article.slug), article.date)
              for article in found.articles}
    script = Path(sys.executable).parent / "site-gen"
    server = subprocess.Popen([str(script), "serve", "--source", str(config.source_dir), "--out",
                               str(config.out_dir), "--port", "0", "--quiet"], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        address = re.search(r"http://[^ ]+?/", line)
        assert address, line
        base = address.group(0)
        names = sorted(routes)
        for label in ("a paragraph added: its page", "headline changed: the month's open data"):
            times = []
            for attempt in range(rounds):
                name = names[(attempt * 7919 + len(label)) % len(names)]
                route, date = routes[name]
                path = config.seeds_dir / name
                token = f"Preview{attempt}{len(label)}x{time.time_ns() % 100000}"
                text = path.read_text(encoding="utf-8")
                if label.startswith("a paragraph"):
                    edited, watched = text.rstrip() + f"\n\nA late word on the deal ({token}).\n", route
                else:
                    header = re.match(r"\s*date \S+\s*", text)
                    assert header
                    edited = text[:header.end()] + f"Exclusive {token}: " + text[header.end():]
                    watched = urls.month_data_route(date.year, date.month)
                time.sleep(1.1)  # a save in a later second than the last: as an editor's would be
                started = time.perf_counter()
                path.write_text(edited, encoding="utf-8")
                while token not in _fetch(base + watched):
                    if time.perf_counter() - started > 60:
                        raise SystemExit(f"the preview never served {watched} with the edit")
                    time.sleep(0.005)
                times.append(time.perf_counter() - started)
                if label.startswith("headline"):
                    routes.pop(name)  # its address changed with its headline
                    names.remove(name)
            print(f"{'':>17} preview, save to served, {label}: median {statistics.median(times):.2f} s "
                  f"(of {', '.join(f'{t:.2f}' for t in times)})")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _fetch(address: str) -> str:
    try:
        with urllib.request.urlopen(address, timeout=10) as answer:
            return answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError:
        return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", choices=["own", "shared"], default="own",
                        help="the project's own generator, or the issues' (../shared/bench/make_corpus.py)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.count:
            measure(count, args.seed, Path(scratch), args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
