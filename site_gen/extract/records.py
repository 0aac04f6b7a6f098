"""What the extractor reads out of an article: frozen values, picklable fast, no I/O."""

from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass
from typing import Any, TypeVar

_Record = TypeVar("_Record")


def quick_pickling(cls: type[_Record]) -> type[_Record]:
    """Pickle a frozen slotted dataclass as a plain tuple of its fields.

    The generated `__getstate__` looks up the fields on every call, which made
    saving the cache of a 10,000-article archive take most of a second.
    """
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    values = operator.attrgetter(*names)

    def __getstate__(self: _Record) -> tuple[Any, ...]:
        return values(self)

    def __setstate__(self: _Record, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)

    setattr(cls, "__getstate__", __getstate__)
    setattr(cls, "__setstate__", __setstate__)
    return cls


@quick_pickling
@dataclass(frozen=True, slots=True)
class Fee:
    """A transfer fee: `text` as written, plus a normalised amount."""

    text: str
    currency: str | None = None  # ISO code: GBP, EUR, USD
    millions: float | None = None


#: How far a rumoured move has got, in order; `off` (called off) ends it at any point.
STAGES = ("interest", "talks", "bid", "agreed", "done", "off")


@quick_pickling
@dataclass(frozen=True, slots=True)
class Move:
    """A rumoured transfer of `player` from one club to another, and how far it has got."""

    player: str
    from_club: str | None
    to_club: str | None
    fee: Fee | None = None
    #: one of `STAGES`: the furthest the article reports
    stage: str = "interest"
    #: how likely the move is as read (0 to 1, calibrated on real articles); 1.0 when an editor set it
    confidence: float = 1.0
    #: the sentence the move was read from ("" when an editor set it)
    evidence: str = ""
    #: an editor confirmed it (or added it): published whatever its confidence
    checked: bool = False


@quick_pickling
@dataclass(frozen=True, slots=True)
class Affiliation:
    """A player said to be at a club ("Southampton's Van Dijk", "the Lazio defender Hoedt")."""

    player: str
    club: str


@quick_pickling
@dataclass(frozen=True, slots=True)
class Extraction:
    """What the text of an article says, as inferred by `extract()`."""

    title: str
    players: tuple[str, ...] = ()
    clubs: tuple[str, ...] = ()
    #: the moves the site publishes: confidence at or above the publishing threshold, or set by an editor
    moves: tuple[Move, ...] = ()
    #: moves read with too little confidence to publish: shown only in `site-gen review`
    held_moves: tuple[Move, ...] = ()
    fees: tuple[Fee, ...] = ()
    source: str | None = None
    tags: tuple[str, ...] = ()
    #: people named in a job other than playing (managers, pundits, reporters, owners)
    staff: tuple[str, ...] = ()
    #: the club each player is said to be at, where the article says it
    affiliations: tuple[Affiliation, ...] = ()
