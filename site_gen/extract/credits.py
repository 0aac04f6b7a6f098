"""Which outlet, or failing one which reporter, an article credits with its story.

Naming an outlet is not crediting it: a pundit's quotes given "to Sky Sports", a live blog's masthead,
the channel showing a game are no source, and a guess would put an article on the wrong outlet's page.
The outlet is given by its one canonical name (`data/outlets.yaml`), whatever spelling the article uses.
"""

from __future__ import annotations

import re

from site_gen.extract.gazetteer import fold, load_gazetteer
from site_gen.extract.mentions import Mention

#: Words before an outlet that credit it: "according to the Sun", "as revealed by", "Full story: Daily Mirror".
_CREDIT_BEFORE = re.compile(
    r"\b(?:according to|reported by|revealed (?:exclusively )?(?:by|in)|first reported by|claimed by|"
    r"reports? (?:in|from|by)|reported in|writing (?:in|for)|quoted by|cited by|carried by|per|via|h/t|"
    r"hat-?tip(?: to)?|(?:the )?(?:latest|exclusive) from|in|says|reports|claims|full story|source|sources)"
    r"\s*:?\s+(?:the\s+)?$", re.I)
#: What an outlet is called before its name ("Spanish newspaper Marca", "Turkish news outlet Haber",
#: "French radio station RMC"): named so, it is named as the one telling the news.
_DESCRIPTOR = re.compile(
    r"\b(?:newspaper|paper|daily|outlet|publication|website|site|broadcaster|station|channel|tabloid|"
    r"magazine|agency|journal|radio|network|network's|broadsheet)\s+(?:the\s+)?$", re.I)
#: Words after an outlet that credit it: "the Sun reports", "Sky Sports News understands", "BILD earlier in
#: the week claimed", "Le Parisien, via Kicker, claim", "TUDN reporter Ana Ruiz".
_CREDIT_AFTER = re.compile(
    r"^(?:\.(?:com|net|it|es|fr|de|co\.uk))?(?:'s?)?(?:,\s+via\s+[^,]{2,40},)?(?:,?\s+(?:television|tv|radio|newspaper|news|agency|sport|has|have|had|is|are|were|"
    r"was|been|also|all|now|exclusively|previously|first|earlier|yesterday|today|this|last|week|month|morning|"
    r"evening|on|in|the|which|who|both|too|initially|originally|recently|already|can|could|later|understandably))*"
    r",?\s+(?:reports?|reported|reporting|claims?|claimed|claiming|says?|said|saying|understands?|understood|"
    r"reveals?|revealed|revealing|confirm(?:s|ed)?|states?|stated|suggests?|suggested|believes?|insists?|"
    r"learned|learnt|learns|adds|added|writes|wrote|quoted|told|informed|led to believe|sources|"
    r"asserts?|notes|noted|indicated|indicates|report|tweeted|broke|carries|carried|leads|led with|"
    r"understanding|exclusive|to be believed|"
    r"(?:chief |senior |transfer |football |sports? )*(?:reporter|journalist|correspondent|writer|columnist|"
    r"editor|insider|presenter))\b")
#: A possessive credit: "The Athletic's David Ornstein", "the Independent's chief sports writer Kit Vale".
_CREDIT_POSSESSIVE = re.compile(r"^'s?\s+(?:[a-z-]+\s+){0,4}[A-Z][\w'-]+ [A-Z]")
#: "(Daily Mirror)" ending a gossip item, "(Scottish Sun, print edition)", not "London (AFP) -" opening wire
#: copy nor "(STV), who were ..." glossing a name.
_PARENTHESIS = re.compile(r"\(\s*$")
_PARENTHESIS_END = re.compile(r"^\s*(?:,[^()\n]{0,30})?\)\s*(?:[.;,]?\s*(?:external\b|\n|$)|[.;]\s)")
#: Quotes given to an outlet: a credit only from an unnamed source ("a source close to the deal told the
#: PA news agency that ..."), never from a named person or after a quotation ("..., Smith told Sky Sports").
_TOLD = re.compile(r"\b(?:told|speaking to|spoke to|speaking with|said to|talking to|in an interview with|"
                   r"interviewed by|an interview with|on)\s+(?:the\s+)?$", re.I)
_REPORTED_SPEECH = re.compile(r"^\s*(?:\w+\s+){0,4}?(?:that|they|it|he|she|the|there|no|a)\b")
_QUOTE_MARKS = re.compile(r"[\"“”‘’]|(?<![A-Za-z])'|'(?![A-Za-z])")
_PERSON_SPEAKS = re.compile(r"\b[A-Z][a-z'-]+ [A-Z][\w'-]+,? (?:\w+ ){0,3}?(?:told|speaking|spoke|said|talking|"
                            r"in an interview|on)\b|\b(?:he|she|I|we)\s+(?:\w+\s+)?(?:told|spoke|said)\b")
