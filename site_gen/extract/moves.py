"""Tie clubs and fees to players: who is said to be going where, from where, for how much."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import Sequence

from site_gen.extract.mentions import Mention
from site_gen.extract.records import Fee, Move
from site_gen.extract.stages import clause_spans, furthest, text_marks
from site_gen.extract.text import endings, words_before

# Words right before a club that make it the destination ("a move to", "join") ...
_TO_BEFORE = frozenset("""
join|joins|joining|joined|rejoin|rejoined|signed for|completed a move to|completes a move to|move to|moving to|switch to|transfer to|sign for|signs for|signing for|head to|heading to|
bound for|loan to|loaned to|loan move to|return to|returning to|arrival at|arrive at|arriving at|
move across to|way to|defect to|linked with|leave for|leaving for|leaves for|left for|depart for|quit for|
close to joining|medical at|medical with|wanted by|target for|
interest from|bid from|offer from|approach from|courted by|eyed by|tracked by|monitored by|pursued by|
chased by|lured to|tempted by|targeted by|destined for|favourites to sign|lure him to|swap him for|
admired by|coveted by|liked by|scouted by|watched by|on the radar of|on the shortlist of|of interest to|
attracting interest from|interest from the likes of|could suit|would suit|suit|tipped to join|set for a move to|
switch to|loan to|approach by|bids from|offers from|enquiries from|

