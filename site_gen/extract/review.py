"""Where an editor should look first: every inferred field the reader is least sure of, with why.

The extractor cannot be right every time, and an archive of thousands of articles is too big to
check by hand. First comes what the site shows: every published move by its calibrated confidence,
lowest first (its doubt is one less its confidence), each with the sentence it was read from. Then
the moves held back from the site (read with too little confidence to publish), likeliest first.
Read together with the archive-wide pass, some records stand out too: a move to no club, an
origin the article never gave, a name the archive spells another way, a person who is a manager
in one article and a player in the next. Each is a `Doubt` with a confidence between 0 and 1. (A
report credited to no outlet is no doubt: many are not.)
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from site_gen.extract.gazetteer import fold
from site_gen.extract.reconcile import DatedRecord, Reconciliation
from site_gen.extract.records import Move


@dataclass(frozen=True, slots=True)
class Doubt:
    """One field of one article worth a look."""

    #: the article (its file name)
    key: str
    #: "players", "moves", "source", or "name" (a spelling across the archive)
    field: str
    value: str
    reason: str
    #: how sure the reading is, 0 (a guess) to 1 (sure): a move's own calibrated confidence
    confidence: float
    #: the sentence a move was read from ("" for other fields, or a move an editor set)
    evidence: str = ""
    #: a move held back from the site (too little confidence to publish): these come after what it shows
    held: bool = False


def move_text(move: Move) -> str:
    """A move as the review writes it: "Player: From → To (stage)" ("?" for a club not named)."""
    return f"{move.player}: {move.from_club or '?'} → {move.to_club or '?'} ({move.stage})"


#: A move written as `move_text` writes it (or by an editor, with "->" and no stage): its parts.
MOVE_TEXT = re.compile(r"^\s*(?P<player>[^:]+):\s*(?P<from>[^>]*?)\s*(?:->|→)\s*(?P<to>[^(]*?)\s*"
                       r"(?:\((?P<stage>\w+)\))?\s*$")


def ordered(found: list[Doubt]) -> list[Doubt]:
    """What the site shows first, least sure first: a wrong record there misleads readers. Then the
    moves held back from the site, likeliest first: the ones most worth publishing after a look."""
    return sorted(found, key=lambda d: (d.held, -d.confidence if d.held else d.confidence, d.key, d.field, d.value))


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
        for move in original.held_moves:  # named as the archive names him, so a correction made of it fits
            move = dataclasses.replace(move, player=reading.name(move.player, item.date))
            found.append(Doubt(item.key, "moves", move_text(move),
                               "; ".join(["held back: too unsure to publish", *_oddities(move, None)]),
                               move.confidence, move.evidence, held=True))
        said = {(move.player, move.to_club): move for move in original.moves}
        for move in record.moves:
            reasons = _oddities(move, said.get((move.player, move.to_club)))
            if not move.checked and (reasons or move.confidence < 1.0):  # checked, or sure with nothing odd: no row
                found.append(Doubt(item.key, "moves", move_text(move), "; ".join(reasons) or "published",
                                   move.confidence, move.evidence))
        if record.players and not record.moves and not original.held_moves:
            found.append(Doubt(item.key, "moves", "", "players named, but no move found", 0.5))
    return ordered(found)


def _oddities(move: Move, as_written: Move | None) -> list[str]:
    """What stands out in a move (`as_written`: the article's own, before the archive-wide pass)."""
    reasons = []
    if move.to_club is None:
        reasons.append("leaving, for no club named")
    if move.from_club and as_written is not None and as_written.from_club is None:
        reasons.append("origin taken from other articles")
    elif move.from_club is None:
        reasons.append("origin not said, here or near this date")
    return reasons