#: Outlets listed together share the credit after the last: "MilanNews, Calciomercato.com and Gazzetta say".
_LIST_JOIN = re.compile(r"^(?:\.(?:com|net|it|es|fr|de|co\.uk))?\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)(?:the\s+)?$")
#: A reporter credited by name: "according to Jane Doe", "reports Jane Doe", "Here's our man Jane Doe".
_REPORTER_BEFORE = re.compile(r"(?:according to|reported by|revealed by|reports|per|via|h/t|writes|"
                              r"says journalist|journalist|reporter|correspondent|transfer (?:expert|guru|insider)|"
                              r"our (?:man|woman|reporter|correspondent)|source:?|sources:?)\s+$", re.I)
#: ... or by what he does: "Jane Doe reports"; not "revealed" or "claims", which managers do of their own plans.
_REPORTER_AFTER = re.compile(r"^,?\s+(?:(?:has|have|had|is|also|now|first)\s+)*(?:reports|reported|reporting|"
                             r"understands|writes|wrote|tweeted|has learned|broke the news)\b")
#: A sentence opening with a reporter's name and about his news ("Jane Doe is usually right with her information").
_REPORTER_NEWS = re.compile(r"\b(?:information|tweets?|tweeted|scoop|here we go|sources say)\b", re.I)
#: A credit by social-media handle: "Source: @JaneDoe", "(via @Jane_Doe)".
_HANDLE_CREDIT = re.compile(r"(?:\bsource|\bvia|\bper|\bh/t|according to)\s*:?\s*@([A-Za-z][A-Za-z0-9_]{2,})",
                            re.I)


def find_source(text: str, mentions: list[Mention]) -> str | None:
    """The first outlet credited anywhere in the body, else the first reporter credited, else none."""
    unknown = _unknown_outlet(text, mentions)
    for index, mention in enumerate(mentions):
        if unknown is not None and unknown[0] < mention.start:
            return unknown[1]
        if mention.kind == "outlet" and _credits_outlet(text, mentions, index):
            return _outlet_name(mention.text, mentions)
        if mention.kind == "person" and _DESCRIPTOR.search(text[max(0, mention.start - 40):mention.start]) \
                and mention.start and text[mention.start - 1] == " ":
            return text[mention.start:mention.end]  # an outlet not in the gazetteer, named as one
    if unknown is not None:
        return unknown[1]
    for mention in mentions:
        if mention.kind == "person" and not mention.player and mention.person.count(" ") >= 1 \
                and _credits_reporter(text, mention):
            return mention.person
    for handle in _HANDLE_CREDIT.finditer(text):
        name = _handle_name(handle.group(1))
        if name:
            return name
    return None


#: A run of capitalised words that may name an outlet: "Marca", "O Jogo", "L'Equipe", "Corriere dello Sport",
#: "Yorkshire Evening Post", "BILD", "Calciomercato.com"; small joining words only inside the run.
_WORD = r"(?:[A-Z](?:[\w&-]|['’](?=[A-Z])|\.(?=[a-z]{2,3}\b))*)"
_RUN = rf"(?:{_WORD}(?: (?:(?:de|del|della|dello|di|da|do|la|le|el|of|y) )?{_WORD}){{0,4}})"
#: An outlet the gazetteer does not know, named where only an outlet (or a reporter) stands: "according to
#: Marca", "Portuguese newspaper Record", "O Jogo reports", "the Star has been led to believe", "told
#: Globo Esporte" ...
_CREDITED_UNKNOWN = re.compile(
    r"\b(?:[Aa]ccording to|[Rr]eported by|[Rr]evealed by|[Ee]xclusive from|[Rr]eports? (?:in|from|by)|"
    r"(?:newspaper|outlet|daily|tabloid|broadcaster|radio station|station|channel|publication|website|"
    r"magazine|agency)|(?:[Tt]old|[Ss]peaking to|[Ss]poke to)(?= (?:the )?" + _RUN + r" (?:that|they|it)\b))"
    r"\s+(?:[Tt]he\s+)?(?P<name>" + _RUN + r")")
#: ... or before the press's own verbs ("reports", "understands", "has been led to believe"). Managers
#: and players "claim" and "reveal" too: before those, only a name that cannot be a person's counts.
_PRESS_VERB = re.compile(
    r"\b(?:(?P<press>reports?|reported|reporting|understands?|understood|has learned|have learned|learnt|"
    r"has been (?:told|led to believe)|can reveal)|claims?|claimed|revealed|reveals?)\b")
_CREDITED_BY_VERB = re.compile(
    r"(?<![\w'’-])(?P<as>(?<=\b[Aa]s )|(?<=^[Aa]s ))?(?P<the>[Tt]he\s+)?(?!As )(?P<name>" + _RUN + r")"
    r"(?:'s)?,?\s+(?:(?:has|have|had|also|previously|earlier|now|first|exclusively|this week|today|"
    r"yesterday)\s+)*$")
#: First words that are never an outlet: "It is understood", "He revealed", "Sources report".
_NOT_OUTLET = frozenset({"it", "he", "she", "they", "we", "i", "this", "that", "there", "sources", "source",
                         "reports", "report", "one", "his", "her", "their", "the", "a", "an", "and", "but",
                         "however", "now", "also", "who", "which", "several", "many", "some", "club",
                         "multiple", "other", "others", "insiders", "journalist", "reporter", "fans", "as", "it's",
                         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                         "today", "yesterday", "early", "earlier", "further", "recent", "latest", "previous", "new", "fresh",
                         "local", "media", "press", "conflicting", "initial", "unconfirmed", "widespread", "numerous",
                         "various", "separate", "subsequent", "later", "national", "foreign", "international"})


