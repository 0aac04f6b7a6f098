"""Open data: the archive as JSON files under `api/`, for others to build on.

The shape is documented in the README ("Open data") and versioned: a field is
only ever added, and `version` goes up if one must change meaning.
"""

from __future__ import annotations

import functools
from typing import Any, Iterator, Sequence

from site_gen import urls
from site_gen.site.index import Group
from site_gen.extract import Fee
from site_gen.model import JSON_OUTPUT, Article, Page
from site_gen.site.maker import PageMaker

VERSION = 1


def api_pages(maker: PageMaker) -> Iterator[Page]:
    """Players and clubs (lists and one file each), and the rumours of every month with their list."""
    index = maker.index
    for kind, groups, route_of, data_route_of, list_route in (
            ("players", index.players, urls.player_route, urls.player_data_route, urls.PLAYERS_DATA_ROUTE),
            ("clubs", index.clubs, urls.club_route, urls.club_data_route, urls.CLUBS_DATA_ROUTE)):
        entries = [{"name": group.name, "slug": group.slug, "url": maker.urls.absolute(route_of(group.slug)),
                    "data": maker.urls.absolute(data_route_of(group.slug)),
                    "feed": maker.urls.absolute(urls.feed_route(route_of(group.slug))),
                    "rumours": len(group.articles), "first": group.articles[-1].date.isoformat(),
                    "latest": group.articles[0].date.isoformat()} for group in groups.values()]
        yield _data(list_route, (maker.names, entries), {"version": VERSION, kind: entries})
        for group, entry in zip(groups.values(), entries):
            yield Page(data_route_of(group.slug), JSON_OUTPUT, (maker.names, entry, tuple(map(maker.key, group.articles))),
                       functools.partial(_group_values, maker, group, entry))
    months = []
    for (year, month), articles in sorted(index.months.items(), reverse=True):
        route = urls.month_data_route(year, month)
        label = f"{year}-{month:02d}"
        months.append({"month": label, "rumours": len(articles), "data": maker.urls.absolute(route),
                       "url": maker.urls.absolute(urls.month_route(year, month))})
        yield Page(route, JSON_OUTPUT, (maker.names, label, tuple(map(maker.key, articles))),
                   functools.partial(_month_values, maker, label, articles))
    yield _data(urls.RUMOURS_DATA_ROUTE, months,
                {"version": VERSION, "rumours": len(index.articles), "months": months})


def _data(route: str, inputs: Any, values: dict[str, Any]) -> Page:
    return Page(route, JSON_OUTPUT, inputs, lambda: values)


def _group_values(maker: PageMaker, group: Group, entry: dict[str, Any]) -> dict[str, Any]:
    return {"version": VERSION, **entry, "rumours": rumours(maker, group.articles)}


def _month_values(maker: PageMaker, label: str, articles: Sequence[Article]) -> dict[str, Any]:
    return {"version": VERSION, "month": label, "rumours": rumours(maker, articles)}


def rumours(maker: PageMaker, articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Each article as a rumour record, names spelt as on the pages."""
    records = []
    for article in articles:
        card = maker.card(article)
        records.append({
            "title": article.title,
            "date": article.date.isoformat(),
            "url": maker.urls.absolute(urls.article_route(article.date, article.slug)),
            "source": article.source,
            "players": [link.name for link in card["players"]],
            "clubs": [link.name for link in card["clubs"]],
            "moves": [{"player": move["player"].name, "from": move["from"].name if move["from"] else None,
                       "to": move["to"].name if move["to"] else None, "fee": _fee(fee), "stage": move["stage"],
                       "status": move["status"]}
                      for move, fee in zip(card["moves"], (m.fee for m in article.moves))],
            "fees": [_fee(fee) for fee in article.fees],
            "tags": list(article.tags),
        })
    return records


def _fee(fee: Fee | None) -> dict[str, Any] | None:
    return {"text": fee.text, "currency": fee.currency, "millions": fee.millions} if fee else None
