"""Tags from the words of an article: positions, kinds of deal, window, competitions."""

from __future__ import annotations

import datetime as dt

import ahocorasick

# (tag, phrases): the tag applies when any phrase stands in the text as whole words.
# Phrases are lower case, except competition names, which must keep their capitals
# ("Premier League", not "premier league").
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("goalkeeper", ("goalkeeper", "goalie", "shot-stopper", "keeper")),
    ("centre-back", ("centre-back", "centre-half", "center-back", "central defender")),
    ("full-back", ("full-back", "wing-back")),
    ("left-back", ("left-back",)),
    ("right-back", ("right-back",)),
    ("defensive-midfielder", ("defensive midfielder", "holding midfielder", "midfield anchor")),
    ("attacking-midfielder", ("attacking midfielder", "playmaker", "number 10")),
    ("midfielder", ("midfielder",)),
    ("winger", ("winger",)),
    ("striker", ("striker", "centre-forward", "frontman", "hitman")),
    ("forward", ("forward",)),
    ("loan", ("on loan", "loan move", "loan deal", "loan spell", "loan switch", "season-long loan",
              "loan with an option", "loan with an obligation", "loan with a view")),
    ("free-transfer", ("free transfer", "on a free", "out of contract", "bosman")),
    ("release-clause", ("release clause", "buy-out clause", "buyout clause", "release fee")),
    ("contract-extension", ("contract extension", "new contract", "new deal", "new long-term contract",
                            "new long-term deal", "extend his contract", "extended his contract",
                            "extend his deal", "extended his deal", "extend his stay", "extended his stay")),
    ("swap-deal", ("swap deal", "player-plus-cash", "part-exchange", "swap")),
    ("medical", ("medical",)),
    ("bid-rejected", ("bid rejected", "offer rejected", "rejected a bid", "rejected an offer", "rejected the bid",
                      "rejected their bid", "turned down a bid", "turned down an offer", "knocked back a bid",
                      "rebuffed a bid", "rejected two bids", "rejected an opening bid", "rejected an opening offer")),
    ("agreed", ("agreed a fee", "agreed fee", "agreed a deal", "agreed terms", "agreement in principle",
                "deal agreed", "deal has been agreed", "deal is agreed", "agreed personal terms")),
    ("champions-league", ("Champions League",)),
    ("europa-league", ("Europa League",)),
    ("premier-league", ("Premier League",)),
    ("la-liga", ("La Liga",)),
    ("serie-a", ("Serie A",)),
    ("bundesliga", ("Bundesliga",)),
    ("ligue-1", ("Ligue 1",)),
)
# Characters that may stand beside a phrase: it must be whole words, so "keeper" in
# "goalkeeper" or "loan" in "loaned" does not count (a plural does); hyphens and apostrophes belong to words.
_EDGES = frozenset(' \t\n.,;:!?()[]"/')


def _automaton() -> ahocorasick.Automaton:
    """One Aho-Corasick automaton over the lower-case phrases: a single C-speed pass finds them all."""
    automaton = ahocorasick.Automaton()
    for rule, (_tag, phrases) in enumerate(_RULES):
        for phrase in phrases:
            if not phrase[0].isupper():
                automaton.add_word(phrase, (rule, len(phrase)))
    automaton.make_automaton()
    return automaton


_LOWER_CASE = _automaton()
# Competition names are checked as written.
_AS_WRITTEN = [(rule, phrase) for rule, (_tag, phrases) in enumerate(_RULES) for phrase in phrases
               if phrase[0].isupper()]


def infer_tags(text: str, date: dt.date | None) -> tuple[str, ...]:
    """Tags in a fixed order: window first, then the rules' order. A phrase counts only as whole words."""
    lowered = text.lower()
    found = {rule for rule, phrase in _AS_WRITTEN if phrase in text}
    for end, (rule, length) in _LOWER_CASE.iter(lowered):
        if rule not in found and (end < length or lowered[end - length] in _EDGES) and _word_ends(lowered, end + 1):
            found.add(rule)
    window = window_tag(date) if date else None
    return tuple(([window] if window else []) + [_RULES[rule][0] for rule in sorted(found)])


def _word_ends(text: str, after: int) -> bool:
    """Whether a word ends just before `after`, maybe in a plural "s" ("holding midfielders")."""
    if after < len(text) and text[after] == "s":
        after += 1
    return after >= len(text) or text[after] in _EDGES


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
