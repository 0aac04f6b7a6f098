"""Find the names in an article: clubs, outlets and people, longest known name first."""

from __future__ import annotations

import functools
import bisect
import re
from dataclasses import dataclass

from site_gen.extract.gazetteer import Gazetteer, fold
from site_gen.extract.names import tidy_name

# Words that mark a run as a club not yet in the gazetteer ("Hove Albion", "FC Utrecht").
_CLUB_WORDS = {"fc", "afc", "cf", "united", "city", "town", "rovers", "athletic", "wanderers", "albion",
               "county", "hotspur", "athletico", "atletico", "sporting", "real", "dynamo", "dinamo", "olympique",
               "borussia", "inter", "internazionale", "calcio", "ac", "as", "sc", "rb", "psv", "club"}
# Words of newspaper and broadcaster names, English and other languages
# ("Liverpool Echo", "Mundo Deportivo", "Fußball Heute", "Voetbal Vandaag").
_OUTLET_WORDS = {
    "news", "sport", "sports", "mail", "times", "echo", "post", "herald", "record", "gazette", "express", "star",
    "telegraph", "chronicle", "standard", "mirror", "sun", "observer", "guardian", "independent", "journal",
    "press", "tribune", "radio", "tv", "online", "insider", "bulletin", "courier", "dispatch", "argus",
    "advertiser", "examiner", "report", "review", "weekly", "daily", "evening", "football", "soccer", "today",
    "zeitung", "gazzetta", "corriere", "heute", "vandaag", "hoy", "oggi", "mundo", "voz", "noticias", "nieuws",
    "diario", "jornal", "giornale", "kurier", "courrier", "tribuna", "sportif", "sportivo", "sportiva",
    "deportivo", "desportivo", "desporto", "deporte", "deportes", "futbol", "fussball", "voetbal", "calcio",
    "kicker", "equipe",
}
# Words that make a capitalised run something other than a person's name.
_NOT_NAME_WORDS = _OUTLET_WORDS | {
    "league", "cup", "trophy", "championship", "premiership", "division", "association", "federation",
    "stadium", "park", "arena", "road", "lane", "ground", "street", "hotel", "airport", "academy",
    "world", "european", "international", "national", "government", "uefa", "fifa", "euro", "euros",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "summer", "winter", "christmas", "deadline", "day", "window", "var", "covid", "brexit",
    # organisations, rules and teams, not people: "Profit and Sustainability Rules", "Halfspace Analytics"
    "rules", "regulations", "play", "platform", "analytics", "energy", "group", "holdings", "partners", "capital",
    "investments", "consulting", "consultancy", "ltd", "limited", "plc", "inc", "llp", "foundation", "trust",
    "media", "bank", "airways", "airlines", "motors", "footballers", "union", "council", "committee", "commission",
    "panel", "tribunal", "court", "authority", "agency", "management", "advisory", "solutions", "services",
    "technologies", "network", "insolvency", "recovery", "finance", "financial", "fund", "ventures", "team",
    "squad", "supporters", "fans", "administrators", "administration", "images", "photos", "liga",
    "republic", "kingdom", "emirates", "islands",
    # page furniture and institutions: "Paper Round's view", "Pretoria University", "River Plate"
    "paper", "papers", "gossip", "rumour", "rumours", "blog", "podcast", "column", "university", "college",
    "school", "river",
}
# Capitalised words that open sentences and are never the first word of a name.
_CONTRACTIONS = ("'ve", "'ll", "'re", "'d", "'m", "n't")
_SENTENCE_WORDS = {
    "the", "a", "an", "and", "but", "or", "however", "he", "his", "him", "she", "her", "it", "its", "they",
    "their", "this", "that", "these", "those", "in", "on", "at", "after", "before", "while", "when", "with",
    "without", "according", "meanwhile", "despite", "although", "though", "if", "as", "last", "next", "now",
    "also", "both", "yet", "so", "for", "from", "to", "speaking", "asked", "sources", "reports", "there",
    "then", "what", "why", "how", "where", "who", "which", "we", "i", "you", "our", "my", "one", "two",
    "three", "instead", "indeed", "such", "any", "all", "some", "many", "most", "more", "other", "another",
    "having", "being", "following", "looking", "talking", "writing", "explaining", "adding", "given", "during",
    "including", "reacting", "responding", "asked", "supporters", "fans", "insiders", "officials", "bosses",
    "every", "each", "no", "not", "neither", "nor", "only", "even", "just", "still", "since", "until",
    "during", "under", "over", "by", "about", "into", "of", "is", "are", "was", "were", "has", "have",
    "had", "will", "would", "could", "should", "can", "may", "might", "must", "shall", "did", "does", "do",
    "sir", "mr", "mrs", "miss", "ms", "dr", "boss", "manager", "coach", "chairman", "owner", "agent",
    "striker", "midfielder", "defender", "winger", "goalkeeper", "forward", "captain", "star", "former",
    "ex", "new", "old", "young", "veteran", "fellow", "rival", "interim", "caretaker", "head", "assistant",
    "director", "president", "chief", "sporting", "technical", "super", "journalist", "reporter", "pundit",
    "centre", "full", "left", "right", "back", "half", "wing", "attacking", "defensive", "holding",
    "talks", "negotiations", "sky", "bbc", "sadly", "crucially", "ironically", "elsewhere", "ultimately",
    # comparisons and plural descriptions before a name ("Like Rossi", "Defenders Jan Kos and ...")
    "like", "unlike", "defenders", "midfielders", "strikers", "forwards", "wingers", "goalkeepers", "spaniards",
    "brazilians", "argentines", "italians", "germans", "frenchmen", "dutchmen", "portuguese",
    # a trade before a name is a title, as "Mr" is ("Farmer Giles")
    "farmer",
    # words that open a clause or a sentence ("Whether Villa boss ...", "Perhaps Kos ...")
    "whether", "whilst", "once", "because", "perhaps", "maybe", "hopefully", "clearly", "obviously", "certainly",
    "apparently", "reportedly", "understandably", "interestingly", "naturally", "eventually", "finally",
    "initially", "originally", "currently", "recently", "previously", "already", "soon", "here", "yesterday",
    "tomorrow", "tonight",
}
# Articles of other languages open phrases, never a person's name ("Los Blancos", "Il Diavolo").
_FOREIGN_ARTICLES = {"los", "las", "gli", "il"}
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_CAPITALISED = rf"[{_UPPER}][^\W_]*(?:'[^\W\d_]+)*"
_JOIN = r"(?:[ -]|(?<=\bSt)\.\s?| & )"
_INNER_PARTICLE = r"(?:'t|van|von|der|den|de|da|das|do|dos|di|del|della|dello|delle|degli|des|du|la|le|ter|ten|bin|ben|al|el)"
_TAIL = r"(?:[ -](?:based )?(?:side|club|outfit|team|giants))"
#: A candidate name: capitalised words (with inner particles), maybe "side" after. A "the"
#: just before is added in code: an optional prefix would make the scan three times slower.
_RUN = re.compile(
    rf"{_CAPITALISED}(?:{_JOIN}(?:{_CAPITALISED}|{_INNER_PARTICLE}(?= (?:{_INNER_PARTICLE} )*[{_UPPER}])))*"
    rf"{_TAIL}?")
