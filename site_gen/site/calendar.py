"""Time: the month archive (a calendar) with a list per month, and the transfer windows with a page each."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from typing import Iterator

from site_gen import urls
from site_gen.model import Page
from site_gen.site.index import Group
from site_gen.site.maker import Listing, PageMaker, rumours_phrase, same
from site_gen.site.views import Link, WindowValues


def month_pages(maker: PageMaker) -> Iterator[Page]:
    index = maker.index
    keys = sorted(index.months, reverse=True)
    # a calendar: every month of each year, with its link and count where it has rumours
    years: dict[int, list[tuple[str, Link | None, int]]] = {}
    for year in sorted({year for year, _ in keys}, reverse=True):
        years[year] = [(dt.date(year, month, 1).strftime("%b"),
                        maker.month(year, month) if (year, month) in index.months else None,
                        len(index.months.get((year, month), ()))) for month in range(1, 13)]
    yield maker.page(urls.ARCHIVE_ROUTE, "archive.html", "Archive", years, lambda: {"years": years},
                     "Every month of rumours, year by year.")
    for year, month in keys:
        yield from maker.paged(Listing(
            route=urls.month_route(year, month), template="rumours.html", title=maker.month(year, month).name,
            items=maker.ordered(index.months[(year, month)]), per_page=maker.config.per_page, show=maker.cards,
            key=maker.key))


def window_pages(maker: PageMaker) -> Iterator[Page]:
    """The transfer windows, newest first, and a page for each: its rumours and most-linked names."""
    groups = list(maker.index.windows.values())
    entries = [(maker.window_link(g), len(g.articles), g.articles[0].date) for g in groups]
    yield from maker.paged(Listing(route=urls.WINDOWS_ROUTE, template="windows.html", title="Transfer windows",
                                   items=entries, per_page=maker.index_size, show=list, key=same,
                                   description="Every transfer window's rumours, newest first."))
    for group in groups:
        # one page, a summary: its rumours are listed once, on the pages of its months
        yield maker.page(urls.window_route(group.slug), "window.html", f"{group.name} window",
                         (maker.keys(group.articles), maker.index.outcomes.completed.get(group.slug)),
                         functools.partial(_window_values, maker, group),
                         f"{rumours_phrase(len(group.articles))} of the {group.name} transfer window: "
                         "the moves that came true and the players and clubs linked most.")


def _window_values(maker: PageMaker, group: Group) -> WindowValues:
    players, clubs = maker.talked_about(group.articles, count=20)
    months = Counter((article.date.year, article.date.month) for article in group.articles)
    done = maker.index.outcomes.completed.get(group.slug, [])
    return {"name": group.name, "count": len(group.articles), "top_players": players, "top_clubs": clubs,
            "months": [(maker.month(year, month), n) for (year, month), n in sorted(months.items())],
            "came_true": [(maker.player(t.player), maker.club(t.to_club), t.date) for t in done]}
