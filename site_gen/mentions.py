"""Find the names in an article: clubs, outlets and people, longest known name first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_gen.gazetteer import Gazetteer, fold
from site_gen.names import PARTICLES, tidy_name
from site_gen.text import Token, tokens

# Words that make a capitalised run something other than a person's name.
_CLUB_WORDS = {"fc", "afc", "cf", "united", "city", "town", "rovers", "athletic", "wanderers", "albion",
               "county", "hotspur", "athletico", "atletico", "sporting", "real", "dynamo", "dinamo", "olympique",
               "borussia", "inter", "internazionale", "calcio", "ac", "as", "sc", "rb", "psv", "club"}
_NOT_NAME_WORDS = {
    "league", "cup", "trophy", "championship", "premiership", "division", "association", "federation",
    "stadium", "park", "arena", "road", "lane", "ground", "street", "hotel", "airport", "academy",
    "news", "sport", "sports", "mail", "times", "echo", "post", "herald", "record", "gazette", "express",
    "star", "telegraph", "chronicle", "standard", "mirror", "sun", "observer", "guardian", "independent",
    "journal", "press", "daily", "tribune", "radio", "tv", "online", "insider", "weekly", "evening",
    "world", "european", "international", "national", "government", "uefa", "fifa", "euro", "euros",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "summer", "winter", "christmas", "deadline", "day", "window", "var", "covid", "brexit",
}
_OUTLET_WORDS = {"news", "sport", "sports", "mail", "times", "echo", "post", "herald", "record", "gazette",
                 "express", "star", "telegraph", "chronicle", "standard", "mirror", "sun", "observer",
                 "guardian", "independent", "journal", "press", "tribune", "radio", "tv", "online",
                 "insider", "bulletin", "courier", "dispatch", "argus", "advertiser", "examiner", "times",
                 "report", "review", "weekly", "daily", "football", "today", "zeitung", "gazzetta", "corriere"}
# Capitalised words that open sentences and are never the first word of a name.
_SENTENCE_WORDS = {
    "the", "a", "an", "and", "but", "or", "however", "he", "his", "him", "she", "her", "it", "its", "they",
    "their", "this", "that", "these", "those", "in", "on", "at", "after", "before", "while", "when", "with",
    "without", "according", "meanwhile", "despite", "although", "though", "if", "as", "last", "next", "now",
    "also", "both", "yet", "so", "for", "from", "to", "speaking", "asked", "sources", "reports", "there",
    "then", "what", "why", "how", "where", "who", "which", "we", "i", "you", "our", "my", "one", "two",
    "three", "instead", "indeed", "such", "any", "all", "some", "many", "most", "more", "other", "another",
    "every", "each", "no", "not", "neither", "nor", "only", "even", "just", "still", "since", "until",
    "during", "under", "over", "by", "about", "into", "of", "is", "are", "was", "were", "has", "have",
    "had", "will", "would", "could", "should", "can", "may", "might", "must", "shall", "did", "does", "do",
    "sir", "mr", "mrs", "miss", "ms", "dr", "boss", "manager", "coach", "chairman", "owner", "agent",
    "striker", "midfielder", "defender", "winger", "goalkeeper", "forward", "captain", "star", "former",
    "ex", "new", "old", "young", "veteran", "fellow", "rival", "interim", "caretaker", "head", "assistant",
    "director", "president", "chief", "sporting", "technical", "super", "journalist", "reporter", "pundit",
    "centre", "full", "left", "right", "back", "half", "wing", "attacking", "defensive", "holding",
    "talks", "negotiations", "sky", "bbc", "sadly", "crucially", "ironically", "elsewhere", "ultimately",
}
@dataclass(slots=True)
class Mention:
    """A name found in the text: a club, an outlet, or a person candidate."""

    kind: str  # "club", "outlet", "person", "other"
    start: int
    end: int
    sentence: int
    text: str
    clubs: tuple[str, ...] = ()
    risky: bool = False
    words: tuple[str, ...] = ()
    tokens: tuple[Token, ...] = field(default=())
    #: for people: the canonical name of the person meant, and whether a player
    person: str = ""
    player: bool = False


def find_mentions(text: str, spans: list[tuple[int, int]], gaz: Gazetteer) -> list[Mention]:
    found: list[Mention] = []
    for index, (start, end) in enumerate(spans):
        words = tokens(text, start, end)
        position = 0
        while position < len(words):
            known = _match_known(text, words, position, index, gaz)
            if known is not None:
                found.append(known[0])
                position = known[1]
                continue
            run_end = _name_run(text, words, position, gaz)
            if run_end > position:
                mention = _classify_run(text, words[position:run_end], index, position == 0, gaz)
                if mention is not None:
                    found.append(mention)
                position = run_end
                continue
            position += 1
    return found


def _joinable(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end:right.start]
    if left.possessive:
        return False
    return len(gap) <= 3 and all(ch in " .-&'" for ch in gap) and gap.count(".") <= 1


def _match_known(text: str, words: list[Token], i: int, sentence: int, gaz: Gazetteer
                 ) -> tuple[Mention, int] | None:
    """The longest club, outlet or non-club name starting at word i, if any."""
    first = words[i]
    starts_with_the = first.word in ("the", "The")
    if not first.capitalised and not starts_with_the:
        return None
    limit = min(len(words), i + gaz.longest_form + 1)
    last = i
    while last + 1 < limit and _joinable(text, words[last], words[last + 1]):
        last += 1
    for j in range(last, i - 1, -1):
        if starts_with_the and j == i:
            break
        tail = words[j]
        if not tail.capitalised and not (j > i and tail.word in ("side", "club", "outfit", "team", "giants")):
            continue
        phrase_start = first.start
        for end in _possible_ends(text, tail):
            key = fold(text[phrase_start:end])
            mention = _lookup(key, text, phrase_start, end, sentence, words[i:j + 1], gaz)
            if mention is not None:
                return mention, j + 1
    return None


def _possible_ends(text: str, token: Token) -> tuple[int, ...]:
    return (token.end + 2, token.end) if token.possessive and text.startswith("'s", token.end) else (token.end,)


def _lookup(key: str, text: str, start: int, end: int, sentence: int, words: list[Token],
            gaz: Gazetteer) -> Mention | None:
    bare = key[4:] if key.startswith("the ") else key
    if bare in gaz.outlets and (len(words) > 1 or key == bare):
        return Mention("outlet", start, end, sentence, gaz.outlets[bare], tokens=tuple(words))
    clubs = gaz.club_forms.get(key)
    if clubs:
        return Mention("club", start, end, sentence, text[start:end], clubs=clubs,
                       risky=key in gaz.risky_forms, tokens=tuple(words))
    if bare in gaz.countries or bare in gaz.regions or bare in gaz.competitions or bare in gaz.bodies \
            or bare in gaz.demonyms:
        return Mention("other", start, end, sentence, text[start:end], tokens=tuple(words))
    return None


def _name_run(text: str, words: list[Token], i: int, gaz: Gazetteer) -> int:
    """End of the run of capitalised words (and inner particles) starting at word i."""
    if not words[i].capitalised:
        return i
    j = i + 1
    while j < len(words) and _joinable(text, words[j - 1], words[j]):
        word = words[j]
        if word.capitalised:
            if _match_known(text, words, j, 0, gaz) is not None and fold(word.word) not in PARTICLES:
                break
            j += 1
        elif word.word.lower() in PARTICLES and j + 1 < len(words) and words[j + 1].capitalised \
                and _joinable(text, word, words[j + 1]):
            j += 1
        else:
            break
    return j


def _classify_run(text: str, run: list[Token], sentence: int, sentence_start: bool,
                  gaz: Gazetteer) -> Mention | None:
    while run and run[0].word.lower() in _SENTENCE_WORDS and not run[0].possessive:
        run = run[1:]
        sentence_start = False
    if not run:
        return None
    folded = [fold(token.word) for token in run]
    start, end = run[0].start, run[-1].end
    if any(word in _NOT_NAME_WORDS for word in folded):
        if folded[-1] in _OUTLET_WORDS:
            return Mention("outlet", start, end, sentence, text[start:end], tokens=tuple(run))
        return Mention("other", start, end, sentence, text[start:end], tokens=tuple(run))
    if folded[0] in _CLUB_WORDS or folded[-1] in _CLUB_WORDS:
        if len(run) > 1:
            name = " ".join(token.word for token in run)
            return Mention("club", start, end, sentence, name, clubs=(name,), tokens=tuple(run))
        return None
    if " ".join(folded) in gaz.demonyms:
        return None
    return Mention("person", start, end, sentence, tidy_name(text[start:end]),
                   words=tuple(folded), tokens=tuple(run))


def resolve_clubs(mentions: list[Mention]) -> list[str]:
    """Canonical clubs in order of first mention; ambiguous names need a plain one."""
    plain = {m.clubs[0] for m in mentions if m.kind == "club" and len(m.clubs) == 1 and not m.risky}
    ordered: list[str] = []
    for mention in mentions:
        if mention.kind != "club":
            continue
        candidates = [club for club in mention.clubs if club in plain] if (
            mention.risky or len(mention.clubs) > 1) else list(mention.clubs)
        if len(candidates) == 1:
            mention.clubs = (candidates[0],)
            if candidates[0] not in ordered:
                ordered.append(candidates[0])
        else:
            mention.kind = "other"
    return ordered


