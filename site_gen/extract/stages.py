"""How far a rumoured move has got: interest, talks, bid, agreed, done or off.

Read from the words of the clause that names the move's club, else from the sentences about
the player. The furthest stage wins, except that a move called off is `off` unless it was
also completed; a move with no cue at all is `interest` (it is, after all, a rumour).
"""

from __future__ import annotations

import functools
import re

import ahocorasick

from site_gen.extract.records import STAGES

_NOT_A_TRANSFER = r"(?!\s+(?:a\s+)?(?:new|fresh|improved|longer|contract|extension|pre-contract))"

#: "joined the race", "joined a growing list of clubs": a suitor, not a signing.
_NOT_A_RACE = r"(?!\s+(?:\w+\s+){0,3}(?:race|queue|chase|battle|hunt|list|scramble|fight|pursuit|clamour))"

#: Cue patterns, furthest stage first, matched in lower-cased text.
_CUE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("off", r"\b(?:pulled out|pull out|pulls out|pulling out|walked away|walk away|walks away|"
            r"(?:has|have|had) collapsed|collapsed|fell through|fallen through|falls through|broke down|broken down|"
            r"called off|(?:ended|end|ends|abandoned|cooled) (?:their|his|its) (?:interest|pursuit)|"
            r"no longer (?:interested|pursuing|in the race)|deal is off|move is off|off the table|"
            r"signed (?:a )?(?:new|fresh|improved|longer) (?:contract|deal)|(?:agreed|signs|signed|penned) an? extension|"
            r"turned down (?:a|the) move|rejected (?:a|the) move|snubbed|withdr[ae]w|withdrawn|"
            r"ruled out (?:a|any) (?:move|sale|exit)|not for sale|staying at|will stay|"
            r"(?:unwilling|refused|refusing|reluctant) to (?:meet|pay|match)|balked|baulked|"
            r"turned (?:their|his) attention|moved on to|missed out|lost out|beaten to|gone cold|cooled|"
            r"(?:is|was) off(?! to\b| for\b)|unsuccessful|(?:will not|won't|refuse to|refused to) sell|"
            r"stop (?:eyeing|chasing|pursuing|tracking)|tie (?:him|her) down|tied (?:him|her) down)\b"),
    ("done", r"\b(?:completed? (?:his|her|the|a|their)(?: \S+){0,3}? (?:move|transfer|switch|loan|signing|sale|deal|"
             r"capture|purchase)|moved to|left for|allowed (?:\S+ ){1,3}to join|let (?:\S+ ){1,3}join|"
             r"(?:strengthened|bolstered) \S+(?: \S+){0,4} by signing|"
             r"(?:has|have) completed|completes|sealed (?:his|a|the) (?:move|switch|transfer)|"
             r"(?:has|have|officially) (?:signed|joined)" + _NOT_A_TRANSFER + _NOT_A_RACE + r"|signs for|signed for|"
             r"joined(?!\s+(?:\w+\s+){0,3}(?:race|queue|chase|battle|hunt|list|scramble|fight))|"
             r"confirm(?:ed|s)? (?:the )?(?:signing|arrival|capture|acquisition|deal)|"
             r"announce(?:d|s)? (?:the )?(?:signing|arrival)|unveiled|"
             r"officially (?:a|an|completed|joined|signed)|done deal|brought in|bringing in|snapped up|"
             r"(?:have|has) added(?!\s+(?:\S+\s+){1,4}to (?:their|his|its|the) (?:list|shortlist|wishlist|radar|targets))|recruited|landed|secured the (?:signing|services)|beat \S+(?: \S+)? to the signing)\b"),
    ("agreed", r"\b(?:agreed (?:a |an |the )?(?:fee|deal|terms|personal terms|price|package|loan|agreement|"
               r"£|€|\$)|fee (?:has been |was |is )?agreed|deal (?:has been |was |is )?agreed|"
               r"personal terms|agreement (?:has been |was |is )?reached|reached (?:an )?agreement|verbal agreement|"
               r"accept(?:ed|s)? (?:a |an |the |their |his )?(?:\S+ )?(?:bid|offer|proposal)|here we go|"
               r"medical|set to (?:complete|finalise|sign for|join)|close to (?:completing|finalising)|"
               r"finalising|green light|given permission to (?:travel|undergo))\b"),
    ("bid", r"\b(?:bid|bids|offer|offers|offered|proposal)\b(?!\s+(?:him|a new|an improved contract|a contract))"),
    ("talks", r"\b(?:talks|negotiat\w*|discussions|opened (?:dialogue|contact)|approach(?:ed)?|enquir\w*|"
              r"inquir\w*|contact with|held meetings|meeting with|asked about|preparing (?:a|an) (?:bid|offer)|"
              r"(?:make|submit|table|launch) (?:a|an) (?:bid|offer)|on the verge|close to (?:signing|a deal|an agreement|"
              r"sealing|landing|securing|a move)|clos(?:e|es|ing) in on|edg(?:e|es|ing) closer)\b"),
)
#: Every cue in one pattern (one pass over a sentence), each stage a named group.
_CUES = re.compile("|".join(f"(?P<{stage}>{pattern})" for stage, pattern in _CUE_PATTERNS))
#: A bid that is only being readied is talk, not a bid.
_PLANNED_BID = re.compile(r"\b(?:preparing|ready|set|poised|plan(?:ning)?|consider(?:ing)?|weigh(?:ing)?|"
                          r"could|may|might|would|to)\s+(?:to\s+)?(?:make|submit|table|launch|lodge|prepare|an?|"
                          r"the)?\s*(?:\w+\s+)?(?:bid|offer)\b")
