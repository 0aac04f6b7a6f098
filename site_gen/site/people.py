"""Players and clubs: an alphabetical index of each, a player's timeline by window with his fee chart
and verdict, and a club's players linked in and out."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Callable, Iterator, Sequence

from site_gen import urls
from site_gen.model import Article, Page
from site_gen.site.charts import fee_chart
from site_gen.site.index import Group
from site_gen.site.windows import transfer_window
from site_gen.site.maker import Listing, PageMaker, moves_club, rumours_phrase, same
from site_gen.site.views import (ClubValues, Link, PlayerValues, FocusedCard, StoryWindow, TimelineWindow,
                                 VerdictView)
from site_gen.urls import slugify

#: Most players a club page lists in each direction, those linked with it most (then the newest):
#: big clubs have thousands, and the rumours below list them all, newest first.
LINKED_LIMIT = 12


def player_pages(maker: PageMaker) -> Iterator[Page]:
    groups = _by_name(maker.index.players)
    yield from _name_index(maker, urls.PLAYERS_ROUTE, "Players", groups, maker.player)
    for group in filter(maker.has_page, groups):
        route = urls.player_route(group.slug)
        yield from maker.paged(Listing(
            route=route, template="player.html", title=group.name, items=maker.ordered(group.articles),
            per_page=maker.config.per_page, show=functools.partial(_timeline, maker, group), key=maker.key,
            inputs=(maker.keys(group.articles), maker.index.outcomes.stories.get(group.slug),
                    maker.index.outcomes.verdicts.get(group.slug)),
            values=functools.partial(_player_values, maker, group),
            description=f"{rumours_phrase(len(group.articles))} about {group.name}, "
                        f"{group.articles[-1].date:%B %Y} to {group.articles[0].date:%B %Y}: "
                        "clubs linked, fees and sources."))


def club_pages(maker: PageMaker) -> Iterator[Page]:
    groups = _by_name(maker.index.clubs)
    yield from _name_index(maker, urls.CLUBS_ROUTE, "Clubs", groups, maker.club)
    for group in groups:
        # the players linked with a club come from the moves of its own articles; its list is of
        # those rumours only (a mere mention, "against Fulham last weekend", is counted, not listed)
        route = urls.club_route(group.slug)
        rumours = maker.club_rumours(group)
        yield from maker.paged(Listing(
            route=route, template="club.html", title=group.name, items=maker.ordered(rumours),
            per_page=maker.config.per_page, show=functools.partial(_club_cards, maker, group.slug), key=maker.key,
            inputs=maker.keys(group.articles), values=functools.partial(_club_values, maker, group),
            description=f"{rumours_phrase(len(group.articles))} involving {group.name}: "
                        "the players linked in and out.",
            feed=urls.feed_route(route) if rumours else None))


def _by_name(groups: dict[str, Group]) -> list[Group]:
    return sorted(groups.values(), key=lambda g: (g.name.casefold(), g.slug))


def _name_index(maker: PageMaker, route: str, title: str, groups: list[Group],
                link: Callable[[str], Link | None]) -> Iterator[Page]:
    """An alphabetical index of players or clubs, each with its count and latest date."""
    entries = [(link(g.name), len(g.articles), g.articles[0].date) for g in groups]
    yield from maker.paged(Listing(route=route, template="names.html", title=title, items=entries,
                                   per_page=maker.index_size, show=list, key=same))


def _club_cards(maker: PageMaker, slug: str, articles: Sequence[Article]) -> list[FocusedCard]:
    """A club's rumours, each with the moves to or from the club."""
    return [FocusedCard(**maker.card(article),
                        own_moves=[maker.move(m, article) for m in article.moves if moves_club(m, slug)])
            for article in articles]


def _timeline(maker: PageMaker, group: Group, articles: Sequence[Article]) -> list[TimelineWindow]:
    """A player's rumours grouped by transfer window, each card with the moves that are his."""
    windows: list[TimelineWindow] = []
    for article in articles:
        slug, name = transfer_window(article.date)
        if not windows or windows[-1]["slug"] != slug:
            windows.append({"slug": slug, "window": Link(name, maker.urls.url(urls.window_route(slug))),
                            "items": []})
        card = FocusedCard(**maker.card(article),
                           own_moves=[maker.move(m, article) for m in maker.index.moves_of(article, group.slug)])
        windows[-1]["items"].append(card)
    return windows


