"""The home page (the newest rumours, the current window's most-linked names), search and 404."""

from __future__ import annotations

from typing import Iterator

from site_gen import urls
from site_gen.model import Page
from site_gen.site.finding import NAMES_ROUTE, fragment_digits, partition_sizes, shelf_keys
from site_gen.site.maker import PageMaker
from site_gen.site.sources import ranked_and_unranked
from site_gen.site.views import Link


#: Moves that came true, and outlets, shown on the home page.
HOME_LIST = 8


def home_pages(maker: PageMaker) -> Iterator[Page]:
    latest = next(iter(maker.index.windows.values()), None)  # the newest window comes first
    window = maker.window_link(latest) if latest else None
    top_players, top_clubs = maker.talked_about(latest.articles) if latest else ([], [])
    came_true = _came_true(maker, latest.slug if latest else "")
    right_most = _right_most(maker)
    # the newest rumours only (in the configured order): every one is listed on its month's page,
    # which the archive links
    newest = maker.ordered(maker.index.articles[:maker.config.per_page])
    yield maker.page(urls.home_route(), "home.html", maker.config.title,
                     (tuple(map(maker.key, newest)), window, top_players, top_clubs, came_true, right_most),
                     lambda: {"items": maker.cards(newest), "window": window, "top_players": top_players,
                              "top_clubs": top_clubs, "came_true": came_true, "right_most": right_most,
                              "archive": maker.urls.url(urls.ARCHIVE_ROUTE), "total": len(maker.index.articles)},
                     feed=urls.feed_route(urls.home_route()))


def _came_true(maker: PageMaker, window: str) -> list[tuple[Link, Link | None, str]]:
    """The moves done in the newest window: (player, club, date as written), newest first."""
    done = maker.index.outcomes.completed.get(window, [])[:HOME_LIST]
    return [(maker.player(t.player), maker.club(t.to_club), t.date.strftime("%-d %B")) for t in done]


def _right_most(maker: PageMaker) -> list[tuple[Link, int, int]]:
    """The outlets whose rumours came true most often: (outlet, hit rate %, decided), among those ranked."""
    ranked = ranked_and_unranked(maker.index.outcomes.sources.values(), maker.config.min_sample)[0][:HOME_LIST]
    return [(Link(r.name, maker.urls.url(urls.source_route(r.slug))), round(100 * (r.hit_rate or 0)), r.decided)
            for r in ranked]


def utility_pages(maker: PageMaker) -> Iterator[Page]:
    """The search page (it works without JavaScript too) and the page for a missing address."""
    sizes = partition_sizes(maker.index)
    partitions = [maker.urls.url(f"pagefind/{name}/") for name in sizes]
    digits = [fragment_digits(size) for size in sizes.values()]
    names = maker.urls.url(NAMES_ROUTE)
    shelves = shelf_keys(maker) if maker.config.search else []
    yield maker.page(urls.SEARCH_ROUTE, "search.html", "Search", (partitions, digits, names, shelves),
                     lambda: {"bundles": partitions, "digits": digits, "names": names, "shelves": shelves},
                     "Search every rumour, player and club in the archive.")
    yield maker.page(urls.NOT_FOUND_ROUTE, "404.html", "Page not found", (), dict)
