"""How far a rumoured move has got: interest, talks, bid, agreed, done or off.

Read from the words of the clause that names the move's club, else from the sentences about
the player. The furthest stage wins, except that a move called off is `off` unless it was
also completed; a move with no cue at all is `interest` (it is, after all, a rumour).
"""

from __future__ import annotations

import re

from site_gen.extract.records import STAGES

_NOT_A_TRANSFER = r"(?!\s+(?:a\s+)?(?:new|fresh|improved|longer|contract|extension|pre-contract))"

#: Cue patterns, furthest stage first. Each is matched case-blind within one clause.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((stage, re.compile(pattern, re.I)) for stage, pattern in (
    ("off", r"\b(?:pulled out|pull out|pulls out|pulling out|walked away|walk away|walks away|"
            r"(?:has|have|had) collapsed|collapsed|fell through|fallen through|falls through|broke down|broken down|"
            r"called off|(?:ended|end|ends|abandoned|cooled) (?:their|his|its) (?:interest|pursuit)|"
            r"no longer (?:interested|pursuing|in the race)|deal is off|move is off|off the table|"
            r"signed (?:a )?(?:new|fresh|improved|longer) (?:contract|deal)|(?:agreed|signs|signed|penned) an? extension|"
            r"turned down (?:a|the) move|rejected (?:a|the) move|snubbed|withdr[ae]w|withdrawn|"
            r"ruled out (?:a|any) (?:move|sale|exit)|not for sale|staying at|will stay)\b"),
    ("done", r"\b(?:completed? (?:his|her|the|a) (?:move|transfer|switch|loan|signing)|"
             r"(?:has|have) completed|completes|sealed (?:his|a|the) (?:move|switch|transfer)|"
             r"(?:has|have|officially) (?:signed|joined)" + _NOT_A_TRANSFER + r"|signs for|signed for|"
             r"joined(?!\s+(?:\w+\s+){0,3}(?:race|queue|chase|battle|hunt|list|scramble|fight))|"
             r"confirm(?:ed|s)? (?:the )?(?:signing|arrival|capture|acquisition|deal)|"
             r"announce(?:d|s)? (?:the )?(?:signing|arrival)|unveiled|is now (?:a|an) \w+ player|"
             r"officially (?:a|an|completed|joined|signed)|done deal|brought in|bringing in|snapped up|"
             r"(?:have|has) added|recruited|landed|secured the (?:signing|services)|beat \S+(?: \S+)? to the signing)\b"),
    ("agreed", r"\b(?:agreed (?:a |an |the )?(?:fee|deal|terms|personal terms|price|package|loan|agreement|"
               r"£|€|\$)|fee (?:has been |was |is )?agreed|deal (?:has been |was |is )?agreed|"
               r"personal terms|agreement (?:has been |was |is )?reached|reached (?:an )?agreement|verbal agreement|"
               r"accept(?:ed|s)? (?:a |an |the |their |his )?(?:\S+ )?(?:bid|offer|proposal)|here we go|"
               r"medical|on the verge|set to (?:complete|finalise|sign for|join)|close to (?:completing|finalising)|"
               r"finalising|green light|given permission to (?:travel|undergo))\b"),
    ("bid", r"\b(?:bid|bids|offer|offers|offered|proposal)\b(?!\s+(?:him|a new|an improved contract|a contract))"),
    ("talks", r"\b(?:talks|negotiat\w*|discussions|opened (?:dialogue|contact)|approach(?:ed)?|enquir\w*|"
              r"inquir\w*|contact with|held meetings|meeting with|asked about|preparing (?:a|an) (?:bid|offer)|"
              r"(?:to|will) (?:make|submit|table|launch) (?:a|an) (?:bid|offer))\b"),
))
#: A bid that is only being readied is talk, not a bid.
_PLANNED_BID = re.compile(r"\b(?:preparing|ready|set|poised|plan(?:ning)?|consider(?:ing)?|weigh(?:ing)?|"
                          r"could|may|might|would|to)\s+(?:to\s+)?(?:make|submit|table|launch|lodge|prepare|an?|"
                          r"the)?\s*(?:\w+\s+)?(?:bid|offer)\b", re.I)
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


def cues(text: str, start: int, end: int) -> frozenset[str]:
    """The stages a stretch of text speaks of."""
    found: set[str] = set()
    for stage, pattern in _CUES:
        match = pattern.search(text, start, end)
        if match is None:
            continue
        if stage == "bid" and _PLANNED_BID.search(text, max(start, match.start() - 40), match.end()):
            found.add("talks")
            continue
        found.add(stage)
    return frozenset(found)


def furthest(stages: set[str] | frozenset[str]) -> str:
    """The stage a set of cues adds up to: done beats off, off beats the rest; else the furthest."""
    if "done" in stages:
        return "done"
    if "off" in stages:
        return "off"
    return max(stages, key=_RANK.__getitem__, default="interest")
