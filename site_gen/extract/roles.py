"""Tell players from the other people transfer stories name, and join up name forms.

"Virgil Van Dijk" then "Van Dijk" is one person; "manager Manuel Pellegrino"
then "Pellegrino" is a manager, and so is "Jurgen Klopp" in "Jurgen Klopp's men".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from site_gen.extract.mentions import Mention
from site_gen.extract.names import tidy_name
from site_gen.extract.text import endings, words_before

_STAFF_BEFORE = frozenset("""
manager boss coach head coach chairman owner co-owner agent super-agent journalist reporter pundit director
president vice-president executive chief scout presenter caretaker assistant analyst commentator correspondent
ceo supremo gaffer tactician negotiator intermediary adviser advisor writer editor columnist broadcaster physio
doctor under mr sir billionaire businessman tycoon mogul investor expert insider trainer mentor predecessor
successor sacked appointed referee wife husband girlfriend boyfriend fiancee fiance recruitment scouting
""".split()) | {"photo by", "photograph by", "pictured by", "courtesy of", "our man", "our reporter", "led by",
               "chief executive", "sporting director", "technical director", "director of football",
               "head of recruitment", "according to journalist", "according to reporter"}
_STAFF_AFTER = re.compile(
    r"'s?\s+(?:\w+\s+)?(?:men|side|team|charges|squad|troops|outfit|regime|tenure|reign|tactics|system|"
    r"philosophy|project|rebuild|backroom|dugout|coaching|managerial|sacking|appointment|arrival as)\b"
    # (not "X, although manager Y ...", "X, manager Y's first signing": the title is Y's)
    r"|,?\s+(?:the\s+|who\s+is\s+the\s+|whose\s+)?(?:(?!(?i:and|but|while|with|as|whose|although|though|whereas|"
    r"because|since|after|before|when|if|unless|until|where|than|or|nor|so|yet|of|to|for|by|from|under|in)\b)"
    r"[\w'-]+\s+){0,4}(?<!free )(?:manager|boss|coach|chairman|owner|"
    r"agent|director|president|journalist|reporter|pundit|chief|ceo|executive|scout|presenter)\b(?!\s+[A-Z])"
    r"|\s+(?:(?:wrote|writes|tweeted|reported|reports)\b|revealed on|told (?:the\s+)?[A-Z](?!\w+ (?:he|that)\b)|"
    r"told (?:the\s+)?(?:club's\s+)?(?:official\s+)?(?:television|tv|website|channel|media|podcast|programme|"
    r"reporters|journalists|press|newspaper))"
    # someone who tells a player where to train or whom he will pick is his manager
    r"|\s+(?:has\s+|had\s+)?(?:already\s+|now\s+)?(?:told|ordered|instructed|informed|dropped|"
    r"axed|frozen out|banished|left out)\s+(?P<object>(?:[A-Z][\w'-]+\s+){1,3})(?:to|that|he|from)\b"
    r"|\s+(?:has\s+|had\s+)?(?:already\s+)?(?:told|ordered|instructed)\s+(?:him|the player|the \d+-year-old)\b"
    r"|\s+(?:is|was|remains)\s+(?:\w+\s+){0,2}(?:that\s+)?his\s+(?:top scorer|captain|players|squad|star man|"
    r"skipper|charges|best player|key man)\b"
    # whoever picks, wants or plans the signings is the one doing the signing
    r"|'s?\s+(?:\w+\s+)?(?:list|shortlist|wishlist|wish list|radar|first signing|first summer|squad overhaul)\b"
    r"|\s+(?:has\s+|had\s+)?(?:identified|earmarked|shortlisted|handpicked|hand-picked)\b"
    r"|\s+(?:sees|saw|views|viewed|regards|considers|rates)\s+(?:\S+\s+){1,4}?as\s+(?:a|an|the|his)\b"
    r"|,?\s+(?:is\s+|was\s+|remains\s+)?(?:a\s+)?(?:long-time|long-standing|big|huge|keen|known|great)\s+admirer\b"
    r"|\s+(?:\w+\s+){0,2}(?:wants|wanted|is keen|was keen|is eager|is desperate|is determined|hopes|is hoping|"
    r"plans|is planning|is looking|intends)\s+to\s+(?:sign|bring|keep|add|land|recruit|strengthen|bolster|"
    r"reunite|raid|hold on|offload|rebuild|reshape|freshen|lure|snap up|secure the signing|make .{1,20} his)\b"
    r"|\s+(?:\w+\s+){0,4}(?:build|strengthen|bolster|rebuild|improve|reshape|overhaul)\s+his\s+(?:side|squad|"
    r"team|defence|attack|midfield|backline)\b"
    r"|,?\s+who\s+(?:coached|managed|signed|gave|handed)\s+him\b"
    # jobs taken up or left, games refereed, the side a man leads ("X' strugglers", "X has won the race")
    r"|\s+(?:has|had)\s+(?:resigned|retired|stepped down|been appointed|been sacked|been named)\s+as\b"
    r"|\s+(?:works|worked|acts|acted)\s+as\s+(?:\S+\s+){0,3}?(?:agent|adviser|advisor|scout|coach|director)\b"
    r"|\s+(?:will|is to)\s+referee\b|\s+(?:was|is)\s+(?:\w+\s+){0,3}helm\b"
    r"|'s?\s+(?:[\w-]+\s+)?(?:strugglers|under-\d+\s+side|youngsters)\b"
    r"|\s+(?:has|have)\s+won\s+the\s+race\b"
    # a man who urges a player to move, meets the press, or says what "the winger" will do picks or pundits
    r"|\s+(?:has\s+|had\s+)?(?:urged|advised|encouraged)\s+[^.]{0,40}?\bto\s+(?:leave|join|stay|snub|quit|move|"
    r"reject|accept|turn down|consider)\b"
    r"|\s+(?:will\s+|also\s+)*(?:speaks|spoke|speak|is speaking|talks|talked|faces|faced)\s+(?:to\s+)?(?:the\s+)?"
    r"(?:media|press|reporters|journalists)\b"
    r"|\s+(?:has\s+|had\s+)?(?:made it clear|insisted|admitted|confirmed|revealed|said|says|stated|explained)"
    r"\s+(?:that\s+)?the\s+(?:winger|striker|midfielder|defender|goalkeeper|keeper|forward|youngster|teenager|"
    r"player|attacker|full-back|centre-back|\d+-year-old)\b"
    # a photographer's credit: "(Photo by Jo Bloggs/Getty Images)"
    r"|/[A-Z]\w+ (?:Images|Pictures|Photos)\b")
_PLAYER_BEFORE = frozenset("""
goalkeeper keeper goalie stopper defender centre-back centre-half full-back left-back right-back wing-back
sweeper midfielder playmaker winger left-winger right-winger forward centre-forward striker frontman attacker
marksman talisman star ace international youngster teenager wonderkid prodigy starlet captain skipper target
player signing loanee team-mate teammate anchorman hitman sign signing signed loan replace replacing partner
alongside like goalkeepers defenders midfielders wingers forwards strikers attackers youngsters teenagers
""".split()) | {"bid for", "move for", "deal for", "swoop for", "offer for", "interest in", "replacement for",
               "move for the", "deal for the", "deals for", "bids for", "free agent", "free agents", "signing of",
               "signings of", "capture of", "arrival of", "arrivals of", "sale of", "departure of"}
# "like X" compares players, except after a place ("a state like Kerala", "clubs like Brentford").
_NOT_PLAYER_LIKE = frozenset(f"{noun} like" for noun in (
    "state", "city", "country", "nation", "place", "places", "town", "league", "leagues", "club", "clubs", "team",
    "teams", "side", "sides", "region", "cities", "countries", "competition", "competitions"))
_PLAYER_AFTER = re.compile(
    r"'s?\s+(?:\w+\s+)?(?:agent|agents|representatives|entourage|camp|contract|deal|future|signature|transfer|"
    r"move|release clause|buy-out|wages|form|performances|goals|injury|father|brother|pursuit|arrival|"
    r"departure|services|availability|exit|valuation|fee|current deal|stance|desire|insistence|situation)\b"
    r"|,\s+\d{2},|\s+\(\d{2}\)|,\s+(?:the|a|an)\s+(?:\d+-year-old|[\w-]+\s+international|[\w-]+\s+"
    r"(?:striker|midfielder|defender|winger|goalkeeper|forward))"
    r"|\s+(?:has\s+|have\s+|had\s+)?(?:scored|netted|joined|started|featured|played|made \d+|completed|"
    r"signed for|moved to|is (?:out of contract|valued|rated|wanted))\b"
    r"|\s+(?:remains|is|was|has been|had been)\s+(?:also\s+)?(?:the subject of|a target for|a transfer target|"
    r"wanted by|linked with a move|on the radar of|attracting interest|valued at|rated at)\b"
    r"|\s+(?:is|was)\s+(?:\w+\s+)?(?:set|expected|due|poised)\s+to\s+(?:undergo|have|complete)\s+(?:a|his)\s+medical\b"
    r"|\s+(?:is|was)\s+(?:undergoing|having|completing)\s+(?:a\s+|his\s+)?medical\b|\s+(?:has\s+)?(?:underwent|"
    r"undergone|passed|failed)\s+(?:a\s+|his\s+)?medical\b|\s+(?:bagged|grabbed|notched)\s+(?:\w+\s+){1,3}goals?\b"
    r"|\s+(?:has|had)\s+(?:handed in|submitted|lodged)\s+a\s+transfer\s+request\b")


@dataclass(slots=True)
class _Person:
    words: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)
    staff: int = 0
    player: int = 0


def classify_people(text: str, mentions: list[Mention], staff_roles: frozenset[str] = frozenset(),
                    staff_names: dict[str, int] | None = None, year: int | None = None,
                    spans: list[tuple[int, int]] | None = None) -> list[str]:
    """Players' canonical names in order of first mention.

    `staff_roles` (the gazetteer's job titles) add to the built-in ones.
    `staff_names` are people known not to be players from a given year on
    (managers, agents, pundits): in an article of that year or later they are
    staff whatever the words around them say. Sets `person` and `player` on
    every person mention so that later steps can tell who a surname stands for.
    """
    staff_before = _STAFF_BEFORE | staff_roles
    known_staff = staff_names or {}
    people = _group(m for m in mentions if m.kind == "person")
    club_starts = frozenset(m.start for m in mentions if m.kind in ("club", "outlet"))
    outlet_ends = frozenset(m.end for m in mentions if m.kind == "outlet")
    owners: dict[int, _Person] = {}
    for person in people:
        for mention in person.mentions:
            owners[mention.start] = person
            sentence_start = spans[mention.sentence][0] if spans else 0
            staff, player = _cues(text, mention, staff_before, club_starts, sentence_start)
            staff += 2 * _media_role(text, mention, outlet_ends, sentence_start)
            person.staff += staff
            person.player += player
    lists = _lists(text, [m for m in mentions if m.kind == "person"])
    for named in lists:
        _share_list_cues(text, named, owners)
    decided = {id(person): _is_player(person, known_staff, year) for person in people}
    for named in lists:
        # one-word names listed with players are players too ("Pogba, Bale and Neymar")
        if any(decided[id(owners[m.start])] and len(owners[m.start].words) > 1 for m in named):
            for mention in named:
                person = owners[mention.start]
                if len(person.words) == 1 and not person.staff and not decided[id(person)] \
                        and _SPEECH_AFTER.match(text, mention.end, mention.end + 40) is None:  # (", and X says")
                    person.player += 1
                    decided[id(person)] = _is_player(person, known_staff, year)
    players: list[str] = []
    for person in sorted(people, key=lambda p: p.mentions[0].start):
        name = tidy_name(max((m.text for m in person.mentions), key=lambda t: (len(t.split()), len(t))))
        single = len(person.words) == 1
        is_player = decided[id(person)]
        for mention in person.mentions:
            mention.person, mention.player = name, is_player
            mention.staff = not is_player and person.staff > 0 and not single
        if is_player and name not in players:
            players.append(name)
    return players


def _is_player(person: _Person, known_staff: dict[str, int], year: int | None) -> bool:
    """Whether the evidence makes a player: at least as much as for staff, some if staff was said,
    and some at all for a one-word name; never a known manager or pundit."""
    return person.player >= person.staff and not (person.staff and not person.player) \
        and not (len(person.words) == 1 and not person.player) and not _known_staff(person.words, known_staff, year)


#: Between two names of a list: "Kos, Brand and Ruiz", "Kos (left) and Brand".
_LIST_GAP = re.compile(r"(?:\s*\([^()]{1,20}\))?(?:\.\.\.)?\s*(?:,|and|or|&)\s*(?:and\s+|or\s+)?")


_AND = re.compile(r"\b(?:and|or)\b|&")


def _lists(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Person mentions written one after another as a list, in text order. A list has an "and" or an
    "or" ("At Oakvale, Kos will ...", "the arrival of Kos, Brand still ..." are no lists)."""
    lists: list[list[Mention]] = []
    current: list[Mention] = []
    for mention in mentions:
        if current and _LIST_GAP.fullmatch(text, current[-1].end, mention.start) is not None:
            current.append(mention)
            continue
        if len(current) > 1:
            lists.append(current)
        current = [mention]
    if len(current) > 1:
        lists.append(current)
    return [named for named in lists
            if any(_AND.search(text, m.end, n.start) for m, n in zip(named, named[1:]))]


def _share_list_cues(text: str, named: list[Mention], owners: dict[int, _Person]) -> None:
    """What is said of a list as a whole holds for each name in it: a position or a deal before the
    first ("midfielders Kos and Brand", "deals for Kos, Brand and Ruiz") makes players of them all, a
    possessive after the last ("Kos and Brand's squad") managers."""
    first, last = named[0], named[-1]
    if not _PLAYER_BEFORE.isdisjoint(endings(words_before(text, first.start, window=min(48, first.start)))):
        for mention in named[1:]:
            owners[mention.start].player += 1
    after = _STAFF_AFTER.match(text, last.end, last.end + 60)
    if after is not None and after.group().startswith("'"):
        for mention in named[:-1]:
            owners[mention.start].staff += 1


def _known_staff(words: tuple[str, ...], staff_names: dict[str, int], year: int | None) -> bool:
    """Whether the name is a known manager, executive, agent or pundit at the article's date.

    The full name must match, or its last two or more words ("Gunnar Solskjaer").
    """
    if not staff_names:
        return False
    for start in range(0, max(1, len(words) - 1)):
        since = staff_names.get(" ".join(words[start:]))
        if since is not None:
            return year is None or year >= since
    return False


def _group(mentions: Iterable[Mention]) -> list[_Person]:
    """One `_Person` per individual: shorter forms join the full name they end.

    Each person is filed under every ending of their name (and, for one-word
    look-ups, their given name), so finding an owner is one dictionary look-up.
    """
    ordered = sorted(mentions, key=lambda m: (-len(m.words), m.start))
    people: list[_Person] = []
    by_ending: dict[tuple[str, ...], list[_Person]] = {}
    by_given_name: dict[str, list[_Person]] = {}
    for mention in ordered:
        words = mention.words
        owner = _owner(by_ending.get(words) or (by_given_name.get(words[0], []) if len(words) == 1 else []))
        if owner is None:
            owner = _Person(words)
            people.append(owner)
            for start in range(len(words)):
                by_ending.setdefault(words[start:], []).append(owner)
            if len(words) > 1:
                by_given_name.setdefault(words[0], []).append(owner)
            for middle in words[1:-1]:  # "Moustapha" for "Mouhamadou Moustapha Gning"
                if len(middle) > 3:
                    by_given_name.setdefault(middle, []).append(owner)
        owner.mentions.append(mention)
    for person in people:
        person.mentions.sort(key=lambda m: m.start)
    return people


def _owner(matches: list[_Person]) -> _Person | None:
    """The one person a name form may stand for; of several, the shortest name, first added."""
    return matches[0] if len(matches) == 1 else (min(matches, key=lambda p: len(p.words)) if matches else None)


#: A former player speaking: "former Leeds and Wales striker X said", "says ex-Spurs defender X".
_FORMER = re.compile(r"\b(?:former|ex-|ex|legendary|legend|great)\s+(?:[\w&'-]+\s+){0,5}$", re.I)
_SPEECH_AFTER = re.compile(r",?\s+(?:has\s+|had\s+)?(?:says|said|believes|thinks|reckons|claims|claimed|insists|"
                           r"insisted|told|urged|warned|admits|admitted|added|explained|feels|tipped|predicted|"
                           r"hailed|suggested|wrote|writes|speaking|was speaking)\b")
_SPEECH_BEFORE = re.compile(r"\b(?:says|said|believes|according to|told|claims|insists|admits)\s+(?:the\s+)?"
                            r"(?:former|ex-|ex|legendary|legend|great)\b[^.\n]*$", re.I)
#: A byline: a name alone closing a paragraph, or followed by a handle ("Jo Frame (@jofr)").
_BYLINE_AFTER = re.compile(r"[ \t]*(?:\n|$)|\s+\(@\w+\)")


#: A name credited with the news: "according to X," (not "according to X's agent"), "X reports that".
_CREDITED_BEFORE = re.compile(r"\b(?:[Aa]ccording to|[Rr]eported by|[Rr]evealed by)\s+(?:the\s+)?$")
#: "according to the Chronicle's Jo Doe", "French outlet X": a writer for an outlet, or an outlet itself.
_OUTLET_BEFORE = re.compile(r"(?:\b(?:[Aa]ccording to|[Rr]eported by|[Rr]evealed by)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}"
                            r"[A-Z][\w-]*'s?\s+(?:[a-z-]+\s+){0,3}|\b(?:newspaper|outlet|tabloid|broadcaster|"
                            r"radio station|publication|website|magazine|news agency)\s+(?:the\s+)?)$")
_CREDIT_ENDS = re.compile(r"\s*(?:[,.;:)\n]|$)")
_PRESS_VERB_AFTER = re.compile(r",?\s+(?:(?:has|have|also|now|first)\s+)*(?:reports|understands|has learned|can reveal|"
                               r"has been led to believe|reported(?!\s+(?:for|to|back|in|at|fit)\b))\b")


def _media_role(text: str, mention: Mention, outlet_ends: frozenset[int], sentence_start: int) -> bool:
    """Whether the man named speaks or writes as a pundit or journalist, not as a player.

    A former player quoted ("former Leeds striker X said") is a pundit; "the Telegraph's X" and a
    name alone closing a paragraph (a byline) are journalists.
    """
    before = text[max(sentence_start, mention.start - 60):mention.start]
    if _FORMER.search(before) and (_SPEECH_AFTER.match(text, mention.end, mention.end + 40)
                                   or _SPEECH_BEFORE.search(before)):
        return True
    possessive = re.search(r"'s?\s+(?:[a-z-]+\s+){0,4}$", before)
    if possessive and mention.start - len(before) + possessive.start() in outlet_ends:
        return True
    if _OUTLET_BEFORE.search(before):
        return True
    if _CREDITED_BEFORE.search(before) and _CREDIT_ENDS.match(text, mention.end, mention.end + 20) \
            or _PRESS_VERB_AFTER.match(text, mention.end, mention.end + 40):
        return True  # "according to O Jogo, ...", "X understands that ...": the one telling the news
    opens_sentence = not text[sentence_start:mention.start].strip() or bool(re.search(r"[.!?]\s+$", before))
    return opens_sentence and bool(_BYLINE_AFTER.match(text, mention.end, mention.end + 20))


def _cues(text: str, mention: Mention, staff_before: frozenset[str], club_starts: frozenset[int] = frozenset(),
          sentence_start: int = 0) -> tuple[int, int]:
    """(staff, player) evidence from the words right around one mention.

    Telling a club something is what players do ("has told Paris Saint-Germain he will leave"):
    only telling a person makes a manager.
    """
    # the words of the sentence before say nothing about this one
    words = words_before(text, mention.start, window=min(48, mention.start - sentence_start))
    if words and words[-1].endswith("'s") and len(words) > 1:
        words = words[:-1]  # "a bid for Chelsea's X", "signing Brazil's X": the cue is before the owner
    before = endings(words)
    end = mention.end
    after = _STAFF_AFTER.match(text, end, end + 60)
    if after is not None and after.group("object") and after.start("object") in club_starts:
        after = None
    # a job title right before the name ("manager Neil Gallacher") outweighs one player-like cue; a "free
    # agent" is a player without a club, no agent
    free_agent = "free agent" in before
    staff = 2 * (not staff_before.isdisjoint(before) and not free_agent) + (after is not None)
    player = (not _PLAYER_BEFORE.isdisjoint(before) and _NOT_PLAYER_LIKE.isdisjoint(before)) \
        + (_PLAYER_AFTER.match(text, end, end + 60) is not None)
    return staff, player