_RUN_WORD = re.compile(r"[^\W_]+(?:'[^\W\d_]+)*")
_TAIL_WORDS = {"side", "club", "outfit", "team", "giants", "based"}

# (kind, start, end, text, clubs, risky, words) relative to the run's start
Part = tuple[str, int, int, str, tuple[str, ...], bool, tuple[str, ...]]


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
    #: for people: the folded words of the name as written
    words: tuple[str, ...] = ()
    #: for people: the canonical name of the person meant, and whether a player
    person: str = ""
    player: bool = False
    #: for people: named in a job that is not playing (manager, pundit, reporter, owner...)
    staff: bool = False
    #: for clubs: the words around say a club is meant ("from Reading", "Nice striker", "Derby, QPR and
    #: Fulham"), so a name that is also a word or a place may be trusted without the plain name elsewhere
    cued: bool = False
    #: for clubs: the country of each club in `clubs`, and the one a national adjective before it names
    #: ("Portuguese side Sporting"), to tell apart clubs that share a name
    countries: tuple[str, ...] = ()
    hint: str = ""


def find_mentions(text: str, spans: list[tuple[int, int]], gaz: Gazetteer) -> list[Mention]:
    """Every club, outlet, person and other proper name, in text order.

    Only capitalised runs are looked at (one regular-expression pass), and each
    distinct run is taken apart once per process: names repeat across an archive.
    """
    found: list[Mention] = []
    sentence, last_sentence = 0, len(spans) - 1
    for run in _RUN.finditer(text):
        offset, run_end = run.span()
        if text[offset - 4:offset] in ("the ", "The ") and (offset == 4 or not text[offset - 5].isalnum()):
            offset -= 4  # "the Reds", "the Anfield-based side"
        elif offset and (text[offset - 1].isalnum() or text[offset - 1] in "_#@"):
            continue  # the middle of a word ("McDonald" is found from its start), a hashtag or a handle
        while sentence < last_sentence and spans[sentence + 1][0] <= offset:
            sentence += 1  # runs come in text order, so the sentence index only moves forward
        for kind, start, end, name, clubs, risky, words in _parts(text[offset:run_end], gaz):
            if kind != "other":  # countries, competitions and the like are only there to be skipped
                found.append(Mention(kind, offset + start, offset + end, sentence, name, clubs, risky, words))
        if text[offset] == "W" and text.startswith("Will ", offset) and found and found[-1].start == offset + 5 \
                and found[-1].kind == "person" and _given_will(text, offset, found[-1].end):
            last = found[-1]  # "the likes of Will Hughes": a given name, not the verb
            last.start, last.text, last.words = offset, tidy_name("Will " + last.text), ("will", *last.words)
    if gaz.lower_outlets:
        found = _with_lower_outlets(text, spans, found, gaz)
    _read_club_context(text, found, gaz)
    return _nicknames_inside(text, found)