""".replace("\n", "").split("|")) - {""}
# ... or, within the next few words, a buyer's verb or noun ("are monitoring", "have had a bid").
_TO_AFTER_WORDS = frozenset("""
keen interested monitoring tracking eyeing plotting preparing considering chasing weighing want wants wanted
hoping hope poised among made submitted tabled launched lodged bid bids offer offered target targeting pursuit
pursuing eye eyes interest rival battle race sign signing swoop bring land lure convince agreed agree secure
complete completed meet matched activate trigger register submit table lodge launch admirers suitors admire
admirer favourites frontrunners front-runners following watched watching tracked recruitment proposal terms
talks negotiations chase hunt courting hopeful confident optimistic reached agreement breakthrough linked
signed signs snapped added recruited landed secured completed captured tabs sniffing circling alerted shown
showing
""".split())
_TO_AFTER_STEMS = ("enquir", "approach", "scout", "push", "hijack")
_TO_AFTER_PHRASES = frozenset({"lining up", "in talks", "closing in", "run the", "move for", "snap up",
                               "brought in", "bringing in", "bring in", "beat", "beaten",
                               "make a", "have a", "deal for", "loan for", "lead the", "step up", "stepped up",
                               "stepping up", "steps up", "opened talks", "open talks", "opening talks"})
_WORD_EDGES = ".,;:!?()[]\"'"


_PHRASE_STARTS = frozenset(phrase.split()[0] for phrase in _TO_AFTER_PHRASES)


def _destination_follows(raw: list[str], words: list[str]) -> bool:
    """Whether a buyer's cue stands in the next six words, before any comma.

    `raw` are the lower-case words after the club as written, `words` the same without punctuation.
    """
    if raw and raw[0] in ("'s", "'"):
        raw, words = raw[1:], words[1:]
    raw, words = _skip_asides(raw, words)
    for index, word in enumerate(words[:6]):
        if word in _TO_AFTER_WORDS or (word in _PHRASE_STARTS and index + 1 < len(words)
                                       and f"{word} {words[index + 1]}" in _TO_AFTER_PHRASES):
            return True
        if index and raw[index].endswith((",", ";", ".", ":")):
            return False
    for word in words[:6]:
        if word.startswith(_TO_AFTER_STEMS):
            return True
    return False


# ... or the origin ("leave", "his future at", "agreed a fee with").
_FROM_BEFORE = frozenset("""
leave|leaving|left|depart|departing|quit|quitting|exit|exits|sold by|sell|keep him at|stay at|remain at|
stays at|future at|career at|contract at|deal at|time at|spell at|days at|from|featured for|playing for|
plays for|starring for|on loan at|out of|away from|stalled at|frozen out at|unsettled at|wantaway|
captain of|appearances for|games for|goals for|fee with|deal with|agreement with|terms with|
negotiations with|talks with|breakthrough with|impressed at|impressing at|shone at|starred at|
for parent club|parent club|told|informed|handed in a transfer request at|
""".replace("\n", "").split("|")) - {""}
# Cues that a player is on his way out, so a move is reported even with no destination.
_LEAVING_BEFORE = frozenset({"leave", "leaving", "depart", "departing", "quit", "quitting", "exit", "exits",
                             "sold by", "sell", "away from", "out of", "fee with", "deal with", "wantaway",
                             "swapped", "swaps", "swapping", "traded", "exchanged"})  # "swapped A for B"
_FORMER = frozenset({"ex", "former", "formerly", "old", "one-time", "previously"})
_SELLER_AFTER = re.compile(r"^'?s?\s+(?:for|over|about|regarding|to sign|to buy|to land)\b", re.I)
# After a club: a seller's verb past a few auxiliaries ("have rejected", "are reluctant to sell") ...
_AUXILIARIES = frozenset("""
are is have has were was had will would could remain been now also still already reportedly set ready prepared
to so far both however though understood said not no longer
""".split())
_SELLER_VERBS = frozenset("""
rejected|reject|turned down|knocked back|rebuffed|resigned to losing|reluctant to sell|refuse|refused|
determined to keep|keen to keep|want to keep|value|valued|demand|demanding|insist|holding out|slapped|put a|
sell|cash in|accept|accepted|willing to sell|open to selling|lose|losing|threatened|agreed to send|
agreed to sell|agreed to loan|agreed to let|agreed to release|braced for|bracing for|send|sending|release|releasing|offload|
offloading|ship out|farm out|loan out|let him|rebuff|rebuffing|resist|resisting|fend off|fight off|ward off|
block|blocking|turn down|knock back|hold out
""".replace("\n", "").split("|")) - {""}
# ... or, after a possessive, a word for one of its players ("Southampton's wantaway star").
_CLUB_NOUNS = frozenset("""
star player striker forward midfielder defender winger keeper goalkeeper captain skipper ace man centre-back
centre-half full-back left-back right-back youngster academy wantaway hierarchy playmaker talisman number no
first-team squad stopper youth books ranks valuation demands
""".split()) | {"best attempts", "first team", "asking price", "release clause", "buy-out clause", "buyout clause",
               "price tag", "asking fee"}
# Parenthetical words between a club and its verb ("Rangers, meanwhile, have completed").
_ASIDES = frozenset({"", "meanwhile", "however", "though", "too", "also", "reportedly", "then", "now",
                     "understandably"})
# A club that wants a sum of money for a player is selling him ("the Foxes want at least £50m").
# (auxiliaries before the verb, "are seeking", "would want", are skipped first)
_ASKING_VERBS = frozenset({"want", "wants", "wanted", "expect", "expects", "require", "requires", "seek", "seeking",
                           "demand", "demands"})


def _skip_asides(raw: list[str], words: list[str]) -> tuple[list[str], list[str]]:
    """Drop a leading ", meanwhile," or ", the reigning champions," so the verb after it is read as the club's."""
    if raw and raw[0].startswith(","):
        index = 0
        while index < len(words) and index < 4 and (words[index] in _ASIDES or raw[index] in (",", ", ")):
            index += 1
        if index < len(words) and words[index] not in _AUXILIARIES:
            for close in range(index, min(len(raw), index + 14)):
                if raw[close].endswith(",") and close + 1 < len(words) and words[close + 1] in _AUXILIARIES:
                    return raw[close + 1:], words[close + 1:]  # an apposition closed by a comma, then the verb
        return raw[index:], words[index:]
    return raw, words


def _asks_money(raw: list[str], index: int) -> bool:
    """Whether a money figure follows within four words ("want at least £50m", "demand a fee")."""
    for token in raw[index + 1:index + 5]:
        if token[:1] in "£€$" or token in ("fee", "fee,"):
            return True
    return False


_SELLER_STARTS = frozenset(verb.split()[0] for verb in _SELLER_VERBS)


#: Seller's verbs that say the player is on his way out, wherever to.
_SELLING = frozenset("""
sell|sold|sells|cash in|willing to sell|open to selling|agreed to sell|agreed to loan|agreed to let|agreed to release|
send|sending|release|releasing|offload|offloading|ship out|farm out|loan out|let him|resigned to losing|
braced for|bracing for|agreed to send|willing to let|ready to let|prepared to let|happy to let|let|allow|
open to letting|listen to offers|accept offers|transfer-listed|transfer listed|put up for sale
""".replace("\n", "").split("|")) - {""}


