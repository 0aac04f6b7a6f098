"""The records that flow through the pipeline: frozen values, no I/O.

load → `SourceText`; infer → `Article`; index → `SiteIndex` (see index.py);
pages → `Page`; build → `BuildReport`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal, Mapping, TypeVar

BodyFormat = Literal["text", "markdown"]
_Record = TypeVar("_Record")


def _quick_pickling(cls: type[_Record]) -> type[_Record]:
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


@dataclass(frozen=True, slots=True)
class SourceText:
    """One input file as read from disk, before anything is inferred.

    `front_matter` holds exactly what an editor wrote (empty for raw `.txt`
    articles); it wins over inference field by field.
    """

    path: Path
    date: dt.date | None
    body: str
    body_format: BodyFormat
    front_matter: Mapping[str, Any] = field(default_factory=dict)
    #: the line each front-matter key is set on, for messages
    key_lines: Mapping[str, int] = field(default_factory=dict)


@_quick_pickling
@dataclass(frozen=True, slots=True)
class Fee:
    """A transfer fee: `text` as written, plus a normalised amount."""

    text: str
    currency: str | None = None  # ISO code: GBP, EUR, USD
    millions: float | None = None


@_quick_pickling
@dataclass(frozen=True, slots=True)
class Move:
    """A rumoured transfer of `player` from one club to another."""

    player: str
    from_club: str | None
    to_club: str | None
    fee: Fee | None = None


@_quick_pickling
@dataclass(frozen=True, slots=True)
class Extraction:
    """What the text of an article says, as inferred by extract.py."""

    title: str
    players: tuple[str, ...] = ()
    clubs: tuple[str, ...] = ()
    moves: tuple[Move, ...] = ()
    fees: tuple[Fee, ...] = ()
    source: str | None = None
    tags: tuple[str, ...] = ()


@_quick_pickling
@dataclass(frozen=True, slots=True, kw_only=True)
class Article(Extraction):
    """The front-matter record of one article: the inferred fields (front matter
    winning), plus where it came from, its date, URL slug and body."""

    path: Path
    slug: str
    date: dt.date
    body: str
    body_format: BodyFormat
    #: whether an editor chose the slug (front matter), so a clash is reported rather than resolved
    explicit_slug: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML file to write: where, with which template, from what values.

    `inputs` is a small, comparable and picklable account of everything the values
    are made from (keys of the articles shown, names, page number): equal inputs
    through the same template make the same file, so the build compares inputs
    and calls `make()` for the values only of pages that must be rendered again.
    """

    path: str  # relative output path, e.g. "players/virgil-van-dijk/index.html"
    template: str
    inputs: Any
    make: Callable[[], Mapping[str, Any]]

    @property
    def context(self) -> Mapping[str, Any]:
        """The values the template shows (made afresh on each call)."""
        return self.make()


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the summary line and for tests."""

    articles: int
    pages: int
    seconds: float
    warnings: tuple[str, ...] = ()
    #: pages rendered afresh; the rest were unchanged and kept from the last build
    rendered: int = 0
    #: seconds per stage (load, extract, index, render, write), summed over worker processes
    stages: Mapping[str, float] = field(default_factory=dict)
