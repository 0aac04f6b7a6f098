"""The home page (the newest rumours, the current window's most-linked names), search and 404."""

from __future__ import annotations

from typing import Iterator

from site_gen import urls
from site_gen.model import Page
from site_gen.site.maker import Listing, PageMaker


def home_pages(maker: PageMaker) -> Iterator[Page]:
    latest = next(iter(maker.index.windows.values()), None)  # the newest window comes first
    window = maker.window_link(latest) if latest else None
    top_players, top_clubs = maker.talked_about(latest.articles) if latest else ([], [])
    yield from maker.paged(Listing(
        route=urls.home_route(), template="home.html", title=maker.config.title,
        items=maker.ordered(maker.index.articles), per_page=maker.config.per_page, show=maker.cards, key=maker.key,
        inputs=(window, top_players, top_clubs),
        values=lambda: {"window": window, "top_players": top_players, "top_clubs": top_clubs},
        feed=urls.feed_route(urls.home_route())))


def utility_pages(maker: PageMaker) -> Iterator[Page]:
    """The search page (it works without JavaScript too) and the page for a missing address."""
    yield maker.page(urls.SEARCH_ROUTE, "search.html", "Search", (), dict,
                     "Search every rumour, player and club in the archive.")
    yield maker.page(urls.NOT_FOUND_ROUTE, "404.html", "Page not found", (), dict)
