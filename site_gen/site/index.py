"""Group articles by player, club, tag and month: everything pages need to cross-link."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from site_gen import urls
from site_gen.digests import fingerprint
from site_gen.extract import Move
from site_gen.model import Article
from site_gen.content.transfers import Transfer
from site_gen.site.outcomes import Outcomes, judge
from site_gen.site.windows import transfer_window
from site_gen.extract import preferred_spelling
from site_gen.urls import slugify


def newest_first(article: Article) -> tuple[int, str]:
    """Sort key: newest date first, then slug, so equal dates keep a stable order."""
    return (-article.date.toordinal(), article.slug)


@dataclass(slots=True)
class Group:
    """A player, club or tag and its articles, newest first."""

    slug: str
    name: str
    articles: list[Article] = field(default_factory=list)


@dataclass(slots=True)
class ClubLink:
    """A player rumoured to or from a club: direction "in" or "out"."""

    player_slug: str
    direction: str
    latest: dt.date
    #: articles that rumour him that way
    count: int = 1


@dataclass(slots=True)
class SiteIndex:
    """All articles (newest first) and their groupings, keyed by slug."""

    articles: list[Article]
    players: dict[str, Group]
    clubs: dict[str, Group]
    tags: dict[str, Group]
    months: dict[tuple[int, int], list[Article]]
    #: club slug → player slug → link, moves first
    club_players: dict[str, dict[str, ClubLink]]
    #: transfer window slug ("summer-2017") → its rumours, newest window first
    windows: dict[str, Group] = field(default_factory=dict)
    #: which rumours came true (empty without a table of completed transfers)
    outcomes: Outcomes = field(default_factory=Outcomes)
    #: a digest of what the outcomes were judged from, for page inputs
    outcomes_key: str = ""
    #: slugs of the players a published move is about (held moves never count)
    movers: frozenset[str] = frozenset()

    def moves_of(self, article: Article, player_slug: str) -> list[Move]:
        return [move for move in article.moves if slugify(move.player) == player_slug]


def build_index(articles: Iterable[Article], transfers: Sequence[Transfer] = (), outcome_months: int = 12
                ) -> SiteIndex:
    """Index every article, one page per slug however the name was spelt; judge rumours against `transfers`."""
    ordered = sorted(articles, key=newest_first)
    players = _group(ordered, lambda a: [*a.players, *(m.player for m in a.moves)])
    clubs = _group(ordered, lambda a: [*a.clubs, *(c for m in a.moves for c in (m.from_club, m.to_club) if c)])
    tags = _group(ordered, lambda a: a.tags)
    months: dict[tuple[int, int], list[Article]] = defaultdict(list)
    windows: dict[str, Group] = {}
    for article in ordered:
        months[(article.date.year, article.date.month)].append(article)
        slug, name = transfer_window(article.date)
        windows.setdefault(slug, Group(slug, name)).articles.append(article)
    outcomes = judge(ordered, transfers, outcome_months)
    # what outcomes are judged from beyond the articles themselves (each card's statuses are in its key)
    outcomes_key = fingerprint((list(transfers), outcome_months, outcomes.as_of)).hex()
    movers = frozenset(slug for article in ordered for move in article.moves if (slug := slugify(move.player)))
    return SiteIndex(ordered, players, clubs, tags, dict(months), _club_players(ordered, outcomes.history), windows,
                     outcomes, outcomes_key, movers)


def _group(articles: list[Article], names_of: object) -> dict[str, Group]:
    spellings: dict[str, list[str]] = defaultdict(list)
    members: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        seen: set[str] = set()
        for name in names_of(article):  # type: ignore[operator]
            slug = slugify(name)
            if not slug:
                continue
            spellings[slug].append(name)
            if slug not in seen:
                seen.add(slug)
                members[slug].append(article)
    return {slug: Group(slug, preferred_spelling(spellings[slug]), members[slug])
            for slug in sorted(members)}


def _club_players(articles: list[Article], history: set[tuple[str, str, str]] = set()
                  ) -> dict[str, dict[str, ClubLink]]:
    """For each club, the players rumoured to or from it, newest evidence first.

    A player only named beside a club is left out: that says nothing about where he may go; so is
    a deal done before and cited again (`history`, keyed as `Outcomes.statuses`).
    """
    links: dict[str, dict[str, ClubLink]] = defaultdict(dict)
    rank = {"in": 0, "out": 1}

    def add(club: str, player: str, direction: str, date: dt.date) -> None:
        club_slug, player_slug = slugify(club), slugify(player)
        link = links[club_slug].get(player_slug)
        if link is None:
            link = links[club_slug][player_slug] = ClubLink(player_slug, direction, date, 0)
        elif rank[direction] < rank[link.direction]:
            link.direction, link.count, link.latest = direction, 0, date  # a move in outranks one out: count anew
        if rank[direction] == rank[link.direction]:
            link.count += 1
            link.latest = max(link.latest, date)

    for article in articles:
        route = urls.article_route(article.date, article.slug)
        for move in article.moves:
            if history and (route, slugify(move.player), slugify(move.to_club or "")) in history:
                continue
            if move.to_club:
                add(move.to_club, move.player, "in", article.date)
            if move.from_club:
                add(move.from_club, move.player, "out", article.date)
    return dict(links)