_SELLING_STARTS = frozenset(phrase.split()[0] for phrase in _SELLING) | {"willing", "ready", "happy", "prepared",
                                                                         "open"}


def _selling_follows(raw: list[str], words: list[str]) -> bool:
    """Whether the words after a club say it is letting the player go ("are ready to offload")."""
    if not raw or (not raw[0].startswith(",") and words[0] not in _AUXILIARIES and words[0] not in _SELLING_STARTS):
        return False
    raw, words = _skip_asides(raw, words)
    index = 0
    while index < min(len(words), 5) and (words[index] in _AUXILIARIES or words[index] in ("willing", "ready",
                                                                                       "happy", "prepared", "open")):
        if words[index] in ("willing", "open") and index + 1 < len(words) and words[index + 1] in ("to", "selling"):
            break
        index += 1
    return any(" ".join(words[index:index + n]) in _SELLING for n in (1, 2, 3))


def _origin_follows(raw: list[str], words: list[str]) -> bool:
    """Whether the words after a club make it the player's current club."""
    if raw and raw[0].startswith("'"):
        return any(word in _CLUB_NOUNS or " ".join(words[i:i + 2]) in _CLUB_NOUNS
                   for i, word in enumerate(words[1:4], start=1))
    raw, words = _skip_asides(raw, words)
    index = 0
    while index < min(len(words), 4) and words[index] in _AUXILIARIES:
        index += 1
    if index < len(words) and words[index] in _ASKING_VERBS and _asks_money(raw, index):
        return True
    if index == len(words) or words[index] not in _SELLER_STARTS:
        return False
    return any(" ".join(words[index:index + n]) in _SELLER_VERBS for n in (1, 2, 3))


_PAST_MOVE = re.compile(r"[^.;:]{0,30}?\b(?:last (?:summer|season|year|january|window|month)|in (?:19|20)\d\d|"
                        r"\w+ (?:years|seasons|summers) ago|back in|previously|at the time)\b", re.I)
# Words that may stand between a cue and the club it governs ("join the Serie A giants Napoli").
_CLUB_LABELS = frozenset("""
the side club outfit giants champions leaders rivals holders strugglers minnows high-flying newly-promoted
promoted relegated saudi italian spanish french german dutch portuguese scottish turkish english american
belgian greek brazilian argentine mls premier league bundesliga serie a la liga ligue 1 eredivisie pro
championship top-flight second-tier
""".split())
_TO_IF_AFTER_ORIGIN = "to-if-after-origin"  # "left A for B": B is a destination once A is an origin
_CONVERSION_BEFORE = re.compile(r"(?:\d[mk]?|million)\s*\($")
_COORDINATED = re.compile(r"'?s?\s*(?:,|and|or|,\s*and|as well as|plus)\s*(?:the\s+)?$", re.I)
# A sentence that names no player may still be about the last one named:
# "he", "the 22-year-old", "the Dutchman", "the midfielder".
_PRONOUN = re.compile(
    r"\b(?:[Hh]e|[Hh]im|[Hh]is)\b|\b[Tt]he (?:\d+-year-old|player|youngster|teenager|midfielder|defender|"
    r"striker|winger|forward|goalkeeper|keeper|centre-back|centre-half|full-back|left-back|right-back|"
    r"playmaker|international|[A-Z][a-z]+(?:man|ian|ese|ish|an))\b")
# Words that may stand between a club and its player: "Lazio centre-half Wesley Hoedt",
# "Ajax's highly-rated Dutch winger X". Any other word (a verb: "Spurs want X") breaks the link.
_DESCRIPTORS = frozenset("""
goalkeeper keeper stopper defender centre-back centre-half full-back left-back right-back wing-back midfielder
playmaker winger forward centre-forward striker frontman attacker star ace captain skipper youngster teenager
wonderkid international academy graduate prodigy starlet veteran young teenage talented versatile experienced
first-team record signing loanee man playmaker talisman hitman marksman number defensive attacking holding
central left right player midfield
""".split())
_BETWEEN = re.compile(r"[\w'-]+")
#: What the words around a club mention make it: "to", "from", "from-club", "loan-club", None, or a
#: ("rival-of" | "from-of" | "to-of", player) pair naming the player it is said of.
Direction = str | tuple[str, str] | None