def _player_values(maker: PageMaker, group: Group) -> PlayerValues:
    clubs: dict[str, int] = {}
    for article in group.articles:
        for move in maker.index.moves_of(article, group.slug):
            for club in (move.to_club, move.from_club):
                if club:
                    clubs[club] = clubs.get(club, 0) + 1
    linked = [(maker.club(name), n) for name, n in sorted(clubs.items(), key=lambda kv: (-kv[1], kv[0]))]
    fees = _fees_of(maker, group)
    return {"name": group.name, "url": maker.urls.url(urls.player_route(group.slug)), "linked_clubs": linked,
            "first": group.articles[-1].date,
            "latest": group.articles[0].date, "count": len(group.articles),
            "fee_range": (min(fees, key=lambda f: f[1])[2], max(fees, key=lambda f: f[1])[2]) if fees else None,
            "chart": fee_chart(fees, f"Rumoured fee for {group.name} over time"),
            "verdict": _verdict(maker, group.slug), "story": _story(maker, group.slug)}


def _story(maker: PageMaker, player_slug: str) -> list[StoryWindow]:
    """Per transfer window: the clubs he was linked with, how far each got, and what happened."""
    windows: list[StoryWindow] = []
    for link in maker.index.outcomes.stories.get(player_slug, []):
        if not windows or windows[-1]["slug"] != link.window:
            name = link.window.replace("-", " ").capitalize()
            windows.append({"slug": link.window, "window": Link(name, maker.urls.url(urls.window_route(link.window))),
                            "links": []})
        club = maker.club(link.club)
        assert club is not None
        windows[-1]["links"].append({"club": club, "stage": link.stage, "status": link.status,
                                     "first_source": link.first_source, "days_before": link.days_before,
                                     "done": link.done})
    return windows


def _verdict(maker: PageMaker, player_slug: str) -> VerdictView | None:
    """Where a player went after he was first rumoured, and how near the rumoured fees were."""
    found = maker.index.outcomes.verdicts.get(player_slug)
    if found is None:
        return None
    return {"transfers": [maker.transfer(t) for t in found.transfers], "fee_error": found.fee_error,
            "fee_error_share": found.fee_error_share}


def _fees_of(maker: PageMaker, group: Group) -> list[tuple[dt.date, float, str]]:
    """(date, millions, as written) of the fees rumoured for a player, in his commonest currency."""
    history = maker.index.outcomes.history
    found = [(article.date, move.fee) for article in group.articles
             for move in maker.index.moves_of(article, group.slug) if move.fee and move.fee.millions
             and (urls.article_route(article.date, article.slug), group.slug, slugify(move.to_club or ""))
             not in history]  # a fee cited again with a deal done before is no new point
    currencies = [fee.currency for _, fee in found]
    common = max(set(currencies), key=lambda c: (currencies.count(c), c or "")) if currencies else None
    return [(date, fee.millions, fee.text) for date, fee in found
            if fee.currency == common and fee.millions is not None]


def _club_values(maker: PageMaker, group: Group) -> ClubValues:
    index = maker.index
    links = sorted(index.club_players.get(group.slug, {}).values(),
                   key=lambda link: (-link.count, -link.latest.toordinal(), link.player_slug))
    players: dict[str, list[tuple[Link, int, dt.date]]] = {}
    more: dict[str, int] = {}
    for direction in ("in", "out"):
        shown = [(maker.player(index.players[link.player_slug].name), link.count, link.latest)
                 for link in links if link.direction == direction and link.player_slug in index.players]
        players[direction], more[direction] = shown[:LINKED_LIMIT], max(0, len(shown) - LINKED_LIMIT)
    partners: dict[str, int] = {}
    for article in group.articles:
        for move in article.moves:
            ends = {slugify(c): c for c in (move.from_club, move.to_club) if c}
            if group.slug in ends and len(ends) == 2:
                other = next(name for slug, name in ends.items() if slug != group.slug)
                partners[other] = partners.get(other, 0) + 1
    trades = [(maker.club(name), n) for name, n in sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))[:10]]
    return {"name": group.name, "linked": players, "more": more, "count": len(group.articles),
            "moved": len(maker.club_rumours(group)), "partners": trades}
