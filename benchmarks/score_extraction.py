"""Score `site-gen extract` against annotated gold: precision, recall and F1 per field.

    python benchmarks/score_extraction.py [tests/devset] [--show-errors]

Gold is `gold.jsonl` beside an `articles/` folder, one object per article with the
keys of `site-gen extract --json`. Names are compared accent- and case-blind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from site_gen.extract import extract, fold
from site_gen.content.load import load_source


def keys(field: str, record: dict[str, Any]) -> set[Any]:
    """The comparable items of one field of one record."""
    value = record.get(field)
    if field in ("players", "clubs", "tags"):
        return {fold(name) for name in value or []}
    if field == "fees":
        return {fee.replace(" ", "").lower() for fee in value or []}
    if field == "moves":
        return {(fold(m["player"]), fold(m.get("from") or ""), fold(m.get("to") or "")) for m in value or []}
    if field == "move_fees":
        return {(fold(m["player"]), fold(m.get("to") or ""), (m.get("fee") or "").replace(" ", "").lower())
                for m in record.get("moves") or []}
    if field == "source":
        return {fold(value)} if value else set()
    raise ValueError(field)


FIELDS = ("players", "clubs", "moves", "move_fees", "fees", "source", "tags")


def predict(path: Path) -> dict[str, Any]:
    source = load_source(path)
    found = extract(source.body, source.date)
    return {
        "players": list(found.players), "clubs": list(found.clubs), "fees": [f.text for f in found.fees],
        "moves": [{"player": m.player, "from": m.from_club, "to": m.to_club, "fee": m.fee.text if m.fee else None}
                  for m in found.moves],
        "source": found.source, "tags": list(found.tags),
    }


def score(pairs: Iterable[tuple[str, dict[str, Any], dict[str, Any]]], show_errors: bool) -> dict[str, dict[str, float]]:
    counts = {field: Counter() for field in FIELDS}
    for name, gold, guess in pairs:
        for field in FIELDS:
            g, p = keys(field, gold), keys(field, guess)
            counts[field]["tp"] += len(g & p)
            counts[field]["fp"] += len(p - g)
            counts[field]["fn"] += len(g - p)
            if show_errors and (p - g or g - p):
                print(f"{name} {field}: missing {sorted(g - p)} extra {sorted(p - g)}")
    table = {}
    for field, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[field] = {"precision": precision, "recall": recall, "f1": f1, "support": c["tp"] + c["fn"]}
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("devset", nargs="?", type=Path, default=Path("tests/devset"))
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    gold = [json.loads(line) for line in (args.devset / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    pairs = [(g["file"], g, predict(args.devset / "articles" / g["file"])) for g in gold]
    table = score(pairs, args.show_errors)
    print(f"{'field':10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}   ({len(pairs)} articles)")
    for field, row in table.items():
        print(f"{field:10} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['support']:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