def find_moves(text: str, spans: list[tuple[int, int]], mentions: list[Mention],
               players: list[str], fees: list[tuple[int, Fee]], origins: dict[str, str] | None = None,
               directions_out: dict[int, Direction] | None = None) -> list[Move]:
    """One move per player and rumoured destination, with its origin and fee where said.

    `origins`, if given, receives the club each player is said to be at, moving or not;
    `directions_out` the direction read for each club mention, by its offset (what the move
    model weighs).
    """
    if not players:
        return []
    to_votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    from_votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    leaving: dict[str, int] = defaultdict(int)
    loan_clubs: dict[str, str] = {}  # where a player is on loan: his origin only if nothing says who owns him
    near_fee: dict[str, list[tuple[int, Fee]]] = defaultdict(list)
    club_fee: dict[tuple[str, str], list[tuple[int, Fee]]] = defaultdict(list)
    players_by_sentence: dict[int, list[Mention]] = defaultdict(list)
    clubs_by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.kind == "club":
            clubs_by_sentence[mention.sentence].append(mention)
        elif mention.kind == "person" and mention.player:
            players_by_sentence[mention.sentence].append(mention)
    fees_by_sentence: dict[int, list[tuple[int, Fee]]] = defaultdict(list)
    starts = [start for start, _ in spans]
    for offset, fee in fees:
        if not _is_conversion(text, offset):
            fees_by_sentence[bisect.bisect_right(starts, offset) - 1].append((offset, fee))
    #: stage cues in the clause of a destination, and in a player's sentences about no destination
    stage_marks = text_marks(text)  # one pass over the whole text; each sentence takes its share
    mark_offsets = [offset for offset, _ in stage_marks]
    move_cues: dict[tuple[str, str], set[str]] = defaultdict(set)
    player_cues: dict[str, set[str]] = defaultdict(set)
    focus: str | None = None
    # only sentences that name someone, a club or a fee can say anything
    for index in sorted(players_by_sentence.keys() | clubs_by_sentence.keys() | fees_by_sentence.keys()):
        start, end = spans[index]
        player_mentions = players_by_sentence.get(index, [])
        if player_mentions:
            focus = player_mentions[0].person
        clubs = clubs_by_sentence.get(index, [])
        sentence_fees = fees_by_sentence.get(index, [])
        if not clubs and not sentence_fees:
            if len(player_mentions) and _DEPARTURE.search(text, start, end):
                for mention in player_mentions:  # "X, Y and Z can all leave": each is on his way out
                    leaving[mention.person] += 1
            continue  # nothing here to tie to anyone
        if not player_mentions and (focus is None or not (sentence_fees or _PRONOUN.search(text, start, end)
                                                          or _MORE_SUITORS.search(text, start, end))):
            continue  # a sentence about money is about the deal in hand; "X and Y are also keen" about him
        anchors = [(m.start, m.end, m.person) for m in player_mentions] or [(start, start, focus or "")]
        directions = _directions(text, start, end, clubs, player_mentions)
        if directions_out is not None:
            directions_out.update((club.start, direction) for club, direction in zip(clubs, directions))
        for club, direction in zip(clubs, directions):
            name = club.clubs[0]
            player = _nearest(anchors, club.start)
            buyer_of = _signed_by(direction)
            if direction == "to" or buyer_of:
                player = buyer_of or player
                to_votes[player][name] += 1
                for offset, fee in sentence_fees:
                    club_fee[(player, name)].append((abs(offset - club.start) + index * 1000, fee))
            elif direction == "from":
                named_after = {m.person for m in player_mentions if m.start > club.end}
                everyone = {m.person for m in player_mentions} if _ALL_OF_THEM.search(text, start, end) else set()
                for leaver in named_after | everyone or {player}:
                    from_votes[leaver][name] += 1
                    leaving[leaver] += 1
            elif direction == "from-club":
                from_votes[player][name] += 1
            elif direction == "loan-club":
                loan_clubs.setdefault(player, name)
            elif direction and direction[0] == "rival-of":
                to_votes[direction[1]][name] += 1  # no fee: the sum named is the winner's
                move_cues[(direction[1], name)].add("off")
            elif direction and direction[0] == "from-of":
                from_votes[direction[1]][name] += 2
        for offset, fee in sentence_fees:
            player = _nearest(anchors, offset)
            distance = min(abs(offset - a[0]) for a in anchors if a[2] == player)
            near_fee[player].append((distance + (index * 1000), fee))
        first, last = bisect.bisect_left(mark_offsets, start), bisect.bisect_left(mark_offsets, end)
        if first < last:
            _read_stages(text, start, end, stage_marks[first:last], clubs, directions, anchors, move_cues, player_cues)
    moves: list[Move] = []
    for player in players:
        origin = max(from_votes[player].items(), key=lambda kv: kv[1], default=(None, 0))[0] or loan_clubs.get(player)
        if origin and origins is not None:
            origins[player] = origin
        destinations: list[str | None] = [name for name, _ in sorted(to_votes[player].items(), key=lambda kv: -kv[1])
                                          if name != origin]
        if not destinations and not leaving[player]:
            continue  # named with his club, but nothing says he is going anywhere
        best_fee: Fee | None = min(near_fee[player], key=lambda df: df[0])[1] if near_fee[player] else None
        for position, destination in enumerate(destinations or [None]):
            own = club_fee.get((player, destination)) if destination else None
            chosen: Fee | None = min(own, key=lambda df: df[0])[1] if own else (best_fee if position == 0 else None)
            said = move_cues.get((player, destination), set()) if destination else set()
            stage = furthest(said | player_cues[player] if position == 0 else said)
            moves.append(Move(player, origin, destination, chosen, stage))
    return moves