def _given_will(text: str, at: int, end: int) -> bool:
    """Whether "Will" before a name is a given name: inside a sentence it is (the verb would be in small
    letters); opening one, it is unless the sentence asks ("Will Hughes stay?")."""
    before = text[max(0, at - 3):at].rstrip(" \t\"'(")
    if before and before[-1] not in ".!?:\n":
        return True
    stop = re.search(r"[.!?\n]", text[end:end + 200])
    return stop is None or stop.group() != "?"


_NICKNAME_GAP = re.compile(r" [\"']")
#: where a quoted nickname may stand inside a name: one scan of the text before any looking at names
_NICKNAME_SCAN = re.compile(r"[\"'](?<=\w [\"'])[A-Z][^\"'\n]{0,30}[\"'] [A-Z]")


def _nicknames_inside(text: str, found: list[Mention]) -> list[Mention]:
    """A nickname in quotes inside a name ('Javier "Chicharito" Hernandez') leaves the name whole: the
    given name and surname are one person, the nickname no one else."""
    if _NICKNAME_SCAN.search(text) is None:
        return found
    merged: list[Mention] | None = None
    dropped: set[int] = set()
    for index in range(len(found) - 2):
        first, nick, last = found[index], found[index + 1], found[index + 2]
        if first.kind == nick.kind == last.kind == "person" and len(first.words) == 1 and len(nick.words) == 1 \
                and _NICKNAME_GAP.fullmatch(text, first.end, nick.start) is not None \
                and text[nick.end:last.start] in ('" ', "' ") and text[nick.end] == text[nick.start - 1]:
            if merged is None:
                merged = list(found)
            merged[index] = Mention("person", first.start, last.end, first.sentence,
                                    tidy_name(f"{first.text} {last.text}"), words=(*first.words, *last.words))
            dropped.update((index + 1, index + 2))
    return found if merged is None else [m for index, m in enumerate(merged) if index not in dropped]


# Words just before a name that make it a club: "from Reading", "against Nancy", "join Nice".
_CLUB_BEFORE = re.compile(
    r"(?:\b(?:from|to|join|joins|joined|joining|against|at|for|v|vs|versus|face|faces|faced|facing|beat|beats|"
    r"beating|including|with|over|leave|leaves|left|leaving|quit|rejoin|rejoined|sign for|signed for|loan at|"
    r"side|outfit|club|team|rivals|hosts|visit|visiting|champions|like)|\bv\.)\s+(?:the\s+)?$", re.I)
# Words just after: "Nice striker", "Reading's academy", "Hearts are adamant", "the Hearts defence".
_CLUB_AFTER = re.compile(
    r"(?:'s?|’s?)(?=\s)|\s+(?:striker|midfielder|defender|winger|goalkeeper|keeper|forward|full-back|"
    r"centre-back|centre-half|wing-back|playmaker|player|players|youngster|loanee|star|captain|skipper|ace|"
    r"boss|manager|coach|head coach|chairman|owner|president|director|side|outfit|team|squad|academy|fans|"
    r"supporters|defence|attack|midfield|board|have|are|were|want|wanted|signed|agreed|confirmed|announced|"
    r"accepted|rejected|beat|drew|lost|won)\b")