def _unknown_outlet(text: str, mentions: list[Mention]) -> tuple[int, str] | None:
    """The first credit of a name no table knows and the article does not name as a club or a person."""
    found: list[tuple[int, int, str]] = [(m.start("name"), m.end("name"), m.group("name"))
                                         for m in _CREDITED_UNKNOWN.finditer(text)]
    for verb in _PRESS_VERB.finditer(text):
        # (the name is looked for only before a verb: trying every capital of the text is far dearer)
        match = _CREDITED_BY_VERB.search(text, max(0, verb.start() - 90), verb.start())
        if match is not None and (verb.group("press") or match.group("as") is not None
                                  or match.group("name").isupper() or match.group("the") or " " in match.group("name")):
            weak = not verb.group("press") and match.group("as") is None and not match.group("name").isupper()
            found.append((match.start("name"), match.end("name"), ("?" if weak else "") + match.group("name")))
    if not found:
        return None
    taken = [(m.start, m.end) for m in mentions
             if m.kind == "club" or m.kind == "outlet" or (m.kind == "person" and (m.player or m.staff))]
    people = [(m.start, m.end) for m in mentions if m.kind == "person"]
    surnames = {m.words[-1] for m in mentions if m.kind == "person" and len(m.words) > 1}
    gaz = load_gazetteer()
    for start, end, name in sorted(found):
        weak, name = name.startswith("?"), name.lstrip("?")
        folded = fold(name)
        if not folded or folded.split()[0] in _NOT_OUTLET or folded in gaz.club_forms \
                or folded in gaz.countries or folded in gaz.demonyms or folded in gaz.competitions:
            continue
        if any(a < end and start < b for a, b in taken) or (" " not in folded and folded in surnames):
            continue
        if weak and any(a < end and start < b for a, b in people):
            continue  # "Smith claimed", "Jo Frame revealed": a person's words, not a paper's
        return start, name
    return None


def _credits_outlet(text: str, mentions: list[Mention], index: int) -> bool:
    """Whether the words around the outlet `mentions[index]` credit it with the story."""
    mention = mentions[index]
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, mention.start - 60):mention.start]
    after = text[mention.end:min(line_end, mention.end + 60)]
    if not before.strip(" -•*#|") and not after.strip(" :-|"):
        return True  # a paper's name heading its items in a press review ("DAILY MIRROR")
    if _PARENTHESIS.search(before):
        return bool(_PARENTHESIS_END.match(after))
    if _TOLD.search(before):
        sentence = _sentence_before(text, mention.start)
        return not _QUOTE_MARKS.search(sentence) and not _QUOTE_MARKS.search(after[:3]) \
            and _REPORTED_SPEECH.search(after) is not None and not _PERSON_SPEAKS.search(sentence)
    if _CREDIT_BEFORE.search(before) or _DESCRIPTOR.search(before) or _CREDIT_AFTER.match(after) \
            or _CREDIT_POSSESSIVE.match(after):
        return True
    following = next((m for m in mentions[index + 1:index + 2] if m.kind == "outlet"), None)
    return following is not None and bool(_LIST_JOIN.match(text[mention.end:following.start])) \
        and _credits_outlet(text, mentions, index + 1)


def _sentence_before(text: str, at: int) -> str:
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), text.rfind("? ", 0, at), text.rfind("! ", 0, at))
    return text[start + 1:at]


def _credits_reporter(text: str, mention: Mention) -> bool:
    """Whether a named person is credited as the reporter of the story."""
    before = text[max(0, mention.start - 30):mention.start]
    after = text[mention.end:mention.end + 30]
    if _REPORTER_BEFORE.search(before) or _REPORTER_AFTER.match(after):
        return True
    sentence_end = re.search(r"[.!?](?:\s|$)", text[mention.end:])
    rest = text[mention.end:mention.end + (sentence_end.end() if sentence_end else 200)]
    return not _sentence_before(text, mention.start).strip() and bool(_REPORTER_NEWS.search(rest))


def _handle_name(handle: str) -> str | None:
    """The outlet or person a handle stands for ("SkySportsNews" → Sky Sports, "Jane_Doe" → Jane Doe);
    none for anything else (a club's own account)."""
    words = re.findall(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|\d+", handle)
    outlet = load_gazetteer().outlets.get(fold(" ".join(words)))
    if outlet:
        return outlet
    if 2 <= len(words) <= 3 and "".join(words) == handle.replace("_", "") and all(w[1:].islower() for w in words):
        return " ".join(words)
    return None


def _outlet_name(name: str, mentions: list[Mention]) -> str:
    """The canonical name; "The Star" is read as the "... Star" the article names in full, if one."""
    if name == "The Star":
        for mention in mentions:
            if mention.kind == "outlet" and mention.text.endswith(" Star") and mention.text != name:
                return mention.text
    return name