_HISTORY = re.compile(r"\b(?:in (?:19|20)\d\d|last (?:summer|season|year|january|window)|\w+ (?:years|seasons) ago|"
                      r"back in|previously|at the time|originally|first joined)\b", re.I)


def _read_stages(text: str, start: int, end: int, said: Sequence[tuple[int, str]], clubs: list[Mention],
                 directions: list[str | tuple[str, str] | None], anchors: list[tuple[int, int, str]],
                 move_cues: dict[tuple[str, str], set[str]], player_cues: dict[str, set[str]]) -> None:
    """The stage cues `said` in one sentence: a clause naming a destination speaks of the move there;
    any other clause speaks of the nearest player's move in hand."""
    # a destination, or a club the sentence gives no direction ("Leeds pulled out"): its clause speaks of
    # the move there, if there is one (cues for a club no player is going to are never read)
    destinations = [(club, club.clubs[0], _signed_by(direction)) for club, direction in zip(clubs, directions)
                    if direction in ("to", None) or _signed_by(direction)]
    for clause_start, clause_end in clause_spans(text, start, end):
        found = {stage for offset, stage in said if clause_start <= offset < clause_end}
        if not found:
            continue
        if "done" in found and _HISTORY.search(text, clause_start, clause_end):
            found = found - {"done"}  # "who joined from Celtic in 2019" is his past, not this move
        here = [(name, buyer_of) for club, name, buyer_of in destinations if clause_start <= club.start < clause_end]
        if here:
            for name, buyer_of in here:
                move_cues[(buyer_of or _nearest(anchors, clause_start), name)] |= found
        elif anchors[0][2]:
            player_cues[_nearest(anchors, clause_start)] |= found


def _signed_by(direction: str | tuple[str, str] | None) -> str | None:
    """The player a club's direction names as the one it signs ("beaten Leeds to the signing of X")."""
    return direction[1] if isinstance(direction, tuple) and direction[0] == "to-of" else None


def _is_conversion(text: str, offset: int) -> bool:
    """A figure in brackets right after another is a currency conversion: "€18m (£15.5m)"."""
    return text[max(0, offset - 2):offset].endswith("(") and bool(
        _CONVERSION_BEFORE.search(text, max(0, offset - 16), offset))


def _nearest(anchors: list[tuple[int, int, str]], offset: int) -> str:
    if len(anchors) == 1:
        return anchors[0][2]
    return min(anchors, key=lambda a: min(abs(offset - a[0]), abs(offset - a[1])))[2]


