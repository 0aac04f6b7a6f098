"""Extraction speed on the synthetic corpus, one core, and agreement with its truth file.

    python benchmarks/extract_speed.py --count 2000 [--seed 1]

Makes the corpus with benchmarks/corpus.py (the truth gives expected players and
clubs), times `extract()` over every article, and prints articles per second plus
players/clubs precision and recall against the truth.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from corpus import make_corpus
from site_gen.build import paused_gc
from site_gen.extract import extract, fold, load_gazetteer
from site_gen.content.load import load_source


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="use this folder instead of making one")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.corpus or Path(scratch) / "corpus"
        truth_file = Path(scratch) / "truth.jsonl"
        if not args.corpus:
            make_corpus(args.count, folder, args.seed, truth_file)
        sources = [load_source(path) for path in sorted(folder.rglob("*.txt"))]
        load_gazetteer()
        timings = []
        for _ in range(args.repeat):  # best of several: this machine's speed varies run to run
            with paused_gc():  # as the build runs extraction
                started = time.process_time()
                results = [extract(source.body, source.date) for source in sources]
                timings.append(time.process_time() - started)
        seconds = min(timings)
        print(f"{len(sources)} articles in {seconds:.2f} s CPU (best of {args.repeat}): "
              f"{len(sources) / seconds:,.0f} articles/s on one core")
        if truth_file.exists():
            truth = {row["file"]: row for row in map(json.loads, truth_file.read_text().splitlines())}
            for field in ("players", "clubs"):
                tp = fp = fn = 0
                for source, found in zip(sources, results):
                    gold = {fold(n) for n in truth[source.path.name][field]}
                    guess = {fold(n) for n in getattr(found, field)}
                    tp, fp, fn = tp + len(gold & guess), fp + len(guess - gold), fn + len(gold - guess)
                print(f"{field}: precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
