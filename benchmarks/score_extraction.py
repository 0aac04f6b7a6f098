"""Score `site-gen extract` against annotated gold: precision, recall and F1 per field.

    python benchmarks/score_extraction.py [tests/devset] [--show-errors] [--each]

Gold is `gold.jsonl` beside an `articles/` folder, one object per article with the
keys of `site-gen extract --json`. The articles are read together, as one archive
(names, roles and clubs reconciled across them), as `site-gen extract` reads several
files; `--each` reads every article alone instead. Names are compared accent- and
case-blind; the comparison is `site_gen.extract.evaluate`, which the tests use too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from site_gen.build import extract_files
from site_gen.content.records import article_record
from site_gen.extract.evaluate import score


def predict(paths: list[Path], each: bool = False) -> dict[str, dict[str, Any]]:
    """The records `site-gen extract` makes of these files, by file name."""
    found = [article for group in ([[path] for path in paths] if each else [paths])
             for article in extract_files(group).articles]
    return {article.path.name: article_record(article) for article in found}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("devset", nargs="?", type=Path, default=Path("tests/devset"))
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--each", action="store_true", help="read every article alone (no archive-wide pass)")
    args = parser.parse_args(argv)
    gold = [json.loads(line) for line in (args.devset / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    guesses = predict([args.devset / "articles" / g["file"] for g in gold], args.each)
    pairs = [(g["file"], g, guesses[g["file"]]) for g in gold]
    table = score(pairs, print if args.show_errors else None)
    print(f"{'field':10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}   ({len(pairs)} articles)")
    for field, row in table.items():
        print(f"{field:10} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['support']:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
