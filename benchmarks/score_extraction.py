"""Score `site-gen extract` against annotated gold: precision, recall and F1 per field.

    python benchmarks/score_extraction.py [tests/devset] [--show-errors]

Gold is `gold.jsonl` beside an `articles/` folder, one object per article with the
keys of `site-gen extract --json`. Names are compared accent- and case-blind; the
comparison is `site_gen.extract.evaluate`, which the tests use too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from site_gen.content.load import load_source
from site_gen.extract import extract
from site_gen.extract.evaluate import score


def predict(path: Path) -> dict[str, Any]:
    """The record the extractor makes of one article file, in the shape of the gold."""
    source = load_source(path)
    found = extract(source.body, source.date)
    return {
        "players": list(found.players), "clubs": list(found.clubs), "fees": [f.text for f in found.fees],
        "moves": [{"player": m.player, "from": m.from_club, "to": m.to_club, "fee": m.fee.text if m.fee else None}
                  for m in found.moves],
        "source": found.source, "tags": list(found.tags),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("devset", nargs="?", type=Path, default=Path("tests/devset"))
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    gold = [json.loads(line) for line in (args.devset / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    pairs = [(g["file"], g, predict(args.devset / "articles" / g["file"])) for g in gold]
    table = score(pairs, print if args.show_errors else None)
    print(f"{'field':10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}   ({len(pairs)} articles)")
    for field, row in table.items():
        print(f"{field:10} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['support']:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
