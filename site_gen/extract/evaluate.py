"""Compare extracted records with hand-checked ones: precision, recall and F1 per field.

The extractor is only as good as its scores on articles a person has annotated, so
the comparison lives here rather than in one script: `benchmarks/score_extraction.py`
prints it for the development set, and the tests hold a floor under it, and both
score alike. A record is a mapping with the keys of `site-gen extract --json`
(players, clubs, moves, fees, source, tags); names are compared accent- and
case-blind, outlets by their canonical name. Like the rest of `site_gen.extract`, this module imports nothing from
the rest of `site_gen` and reads no files but its gazetteer.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Iterable, Mapping, TypedDict

from site_gen.extract.gazetteer import fold, load_gazetteer

#: The fields scored. "moves" is a move's player, origin and destination taken together (strict);
#: "moves_to" its player and destination; "move_fees" its player, destination and fee; "stage" is
#: the share of moves found with the right destination whose stage is right too (an accuracy).
FIELDS = ("players", "clubs", "moves", "moves_to", "move_fees", "stage", "fees", "source", "tags")

#: One article's record: the keys of `site-gen extract --json`.
Record = Mapping[str, Any]


class FieldScore(TypedDict):
    """How one field did over all the articles; `support` counts the gold items."""

    precision: float
    recall: float
    f1: float
    support: int


def keys(field: str, record: Record) -> set[Any]:
    """The comparable items of one field of one record; raise `ValueError` for an unknown field."""
    value = record.get(field)
    if field in ("players", "clubs", "tags"):
        return {fold(name) for name in value or []}
    if field == "fees":
        return {fee.replace(" ", "").lower() for fee in value or []}
    if field == "moves":
        return {(fold(m["player"]), fold(m.get("from") or ""), fold(m.get("to") or "")) for m in value or []}
    if field == "moves_to":
        return {(fold(m["player"]), fold(m.get("to") or "")) for m in value or []} if field in record else set()
    if field == "stage":
        return {(fold(m["player"]), fold(m.get("to") or ""), m.get("stage") or "interest")
                for m in record.get("moves") or []}
    if field == "move_fees":
        return {(fold(m["player"]), fold(m.get("to") or ""), (m.get("fee") or "").replace(" ", "").lower())
                for m in record.get("moves") or []}
    if field == "source":  # the outlet, not its spelling: "Sun" and "The Sun" are one
        return {fold(load_gazetteer().outlet_name(value))} if value else set()
    raise ValueError(field)


def score(pairs: Iterable[tuple[str, Record, Record]],
          on_error: Callable[[str], None] | None = None) -> dict[str, FieldScore]:
    """Precision, recall and F1 of each of `FIELDS` over `(name, gold, guess)` triples.

    A field with nothing to find and nothing found scores 1.0. `on_error`, if given,
    is called with one line per article and field that differs from the gold.
    """
    counts: dict[str, Counter[str]] = {field: Counter() for field in FIELDS}
    for name, gold, guess in pairs:
        for field in FIELDS:
            if field not in gold and field not in ("moves_to", "move_fees", "stage"):
                continue  # not annotated in this set
            if field == "stage":
                _count_stages(counts[field], gold, guess)
                continue
            g, p = keys(field, gold if field != "moves_to" else {**gold, field: gold.get("moves")}), \
                keys(field, guess if field != "moves_to" else {**guess, field: guess.get("moves")})
            counts[field]["tp"] += len(g & p)
            counts[field]["fp"] += len(p - g)
            counts[field]["fn"] += len(g - p)
            if on_error is not None and (p - g or g - p):
                on_error(f"{name} {field}: missing {sorted(g - p)} extra {sorted(p - g)}")
    table: dict[str, FieldScore] = {}
    for field, c in counts.items():
        if field == "stage":
            total = c["right"] + c["wrong"]
            if not total:
                continue
            accuracy = c["right"] / total if total else 1.0
            table[field] = {"precision": accuracy, "recall": accuracy, "f1": accuracy, "support": total}
            continue
        if not any(c.values()):
            continue  # a field this set does not annotate
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[field] = {"precision": precision, "recall": recall, "f1": f1, "support": c["tp"] + c["fn"]}
    return table


def _count_stages(counter: Counter[str], gold: Record, guess: Record) -> None:
    """Right and wrong stages over the moves found with the right player and destination."""
    wanted = {(fold(m["player"]), fold(m.get("to") or "")): m["stage"]
              for m in gold.get("moves") or [] if "stage" in m}  # a set without stages scores none
    for move in guess.get("moves") or []:
        key = (fold(move["player"]), fold(move.get("to") or ""))
        if key in wanted:
            counter["right" if (move.get("stage") or "interest") == wanted[key] else "wrong"] += 1
