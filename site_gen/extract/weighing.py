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

import bisect
import dataclasses
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
from site_gen.extract.stages import clause_spans, furthest, marks

#: Words of a sentence as the model sees them: lower case, money and years as classes.
_TOKEN = re.compile(r"[£€$]\s?\d[\d.,]*\s?(?:m|bn|k|million|billion)?\b|[\w'-]+|[,;:()\"]")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: Words that place a sentence in a player's past rather than this window.
_HISTORY = re.compile(r"\b(?:former|formerly|ex|previously|last (?:season|summer|year|january|window|term)|"
                      r"(?:\w+ )(?:years|seasons) ago|spent|began|started|came through|academy|"
                      r"back in|at the time|originally|once|previous)\b", re.I)
#: The stage model's probability a stage needs when no cue word near the pair says it.
UNBACKED_STAGE_SURE = 0.6
#: Stages never read without a cue word: a deal is never made done by the model alone.
CUE_ONLY_STAGES = frozenset({"done"})
#: Ways of saying a move is done that the stage cues leave to the model ("the arrivals of X and Y",
#: "after signing X", "snapped up X from", "deals were completed for"): enough to back a "done".
_DONE_SAID = re.compile(
    r"\b(?:(?:the |his |her |their |a |an )?(?:\S+ )?(?:signings?|arrivals?|acquisitions?|captures?) of|"
    r"new (?:arrivals?|signings?|recruits?)|(?:summer|january|winter|deadline[- ]day) signings?|"
    r"(?:additions?|departures?|sales?|transfer) of|pen to paper|link(?:s|ed|ing)? up with|"
    r"deals? for .{1,60}? (?:have|has) (?:already )?been (?:completed|done|finalised)|(?:his|her) (?:\S+ )?move to|"
    r"(?:has|have) left .{1,40}? to join|(?:has|have|had) (?:already |now |also |just )?(?:signed|landed|secured|"
    r"snapped up|brought in)|after (?:also )?(?:signing|landing|securing|bringing in|snapping up)|"
    r"snapp(?:ed|ing) up|link(?:ed|s) up with|swapped \S+(?: \S+){0,2} for|signed (?:a|his|her) (?:deal|contract) "
    r"(?:with|at)|ceded to|deals? (?:were|was|have been|has been|had been) (?:completed|finalised|sealed)|"
    r"through the doors?|secured (?:their|his|its) (?:man|target|signature)|cost \S+ (?:£|€|\$))\b", re.I)
#: Stage features that are cues read in the text (sentence, clause, player, rules, evidence, focus, back).
_CUE_KINDS = frozenset({"es:", "cs:", "ps:", "rs:", "ev:", "fs:", "bs:", "bk:"})
#: Words before a club that make it one of the player's past clubs: "former Chelsea and Arsenal striker",
#: "the ex-Celtic man", "formerly of Lyon".
_FORMER_BEFORE = re.compile(r"\b(?:[Ee]x|[Ff]ormer|[Ff]ormerly(?: of| with| at)?|[Oo]ne-time|[Pp]reviously(?: of| with| at)?)"
                            r"(?:-|\s+)(?:(?:the\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*\s*(?:,|and|&)\s*)*$")
#: How many words of context each side of a name the model reads.
_SIDE = 3
#: Words between two names read one by one; a longer stretch keeps its two ends.
_BETWEEN_ENDS = 5


@dataclass(frozen=True, slots=True)
class LogisticWeights:
    """One logistic model: a weight per feature name, and a bias."""

    weights: Mapping[str, float]
    bias: float

    def score(self, features: Iterable[str]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(feature, 0.0) for feature in features)

    def probability(self, features: Iterable[str]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(features)))))


