"""Tags from the words of an article: positions, kinds of deal, window, competitions."""

from __future__ import annotations

import datetime as dt
import re

from site_gen.gazetteer import Gazetteer

# (tag, words one of which must appear, lower case, pattern confirming it)
_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("goalkeeper", ("keeper", "goalie", "stopper"), r"goalkeeper|goalie|shot-stopper|keeper"),
    ("centre-back", ("centre-", "center-", "central"), r"centre-back|centre-half|center-back|central defender"),
    ("full-back", ("full-back", "wing-back"), r"full-back|wing-back"),
    ("left-back", ("left-back",), r"left-back"),
    ("right-back", ("right-back",), r"right-back"),
    ("defensive-midfielder", ("midfield",), r"defensive midfielder|holding midfielder|midfield anchor"),
    ("attacking-midfielder", ("attacking", "playmaker", "number 10"), r"attacking midfielder|playmaker|number 10"),
    ("midfielder", ("midfielder",), r"midfielder"),
    ("winger", ("winger",), r"winger"),
    ("striker", ("striker", "forward", "frontman", "hitman"), r"striker|centre-forward|frontman|hitman"),
    ("forward", ("forward",), r"forward"),
    ("loan", ("loan",), r"on loan|loan (?:move|deal|spell|switch)|season-long loan|loan with an? (?:option|obligation)"),
    ("free-transfer", ("free", "out of contract", "bosman"), r"free transfer|on a free|out of contract|bosman"),
    ("release-clause", ("clause", "release fee"), r"release clause|buy-out clause|buyout clause|release fee"),
    ("contract-extension", ("contract", "deal", "extend"),
     r"contract extension|new (?:long-term )?(?:contract|deal)|extend(?:ed)? his (?:contract|deal|stay)"),
    ("swap-deal", ("swap", "player-plus-cash", "part-exchange"), r"swap deal|player-plus-cash|part-exchange|swap"),
    ("medical", ("medical",), r"medical"),
    ("bid-rejected", ("bid", "offer"),
     r"(?:rejected|turned down|knocked back|rebuffed) (?:a|an|the|their|two|three)?\s?(?:[\w£€$.-]+\s)?(?:bid|offer)"),
    ("agreed", ("agree",), r"agreed (?:a )?(?:fee|deal|terms)|agreement in principle|deal (?:has been |is )?agreed"),
    ("champions-league", ("champions league",), r"Champions League"),
    ("europa-league", ("europa league",), r"Europa League"),
    ("premier-league", ("premier league",), r"Premier League"),
    ("la-liga", ("la liga",), r"La Liga"),
    ("serie-a", ("serie a",), r"Serie A"),
    ("bundesliga", ("bundesliga",), r"Bundesliga"),
    ("ligue-1", ("ligue 1",), r"Ligue 1"),
)
# A plain substring search rules most tags out cheaply; the pattern then checks
# word boundaries. Competition names only count with their capitals.
_CHECKS = tuple((tag, words, pattern[0].isupper(),
                 re.compile(rf"\b(?:{pattern if pattern[0].isupper() else pattern.lower()})\b"))
                for tag, words, pattern in _RULES)


def infer_tags(text: str, date: dt.date | None, gazetteer: Gazetteer | None = None) -> tuple[str, ...]:
    """Tags in a fixed order: window first, then the rules' order."""
    tags = [window_tag(date)] if date and window_tag(date) else []
    lowered = text.lower()
    tags += [tag for tag, words, capitals, pattern in _CHECKS
             if any(word in lowered for word in words) and pattern.search(text if capitals else lowered)]
    return tuple(dict.fromkeys(tags))


def window_tag(date: dt.date) -> str | None:
    """The transfer window an article's date falls in or just before.

    June to September feed the summer window; December to February the
    January window of the year it opens in.
    """
    if 6 <= date.month <= 9:
        return f"summer-{date.year}"
    if date.month == 12:
        return f"january-{date.year + 1}"
    if date.month <= 2:
        return f"january-{date.year}"
    return None
