"""How sure a move is: a logistic model over (player, club) pairs, trained on real articles.

The rules of `moves.py` read each club mention's direction from the words right beside it;
they are precise where a cue they know stands there and blind elsewhere. This stage looks at
every pair of a player and a club the article names together and weighs what surrounds them
(the words between and around, their order and distance, the sentence's stage and history
cues, whether the pair opens the article) together with the rules' own reading. Its weights
(`data/move_model.json`) are learned from hand-annotated published articles by
`site_gen.extract.training`; each move gets the model's probability as its confidence, and
only moves at or above the model's publishing threshold are published.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Mapping, Sequence

from site_gen.extract.mentions import Mention
from site_gen.extract.records import Fee, Move
from site_gen.extract.stages import furthest, marks

#: Words of a sentence as the model sees them: lower case, money and years as classes.
_TOKEN = re.compile(r"[£€$]\s?\d[\d.,]*\s?(?:m|bn|k|million|billion)?\b|[\w'-]+|[,;:()\"]")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: Words that place a sentence in a player's past rather than this window.
_HISTORY = re.compile(r"\b(?:former|formerly|ex|previously|last (?:season|summer|year|january|window|term)|"
                      r"(?:\w+ )(?:years|seasons) ago|spent|began|started|came through|academy|"
                      r"back in|at the time|originally|once|previous)\b", re.I)
#: How many words of context each side of a name the model reads.
_SIDE = 3
#: Words between two names read one by one; a longer stretch keeps its two ends.
_BETWEEN_ENDS = 5


@dataclass(frozen=True, slots=True)
class LogisticWeights:
    """One logistic model: a weight per feature name, and a bias."""

    weights: Mapping[str, float]
    bias: float

    def probability(self, features: Iterable[str]) -> float:
        weights = self.weights
        score = self.bias + sum(weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True, slots=True)
class MoveModel:
    """Two learned models over the same pair features, and the confidence a move needs to be published.

    `destination` says how likely the article reports the player going to the club; `origin` how
    likely the club is the one he would leave. A move's confidence is the chance both its ends are
    right: P(destination) × P(origin chosen) (or × P(no origin stated) when none is chosen).
    """

    destination: LogisticWeights
    origin: LogisticWeights
    #: at or above: published; below: held for the review
    publish_at: float
    #: below this a candidate is not even worth the review's time
    review_at: float
    #: an origin needs this probability to be chosen
    origin_at: float = 0.15


@functools.lru_cache(maxsize=1)
def load_move_model() -> MoveModel | None:
    """The weights shipped with the package (None if the package has none: every rule move is kept)."""
    try:
        raw = json.loads(resources.files("site_gen.extract.data").joinpath("move_model.json").read_text("utf-8"))
    except FileNotFoundError:
        return None
    return model_from_json(raw)


def model_from_json(raw: Mapping[str, object]) -> MoveModel:
    """A model from its JSON form (as `site_gen.extract.training` writes it)."""
    def part(name: str) -> LogisticWeights:
        value = raw[name]
        assert isinstance(value, dict)
        return LogisticWeights(weights=value["weights"], bias=float(value["bias"]))
    return MoveModel(destination=part("destination"), origin=part("origin"), publish_at=float(raw["publish_at"]),  # type: ignore[arg-type]
                     review_at=float(raw["review_at"]), origin_at=float(raw.get("origin_at", 0.5)))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A (player, destination) pair the article names together, with what the model reads of it."""

    player: str
    #: the club he would join; None for a departure with no destination named
    club: str | None
    features: frozenset[str]
    #: (start, end) of the sentence that best shows the pair
    evidence: tuple[int, int]
    #: the rules' move for this pair, if they read one
    rule_move: Move | None = None


@dataclass(frozen=True, slots=True)
class WeighedMoves:
    """An article's moves split by confidence: the ones to publish and the ones for the review."""

    published: tuple[Move, ...] = ()
    held: tuple[Move, ...] = ()