def _describes(between: str) -> bool:
    """Whether the words between a club and a player only describe the player."""
    words = _BETWEEN.findall(between)
    if words and words[0] in ("'s", "s", "'"):
        if len(words) == 1 and between.strip() in ("'s", "'"):
            return True  # "Leicester's James Maddison"
        words = words[1:]
    return 0 < len(words) <= 4 and all(
        word.lower() in _DESCRIPTORS or word[0].isupper() or word.endswith(("-rated", "-year-old", "-old"))
        for word in words) and "," not in between


def _directions(text: str, start: int, end: int, clubs: list[Mention], players: list[Mention]
                ) -> list[str | tuple[str, str] | None]:
    """The direction of each club mention in one sentence.

    Clubs joined by "and" or a comma share the direction of the last one
    ("PSG and Bayern are pushing to sign X"); "left A for B" makes B a destination.
    """
    found: list[str | tuple[str, str] | None] = [None] * len(clubs)
    joined = [index + 1 < len(clubs) and bool(_COORDINATED.match(text, club.end, clubs[index + 1].start))
              for index, club in enumerate(clubs)]  # this club and the next named together
    for index in range(len(clubs) - 1, -1, -1):
        club = clubs[index]
        previous_end = clubs[index - 1].end if index else start
        following_start = clubs[index + 1].start if index + 1 < len(clubs) else end
        if joined[index] and found[index + 1] is not None:
            found[index] = found[index + 1]
            continue
        found[index] = _direction(text, max(previous_end, club.start - 50), club,
                                  text[club.end:min(following_start, club.end + 70)], players,
                                  text[club.end:min(end, club.end + 70)])
        if found[index] is None and index and "for" in words_before(text, club.start, 2, club.start - previous_end):
            found[index] = _TO_IF_AFTER_ORIGIN  # decided below, once the earlier clubs are known
    for index, direction in enumerate(found):
        if direction == _TO_IF_AFTER_ORIGIN:
            found[index] = "to" if any(d in ("from", "from-club") for d in found[:index]) else None
        # "admired by Leicester and West Ham": a cue before the first of clubs named together holds for all
        if direction is None and index and joined[index - 1] and found[index - 1] in ("to", "from"):
            found[index] = found[index - 1]
    return found


#: Words before a club that place it in a player's past, not his present ("came over from Gothenburg").
_HISTORY_BEFORE = frozenset("""
came over from|came from|bring him from|brought him from|ranks at|academy at|
spotted at|came through at|career at|graduate of|product of|youth team at|youth ranks at|raised at|started at|
began at|picked up from|plucked from|rescued from|snapped up from|recruited from|poached from
""".replace("\n", "").split("|")) - {""}
#: Between a player and a club: "to", maybe "the", and at most three describing words ("to Belgian champions").
_TO_WITH_LABELS = re.compile(r"\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,3}")
_BID_NOUNS = frozenset({"bid", "bids", "offer", "offers", "approach", "approaches", "enquiry", "enquiries", "proposal",
                        "interest"})
#: A player on his way out, wherever to: "can leave", "told they can find new clubs", "transfer-listed".
_DEPARTURE = re.compile(r"\b(?:can (?:all |both )?leave|free to (?:leave|find)|allowed to leave|told (?:he|they) can "
                        r"(?:leave|find)|up for sale|surplus to requirements|transfer[- ]listed|made available|"
                        r"available for transfer|not in (?:the|his) plans|frozen out|let go)\b", re.I)
#: More suitors for the player in hand, in a sentence that does not name him.
_MORE_SUITORS = re.compile(r"\b(?:also|too|as well|rivals?|race|interest|keen|suitors?|tabs)\b", re.I)
#: Several players named as leaving together.
_ALL_OF_THEM = re.compile(r"\b(?:all|both|they|each|pair|trio)\b", re.I)
_ON_LOAN_AT = frozenset({"on loan at", "on loan with", "loan spell at", "loan at", "loaned to", "loanee at"})
_NEW_CONTRACT = re.compile(r"\b(?:new|fresh|improved|extended|longer)\s+(?:[\w-]+\s+){0,2}(?:contract|deal|terms)\b|"
                           r"contract extension", re.I)
_HISTORY_AFTER = re.compile(r"^'s?\s*(?:academy|youth|under-\d+|u\d+|reserves|b team|second team)\b", re.I)


