"""Tags from the words of an article: positions, kinds of deal, window, competitions."""

from __future__ import annotations

import datetime as dt
import re

from site_gen.gazetteer import Gazetteer

_RULES: tuple[tuple[str, str], ...] = (
    ("goalkeeper", r"goalkeeper|goalie|shot-stopper|keeper"),
    ("centre-back", r"centre-back|centre-half|center-back|central defender"),
    ("full-back", r"full-back|wing-back"),
    ("left-back", r"left-back"),
    ("right-back", r"right-back"),
    ("defensive-midfielder", r"defensive midfielder|holding midfielder|midfield anchor"),
    ("attacking-midfielder", r"attacking midfielder|playmaker|number 10"),
    ("midfielder", r"midfielder"),
    ("winger", r"winger"),
    ("striker", r"striker|centre-forward|frontman|hitman"),
    ("forward", r"forward"),
    ("loan", r"on loan|loan (?:move|deal|spell|switch)|season-long loan|loan with an? (?:option|obligation)"),
    ("free-transfer", r"free transfer|on a free|out of contract|bosman"),
    ("release-clause", r"release clause|buy-out clause|buyout clause|release fee"),
    ("contract-extension", r"contract extension|new (?:long-term )?(?:contract|deal)|extend(?:ed)? his (?:contract|deal|stay)"),
    ("swap-deal", r"swap deal|player-plus-cash|part-exchange|swap"),
    ("medical", r"medical"),
    ("bid-rejected", r"(?:rejected|turned down|knocked back|rebuffed) (?:a|an|the|their|two|three)?\s?(?:[\w£€$.-]+\s)?(?:bid|offer)"),
    ("agreed", r"agreed (?:a )?(?:fee|deal|terms)|agreement in principle|deal (?:has been |is )?agreed"),
    ("champions-league", r"Champions League"),
    ("europa-league", r"Europa League"),
    ("premier-league", r"Premier League"),
    ("la-liga", r"La Liga"),
    ("serie-a", r"Serie A"),
    ("bundesliga", r"Bundesliga"),
    ("ligue-1", r"Ligue 1"),
)
# Competition names are matched with their capitals ("Premier League", not "premier league").
_PATTERNS = tuple((tag, re.compile(rf"\b(?:{pattern})\b", 0 if pattern[0].isupper() else re.I))
                  for tag, pattern in _RULES)


def infer_tags(text: str, date: dt.date | None, gazetteer: Gazetteer | None = None) -> tuple[str, ...]:
    """Tags in a fixed order: window first, then the rules' order."""
    tags = [window_tag(date)] if date and window_tag(date) else []
    tags += [tag for tag, pattern in _PATTERNS if pattern.search(text)]
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