@dataclass(slots=True)
class _Sentence:
    """One sentence's tokens, and which of them belong to a name."""

    tokens: list[str]
    starts: list[int]
    ends: list[int]
    stages: frozenset[str]
    history: bool
    other_year: bool
    #: token indexes of each mention's first and last token, by mention start offset
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)


def _bucket(value: int, edges: Sequence[int]) -> int:
    """The first edge `value` does not exceed (or len(edges)): a small number for a feature name."""
    for index, edge in enumerate(edges):
        if value <= edge:
            return index
    return len(edges)


def _read_sentence(text: str, start: int, end: int, mentions: list[Mention], year: int | None,
                   stage_marks: list[tuple[int, str]]) -> _Sentence:
    """Tokenise one sentence; names become their kind ("<club>", "<person>", "<outlet>")."""
    raw = text[start:end]
    lowered = raw.lower()
    tokens: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _TOKEN.finditer(lowered):
        word = match.group()
        if word[0] in "£€$":
            word = "<money>"
        elif _YEAR.match(word):
            word = "<year>"
        elif word.isdigit():
            word = "<n>"
        tokens.append(word)
        starts.append(start + match.start())
        ends.append(start + match.end())
    spans: dict[int, tuple[int, int]] = {}
    for mention in mentions:
        first = next((i for i, s in enumerate(starts) if s >= mention.start), None)
        if first is None:
            continue
        last = first
        while last + 1 < len(starts) and starts[last + 1] < mention.end:
            last += 1
        spans[mention.start] = (first, last)
        kind = "<club>" if mention.kind == "club" else "<person>" if mention.kind == "person" else "<name>"
        for index in range(first, last + 1):
            tokens[index] = kind
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", raw)]
    return _Sentence(tokens, starts, ends, frozenset(stage for _, stage in stage_marks),
                     bool(_HISTORY.search(raw)), bool(year and any(y < year - 0 and y != year for y in years)),
                     spans)


def _context(prefix: str, words: list[str], out: set[str]) -> None:
    """Features for the words on one side of a name: the nearest alone, the two nearest, and a bag."""
    if not words:
        out.add(f"{prefix}1:^")
        return
    out.add(f"{prefix}1:{words[0]}")
    if len(words) > 1:
        out.add(f"{prefix}2:{words[0]} {words[1]}")
    for word in words:
        out.add(f"{prefix}:{word}")


def _pair_features(sentence: _Sentence, player: Mention, club: Mention, out: set[str]) -> None:
    """What one sentence naming both a player and a club says of the pair."""
    tokens = sentence.tokens
    p_first, p_last = sentence.spans[player.start]
    c_first, c_last = sentence.spans[club.start]
    order = "pc" if p_first < c_first else "cp"
    low, high = (p_last, c_first) if order == "pc" else (c_last, p_first)
    between = tokens[low + 1:high]
    out.add(f"{order}:d{_bucket(len(between), (0, 1, 2, 4, 7, 12, 20))}")
    if len(between) <= 2 * _BETWEEN_ENDS:
        for word in between:
            out.add(f"{order}:b:{word}")
    else:
        for word in between[:_BETWEEN_ENDS]:
            out.add(f"{order}:bl:{word}")
        for word in between[-_BETWEEN_ENDS:]:
            out.add(f"{order}:br:{word}")
    if between:
        out.add(f"{order}:b1:{between[0]}")
        out.add(f"{order}:bz:{between[-1]}")
    if "<club>" in between:
        out.add(f"{order}:club-between")
    if "<person>" in between:
        out.add(f"{order}:person-between")
    _context("cb", tokens[max(0, c_first - _SIDE):c_first][::-1], out)
    _context("ca", tokens[c_last + 1:c_last + 1 + _SIDE], out)
    _context("pb", tokens[max(0, p_first - 2):p_first][::-1], out)
    _context("pa", tokens[p_last + 1:p_last + 1 + _SIDE], out)
    for stage in sentence.stages:
        out.add(f"st:{stage}")
    if sentence.history:
        out.add("history")
    if sentence.other_year:
        out.add("past-year")


