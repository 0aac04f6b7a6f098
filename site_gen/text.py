"""Sentences, plain typography and the words before a position: what the extractor reads."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9£€$])")
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
    """(start, end) of each sentence; paragraph breaks always end one."""
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        for end_match in _SENTENCE_END.finditer(text, paragraph.start(), paragraph.end()):
            before = text[start:end_match.start()].rsplit(None, 1)
            last_word = before[-1].lower().strip(".") if before else ""
            if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                continue
            spans.append((start, end_match.start() + 1))
            start = end_match.end()
        if start < paragraph.end():
            spans.append((start, paragraph.end()))
    return spans


_PUNCTUATION = ".,;:!?()[]\"“”‘’'-"


def words_before(text: str, position: int, count: int = 4, window: int = 48) -> list[str]:
    """The last few lower-case words before `position`, punctuation dropped ("ex-" is "ex")."""
    return [word.strip(_PUNCTUATION) for word in text[max(0, position - window):position].lower().split()[-count:]]


def ends_with(words: list[str], phrases: frozenset[str]) -> bool:
    """Whether the words end with one of `phrases` (each of one to four words)."""
    count = len(words)
    if not count:
        return False
    last = words[-1]
    if last in phrases:
        return True
    if count > 1:
        last = f"{words[-2]} {last}"
        if last in phrases:
            return True
        if count > 2:
            last = f"{words[-3]} {last}"
            if last in phrases:
                return True
            return count > 3 and f"{words[-4]} {last}" in phrases
    return False
