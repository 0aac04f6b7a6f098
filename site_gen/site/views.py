"""What templates are given: the declared shape of every page family's values.

Templates read these by key (`card.title`, `move["from"]`); declaring them here lets the type
checker hold the page makers to what the templates use, and tells a theme author what exists.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, TypedDict

from markupsafe import Markup


class Link(NamedTuple):
    """Something a page links to: its name and finished URL (a tuple, so pages digest fast)."""

    name: str
    url: str


class Head(TypedDict):
    """What every page's `<head>` needs."""

    title: str
    #: the page's full URL; None where the base URL names no host (a canonical link must be absolute)
    canonical: str | None
    description: str
    feed: str | None
    og_type: str


class Pager(TypedDict):
    """Where one page of a list is: its number, how many there are, and its neighbours' URLs."""

    number: int
    total: int
    previous: str | None
    next: str | None


TransferView = TypedDict("TransferView", {
    "from": Link | None, "to": Link | None, "date": dt.date, "fee": str | None, "kind": str})

MoveView = TypedDict("MoveView", {
    "player": Link, "from": Link | None, "to": Link | None, "fee": str | None,
    #: how far the article says it got: interest, talks, bid, agreed, done or off
    "stage": str,
    #: "came true", "did not happen", "open", or None where nothing decides it
    "status": str | None,
    #: the completed transfer that made it come true
    "proof": TransferView | None,
    #: how sure the build is of the move as read (0 to 1, calibrated); 1.0 when an editor set it
    "confidence": float,
    #: the sentence it was read from ("" when an editor set it)
    "evidence": str,
    #: an editor confirmed or added it
    "checked": bool})


class Card(TypedDict):
    """What every list shows of an article (the article page shows it too)."""

    title: str
    url: str
    date: dt.date
    players: list[Link]
    clubs: list[Link]
    moves: list[MoveView]
    fee: str | None
    source: str | None
    tags: list[Link]


class FocusedCard(Card):
    """A card on a player's or a club's page, with the moves that are the player's or the club's."""

    own_moves: list[MoveView]


class TimelineWindow(TypedDict):
    """One transfer window of a player's timeline."""

    slug: str
    window: Link
    items: list[FocusedCard]


class ArticleValues(TypedDict):
    article: Card
    body: str
    month: Link
    #: a player without a page, by name → his rumour before this one (his name links there)
    elsewhere: dict[str, str]


class VerdictView(TypedDict):
    """Where a player went after he was first rumoured, and how near the rumoured fees were."""

    transfers: list[TransferView | None]
    fee_error: float | None
    fee_error_share: float | None


class StoryLink(TypedDict):
    """A club a player was linked with in one window: how far it got and what happened."""

    club: Link
    stage: str
    status: str | None
    #: for a move that came true: the first outlet to report it, and how many days before it was done
    first_source: str | None
    days_before: int | None
    done: dt.date | None


class StoryWindow(TypedDict):
    slug: str
    window: Link
    links: list[StoryLink]


class PlayerValues(TypedDict):
    name: str
    #: his page's first page, where the summary, the story and the chart are
    url: str
    linked_clubs: list[tuple[Link | None, int]]
    first: dt.date
    latest: dt.date
    count: int
    fee_range: tuple[str, str] | None
    #: inline SVG, or None with fewer than two fees to draw
    chart: Markup | None
    verdict: VerdictView | None
    story: list[StoryWindow]


class ClubValues(TypedDict):
    name: str
    #: "in" and "out" → (player, rumours, latest date), newest links first
    linked: dict[str, list[tuple[Link, int, dt.date]]]
    #: how many more in each direction than are shown
    more: dict[str, int]
    #: rumours that name the club, and those of them that move a player to or from it
    count: int
    moved: int
    partners: list[tuple[Link | None, int]]


class WindowValues(TypedDict):
    name: str
    count: int
    top_players: list[tuple[Link, int]]
    top_clubs: list[tuple[Link, int]]
    #: its months, oldest first, with how many rumours each
    months: list[tuple[Link, int]]
    #: the moves done in it: (player, club joined, date), newest first
    came_true: list[tuple[Link, Link | None, dt.date]]


class SourceEntry(TypedDict):
    """An outlet as the Sources pages show it."""

    name: str
    url: str
    rumours: int
    came_true: int
    did_not: int
    #: rumours nobody reported done or called off before their window closed
    faded: int
    open: int
    decided: int
    #: percent, once it has decided rumours, and its Wilson 95 % interval (percent)
    hit_rate: int | None
    low: int | None
    high: int | None
    #: median days between its first report of a move and the move being done
    days_early: int | None
    feed: str