def candidates(text: str, spans: list[tuple[int, int]], mentions: list[Mention], rule_moves: Sequence[Move],
               directions: Mapping[int, object], year: int | None) -> list[Candidate]:
    """Every (player, club) pair named in one sentence, every pair the rules read, and the rules'
    departures with no destination, each with its features."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence].append(mention)
    players = [m for m in mentions if m.kind == "person" and m.player]
    if not players:
        return []
    stage_marks = marks(text, 0, len(text))
    player_order = list(dict.fromkeys(m.person for m in players))
    club_mentions = [m for m in mentions if m.kind == "club"]
    club_order = list(dict.fromkeys(m.clubs[0] for m in club_mentions))
    club_counts: dict[str, int] = defaultdict(int)
    for mention in club_mentions:
        club_counts[mention.clubs[0]] += 1
    player_counts: dict[str, int] = defaultdict(int)
    for mention in players:
        player_counts[mention.person] += 1
    features: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    evidence: dict[tuple[str, str | None], tuple[int, int]] = {}
    read: dict[int, _Sentence] = {}
    last_player: str | None = None
    for index, (start, end) in enumerate(spans):
        here = by_sentence.get(index, [])
        people = [m for m in here if m.kind == "person" and m.player]
        clubs = [m for m in here if m.kind == "club"]
        if people:
            last_player = people[-1].person
        if not clubs or (not people and last_player is None):
            continue
        sentence = read.get(index)
        if sentence is None:
            sentence = read[index] = _read_sentence(text, start, end, here, year,
                                                    [m for m in stage_marks if start <= m[0] < end])
        position = f"s{_bucket(index, (0, 1, 3, 7))}"
        if not people:  # a sentence about the player in hand that does not name him
            assert last_player is not None
            for club in clubs:
                key = (last_player, club.clubs[0])
                found = features[key]
                found.add("focus")
                found.add(f"focus:{position}")
                c_first, c_last = sentence.spans[club.start]
                _context("fcb", sentence.tokens[max(0, c_first - _SIDE):c_first][::-1], found)
                _context("fca", sentence.tokens[c_last + 1:c_last + 1 + _SIDE], found)
                found.add(f"fdir:{_direction_name(directions.get(club.start), last_player)}")
                evidence.setdefault(key, (start, end))
            continue
        for club in clubs:
            nearest = min(people, key=lambda p: min(abs(p.start - club.end), abs(club.start - p.end)))
            for player in people:
                key = (player.person, club.clubs[0])
                found = features[key]
                found.add("together")
                found.add(f"together:{position}")
                if player is nearest:
                    found.add("nearest")
                    found.add(f"dir:{_direction_name(directions.get(club.start), player.person)}")
                else:
                    found.add("not-nearest")
                _pair_features(sentence, player, club, found)
                if key not in evidence or player is nearest:
                    evidence.setdefault(key, (start, end))
    rules = {(move.player, move.to_club): move for move in rule_moves}
    origins = {move.player: move.from_club for move in rule_moves if move.from_club}
    for (player, club), move in rules.items():
        found = features[(player, club)]
        found.add("rule")
        found.add(f"rule:{move.stage}")
        if club is None:
            found.add("to-none")
        if move.fee is not None:
            found.add("rule:fee")
    made: list[Candidate] = []
    n_players = f"np{_bucket(len(player_order), (1, 2, 4, 8))}"
    n_clubs = f"nc{_bucket(len(club_order), (1, 2, 3, 5, 8))}"
    for (player, club), found in features.items():
        if player not in player_counts:
            continue
        if club is not None and origins.get(player) == club:
            found.add("is-origin")
        found.add(n_players)
        found.add(n_clubs)
        found.add(f"pc{_bucket(player_counts[player], (1, 2, 4))}")
        if club is not None:
            found.add(f"cc{_bucket(club_counts[club], (1, 2, 4))}")
            found.add(f"crank{_bucket(club_order.index(club), (0, 1, 2, 4))}")
        found.add(f"prank{_bucket(player_order.index(player), (0, 1, 2, 4))}")
        if "rule" not in found:
            found.add("no-rule")
        span = evidence.get((player, club)) or _first_sentence_of(player, players, spans)
        made.append(Candidate(player, club, frozenset(found), span, rules.get((player, club))))
    return made


def _first_sentence_of(player: str, players: list[Mention], spans: list[tuple[int, int]]) -> tuple[int, int]:
    for mention in players:
        if mention.person == player:
            return spans[mention.sentence]
    return spans[0] if spans else (0, 0)


def _direction_name(direction: object, player: str) -> str:
    """The rules' reading of a club mention as a feature value, relative to this player."""
    if direction is None:
        return "none"
    if isinstance(direction, tuple):
        return f"{direction[0]}{'' if direction[1] == player else '-other'}"
    return str(direction)