def _table(models: Sequence[LogisticWeights]) -> dict[str, tuple[float, ...]]:
    """Several models' weights side by side, so scoring them all takes one look-up per feature."""
    names = {name for model in models for name in model.weights}
    return {name: tuple(model.weights.get(name, 0.0) for model in models) for name in names}


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True, slots=True)
class MoveModel:
    """Two learned models over the same pair features, and the confidence a move needs to be published.

    `destination` says how likely the article reports the player going to the club; `origin` how
    likely the club is the one he would leave. A move's confidence is the chance both its ends are
    right, from the two (see `Weighed.signals`), calibrated on predictions for articles the models
    never saw.
    """

    destination: LogisticWeights
    origin: LogisticWeights
    #: at or above: published; below: held for the review
    publish_at: float
    #: below this a candidate is not even worth the review's time
    review_at: float
    #: an origin needs this probability to be chosen
    origin_at: float = 0.15
    #: weights of `Weighed.signals()` then a bias, turning them into the chance a move is right
    calibration: tuple[float, ...] = ()
    #: one model per stage over `stage_features()`: the stage with the highest score wins
    stages: Mapping[str, LogisticWeights] = field(default_factory=dict)
    _pairs: dict[str, tuple[float, ...]] = field(init=False, repr=False, compare=False)
    _stages: dict[str, tuple[float, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pairs", _table((self.destination, self.origin)))
        object.__setattr__(self, "_stages", _table(tuple(self.stages.values())))

    def pair_odds(self, features: Iterable[str]) -> tuple[float, float]:
        """The probabilities that the pair is a move there, and that the club is the one he leaves."""
        destination, origin = self.destination.bias, self.origin.bias
        table = self._pairs
        for feature in features:
            weights = table.get(feature)
            if weights is not None:
                destination += weights[0]
                origin += weights[1]
        return _sigmoid(destination), _sigmoid(origin)

    def stage_of(self, features: frozenset[str]) -> str | None:
        """The stage the stage model reads from a candidate's `stage_features` (None without a stage model)."""
        if not self.stages:
            return None
        totals = [weights.bias for weights in self.stages.values()]
        table = self._stages
        for feature in features:
            weights = table.get(feature)
            if weights is not None:
                for index, weight in enumerate(weights):
                    totals[index] += weight
        scores = dict(zip(self.stages, totals))
        best = max(scores, key=scores.__getitem__)
        # a stage needs a cue of its own somewhere near the pair: the model chooses among those, so it
        # never makes a deal done (or dead) that no word of the article calls so
        backed = {"interest"} | {feature.split(":", 1)[1] for feature in features if feature[:3] in _CUE_KINDS}
        if "settled-elsewhere" in features:
            backed.add("off")
        if best in backed:
            return best
        top = scores[best]
        share = 1.0 / sum(math.exp(score - top) for score in scores.values())
        if share >= UNBACKED_STAGE_SURE and best not in CUE_ONLY_STAGES:
            return best
        return max((stage for stage in scores if stage in backed), key=scores.__getitem__, default=None)


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
    stages = raw.get("stages") or {}
    assert isinstance(stages, dict)
    return MoveModel(destination=part("destination"), origin=part("origin"), publish_at=float(raw["publish_at"]),  # type: ignore[arg-type]
                     stages={stage: LogisticWeights(weights=value["weights"], bias=float(value["bias"]))
                             for stage, value in stages.items()},
                     review_at=float(raw["review_at"]), origin_at=float(raw["origin_at"]),  # type: ignore[arg-type]
                     calibration=tuple(raw.get("calibration", ())))  # type: ignore[arg-type]


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
    #: stage cues read of the pair: in its sentences, its club's clauses, the player's sentences, the rules
    stage_cues: frozenset[str] = frozenset()
    #: the clauses naming the club beside the player
    clauses: tuple[tuple[int, int], ...] = ()
    #: the club is named beside him only as one of his past clubs ("former Chelsea striker"): never his origin
    past_club: bool = False


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
        if not word[0].isalpha():
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
        first = bisect.bisect_right(starts, mention.start) - 1
        if first < 0 or ends[first] <= mention.start:
            first += 1  # (a name inside a token, "ex-Celtic", takes the token)
        if first == len(starts):
            continue
        last = max(first, bisect.bisect_left(starts, mention.end) - 1)
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
    before = tokens[c_first - 1] if c_first else "^"
    after = tokens[c_last + 1] if c_last + 1 < len(tokens) else "$"
    out.add(f"cba:{before}|{after}")  # "on <club> for", "with <club> over", "<club> target"
    if between:
        out.add(f"{order}:b1z:{between[0]}|{between[-1]}")
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
    recent_clubs: tuple[int, list[Mention]] | None = None  # the last sentence naming clubs
    together: dict[tuple[str, str | None], int] = defaultdict(int)
    stage_found: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    pair_clauses: dict[tuple[str, str | None], list[tuple[int, int]]] = defaultdict(list)
    former: dict[tuple[str, str | None], int] = defaultdict(int)  # > 0: named beside him only as a past club
    settled: dict[str, set[str]] = defaultdict(set)  # clubs a player is said to have agreed with or joined
    player_stages: dict[str, set[str]] = defaultdict(set)
    club_players: dict[str, set[str]] = defaultdict(set)
    club_directions: dict[str, set[str]] = defaultdict(set)
    lead = {m.person if m.kind == "person" else m.clubs[0] for m in mentions
            if m.sentence <= 1 and (m.kind == "club" or (m.kind == "person" and m.player))}
    for index, (start, end) in enumerate(spans):
        here = [m for m in by_sentence.get(index, ()) if start <= m.start and m.end <= end]  # (as split)
        people = [m for m in here if m.kind == "person" and m.player]
        clubs = [m for m in here if m.kind == "club"]
        if people:
            last_player = people[-1].person
            cues = {stage for offset, stage in stage_marks if start <= offset < end}
            for person in people:
                player_stages[person.person] |= cues
        if people and not clubs and recent_clubs and index - recent_clubs[0] <= 2:
            # "Spurs have been busy. They signed X and Y": players with the clubs of a sentence just before
            sentence = read.get(index) or _read_sentence(text, start, end, here, year,
                                                         [m for m in stage_marks if start <= m[0] < end])
            read[index] = sentence
            for club in recent_clubs[1]:
                for player in people:
                    key = (player.person, club.clubs[0])
                    found = features[key]
                    found.add("back")
                    found.add(f"back:{index - recent_clubs[0]}")
                    p_first, p_last = sentence.spans[player.start]
                    _context("bpb", sentence.tokens[max(0, p_first - _SIDE):p_first][::-1], found)
                    _context("bpa", sentence.tokens[p_last + 1:p_last + 1 + _SIDE], found)
                    for stage in sentence.stages:
                        found.add(f"bst:{stage}")
                    stage_found[key].update(f"bs:{stage}" for stage in sentence.stages)
                    found.add(f"bdir:{_direction_name(directions.get(club.start), player.person)}")
                    evidence.setdefault(key, (start, end))
        if clubs:
            recent_clubs = (index, clubs)
        if not clubs or (not people and last_player is None):
            continue
        known = read.get(index)
        sentence = known if known is not None else _read_sentence(text, start, end, here, year,
                                                                  [m for m in stage_marks if start <= m[0] < end])
        read[index] = sentence
        position = f"s{_bucket(index, (0, 1, 3, 7))}"
        clauses = clause_spans(text, start, end)
        sentence_marks = [mark for mark in stage_marks if start <= mark[0] < end]
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
                stage_found[key].update(f"fs:{stage}" for stage in sentence.stages)
                evidence.setdefault(key, (start, end))
            continue
        for club in clubs:
            nearest = min(people, key=lambda p: min(abs(p.start - club.end), abs(club.start - p.end)))
            for player in people:
                key = (player.person, club.clubs[0])
                found = features[key]
                found.add("together")
                found.add(f"together:{position}")
                together[key] += 1
                club_players[club.clubs[0]].add(player.person)
                if player is nearest:
                    found.add("nearest")
                    direction = _direction_name(directions.get(club.start), player.person)
                    found.add(f"dir:{direction}")
                    found.add(f"dir:{direction}&{'pc' if player.start < club.start else 'cp'}")
                    club_directions[club.clubs[0]].add(direction)
                else:
                    found.add("not-nearest")
                _pair_features(sentence, player, club, found)
                low, high = min(player.start, club.start), max(player.end, club.end)
                if any(low <= a < high or low < b <= high for a, b in clauses if not (a <= low and high <= b)):
                    found.add("other-clause")  # a clause break between them: "...; Arsenal are prioritising"
                else:
                    found.add("same-clause")
                if _FORMER_BEFORE.search(text, max(start, club.start - 60), club.start):
                    found.add("c-former")
                    former[key] += 1
                else:
                    former[key] -= 100  # named once as his club now: not only his past
                if key not in evidence or player is nearest:
                    evidence.setdefault(key, (start, end))
                cues = stage_found[key]
                cues.update(f"es:{stage}" for stage in sentence.stages)
                if player is nearest:
                    clause = next(((a, b) for a, b in clauses if a <= club.start < b), (start, end))
                    said = {stage for offset, stage in sentence_marks if clause[0] <= offset < clause[1]}
                    cues.update(f"cs:{stage}" for stage in said)
                    pair_clauses[key].append(clause)
                    if "done" in said or "agreed" in said:
                        settled[player.person].add(club.clubs[0])
    rules = {(move.player, move.to_club): move for move in rule_moves}
    origins = {move.player: move.from_club for move in rule_moves if move.from_club}
    for (name, team), move in rules.items():
        found = features[(name, team)]
        found.add("rule")
        found.add(f"rule:{move.stage}")
        if team is None:
            found.add("to-none")
        if move.fee is not None:
            found.add("rule:fee")
    rule_count: dict[str, int] = defaultdict(int)
    for move in rule_moves:
        rule_count[move.player] += 1
    made: list[Candidate] = []
    n_players = f"np{_bucket(len(player_order), (1, 2, 4, 8))}"
    n_clubs = f"nc{_bucket(len(club_order), (1, 2, 3, 5, 8))}"
    for (name, team), found in features.items():
        if name not in player_counts:
            continue
        if team is not None and origins.get(name) == team:
            found.add("is-origin")
        found.add(n_players)
        found.add(n_clubs)
        found.add(f"pc{_bucket(player_counts[name], (1, 2, 4))}")
        if team is not None:
            found.add(f"cc{_bucket(club_counts[team], (1, 2, 4))}")
            found.add(f"crank{_bucket(club_order.index(team), (0, 1, 2, 4))}")
        found.add(f"prank{_bucket(player_order.index(name), (0, 1, 2, 4))}")
        if "rule" not in found:
            found.add("no-rule")
        found.add(f"co{_bucket(together[(name, team)], (0, 1, 2, 4))}")
        found.add(f"p-rules{_bucket(rule_count[name], (0, 1, 2, 4))}")
        if name in lead:
            found.add("p-lead")
            if team in lead:
                found.add("pair-lead")
        if team is not None:
            if team in lead:
                found.add("c-lead")
            found.add(f"c-players{_bucket(len(club_players[team]), (0, 1, 2, 4))}")
            for direction in club_directions[team]:
                found.add(f"c-dir:{direction}")
        span = evidence.get((name, team)) or _first_sentence_of(name, players, spans)
        rule = rules.get((name, team))
        cues = stage_found[(name, team)]
        cues.update(f"ps:{stage}" for stage in player_stages[name])
        cues.add(f"rs:{rule.stage}" if rule else "rs:none")
        if settled[name] - {team}:
            cues.add("settled-elsewhere")
        if "history" in found:
            cues.add("history")
        if team is None:
            cues.add("to-none")
        made.append(Candidate(name, team, frozenset(found), span, rule, frozenset(cues),
                              tuple(pair_clauses.get((name, team), ())), former[(name, team)] > 0))
    return made


def stage_features(text: str, candidate: Candidate) -> frozenset[str]:
    """What the stage model reads of a candidate: its cues, and the words of its evidence and of the
    clauses naming its club (read only for the moves kept, as words are the dear part)."""
    start, end = candidate.evidence
    found = set(candidate.stage_cues)
    for clause_start, clause_end in candidate.clauses:
        found.update(f"cw:{word}" for word in _TOKEN.findall(text[clause_start:clause_end].lower())
                     if word[0].isalpha())
    found.update(f"w:{word}" for word in _TOKEN.findall(text[start:end].lower()) if word[0].isalpha())
    found.update(f"ev:{stage}" for _, stage in marks(text, start, end))
    if _DONE_SAID.search(text, start, end):
        found.add("bk:done")
    return frozenset(found)


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
    """A candidate with the model's probabilities and the origin chosen for its player."""

    candidate: Candidate
    #: the probability the article reports him going to this club
    destination: float
    #: the probability this club is the one he would leave (0.0 for a departure to no club)
    club_is_origin: float
    origin: str | None
    #: the probability that `origin` is right (that none is stated, when it is None)
    origin_confidence: float
    #: the chance the whole move (player, origin, destination) is right, calibrated
    confidence: float

    #: no other club is likelier his destination
    top_destination: bool = False

    def signals(self) -> tuple[float, ...]:
        """What the calibration weighs: the three probabilities as log-odds, and a few flags."""
        features = self.candidate.features
        return (_logit(self.destination), _logit(self.club_is_origin), _logit(self.origin_confidence),
                float(self.origin is None), float(self.candidate.rule_move is not None),
                float(self.top_destination), float("p-lead" in features), float("pair-lead" in features))


def _logit(probability: float) -> float:
    probability = min(max(probability, 1e-4), 1 - 1e-4)
    return math.log(probability / (1 - probability))


def weigh_candidates(found: Sequence[Candidate], model: MoveModel) -> list[Weighed]:
    """Each candidate's probabilities; each player's origin is the club likeliest to be it, if likely enough."""
    origin_odds: dict[str, list[tuple[float, str]]] = defaultdict(list)
    club_is_origin: dict[tuple[str, str], float] = {}
    destinations: dict[int, float] = {}
    for candidate in found:
        destination, odds = model.pair_odds(candidate.features)
        destinations[id(candidate)] = destination
        if candidate.club is not None and not candidate.past_club:
            club_is_origin[(candidate.player, candidate.club)] = odds
            # a club the article likely sends him to is not the one he leaves
            origin_odds[candidate.player].append((odds * (1.0 - destinations[id(candidate)]), candidate.club))
    chosen: dict[str, tuple[str | None, float]] = {}
    for player, ranked in origin_odds.items():
        best, club = max(ranked)
        chosen[player] = (club, best) if best >= model.origin_at else (None, 1.0 - best)
    best_destination: dict[str, float] = defaultdict(float)
    for candidate in found:
        if candidate.club != chosen.get(candidate.player, (None, 0.0))[0]:
            best_destination[candidate.player] = max(best_destination[candidate.player], destinations[id(candidate)])
    weighed: list[Weighed] = []
    for candidate in found:
        origin, sure = chosen.get(candidate.player, (None, 1.0))
        if candidate.club is not None and candidate.club == origin:
            continue  # his own club is where he would leave, not where he would go
        destination = destinations[id(candidate)]
        item = Weighed(candidate, destination, club_is_origin.get((candidate.player, candidate.club or ""), 0.0),
                       origin, sure, destination * sure, destination >= best_destination[candidate.player])
        if model.calibration:
            *weights, bias = model.calibration
            confidence = _sigmoid(bias + sum(w * x for w, x in zip(weights, item.signals())))
            item = dataclasses.replace(item, confidence=confidence)
        weighed.append(item)
    return weighed


def weigh(text: str, spans: list[tuple[int, int]], mentions: list[Mention], rule_moves: Sequence[Move],
          directions: Mapping[int, object], fees: list[tuple[int, Fee]], year: int | None,
          model: MoveModel | None = None) -> WeighedMoves:
    """The article's moves with their confidence and evidence, split at the publishing threshold."""
    model = model or load_move_model()
    if model is None:
        return WeighedMoves(published=tuple(rule_moves))
    kept = [item for item in weigh_candidates(candidates(text, spans, mentions, rule_moves, directions, year), model)
            if item.confidence >= model.review_at]
    stages = []
    for item in kept:
        candidate = item.candidate
        rule = candidate.rule_move
        start, end = candidate.evidence
        stages.append(model.stage_of(stage_features(text, candidate)) or (
            rule.stage if rule else furthest({stage for _, stage in marks(text, start, end)})))
    published: list[Move] = []
    held: list[Move] = []
    for item, stage in zip(kept, rivals_off(kept, stages)):
        candidate = item.candidate
        start, end = candidate.evidence
        rule = candidate.rule_move
        fee = rule.fee if rule else _fee_in(fees, start, end)
        move = Move(candidate.player, item.origin, candidate.club, fee, stage, round(item.confidence, 3),
                    " ".join(text[start:end].split()))
        (published if item.confidence >= model.publish_at else held).append(move)
    order = {(m.player, m.to_club): i for i, m in enumerate(rule_moves)}
    published.sort(key=lambda m: (order.get((m.player, m.to_club), len(order)), -m.confidence))
    held.sort(key=lambda m: -m.confidence)
    return WeighedMoves(tuple(published), tuple(held))


def rivals_off(weighed: Sequence[Weighed], stages: Sequence[str]) -> list[str]:
    """Stages with the race settled: once a player has likely completed a move, his other suitors'
    pursuits (interest, talks, bids) are over, as the annotation guidelines read a finished saga."""
    done = {item.candidate.player for item, stage in zip(weighed, stages)
            if stage == "done" and item.destination >= 0.5 and item.candidate.club}
    return ["off" if stage in ("interest", "talks", "bid") and item.candidate.player in done else stage
            for item, stage in zip(weighed, stages)]


def _fee_in(fees: list[tuple[int, Fee]], start: int, end: int) -> Fee | None:
    return next((fee for offset, fee in fees if start <= offset < end), None)