# "a", "an" or "the" right before a capitalised phrase: people's names take none ("a Golden Handshake").
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=\W))(?:[Aa]n?|[Tt]he)\s+[‘'\"]?$")
# "formerly of X", "previously with X": a club, whatever its name looks like.
_FORMERLY_OF = re.compile(r"\b(?:formerly|previously) (?:of|with) $")
# A gap between two names of a list: "Rangers, Derby, QPR and Bournemouth".
_LIST_GAP = re.compile(r"\s*(?:,|and|or|&|/)\s*(?:and\s+|or\s+)?")
# "Swedish side X", "National League side X", "French 10th-tier side X": a club, known or not.
_TEAM_BEFORE = re.compile(
    r"\b(?:(?P<adj>[A-Z][a-z]+(?: [A-Z][a-z]+)?)|[A-Z][\w]* (?:League|Liga|Premiership|Championship|Division|Serie "
    r"[A-D])|non-league|top-flight|[\w]+-tier|[\w]+-division)(?: [\w-]+-tier| top-flight| second-tier)? "
    r"(?:side|outfit|club|team)\s+$")


def _read_club_context(text: str, found: list[Mention], gaz: Gazetteer) -> None:
    """Mark club names the words around show to be clubs, and turn the unknown names a phrase such
    as "Swedish side" introduces into clubs.

    Only names that are also words or places need it, so only they are looked at (and people
    right after "side"), which keeps the cost to a few short matches an article.
    """
    for mention in found:
        if mention.kind == "club":
            mention.countries = tuple(gaz.clubs[c].country if c in gaz.clubs else "" for c in mention.clubs)
            if mention.risky or len(mention.clubs) > 1:
                before = text[max(0, mention.start - 40):mention.start]
                mention.cued = fold(mention.text) not in gaz.open_risky_forms and (
                    _CLUB_BEFORE.search(before) is not None
                    or _CLUB_AFTER.match(text, mention.end, mention.end + 30) is not None)
                team = _TEAM_BEFORE.search(before)
                if team is not None:
                    mention.cued = True
                    if team.group("adj"):
                        mention.hint = gaz.demonyms.get(fold(team.group("adj")), "")
        elif mention.kind == "person" and (_ARTICLE_BEFORE.search(text, max(0, mention.start - 8), mention.start)
                                           or text.endswith(("The Great ", "the Great "), 0, mention.start)):
            mention.kind = "other"  # "a Golden Handshake", "The Great Fire Sale": a phrase, no one's name
        elif mention.kind == "person" and mention.words[-1].endswith("s") and len(mention.words) > 1 \
                and text[max(0, mention.start - 5):mention.start].lower() == "your ":
            # "your Michael Keanes and your Andre Grays": players of his kind, written as a plural
            mention.text, mention.end = mention.text[:-1], mention.end - 1
            mention.words = (*mention.words[:-1], mention.words[-1][:-1])
        elif mention.kind == "person" and mention.text[:1].isupper() and len(mention.words) <= 3:
            team = _TEAM_BEFORE.search(text, max(0, mention.start - 40), mention.start)
            if (team is not None and (not team.group("adj") or fold(team.group("adj")) in gaz.demonyms)) \
                    or ((text[mention.start - 3:mention.start] == "of " or text[mention.start - 5:mention.start] == "with ")
                        and _FORMERLY_OF.search(text, max(0, mention.start - 20), mention.start)):
                mention.kind, mention.clubs, mention.words, mention.cued = "club", (mention.text,), (), True
    # a name listed with clubs is a club: "including Rangers, Derby, QPR and Bournemouth"
    clubs = [m for m in found if m.kind == "club"]
    for _ in range(2):
        for left, right in zip(clubs, clubs[1:]):
            if _LIST_GAP.fullmatch(text, left.end, right.start) is None:
                continue
            if _settled(left) and not _settled(right):
                right.cued = True
            elif _settled(right) and not _settled(left):
                left.cued = True


def _settled(mention: Mention) -> bool:
    """A club mention that is a club whatever the rest of the article says."""
    return mention.cued or (not mention.risky and len(mention.clubs) == 1)


def _with_lower_outlets(text: str, spans: list[tuple[int, int]], found: list[Mention], gaz: Gazetteer
                        ) -> list[Mention]:
    """Add outlets written with a small first letter ("told talkSPORT", "(dpa)"), which the scan of
    capitalised runs cannot see."""
    extra = []
    for form, name in gaz.lower_outlets.items():
        at = text.find(form)
        while at != -1:
            end = at + len(form)
            if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                sentence = max(0, bisect.bisect_right([s for s, _ in spans], at) - 1)
                extra.append(Mention("outlet", at, end, sentence, name))
            at = text.find(form, end)
    if not extra:
        return found
    return sorted([*found, *extra], key=lambda mention: mention.start)


@functools.lru_cache(maxsize=200_000)
def _parts(run: str, gaz: Gazetteer) -> tuple[Part, ...]:
    """Split one capitalised run into known names (longest first) and name candidates."""
    words = [(m.start(), _strip_possessive(run, m), m.group()) for m in _RUN_WORD.finditer(run)]
    parts: list[Part] = []
    i = 0
    while i < len(words):
        known = _known_at(run, words, i, gaz)
        # "Milan Kovac", "Jordan Ashworth": a club's or country's name as a given name
        given_name = known is not None and (_given_name_first(run, words, i, known, gaz)
                                            or _risky_word_in_name(run, words, i, known, gaz))
        if known is not None and not given_name:
            parts.append(known[0])
            i = known[1]
            continue
        j = i + 1 + given_name
        if words[i][2][0].isupper():
            while j < len(words) and words[j - 1][1] == words[j - 1][0] + len(words[j - 1][2]) \
                    and words[j][2] not in _TAIL_WORDS and _known_at(run, words, j, gaz) is None:
                j += 1
            surname_club = _name_before_club(run, words, i, j, gaz)
            if surname_club:
                j += 1  # "Antonio Valencia", "Enner Valencia": a surname that is also a club's name
            part = _classify(run, words[i:j], gaz)
            if part is not None:
                clubs = gaz.club_forms.get(fold(words[j - 1][2])) if surname_club and part[0] == "person" else None
                if clubs:  # kept, so the article can still read it as a surname and a club ("Nunes Wolves'")
                    part = (part[0], part[1], part[2], part[3], clubs, part[5], part[6])
                parts.append(part)
        i = j
    return tuple(parts)


def _given_name_first(run: str, words: list[tuple[int, int, str]], i: int, known: tuple[Part, int],
                      gaz: Gazetteer) -> bool:
    """Whether a one-word club or country is the given name of the single unknown word ending the run."""
    part, after = known
    if after != i + 1 or after != len(words) - 1 or part[0] not in ("club", "other") or part[3][:1].islower():
        return False
    if run[words[i][1]:words[after][0]] != " " or words[i][1] != words[i][0] + len(words[i][2]):
        return False
    if part[0] == "other" and fold(part[3]) not in gaz.countries and fold(part[3]) not in gaz.regions:
        return False  # countries and places double as given names ("Jordan", "Devon"); competitions never do
    surname = words[after][2]
    lower = fold(surname)
    return surname[0].isupper() and not surname.isupper() and _known_at(run, words, after, gaz) is None \
        and lower not in _CLUB_WORDS and lower not in _NOT_NAME_WORDS and lower not in _SENTENCE_WORDS \
        and lower not in gaz.demonyms and lower not in _TEAM_WORDS


def _risky_word_in_name(run: str, words: list[tuple[int, int, str]], i: int, known: tuple[Part, int],
                        gaz: Gazetteer) -> bool:
    """Whether a one-word club name that is also a word or a place opens a longer name
    ("Santos Borja", "Barrow Hale"): it is then the first word of a person's name."""
    part, after = known
    if part[0] != "club" or not part[5] or after != i + 1 or after >= len(words) or i and words[i - 1][2][0].isupper():
        return False
    if run[words[i][1]:words[after][0]] != " " or words[i][1] != words[i][0] + len(words[i][2]):
        return False
    nxt = words[after][2]
    lower = nxt.lower()
    return nxt[0].isupper() and not nxt.isupper() and _known_at(run, words, after, gaz) is None \
        and lower not in _CLUB_WORDS and lower not in _NOT_NAME_WORDS and lower not in _TEAM_WORDS \
        and lower not in _TAIL_WORDS


# Words after a club's name that make a team of it, not a person ("Chelsea Women").
_TEAM_WORDS = {"women", "ladies", "femeni", "feminine", "reserves", "youth", "juniors", "b", "ii", "u18", "u19",
               "u21", "u23", "legends", "tv", "foundation", "tigers", "rhinos"}


# Words that may stand before a club's name without being a given name ("Mighty Liverpool").
_CLUB_EPITHETS = {"mighty", "ambitious", "wealthy", "rich", "holders", "champions", "leaders", "relegated",
                  "promoted", "beleaguered", "troubled", "embattled", "resurgent", "struggling", "giants", "big",
                  "little", "plucky", "lowly", "basement", "doomed", "stricken", "crisis", "rivals", "hosts",
                  "visitors", "opponents", "minnows", "neighbours", "title", "league", "cup", "fellow", "newly"}


def _name_before_club(run: str, words: list[tuple[int, int, str]], i: int, j: int, gaz: Gazetteer) -> bool:
    """Whether unknown words i..j-1 are a given name and the one-word club after them a surname.

    Only where the club word ends the run and follows one plain capitalised word (after two,
    "Marc Wilson Stoke" in a list is a name and a club) that are not sentence openers or epithets (a position word or sentence
    opener before them is passed over).
    """
    while i < j - 1 and words[i][2].lower() in _SENTENCE_WORDS:
        i += 1  # "Midfielder Marco Valencia": the name starts after the position word
    if j != len(words) - 1 or j - i != 1 or run[words[j - 1][1]:words[j][0]] != " ":
        return False
    club = words[j][2]
    key = fold(club)
    if not club[0].isupper() or words[j][1] != words[j][0] + len(club):
        return False
    place = key not in gaz.club_forms
    if place and key not in gaz.countries and key not in gaz.regions:
        return False  # a country or a place is a surname too ("Robert Cornwall", "Unai Bilbao")
    for _, _, word in words[i:j]:
        lower = word.lower()
        if not word[0].isupper() or word.isupper() or lower in _SENTENCE_WORDS or lower in _CLUB_EPITHETS \
                or lower.endswith(("ed", "ing")) or "-" in word or fold(word) in gaz.demonyms \
                or (place and lower in _NOT_NAME_WORDS):
            return False
    return True


def _strip_possessive(run: str, match: re.Match[str]) -> int:
    """End of a word without its possessive "'s" ("Southampton's" → "Southampton")."""
    word = match.group()
    return match.end() - 2 if word.endswith("'s") and len(word) > 3 else match.end()


def _known_at(run: str, words: list[tuple[int, int, str]], i: int, gaz: Gazetteer) -> tuple[Part, int] | None:
    """The longest club, outlet or non-club name starting at word i, if any."""
    first = words[i][2]
    the = first in ("the", "The")
    if not the and not first[0].isupper():
        return None
    for j in range(min(len(words), i + gaz.longest_form + 1) - 1, i - 1 + the, -1):
        for end in {words[j][0] + len(words[j][2]), words[j][1]}:
            key = fold(run[words[i][0]:end])
            part = _lookup(key, run, words[i][0], end, gaz)
            if part is not None and not (part[0] == "outlet" and j == i and _name_words(words) > 1):
                return part, j + 1  # (a one-word outlet inside a longer name is a name: "Ole Gunnar")
    return None


def _name_words(words: list[tuple[int, int, str]]) -> int:
    """How many words of a run may belong to a name ("As Sportsmail" has one: "As" opens a sentence)."""
    return sum(word.lower() not in _SENTENCE_WORDS for _, _, word in words)


def _lookup(key: str, run: str, start: int, end: int, gaz: Gazetteer) -> Part | None:
    bare = key[4:] if key.startswith("the ") else key
    if bare in gaz.cased_outlets and not _in_capitals(run[start:end]):
        pass  # "As if", "Yep", "Men": words, not AS, YEP or MEN
    elif key != bare and key in gaz.outlets:
        return ("outlet", start, end, gaz.outlets[key], (), False, ())  # "The Athletic", not Athletic Bilbao
    elif bare in gaz.outlets and (" " in bare or key == bare):
        return ("outlet", start, end, gaz.outlets[bare], (), False, ())
    clubs = gaz.club_forms.get(key)
    if clubs:
        return ("club", start, end, run[start:end], clubs, key in gaz.risky_forms, ())
    if bare in gaz.countries or bare in gaz.regions or bare in gaz.competitions or bare in gaz.bodies \
            or bare in gaz.demonyms:
        if key != bare and bare in gaz.club_forms:
            return None  # "the Southampton striker": the club, read without "the"; "the Netherlands" stays a place
        return ("other", start, end, run[start:end], (), False, ())
    return None


def _in_capitals(written: str) -> bool:
    """Whether a name is written in capitals, a leading "the" aside ("the AS" yes, "As" no)."""
    return re.sub(r"^(?:the|The) ", "", written).replace(" ", "").isupper()


_CAMEL_PART = re.compile(r"[A-Z]+[a-z]*")


def _camel_outlet(word: str) -> bool:
    """One word joined from an outlet's words ("NewsDay", "SkySports", "CityLive"): a website's name."""
    parts = _CAMEL_PART.findall(word)
    return len(parts) > 1 and "".join(parts) == word and any(part.lower() in _OUTLET_WORDS | {"live", "day"}
                                                             for part in parts)


def _classify(run: str, words: list[tuple[int, int, str]], gaz: Gazetteer) -> Part | None:
    """A run of unknown capitalised words: a person, an unknown club or outlet, or nothing."""
    while words and (words[0][2].lower() in _SENTENCE_WORDS or (len(words) > 1 and len(words[0][2]) >= 7
                                                                 and words[0][2].endswith("ing"))) \
            and words[0][1] == words[0][0] + len(words[0][2]):
        words = words[1:]  # "However", "Keeping Jens van 't Hof", "Signing Kos": not part of a name
    if not words:
        return None
    folded = tuple(fold(run[start:end]) for start, end, _ in words)
    start, end = words[0][0], words[-1][1]
    name = run[start:end]
    if len(words) == 1 and _camel_outlet(name):
        return ("outlet", start, end, name, (), False, ())
    if any(word in _NOT_NAME_WORDS for word in folded):
        # "Turkish Daily News" names an outlet; one such word alone ("Today", "Football") does not
        kind = "outlet" if folded[-1] in _OUTLET_WORDS and len(words) > 1 else "other"
        return (kind, start, end, name, (), False, ())
    if folded[0] in _CLUB_WORDS or folded[-1] in _CLUB_WORDS:
        return ("club", start, end, name, (name,), False, ()) if len(words) > 1 else None
    if " ".join(folded) in gaz.demonyms or not words[0][2][0].isupper():
        return None
    if len(words) == 1 and folded[0] in _SENTENCE_WORDS:
        return None  # "It's", "That's", "Here's": a word and a contraction, no name
    if any(word.lower().replace("’", "'").endswith(_CONTRACTIONS) for _, _, word in words):
        return None  # "We've", "I'd", "They're" open quotes; no name ends so
    if any(len(word) > 1 and word.isupper() for _, _, word in words):
        return None  # an acronym ("LDU Quito", "EFL") is not a person's name
    if folded[0] in _FOREIGN_ARTICLES or any(char.isdigit() for _, _, word in words for char in word):
        return None  # "Los Galacticos", "U23s Player of the Year": a phrase or a team, no one's name
    return ("person", start, end, tidy_name(name), (), False, folded)


def surnames_over_clubs(mentions: list[Mention]) -> list[Mention]:
    """A one-word club name that is the surname of a person named in the article is that person.

    After "Antonio Valencia", a bare "Valencia" is him, not the club. But a name read as a given
    name and a club ("Nunes Wolves' record signing") whose first word is the surname of someone the
    article names ("Matheus Nunes") is that surname and the club. A one-word name that is the last
    word of a club the article names ("Chiefs" after "Kaizer Chiefs") is that club, not a person.
    """
    surnames: set[str] = set()
    alone: set[str] = set()
    surname_clubs = False
    for m in mentions:
        if m.kind == "person":
            if len(m.words) > 1:
                surnames.add(m.words[-1])
                surname_clubs = surname_clubs or bool(m.clubs)
            else:
                alone.add(m.words[0])
    if not surnames:
        return mentions
    if surname_clubs and any(m.kind == "person" and m.clubs and len(m.words) == 2
                             and (m.words[0] in alone or m.words[0] in surnames) for m in mentions):
        mentions = _split_surname_clubs(mentions, surnames | alone)
        surnames = {m.words[-1] for m in mentions if m.kind == "person" and len(m.words) > 1}
    club_words = {fold(m.text).rsplit(" ", 1)[-1] for m in mentions if m.kind == "club" and " " in m.text} \
        & alone if alone else set()
    for mention in mentions:
        if club_words and mention.kind == "person" and len(mention.words) == 1 and mention.words[0] in club_words \
                and mention.words[0] not in surnames:
            mention.kind = "other"  # "Kaizer Chiefs ... Chiefs' transfer ban"
            continue
        if mention.kind == "club" and " " not in mention.text:
            key = fold(mention.text)
            if key in surnames:
                mention.kind, mention.words, mention.clubs = "person", (key,), ()
    return mentions


def _split_surname_clubs(mentions: list[Mention], surnames: set[str]) -> list[Mention]:
    """Split "Nunes Wolves" into the surname "Nunes" and the club "Wolves" where the article names a
    Nunes."""
    split: list[Mention] = []
    for m in mentions:
        if m.kind == "person" and m.clubs and len(m.words) == 2 and m.words[0] in surnames:
            cut = m.text.rfind(" ")
            split.append(Mention("person", m.start, m.start + cut, m.sentence, m.text[:cut], words=m.words[:1]))
            split.append(Mention("club", m.start + cut + 1, m.end, m.sentence, m.text[cut + 1:], m.clubs))
        else:
            split.append(m)
    return split


# Names shared by so many clubs that only the plain name elsewhere tells which is meant, whatever the
# words around say ("City's offer", "United have"); weekdays are words first ("Wednesday's deadline").
_GENERIC = _CLUB_WORDS | {"wednesday", "saturday", "sunday", "palace", "villa", "forest", "wanderers", "rangers",
                          "celtic", "stars", "galaxy", "olympic", "olympique", "racing", "sport", "sports"}


def _bare_key(text: str) -> str:
    """The folded name without a leading "the"."""
    key = fold(text)
    return key[4:] if key.startswith("the ") else key


def _main_country(mentions: list[Mention]) -> str:
    """The country most of the article's plainly named clubs are from, if one leads ("" if none)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.kind == "club" and len(m.clubs) == 1 and not m.risky and m.countries and m.countries[0]:
            counts[m.countries[0]] = counts.get(m.countries[0], 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return ""
    return max(counts, key=counts.__getitem__)


def resolve_clubs(mentions: list[Mention]) -> list[str]:
    """Canonical clubs in order of first mention.

    A name that is also a word or a place needs the plain name elsewhere or a club cue around it
    ("from Reading"); a name several clubs share needs the plain name of one of them, or the
    country the article's other clubs (or a national adjective before it) point to: "Sporting"
    beside Benfica and Porto is Sporting CP. Where nothing tells, the name is left out.
    """
    plain = {m.clubs[0] for m in mentions if m.kind == "club" and len(m.clubs) == 1 and not m.risky}
    cued = {m.clubs[0] for m in mentions if m.kind == "club" and len(m.clubs) == 1 and m.cued
            and _bare_key(m.text) not in _GENERIC}
    # words of the clubs named plainly: "City" after "Norwich City" may be Norwich, whatever "City" is filed under
    plain_words = {word for club in plain for word in fold(club).split()}
    ordered: list[str] = []
    country: str | None = None
    for mention in mentions:
        if mention.kind != "club":
            continue
        candidates = list(mention.clubs)
        key = _bare_key(mention.text)
        if mention.risky and " " not in key and key in plain_words and not plain.intersection(candidates):
            candidates = []  # "City" beside Norwich City, "the Wanderers" beside Wolverhampton Wanderers
        elif len(candidates) > 1:
            candidates = [club for club in mention.clubs if club in plain or club in cued]
            if not candidates and mention.countries and (mention.cued or not mention.risky):
                if country is None:
                    country = _main_country(mentions)
                wanted = mention.hint or country
                candidates = [club for club, where in zip(mention.clubs, mention.countries) if where == wanted]
        elif mention.risky and candidates[0] not in plain | cued and not (mention.cued and key not in _GENERIC):
            candidates = []
        if len(candidates) == 1:
            mention.clubs = (candidates[0],)
            if candidates[0] not in ordered:
                ordered.append(candidates[0])
        else:
            mention.kind = "other"
    return ordered