@dataclass(frozen=True, slots=True)
class Weighed:
    """A candidate with both of the model's probabilities and the origin chosen for its player."""

    candidate: Candidate
    destination: float
    origin: str | None
    #: the probability that `origin` is right (that none is stated, when it is None)
    origin_confidence: float

    @property
    def confidence(self) -> float:
        return self.destination * self.origin_confidence


def weigh_candidates(found: Sequence[Candidate], model: MoveModel) -> list[Weighed]:
    """Each candidate's probabilities; each player's origin is the club likeliest to be it, if likely enough."""
    origin_odds: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for candidate in found:
        if candidate.club is not None:
            origin_odds[candidate.player].append((model.origin.probability(candidate.features), candidate.club))
    chosen: dict[str, tuple[str | None, float]] = {}
    for player, odds in origin_odds.items():
        best, club = max(odds)
        chosen[player] = (club, best) if best >= model.origin_at else (None, 1.0 - best)
    weighed: list[Weighed] = []
    for candidate in found:
        origin, sure = chosen.get(candidate.player, (None, 1.0))
        if candidate.club is not None and candidate.club == origin:
            continue  # his own club is where he would leave, not where he would go
        weighed.append(Weighed(candidate, model.destination.probability(candidate.features), origin, sure))
    return weighed


def weigh(text: str, spans: list[tuple[int, int]], mentions: list[Mention], rule_moves: Sequence[Move],
          directions: Mapping[int, object], fees: list[tuple[int, Fee]], year: int | None,
          model: MoveModel | None = None) -> WeighedMoves:
    """The article's moves with their confidence and evidence, split at the publishing threshold."""
    model = model or load_move_model()
    if model is None:
        return WeighedMoves(published=tuple(rule_moves))
    published: list[Move] = []
    held: list[Move] = []
    for item in weigh_candidates(candidates(text, spans, mentions, rule_moves, directions, year), model):
        confidence = item.confidence
        if confidence < model.review_at:
            continue
        candidate = item.candidate
        start, end = candidate.evidence
        sentence = " ".join(text[start:end].split())
        rule = candidate.rule_move
        fee = rule.fee if rule else _fee_in(fees, start, end)
        stage = rule.stage if rule else furthest({stage for _, stage in marks(text, start, end)})
        move = Move(candidate.player, item.origin, candidate.club, fee, stage, round(confidence, 3), sentence)
        (published if confidence >= model.publish_at else held).append(move)
    order = {(m.player, m.to_club): i for i, m in enumerate(rule_moves)}
    published.sort(key=lambda m: (order.get((m.player, m.to_club), len(order)), -m.confidence))
    held.sort(key=lambda m: -m.confidence)
    return WeighedMoves(tuple(published), tuple(held))


def _fee_in(fees: list[tuple[int, Fee]], start: int, end: int) -> Fee | None:
    return next((fee for offset, fee in fees if start <= offset < end), None)
