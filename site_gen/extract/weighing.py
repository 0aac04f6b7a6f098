"""How sure a move is: a logistic model over (player, club) pairs, trained on real articles.

The rules of `moves.py` read each club mention's direction from the words right beside it;
they are precise where a cue they know stands there and blind elsewhere. This stage looks at
every pair of a player and a club the article names together and weighs what surrounds them
(the words between and around, their order and distance, the sentence's stage and history
cues, whether the pair opens the article) together with the rules' own reading. Its weights
(`data/move_model.json`) are learned from hand-annotated published articles by
`site_gen.extract.training`; each move's confidence is the calibrated chance that it is right,
and only moves at or above the model's publishing threshold are published.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import repeat
from importlib import resources
from typing import Iterable, Mapping, Sequence

from site_gen.extract.mentions import Mention
from site_gen.extract.reading import Reading
from site_gen.extract.records import Fee, Move
from site_gen.extract.stages import clause_spans, furthest, marks, text_marks

#: Words of a sentence as the model sees them: lower case, money and years as classes.
#: (The three kinds open with different characters, so their order does not change what is found;
#: words first makes the commonest kind the first the regex engine tries.)
_TOKEN = re.compile(r"[\w'-]+|[£€$]\s?\d[\d.,]*\s?(?:m|bn|k|million|billion)?\b|[,;:()\"]")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: Words that place a sentence in a player's past rather than this window.
_HISTORY = re.compile(r"\b(?:former|formerly|ex|previously|last (?:season|summer|year|january|window|term)|"
                      r"(?:\w+ )(?:years|seasons) ago|spent|began|started|came through|academy|"
                      r"back in|at the time|originally|once|previous)\b", re.I)
#: The stage model's probability a stage needs when no cue word near the pair says it ...
UNBACKED_STAGE_SURE = 0.5
#: ... and a done deal a little more (out of fold on the real tune part: 0.5 for every stage reads 0.720
#: of stages right with 20 of them wrongly "done"; 0.6 for "done" 0.711 with 18; a cue always needed
#: for "done", 0.676 with 16)
UNBACKED_DONE_SURE = 0.6
#: Ways of saying a move is done that the stage cues leave to the model ("the arrivals of X and Y",
#: "after signing X", "snapped up X from", "deals were completed for"): enough to back a "done".
_DONE_SAID = re.compile(
    r"\b(?:(?:the |his |her |their |a |an )?(?:\S+ )?(?:signings?|arrivals?|acquisitions?|captures?) of|"
    r"new (?:arrivals?|signings?|recruits?)|(?:summer|january|winter|deadline[- ]day) signings?|"
    r"(?:additions?|departures?|sales?|transfer) of|pen to paper|link(?:s|ed|ing)? up with|"
    r"deals? for .{1,60}? (?:have|has) (?:already )?been (?:completed|done|finalised)|(?:his|her) (?:\S+ )?move to|"
    r"(?:has|have) left .{1,40}? to join|(?:has|have|had) (?:already |now |also |just )?(?:signed|landed|secured|"
    r"snapped up|brought in)|after (?:also )?(?:signing|landing|securing|bringing in|snapping up)|"
    r"snapp(?:ed|ing) up|swapped \S+(?: \S+){0,2} for|signed (?:a|his|her) (?:deal|contract) "
    r"(?:with|at)|ceded to|deals? (?:were|was|have been|has been|had been) (?:completed|finalised|sealed)|"
    r"through the doors?|secured (?:their|his|its) (?:man|target|signature)|cost \S+ (?:£|€|\$))\b", re.I)
#: Stage features that are cues read in the text (sentence, clause, player, rules, evidence, focus, back).
_CUE_KINDS = frozenset({"es:", "cs:", "ps:", "rs:", "ev:", "fs:", "bs:", "bk:", "ls:"})
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
    _stages: dict[str, tuple[float, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_stages", _table(tuple(self.stages.values())))

    def pair_odds(self, features: Iterable[str]) -> tuple[float, float]:
        """The probabilities that the pair is a move there, and that the club is the one he leaves."""
        if not isinstance(features, (set, frozenset, list, tuple)):
            features = list(features)  # read twice below
        # sum() with the bias as its start adds the weights in the features' order, as a loop would,
        # with the look-ups and the additions in C (a feature a model does not know adds 0.0)
        return (_sigmoid(sum(map(self.destination.weights.get, features, repeat(0.0)), self.destination.bias)),
                _sigmoid(sum(map(self.origin.weights.get, features, repeat(0.0)), self.origin.bias)))

    def stage_of(self, features: frozenset[str]) -> str | None:
        """The stage the stage model reads from a candidate's `stage_features` (None without a stage model)."""
        if not self.stages:
            return None
        # one look-up per feature gives its weight for every stage (the tables are large, so look-ups are
        # the dear part); each stage's score is then its bias plus its column, added in the features'
        # order by sum() in C, as a loop would
        rows = list(filter(None, map(self._stages.get, features)))
        columns = list(zip(*rows)) if rows else [()] * len(self.stages)
        scores = {stage: sum(column, weights.bias)
                  for (stage, weights), column in zip(self.stages.items(), columns)}
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
        if share >= (UNBACKED_DONE_SURE if best == "done" else UNBACKED_STAGE_SURE):
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
    def weights(value: object) -> LogisticWeights:
        assert isinstance(value, dict)
        return LogisticWeights(weights=value["weights"], bias=float(value["bias"]))
    stages = raw.get("stages") or {}
    assert isinstance(stages, dict)
    return MoveModel(destination=weights(raw["destination"]), origin=weights(raw["origin"]),
                     publish_at=float(raw["publish_at"]),  # type: ignore[arg-type]
                     stages={stage: weights(value) for stage, value in stages.items()},
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
    """One sentence's tokens, which of them belong to a name, and what its pairs share."""

    tokens: list[str]
    stages: frozenset[str]
    #: token indexes of each mention's first and last token, by mention start offset
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: the pair features that depend on one club or player mention alone, by its start offset: a sentence
    #: naming two players and three clubs reads each name's surroundings once, not once per pair
    club_sides: dict[int, frozenset[str]] = field(default_factory=dict)
    player_sides: dict[int, frozenset[str]] = field(default_factory=dict)
    #: the pair features that depend on the sentence alone ("st:talks", "history", "past-year")
    common: frozenset[str] = frozenset()


def _bucket(value: int, edges: Sequence[int]) -> int:
    """The first edge `value` does not exceed (or len(edges)): a small number for a feature name.
    (The edges are ascending, so this is where `value` would go among them.)"""
    return bisect.bisect_left(edges, value)


#: Characters the regex engine, ignoring case, takes for an ASCII letter that `str.lower()` does not
#: make that letter (dotless i, long s, capital I with a dot, the Kelvin sign).
_ODD_CASE = ("\u0131", "\u017f", "\u0130", "\u212a")


def _may_match(raw: str, lowered: str, literals: tuple[str, ...]) -> bool:
    """Whether a case-insensitive pattern each of whose matches holds one of `literals` (in small
    letters) could match `raw`: a few C-speed substring tests that spare the regex most sentences."""
    if not raw.isascii() and any(odd in raw for odd in _ODD_CASE):
        return True  # the literals' test would not be exact here: leave it to the regex
    return any(literal in lowered for literal in literals)


#: Every match of `_HISTORY` holds one of these, or the word "ex" (see `_says_history`).
_HISTORY_LITERALS = ("former", "previous", "last ", "s ago", "spent", "began", "started", "came through",
                     "academy", "back in", "at the time", "originally", "once")
_EX = re.compile(r"\bex\b", re.I)
#: Years as the sentence reader looks for them (compiled once, not looked up per sentence).
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")


def _says_history(raw: str, lowered: str) -> bool:
    """`_HISTORY.search(raw)`, with the regex run only where a word it needs stands."""
    if _may_match(raw, lowered, _HISTORY_LITERALS) or ("ex" in lowered and _EX.search(raw)):
        return bool(_HISTORY.search(raw))
    return False


def _token_class(word: str) -> str:
    """A token that does not open with a letter as the model sees it: money, a year, a number, or itself."""
    if word[0] in "£€$":
        return "<money>"
    if _YEAR.match(word):
        return "<year>"
    if word.isdigit():
        return "<n>"
    return word


_GROUP, _START = re.Match.group, re.Match.start
_KIND_TOKENS = {"club": "<club>", "person": "<person>"}


def _read_sentence(text: str, start: int, end: int, mentions: list[Mention], year: int | None,
                   stage_marks: Sequence[tuple[int, str]]) -> _Sentence:
    """Tokenise one sentence; names become their kind ("<club>", "<person>", "<outlet>")."""
    raw = text[start:end]
    lowered = raw.lower()
    found = list(_TOKEN.finditer(lowered))
    # (map over the match methods: the per-token work stays in C; most tokens open with a letter)
    tokens = [word if word[0].isalpha() else _token_class(word) for word in map(_GROUP, found)]
    starts = list(map(_START, found))  # offsets within the sentence
    spans: dict[int, tuple[int, int]] = {}
    for mention in mentions:
        at = mention.start - start
        first = bisect.bisect_right(starts, at) - 1
        if first < 0 or found[first].end() <= at:
            first += 1  # (a name inside a token, "ex-Celtic", takes the token)
        if first == len(starts):
            continue
        last = max(first, bisect.bisect_left(starts, mention.end - start) - 1)
        spans[mention.start] = (first, last)
        kind = _KIND_TOKENS.get(mention.kind, "<name>")
        for index in range(first, last + 1):
            tokens[index] = kind
    stages = frozenset(stage for _, stage in stage_marks)
    history = _says_history(raw, lowered)
    # a year before this one ("in 2019"); the test for "19"/"20" spares the regex most sentences
    other_year = bool(year and ("19" in raw or "20" in raw)
                      and any(y < year for y in map(int, _YEARS.findall(raw))))
    common = {f"st:{stage}" for stage in stages}
    if history:
        common.add("history")
    if other_year:
        common.add("past-year")
    return _Sentence(tokens, stages, spans, {}, {}, frozenset(common))


def _context(prefix: str, words: list[str], out: set[str]) -> None:
    """Features for the words on one side of a name: the nearest alone, the two nearest, and a bag."""
    if not words:
        out.add(f"{prefix}1:^")
        return
    out.add(f"{prefix}1:{words[0]}")
    if len(words) > 1:
        out.add(f"{prefix}2:{words[0]} {words[1]}")
    out.update([f"{prefix}:{word}" for word in words])


def _club_side(sentence: _Sentence, club: Mention) -> frozenset[str]:
    """The pair features read of the words around a club alone (once per club mention)."""
    found = sentence.club_sides.get(club.start)
    if found is None:
        tokens = sentence.tokens
        c_first, c_last = sentence.spans[club.start]
        before = tokens[c_first - 1] if c_first else "^"
        after = tokens[c_last + 1] if c_last + 1 < len(tokens) else "$"
        words = {f"cba:{before}|{after}"}  # "on <club> for", "with <club> over", "<club> target"
        _context("cb", tokens[max(0, c_first - _SIDE):c_first][::-1], words)
        _context("ca", tokens[c_last + 1:c_last + 1 + _SIDE], words)
        found = sentence.club_sides[club.start] = frozenset(words)
    return found


def _player_side(sentence: _Sentence, player: Mention) -> frozenset[str]:
    """The pair features read of the words around a player alone (once per player mention)."""
    found = sentence.player_sides.get(player.start)
    if found is None:
        tokens = sentence.tokens
        p_first, p_last = sentence.spans[player.start]
        words: set[str] = set()
        _context("pb", tokens[max(0, p_first - 2):p_first][::-1], words)
        _context("pa", tokens[p_last + 1:p_last + 1 + _SIDE], words)
        found = sentence.player_sides[player.start] = frozenset(words)
    return found


#: Feature names for the distance between a pair, by order and bucket ("pc:d3").
_DISTANCES = {order: tuple(f"{order}:d{bucket}" for bucket in range(8)) for order in ("pc", "cp")}


def _pair_features(sentence: _Sentence, player: Mention, club: Mention, out: set[str]) -> None:
    """What one sentence naming both a player and a club says of the pair."""
    tokens = sentence.tokens
    p_first, p_last = sentence.spans[player.start]
    c_first, c_last = sentence.spans[club.start]
    order = "pc" if p_first < c_first else "cp"
    low, high = (p_last, c_first) if order == "pc" else (c_last, p_first)
    between = tokens[low + 1:high]
    out.add(_DISTANCES[order][_bucket(len(between), (0, 1, 2, 4, 7, 12, 20))])
    if len(between) <= 2 * _BETWEEN_ENDS:
        out.update([f"{order}:b:{word}" for word in between])
    else:
        out.update([f"{order}:bl:{word}" for word in between[:_BETWEEN_ENDS]])
        out.update([f"{order}:br:{word}" for word in between[-_BETWEEN_ENDS:]])
    if between:
        out.add(f"{order}:b1:{between[0]}")
        out.add(f"{order}:bz:{between[-1]}")
        out.add(f"{order}:b1z:{between[0]}|{between[-1]}")
        if "<club>" in between:
            out.add(f"{order}:club-between")
        if "<person>" in between:
            out.add(f"{order}:person-between")
    out |= _club_side(sentence, club)
    out |= _player_side(sentence, player)
    out |= sentence.common


def _names(prefix: str, count: int) -> tuple[str, ...]:
    """Feature names for each bucket of a count ("pc0" … "pc3"), made once rather than per candidate."""
    return tuple(f"{prefix}{bucket}" for bucket in range(count + 1))


_POSITIONS = _names("s", 4)
_PLAYER_COUNTS, _CLUB_COUNTS = _names("pc", 3), _names("cc", 3)
_CLUB_RANKS, _PLAYER_RANKS, _TOGETHER = _names("crank", 4), _names("prank", 4), _names("co", 4)
_PLAYER_RULES, _CLUB_PLAYERS = _names("p-rules", 4), _names("c-players", 4)
#: Every match of `_FORMER_BEFORE` holds one of these (its only letters whose case it leaves open come first).
_FORMER_LITERALS = ("x", "ormer", "ne-time", "reviously")


_Pair = tuple[str, str | None]


@dataclass(slots=True)
class _Pairs:
    """What the sentences of one article say of each (player, club) pair, gathered as they are read."""

    features: dict[_Pair, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: the sentence that best shows each pair
    evidence: dict[_Pair, tuple[int, int]] = field(default_factory=dict)
    #: sentences naming both
    together: dict[_Pair, int] = field(default_factory=lambda: defaultdict(int))
    stage_cues: dict[_Pair, set[str]] = field(default_factory=lambda: defaultdict(set))
    clauses: dict[_Pair, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    #: > 0: the club is named beside him only as one of his past clubs
    former: dict[_Pair, int] = field(default_factory=lambda: defaultdict(int))
    #: clubs a player is said to have agreed with or joined
    settled: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    player_stages: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    club_players: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    club_directions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def candidates(reading: Reading, year: int | None) -> list[Candidate]:
    """Every (player, club) pair named in one sentence, every pair the rules read, and the rules'
    departures with no destination, each with its features."""
    text, spans, mentions, directions = reading.text, reading.spans, reading.mentions, reading.directions
    players = [m for m in mentions if m.kind == "person" and m.player]
    if not players:
        return []
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence].append(mention)
    stage_marks = text_marks(text)
    mark_offsets = [offset for offset, _ in stage_marks]  # in text order: a sentence's marks are a slice
    pairs = _Pairs()
    read: dict[int, _Sentence] = {}
    last_player: str | None = None
    recent_clubs: tuple[int, list[Mention]] | None = None  # the last sentence naming clubs
    for index, (start, end) in enumerate(spans):
        here = [m for m in by_sentence.get(index, ()) if start <= m.start and m.end <= end]  # (as split)
        if not here:
            continue  # (a sentence naming no one changes nothing below)
        people = [m for m in here if m.kind == "person" and m.player]
        clubs = [m for m in here if m.kind == "club"]
        sentence_marks = stage_marks[bisect.bisect_left(mark_offsets, start):bisect.bisect_left(mark_offsets, end)]
        if people:
            last_player = people[-1].person
            cues = {stage for _, stage in sentence_marks}
            for person in people:
                pairs.player_stages[person.person] |= cues
        if people and not clubs and recent_clubs and index - recent_clubs[0] <= 2:
            sentence = read.get(index) or _read_sentence(text, start, end, here, year, sentence_marks)
            read[index] = sentence
            _read_back(pairs, sentence, people, recent_clubs[1], index - recent_clubs[0], directions, (start, end))
        if clubs:
            recent_clubs = (index, clubs)
        if not clubs or (not people and last_player is None):
            continue
        known = read.get(index)
        sentence = known if known is not None else _read_sentence(text, start, end, here, year, sentence_marks)
        read[index] = sentence
        position = _POSITIONS[_bucket(index, (0, 1, 3, 7))]
        if people:
            _read_together(pairs, text, sentence, people, clubs, position, directions, (start, end), sentence_marks)
        elif last_player is not None:
            _read_focus(pairs, sentence, last_player, clubs, position, directions, (start, end))
    _read_lead(pairs, spans, mentions, players, read)
    return _made(pairs, mentions, players, spans, reading.rule_moves)


def _read_lead(pairs: _Pairs, spans: list[tuple[int, int]], mentions: list[Mention], players: list[Mention],
               read: dict[int, _Sentence]) -> None:
    """Each player named later beside the club the article opens on, though never in one sentence with it:
    "Newcastle have drawn up a shortlist of strikers. ... Norwich's X is also being scouted"."""
    lead = list(dict.fromkeys(m.clubs[0] for m in mentions if m.kind == "club" and m.sentence <= 1))[:2]
    if not lead:
        return
    seen: set[str] = set()
    for player in players:
        # (only sentences already read for other pairs: reading every sentence naming a player would cost
        # a seventh of the whole extraction for the few pairs the rest give)
        sentence = read.get(player.sentence)
        if player.person in seen or player.sentence <= 1 or sentence is None or player.start not in sentence.spans:
            continue
        seen.add(player.person)
        start, end = spans[player.sentence]
        for rank, club in enumerate(lead):
            key = (player.person, club)
            if key in pairs.features:
                continue  # named together somewhere: read there
            found = pairs.features[key]
            found.add("lead-club")
            found.add(f"lead-club:{rank}")
            found |= {f"l{feature}" for feature in _player_side(sentence, player)}
            found |= sentence.common
            pairs.stage_cues[key].update([f"ls:{stage}" for stage in sentence.stages])
            pairs.evidence.setdefault(key, (start, end))


def _read_back(pairs: _Pairs, sentence: _Sentence, people: list[Mention], clubs: list[Mention], distance: int,
               directions: Mapping[int, object], span: tuple[int, int]) -> None:
    """A sentence naming players but no club, shortly after one naming clubs: "Spurs have been busy.
    They signed X and Y"."""
    back_stages = [f"bst:{stage}" for stage in sentence.stages]
    back_cues = [f"bs:{stage}" for stage in sentence.stages]
    for club in clubs:
        for player in people:
            key = (player.person, club.clubs[0])
            found = pairs.features[key]
            found.add("back")
            found.add(f"back:{distance}")
            p_first, p_last = sentence.spans[player.start]
            _context("bpb", sentence.tokens[max(0, p_first - _SIDE):p_first][::-1], found)
            _context("bpa", sentence.tokens[p_last + 1:p_last + 1 + _SIDE], found)
            found.update(back_stages)
            pairs.stage_cues[key].update(back_cues)
            found.add(f"bdir:{_direction_name(directions.get(club.start), player.person)}")
            pairs.evidence.setdefault(key, span)


def _read_focus(pairs: _Pairs, sentence: _Sentence, player: str, clubs: list[Mention], position: str,
                directions: Mapping[int, object], span: tuple[int, int]) -> None:
    """A sentence naming clubs but no player: it is about the player in hand ("he", "the 22-year-old")."""
    focus_cues = [f"fs:{stage}" for stage in sentence.stages]
    for club in clubs:
        key = (player, club.clubs[0])
        found = pairs.features[key]
        found.add("focus")
        found.add(f"focus:{position}")
        c_first, c_last = sentence.spans[club.start]
        _context("fcb", sentence.tokens[max(0, c_first - _SIDE):c_first][::-1], found)
        _context("fca", sentence.tokens[c_last + 1:c_last + 1 + _SIDE], found)
        found.add(f"fdir:{_direction_name(directions.get(club.start), player)}")
        pairs.stage_cues[key].update(focus_cues)
        pairs.evidence.setdefault(key, span)


def _read_together(pairs: _Pairs, text: str, sentence: _Sentence, people: list[Mention], clubs: list[Mention],
                   position: str, directions: Mapping[int, object], span: tuple[int, int],
                   sentence_marks: Sequence[tuple[int, str]]) -> None:
    """A sentence naming players and clubs: every pair of them, with what stands between and around."""
    start, end = span
    clauses = clause_spans(text, start, end)
    together_features = ("together", f"together:{position}")
    sentence_cues = [f"es:{stage}" for stage in sentence.stages]
    for club in clubs:
        nearest = min(people, key=lambda p: min(abs(p.start - club.end), abs(club.start - p.end)))
        window = max(start, club.start - 60)
        # the club is one of the player's past ones: "former Chelsea striker" (the same for every player)
        past = (any(literal in text[window:club.start] for literal in _FORMER_LITERALS)
                and _FORMER_BEFORE.search(text, window, club.start) is not None)
        for player in people:
            key = (player.person, club.clubs[0])
            found = pairs.features[key]
            found.update(together_features)
            pairs.together[key] += 1
            pairs.club_players[club.clubs[0]].add(player.person)
            if player is nearest:
                found.add("nearest")
                direction = _direction_name(directions.get(club.start), player.person)
                found.add(f"dir:{direction}")
                found.add(f"dir:{direction}&{'pc' if player.start < club.start else 'cp'}")
                pairs.club_directions[club.clubs[0]].add(direction)
            else:
                found.add("not-nearest")
            _pair_features(sentence, player, club, found)
            low, high = min(player.start, club.start), max(player.end, club.end)
            if any(low <= a < high or low < b <= high for a, b in clauses if not (a <= low and high <= b)):
                found.add("other-clause")  # a clause break between them: "...; Arsenal are prioritising"
            else:
                found.add("same-clause")
            if past:
                found.add("c-former")
                pairs.former[key] += 1
            else:
                pairs.former[key] -= 100  # named once as his club now: not only his past
            if key not in pairs.evidence or player is nearest:
                pairs.evidence.setdefault(key, span)
            cues = pairs.stage_cues[key]
            cues.update(sentence_cues)
            if player is nearest:
                clause = next(((a, b) for a, b in clauses if a <= club.start < b), span)
                said = {stage for offset, stage in sentence_marks if clause[0] <= offset < clause[1]}
                cues.update([f"cs:{stage}" for stage in said])
                pairs.clauses[key].append(clause)
                if "done" in said or "agreed" in said:
                    pairs.settled[player.person].add(club.clubs[0])


def _made(pairs: _Pairs, mentions: list[Mention], players: list[Mention], spans: list[tuple[int, int]],
          rule_moves: Sequence[Move]) -> list[Candidate]:
    """The candidates, with what the whole article says of each: the rules' moves, counts, ranks,
    whether the pair opens the article."""
    player_order = list(dict.fromkeys(m.person for m in players))
    club_mentions = [m for m in mentions if m.kind == "club"]
    club_order = list(dict.fromkeys(m.clubs[0] for m in club_mentions))
    club_ranks = {club: rank for rank, club in enumerate(club_order)}
    player_ranks = {player: rank for rank, player in enumerate(player_order)}
    club_counts: dict[str, int] = defaultdict(int)
    for mention in club_mentions:
        club_counts[mention.clubs[0]] += 1
    player_counts: dict[str, int] = defaultdict(int)
    for mention in players:
        player_counts[mention.person] += 1
    lead = {m.person if m.kind == "person" else m.clubs[0] for m in mentions
            if m.sentence <= 1 and (m.kind == "club" or (m.kind == "person" and m.player))}
    features = pairs.features
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
        found.add(_PLAYER_COUNTS[_bucket(player_counts[name], (1, 2, 4))])
        if team is not None:
            found.add(_CLUB_COUNTS[_bucket(club_counts[team], (1, 2, 4))])
            found.add(_CLUB_RANKS[_bucket(club_ranks[team], (0, 1, 2, 4))])
        found.add(_PLAYER_RANKS[_bucket(player_ranks[name], (0, 1, 2, 4))])
        if "rule" not in found:
            found.add("no-rule")
        found.add(_TOGETHER[_bucket(pairs.together[(name, team)], (0, 1, 2, 4))])
        found.add(_PLAYER_RULES[_bucket(rule_count[name], (0, 1, 2, 4))])
        if name in lead:
            found.add("p-lead")
            if team in lead:
                found.add("pair-lead")
        if team is not None:
            if team in lead:
                found.add("c-lead")
            found.add(_CLUB_PLAYERS[_bucket(len(pairs.club_players[team]), (0, 1, 2, 4))])
            found.update([f"c-dir:{direction}" for direction in pairs.club_directions[team]])
        span = pairs.evidence.get((name, team)) or _first_sentence_of(name, players, spans)
        rule = rules.get((name, team))
        cues = pairs.stage_cues[(name, team)]
        cues.update([f"ps:{stage}" for stage in pairs.player_stages[name]])
        cues.add(f"rs:{rule.stage}" if rule else "rs:none")
        if pairs.settled[name] - {team}:
            cues.add("settled-elsewhere")
        if "history" in found:
            cues.add("history")
        if team is None:
            cues.add("to-none")
        made.append(Candidate(name, team, frozenset(found), span, rule, frozenset(cues),
                              tuple(pairs.clauses.get((name, team), ())), pairs.former[(name, team)] > 0))
    return made


def stage_features(text: str, candidate: Candidate) -> frozenset[str]:
    """What the stage model reads of a candidate: its cues, and the words of its evidence and of the
    clauses naming its club (read only for the moves kept, as words are the dear part)."""
    start, end = candidate.evidence
    found = set(candidate.stage_cues)
    for clause_start, clause_end in candidate.clauses:
        found |= _words(text, clause_start, clause_end, "cw:")
    found |= _words(text, start, end, "w:")
    found |= _evidence_cues(text, start, end)
    return frozenset(found)


@functools.lru_cache(maxsize=64)
def _words(text: str, start: int, end: int, prefix: str) -> frozenset[str]:
    """The words of a stretch of text as stage features (kept: an article's moves share sentences)."""
    return frozenset([prefix + word for word in _TOKEN.findall(text[start:end].lower()) if word[0].isalpha()])


#: Every match of `_DONE_SAID` holds one of these.
_DONE_LITERALS = ("signing", "arrival", "acquisition", "capture", "new recruit", "addition", "departure", "sale of",
                  "sales of", "transfer of", "pen to paper", "up with", "been", "completed", "finalised", "sealed",
                  "move to", "to join", "signed", "landed", "secured", "brought in", "landing", "securing",
                  "bringing in", "snapp", "swapped", "ceded to", "through the door", "cost ")


@functools.lru_cache(maxsize=64)
def _evidence_cues(text: str, start: int, end: int) -> frozenset[str]:
    """The stage cues of an evidence sentence ("ev:talks"), and "bk:done" where it says a move is done."""
    found = {f"ev:{stage}" for _, stage in marks(text, start, end)}
    raw = text[start:end]
    if _may_match(raw, raw.lower(), _DONE_LITERALS) and _DONE_SAID.search(text, start, end):
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
    #: the likeliest other destination of the same player (0.0 when none)
    rival_destination: float = 0.0

    def signals(self) -> tuple[float, ...]:
        """What the calibration weighs: the three probabilities as log-odds, and a few flags."""
        features = self.candidate.features
        return (_logit(self.destination), _logit(self.club_is_origin), _logit(self.origin_confidence),
                float(self.origin is None), float(self.candidate.rule_move is not None),
                float(self.top_destination), float("p-lead" in features), float("pair-lead" in features),
                _logit(max(self.rival_destination, 0.01)))


def calibrated(item: Weighed, weights: Sequence[float], bias: float) -> float:
    """The chance the move is right, from its signals and the calibration's weights and bias."""
    return _sigmoid(bias + sum(map(operator.mul, weights, item.signals())))


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
    # each player's two likeliest destinations, so each candidate knows its likeliest rival
    best_two: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for candidate in found:
        if candidate.club != chosen.get(candidate.player, (None, 0.0))[0] and "lead-club" not in candidate.features:
            two = best_two[candidate.player]
            value = destinations[id(candidate)]
            if value > two[0]:
                two[0], two[1] = value, two[0]
            elif value > two[1]:
                two[1] = value
    weighed: list[Weighed] = []
    *calibration, bias = model.calibration or (0.0,)
    for candidate in found:
        origin, sure = chosen.get(candidate.player, (None, 1.0))
        if candidate.club is not None and candidate.club == origin:
            continue  # his own club is where he would leave, not where he would go
        destination = destinations[id(candidate)]
        first, second = best_two[candidate.player]
        top = destination >= first
        item = Weighed(candidate, destination, club_is_origin.get((candidate.player, candidate.club or ""), 0.0),
                       origin, sure, destination * sure, top, second if top else first)
        if calibration:
            item = Weighed(item.candidate, item.destination, item.club_is_origin, item.origin, item.origin_confidence,
                           calibrated(item, calibration, bias), item.top_destination,
                           item.rival_destination)  # (replace() is far slower)
        weighed.append(item)
    return weighed


def weigh(reading: Reading, year: int | None, model: MoveModel | None = None) -> WeighedMoves:
    """The article's moves with their confidence and evidence, split at the publishing threshold."""
    model = model or load_move_model()
    if model is None:
        return WeighedMoves(published=tuple(reading.rule_moves))
    text, fees = reading.text, reading.fees
    kept = [item for item in weigh_candidates(candidates(reading, year), model) if item.confidence >= model.review_at]
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
    order = {(m.player, m.to_club): i for i, m in enumerate(reading.rule_moves)}
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
