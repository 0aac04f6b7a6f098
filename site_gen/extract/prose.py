"""Infer an article's record from its prose. The one entry point is `extract()`.

Reading order: find sentences and words; find mentions of clubs, outlets and
people (longest known name first); decide which people are players; tie
clubs and fees to the players' moves; pick the source outlet and tags.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Sequence

from site_gen.extract.credits import find_source
from site_gen.extract.gazetteer import Gazetteer
from site_gen.extract.records import Affiliation, Extraction, Fee, Move
from site_gen.extract.reading import read_article
from site_gen.extract.weighing import MoveModel, weigh
from site_gen.extract.tags import infer_tags
from site_gen.extract.text import sentences

TITLE_LENGTH = 80


def extract(body: str, date: dt.date | None = None, gazetteer: Gazetteer | None = None,
            model: MoveModel | None = None) -> Extraction:
    """Everything the prose of one article says: title, players, clubs, moves, fees, source, tags."""
    reading = read_article(body, date, gazetteer)
    text, mentions, players = reading.text, reading.mentions, reading.players
    weighed = weigh(reading, date.year if date else None, model)
    return Extraction(
        title=make_title(body, players=players, moves=weighed.published or reading.rule_moves),
        players=tuple(players),
        clubs=tuple(reading.clubs),
        moves=weighed.published,
        held_moves=weighed.held,
        fees=tuple(_unique_fees(fee for _, fee in reading.fees)),
        source=find_source(text, mentions),
        tags=infer_tags(text, date),
        staff=tuple(dict.fromkeys(m.person for m in mentions if m.staff)),
        affiliations=tuple(Affiliation(player, club) for player, club in reading.origins.items()),
    )


def make_title(body: str, limit: int = TITLE_LENGTH, players: Sequence[str] = (),
               moves: Sequence[Move] = ()) -> str:
    """A headline: the first of the opening sentences that states the main move (its player and
    destination), else the opening sentence; names spelt as the record spells them; never cut inside
    a name. Where no opening sentence names the player at all (a caption, a teaser), one made from
    the record: "Gyokeres: Sporting CP → Arsenal, deal done, £63.5m"."""
    text = " ".join(body[: limit * 12].split())
    spans = sentences(text)[:4] or [(0, len(text))]
    candidates = [text[start:end].rstrip(" .") for start, end in spans]
    main = moves[0] if moves else None
    chosen = candidates[0]
    if main is not None:
        surname = main.player.split()[-1]
        stating = [c for c in candidates if surname in c and (not main.to_club or _names_club(c, main.to_club))]
        naming = [c for c in candidates if surname in c]
        if stating:
            chosen = stating[0]
        elif naming:
            chosen = naming[0]
        else:
            return _record_title(main)
    return _cut(_respelt(chosen, players), limit)


_STAGE_WORDS = {"interest": "linked", "talks": "in talks", "bid": "bid made", "agreed": "fee agreed",
                "done": "deal done", "off": "deal off"}


def _record_title(move: Move) -> str:
    """A headline made from a move: "Gyokeres: Sporting CP → Arsenal, deal done, £63.5m"."""
    route = f"{move.from_club or '?'} → {move.to_club or '?'}"
    fee = f", {move.fee.text}" if move.fee else ""
    return f"{move.player.split()[-1]}: {route}, {_STAGE_WORDS.get(move.stage, move.stage)}{fee}"


def _names_club(sentence: str, club: str) -> bool:
    """Whether a sentence names a club by its name or its last word ("United", "Villa" count)."""
    return club in sentence or club.split()[-1] in sentence


def _respelt(sentence: str, players: Sequence[str]) -> str:
    """The sentence with each player's name as the record spells it ("Van Dijk" → "van Dijk")."""
    folded = sentence.lower()
    for name in players:
        if " " in name and name not in sentence and name.lower() in folded:
            sentence = re.sub(re.escape(name), name.replace("\\", "\\\\"), sentence, flags=re.IGNORECASE)
    return sentence


def _cut(sentence: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary that is not inside a run of capitalised
    words (a name: "Arsenal goalkeeper Aaron Ramsdale", not "…goalkeeper Aaron…")."""
    if len(sentence) <= limit:
        return sentence
    words = sentence.split(" ")
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit - 1:
            break
        kept.append(word)
    following = words[len(kept)] if len(kept) < len(words) else ""
    while len(kept) > 1 and kept[-1][:1].isupper() and following[:1].isupper():
        following = kept.pop()  # inside a name: end before it
    return " ".join(kept).rstrip(",;:-— ") + "…"


def _unique_fees(fees: Iterable[Fee]) -> list[Fee]:
    """Each figure once: a fee repeated in a later paragraph is the same fee."""
    seen: dict[str, Fee] = {}
    for fee in fees:
        seen.setdefault(fee.text, fee)
    return list(seen.values())
