"""The rules' reading of one article: names, roles, clubs, fees and moves with their cues.

What `extract()` builds its record from, and what the move model is trained on
(`site_gen.extract.training`), so both see exactly the same reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from site_gen.extract.fees import find_fees
from site_gen.extract.gazetteer import Gazetteer, load_gazetteer
from site_gen.extract.mentions import Mention, find_mentions, resolve_clubs, surnames_over_clubs
from site_gen.extract.moves import Direction, find_moves
from site_gen.extract.records import Fee, Move
from site_gen.extract.roles import classify_people
from site_gen.extract.text import plain_typography, sentences


@dataclass(frozen=True, slots=True)
class Reading:
    """What the rules read of one article, before the move model weighs its moves."""

    text: str
    spans: list[tuple[int, int]]
    mentions: list[Mention]
    players: list[str]
    clubs: list[str]
    fees: list[tuple[int, Fee]]
    #: the rules' moves
    rule_moves: list[Move]
    #: the club each player is said to be at, moving or not
    origins: dict[str, str]
    #: the direction read for each club mention, by its offset
    directions: dict[int, Direction]


def read_article(body: str, date: dt.date | None = None, gazetteer: Gazetteer | None = None) -> Reading:
    """Read one article with the rules: sentences, names, roles, clubs, fees, moves."""
    gaz = gazetteer or load_gazetteer()
    text = plain_typography(body)
    spans = sentences(text)
    mentions = surnames_over_clubs(find_mentions(text, spans, gaz))
    clubs = resolve_clubs(mentions)
    players = classify_people(text, mentions, gaz.staff_roles, gaz.staff_names, date.year if date else None, spans)
    fees = find_fees(text)
    origins: dict[str, str] = {}
    directions: dict[int, Direction] = {}
    moves = find_moves(text, spans, mentions, players, fees, origins, directions)
    return Reading(text, spans, mentions, players, clubs, fees, moves, origins, directions)
