"""Where an editor should look first: every inferred field the reader is least sure of, with why.

The extractor cannot be right every time, and an archive of thousands of articles is too big to
check by hand. Read together with the archive-wide pass, some records stand out: a move to no
club, an origin the article never gave, a name the archive spells another way, a person who is a
manager in one article and a player in the next, a report credited to no one. Each is a `Doubt`
with a confidence between 0 and 1; the lowest come first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from site_gen.extract.gazetteer import fold
from site_gen.extract.reconcile import DatedRecord, Reconciliation


@dataclass(frozen=True, slots=True)
class Doubt:
    """One field of one article worth a look."""

    #: the article (its file name)
    key: str
    #: "players", "moves", "source", or "name" (a spelling across the archive)
    field: str
    value: str
    reason: str
    #: how sure the reading is, 0 (a guess) to 1 (sure)
    confidence: float


def doubts(items: Sequence[DatedRecord], reading: Reconciliation) -> list[Doubt]:
    """The doubtful fields of every article, least sure first (then by article and field)."""
    found: list[Doubt] = []
    player_articles: dict[str, int] = defaultdict(int)
    for item in items:
        for name in item.record.players:
            player_articles[fold(reading.name(name, item.date))] += 1
    for item in items:
        record = reading.apply(item)
        original = item.record
        for written in original.players:
            name = reading.name(written, item.date)
            if name != written and "players" not in item.fixed:
                found.append(Doubt(item.key, "name", f"{written} → {name}",
                                   "written another way here than in the rest of the archive", 0.7))
            if " " not in name.strip():
                found.append(Doubt(item.key, "players", name, "one word only: a surname, a nickname or no player",
                                   0.5))
            elif player_articles[fold(name)] == 1 and fold(name) in {fold(s) for s in original.staff}:
                found.append(Doubt(item.key, "players", name, "named as staff and as a player", 0.4))
        for name in original.players:
            if name in reading.staff_spellings or reading.name(name, item.date) in reading.staff_spellings:
                found.append(Doubt(item.key, "players", name, "staff in other articles: left out as no player",
                                   0.6))
        said = {(move.player, move.to_club): move for move in original.moves}
        for move in record.moves:
            shown = f"{move.player}: {move.from_club or '?'} → {move.to_club or '?'} ({move.stage})"
            if move.to_club is None:
                found.append(Doubt(item.key, "moves", shown, "leaving, for no club named", 0.6))
            before = said.get((move.player, move.to_club))
            if move.from_club and before is not None and before.from_club is None:
                found.append(Doubt(item.key, "moves", shown, "origin taken from other articles", 0.7))
            elif move.from_club is None:
                found.append(Doubt(item.key, "moves", shown, "origin not said, here or near this date", 0.6))
        if record.players and not record.moves:
            found.append(Doubt(item.key, "moves", "", "players named, but no move found", 0.5))
        if not record.source:
            found.append(Doubt(item.key, "source", "", "credited to no outlet or reporter", 0.5))
    return sorted(found, key=lambda doubt: (doubt.confidence, doubt.key, doubt.field, doubt.value))