#: "Everton have beaten Leeds to the signing of X": the club before the verb is the buyer ...
_WON_THE_RACE = re.compile(r"^'?s?\s+(?:have\s+|has\s+|had\s+)?(?:beaten|beat|pipped|edged out)\s+.{1,40}?\bto\s+"
                           r"(?:the\s+)?(?:signing|signature|capture)\b")
#: ... and the club after it lost the race: a move that is off.
_LOST_THE_RACE = re.compile(r"^'?s?\s+to\s+(?:the\s+)?(?:signing|signature|capture)\b")
_BEATEN = frozenset({"beaten", "beat", "pipped", "out"})


def _direction(text: str, before_start: int, club: Mention, after: str, players: list[Mention],
               rest: str = "") -> str | tuple[str, str] | None:
    """Whether the words around one club mention make it a destination or an origin.

    `after` runs to the next club; `rest` to the end of the sentence, where a date may make a move history.
    """
    rest = rest or after
    words = words_before(text, club.start, 5, club.start - before_start)
    while words and words[-1] in _CLUB_LABELS:
        words = words[:-1]  # "left for Saudi side Al-Nassr" reads as "left for Al-Nassr"
    last = words[-1] if words else ""
    if last in _FORMER:
        return None  # "ex-Chelsea"
    lost = _LOST_THE_RACE.match(after) if last in _BEATEN else None
    if lost:  # "beaten Leeds to the signing of X": Leeds wanted him too, and lost out
        signed = next((p for p in players if p.start >= club.end + lost.end()), None)
        return ("rival-of", signed.person) if signed else None
    won = _WON_THE_RACE.match(rest)
    if won:  # the player is the one named after "the signing of", wherever the others stand
        signed = next((p for p in players if p.start >= club.end + won.end()), None)
        return ("to-of", signed.person) if signed else "to"
    before = endings(words)
    if not _HISTORY_BEFORE.isdisjoint(before) or (after[:1] == "'" and _HISTORY_AFTER.match(after)) or \
            (last == "from" and _PAST_MOVE.match(rest)):
        return None  # "who joined from Sochaux in 2012", "Chelsea's academy": his past, not his club
    for player in players:
        if player.start >= club.end:
            if player.start - club.end < 60 and _describes(text[club.end:player.start]):
                return ("from-of", player.person)  # "Lazio centre-half Wesley Hoedt"
            break
    if last == "from" and not _BID_NOUNS.isdisjoint(words[-6:-1]):
        return "to"  # "a late bid of around £1m from Derby County": the bidder is where he would go
    if last == "with" and _SELLER_AFTER.match(after):
        return "from"  # "agreed a fee with Sevilla for Iker Zubeldia"
    if not _TO_BEFORE.isdisjoint(before):
        # "who left for Barcelona last summer": a past move makes the club his own, not a destination
        return "from-club" if _PAST_MOVE.match(rest) else "to"
    if last == "to" and any(0 <= club.start - m.end <= 45 and _TO_WITH_LABELS.fullmatch(text, m.end, club.start)
                            for m in players):
        # "send Caiquinho to Real Betis", "the sale of Emi Buendia to Aston Villa"; "sold X to Y in 2021" is history
        return "from-club" if _PAST_MOVE.match(rest) else "to"
    if not _LEAVING_BEFORE.isdisjoint(before):
        return "from"
    raw = after.lower().split(None, 8)[:8]
    after_words = [word.strip(_WORD_EDGES) for word in raw]
    first_after = after_words[0] if after_words and after_words[0] else after_words[1] if len(after_words) > 1 else ""
    if _selling_follows(raw, after_words):
        return "from"  # "Burnley are willing to sell Doyle": he is leaving, for somewhere or nowhere yet
    if before & _ON_LOAN_AT:
        return "loan-club"
    if not _FROM_BEFORE.isdisjoint(before) or _origin_follows(raw, after_words) or first_after in _DESCRIPTORS:
        return "from-club"  # his club ("Benfica winger ..."), which says nothing of a move by itself
    if _destination_follows(raw, after_words):
        if _NEW_CONTRACT.search(after):
            return "from-club"  # "Villa will offer Brennan a new five-year contract": his own club keeping him
        return "to"
    return None
