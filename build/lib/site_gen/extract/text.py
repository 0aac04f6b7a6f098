"""Sentences, plain typography and the words before a position: what the extractor reads."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)]*(?:[ \t]*\n\s*|\s+(?=[\"'“‘(]?[A-Z0-9£€$]))|(?<=\n)\s*)")
# (a sentence end before a line break, a sentence end before a capital, or a bare line break;
# the pattern opens with one character class, which the regex engine scans for at C speed)
# A full stop after these does not end a sentence ("St. Mary's", "Mr. Smith").
_ABBREVIATIONS = {"st", "mr", "mrs", "ms", "dr", "jr", "sr", "no", "vs", "v", "fc", "co", "ltd", "prof"}
_TYPOGRAPHY = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
               "\u2013": "-", "\u2014": " - ", "\u00a0": " ", "\u2026": "..."}


def plain_typography(text: str) -> str:
    """Straight quotes and hyphens, so patterns need one spelling only.

    The result has the same length as the input except for em dashes and
    ellipses, which the extractor never points back into.
    """
    if text.isascii():
        return text
    for fancy, plain in _TYPOGRAPHY.items():  # a few C-speed scans beat one str.translate
        if fancy in text:
            text = text.replace(fancy, plain)
    return text


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break always ends one.

    One scan for candidate ends; a full stop after an abbreviation or an
    initial ("St. Mary's", "J. Smith") does not count.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        at = boundary.start()
        if "\n" in boundary.group():  # a line break ends a sentence whatever precedes it
            end = at if text[at] == "\n" else at + 1
        else:
            tail = text[max(start, at - 6):at].rsplit(None, 1)
            last_word = tail[-1].lower().strip(".") if tail else ""
            if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                continue
            end = at + 1
        if end > start and not text[start:end].isspace():
            spans.append((start, end))
        start = boundary.end()
    if start < len(text) and not text[start:].isspace():
        spans.append((start, len(text)))
    return spans


_PUNCTUATION = ".,;:!?()[]\"“”‘’'-"


def words_before(text: str, position: int, count: int = 4, window: int = 48) -> list[str]:
    """The last few lower-case words before `position`, punctuation dropped ("ex-" is "ex")."""
    return [word.strip(_PUNCTUATION) for word in text[max(0, position - window):position].lower().split()[-count:]]


def endings(words: list[str]) -> set[str]:
    """The last one to four words, joined: ["a", "move", "to"] → {"to", "move to", "a move to"}.

    A set of cue phrases matches when it is not disjoint from this, one C-level check per set.
    """
    count = len(words)
    if count == 0:
        return set()
    last = words[-1]
    if count == 1:
        return {last}
    two = f"{words[-2]} {last}"
    if count == 2:
        return {last, two}
    three = f"{words[-3]} {two}"
    return {last, two, three} if count == 3 else {last, two, three, f"{words[-4]} {three}"}