#: Words before a signing verb that make it a wish: "keen on bringing in", "want to land", "could snap up".
_WISHED = re.compile(r"\b(?:interested in|keen on|eyeing|considering|looking at|looking to|want(?:s|ed)? to|"
                     r"hop(?:e|es|ed|ing) to|plan(?:s|ned|ning)? to|eager to|desperate to|bid to|attempt to|"
                     r"try(?:ing)? to|could|would|may|might|set to|ready to|prepared to|poised to)\s+$")
_RANK = {stage: rank for rank, stage in enumerate(STAGES)}
#: Where a sentence splits into clauses whose cues belong to different clubs.
_CLAUSE_BREAK = re.compile(r"[;:()–—]|,\s|\s(?:but|after|while|whereas|although|though|before|as)\s", re.I)


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of one sentence, as (start, end) offsets."""
    spans: list[tuple[int, int]] = []
    at = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if match.start() > at:
            spans.append((at, match.start()))
        at = match.end()
    if at < end:
        spans.append((at, end))
    return spans


#: The words a cue can start with: the cue pattern is tried only where one stands (a set look-up per
#: word is far cheaper than trying every alternative at every position).
_TRIGGERS = frozenset("""
pulled pull pulls pulling walked walk walks collapsed fell fallen falls broke broken called ended ends abandoned
cooled signed agreed signs penned turned rejected snubbed withdrew withdraw unwilling refused refusing reluctant
balked baulked moved allowed let strengthened bolstered withdrawn completed complete completes sealed officially
joined unveiled done brought bringing snapped recruited landed secured beat agreement reached medical finalising
bid bids offer offers offered proposal talks discussions opened preparing submit launch unsuccessful stop tie tied
""".split()) | frozenset("""
on the verge|no longer|not for sale|will stay|here we go|off the table|move is off|left for|gone cold|lost out|
missed out|beaten to|ruled out|staying at|green light|given permission|held meetings|meeting with|contact with|
asked about|personal terms|verbal agreement|set to|close to|closing in|close in|closes in|edging closer|edges closer|
edge closer|make a|make an|table a|table an|end their|end his|
end its|has collapsed|have collapsed|had collapsed|has completed|have completed|has signed|have signed|has joined|
have joined|has added|have added|deal is off|deal agreed|deal has been agreed|deal was agreed|deal is agreed|
fee agreed|fee has been agreed|fee was agreed|fee is agreed|is off|was off|will not sell|won't sell|refuse to sell|
refused to sell
""".replace("\n", "").split("|")) - {""}
#: (Common words that open a cue are given with the words after them, so that "on", "has" or "deal"
#: alone, far more often no cue, cost nothing.)
_TRIGGER_STEMS = ("negotiat", "approach", "enquir", "inquir", "accept", "announce", "confirm", "withdr")


def _trigger_automaton() -> ahocorasick.Automaton:
    """The trigger words in one Aho-Corasick automaton: a single C-speed pass over a sentence finds them."""
    automaton = ahocorasick.Automaton()
    for word in _TRIGGERS:
        automaton.add_word(word, (len(word), True))
    for stem in _TRIGGER_STEMS:
        automaton.add_word(stem, (len(stem), False))
    automaton.make_automaton()
    return automaton


_TRIGGER_AUTOMATON = _trigger_automaton()


def marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Every stage cue in a stretch of text: (offset, stage), in text order."""
    lowered = text[start:end].lower()
    found: list[tuple[int, str]] = []
    covered = 0
    size = len(lowered)
    starts = sorted({last - length + 1 for last, (length, whole) in _TRIGGER_AUTOMATON.iter(lowered)
                     if not (last + 1 < size and whole and lowered[last + 1].isalpha())})  # in text order
    for at in starts:
        if at < covered or (at and lowered[at - 1].isalnum()):
            continue
        match = _CUES.match(lowered, at)
        if match is None:
            continue
        covered = match.end()
        stage = match.lastgroup or "interest"
        if stage == "bid" and _PLANNED_BID.search(lowered, max(0, match.start() - 40), match.end()):
            stage = "talks"  # a bid being readied is talk, not yet a bid
        elif stage == "done" and _WISHED.search(lowered, max(0, match.start() - 30), match.start()):
            continue  # "interested in bringing in X", "hope to land him": a wish, not a signing
        found.append((start + match.start(), stage))
    return found


@functools.lru_cache(maxsize=4)
def text_marks(text: str) -> tuple[tuple[int, str], ...]:
    """`marks` over a whole text, kept for the last few texts: the rules and the move model read the
    same article's cues, and this way it is scanned once (a tuple, as it is shared)."""
    return tuple(marks(text, 0, len(text)))


def furthest(stages: set[str] | frozenset[str]) -> str:
    """The stage a set of cues adds up to: done beats off, off beats the rest; else the furthest."""
    if "done" in stages:
        return "done"
    if "off" in stages:
        return "off"
    return max(stages, key=_RANK.__getitem__, default="interest")
