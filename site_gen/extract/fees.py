"""Transfer fees in prose: "£60m", "€45million", "$20 million", "£500,000".

Wages ("£100,000-a-week") are money but not fees, and are left out; so are a club's spending,
debts and windfalls, pay-offs and pay cuts, sums for two deals at once, gaps between two sums and
the price of a car ("summer spending of well over £100m", "a combined £11m", "£10m shy of").
"""

from __future__ import annotations

import re

from site_gen.extract.records import Fee

_CURRENCIES = {"£": "GBP", "€": "EUR", "$": "USD"}
_WORD_CURRENCIES = {"pounds": "GBP", "euros": "EUR", "dollars": "USD"}
_UNITS = {"m": 1.0, "mn": 1.0, "million": 1.0, "bn": 1000.0, "billion": 1000.0, "k": 0.001}

_SYMBOL_FEE = (r"(?P<symbol>[£€$])\s?(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
               r"(?:\s?(?P<unit>million|billion|mn|bn|m|k)\b|(?P<unit2>m|k)(?=-))?")
_WORD_FEE = r"(?P<wnumber>\d+(?:\.\d+)?)\s?(?P<wunit>million|m)\s(?P<word>pounds|euros|dollars)\b"
_FEE = re.compile(f"{_SYMBOL_FEE}|{_WORD_FEE}")
# Most texts write fees with a symbol; the slower pattern with currency words runs
# only where such a word appears.
_SYMBOL_ONLY = re.compile(_SYMBOL_FEE)
_CURRENCY_WORDS = ("pounds", "euros", "dollars")
# Money with one of these just after it is pay, not a transfer fee ...
_PER_PERIOD = ("a week", "a-week", "per week", "a year", "a-year", "per year", "a month", "per month", "per annum",
               "p/w", " pw", "weekly", "yearly", "annual")
_PAY_WORDS = ("wage", "salary", "pay packet", "pay rise")
# ... and so is money just after one of these words.
_WAGE_WORDS_BEFORE = frozenset({"wage", "wages", "salary", "earning", "earns", "earn"})
_FILLERS = frozenset({"of", "around", "about", "some", "roughly", "reported"})
#: Words right after money that make it no fee: "£500,000 of debt", "a £3m pay-off", "£150m on new signings".
_NOT_A_FEE_AFTER = re.compile(
    r"\s*(?:\(\S+\)\s*)?(?:of debts?|in debts?|debts?\b|pay cut|pay-?off|windfall|watch\b|car\b|house\b|"
    r"(?:on|in) (?:new |summer |january )?(?:signings|players|reinforc|revamp|strengthen|transfers\b|fees\b)|"
    r"revamping|reinforcing|strengthening|in savings|shy of|less than|more than|(?:he|she) earned)", re.I)
#: Words right before it that do: "summer spending of well over £100m", "a combined £11m", "savings of £180m".
_NOT_A_FEE_BEFORE = re.compile(
    r"(?:spending|net spend|combined|savings|debts?|outlay|budget|earned|earns|earning)\s+"
    r"(?:(?:of|to|at|is|was|has|have|now|gone|risen|rose|reached|stands)\s+){0,3}"
    r"(?:(?:well|just|comfortably)\s+)?(?:over|around|about|north of|more than|some|nearly|almost|up to)?\s*$", re.I)


def _is_wage(text: str, start: int, end: int) -> bool:
    """Whether the money at text[start:end] is pay: "£100,000-a-week", "wages of £80,000"."""
    after = text[end:end + 24].lower()
    head = after[:14]
    if any(mark in head for mark in _PER_PERIOD) or any(word in after for word in _PAY_WORDS):
        return True
    words = text[max(0, start - 30):start].lower().split()
    while words and words[-1] in _FILLERS:
        words.pop()
    return bool(words) and words[-1] in _WAGE_WORDS_BEFORE


def find_fees(text: str) -> list[tuple[int, Fee]]:
    """Every fee in `text` with its character offset, in order, wages left out."""
    if any(word in text for word in _CURRENCY_WORDS):
        matches = list(_FEE.finditer(text))
    else:  # most texts write fees with a symbol: str.find finds those far faster than a regex scan
        found = (_SYMBOL_ONLY.match(text, at) for at in _symbol_positions(text))
        matches = [match for match in found if match]
    return [(match.start(), _to_fee(match)) for match in matches if not _is_wage(text, match.start(), match.end())
            and not _NOT_A_FEE_AFTER.match(text, match.end(), match.end() + 40)
            and not _NOT_A_FEE_BEFORE.search(text, max(0, match.start() - 40), match.start())]


def _symbol_positions(text: str) -> list[int]:
    """Where each currency symbol stands, in text order."""
    positions: list[int] = []
    for symbol in _CURRENCIES:
        at = text.find(symbol)
        while at >= 0:
            positions.append(at)
            at = text.find(symbol, at + 1)
    return sorted(positions)


def _to_fee(match: re.Match[str]) -> Fee:
    if match.group("symbol"):
        currency = _CURRENCIES[match.group("symbol")]
        number = match.group("number")
        unit = (match.group("unit") or match.group("unit2") or "").lower()
    else:
        currency = _WORD_CURRENCIES[match.group("word").lower()]
        number = match.group("wnumber")
        unit = match.group("wunit").lower()
    value = float(number.replace(",", ""))
    millions = value * _UNITS[unit] if unit else value / 1_000_000
    return Fee(text=match.group(0).strip(), currency=currency, millions=round(millions, 3))


def parse_fee(text: str) -> Fee:
    """A fee an editor wrote in front matter: normalised where it reads as money."""
    match = _FEE.search(text)
    if match and match.group(0).strip() == text.strip():
        return _to_fee(match)
    return Fee(text=text.strip())
