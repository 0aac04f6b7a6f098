"""How people's names are written on the site, whatever spelling an article used."""

from __future__ import annotations

import functools
from collections import Counter
from typing import Iterable

# Dutch and German particles are written lower case after a given name
# ("Virgil van Dijk", "Marc-André ter Stegen"). Romance and Belgian ones keep
# the capital their bearers use ("Kevin De Bruyne", "Daniele De Rossi").
_LOWER_AFTER_GIVEN_NAME = {"van", "von", "der", "den", "ter", "ten", "het", "vom", "zu"}

@functools.lru_cache(maxsize=65536)
def tidy_name(name: str) -> str:
    """One spelling of a person's name as the site shows it.

    Straight apostrophes, single spaces, and lower-case Dutch/German
    particles after the first word.
    """
    words = name.replace("\u2019", "'").replace("\u2018", "'").split()
    for index in range(1, len(words) - 1):
        if words[index].lower() in _LOWER_AFTER_GIVEN_NAME:
            words[index] = words[index].lower()
    return " ".join(words)


def preferred_spelling(spellings: Iterable[str]) -> str:
    """The tidied spelling used most often; ties go to the alphabetically first.

    Deterministic, so a page title never flips between builds.
    """
    counts = Counter(tidy_name(spelling) for spelling in spellings)
    if not counts:
        raise ValueError("no spelling given")
    return min(counts, key=lambda spelling: (-counts[spelling], spelling))
