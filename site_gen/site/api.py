"""Open data: the archive as JSON files under `api/`, for others to build on.

The shape is documented in the README ("Open data") and versioned: a field is
only ever added, and `version` goes up if one must change meaning.
"""

from __future__ import annotations

import functools
from typing import Any, Iterator, Sequence

from site_gen import urls
from site_gen.extract import Fee
from site_gen.model import JSON_OUTPUT, Article, Page
from site_gen.site.maker import PageMaker

#: 2: no file per player or club (each rumour was in three files); their entries list the months instead.
VERSION = 2


def api_pages(maker: PageMaker) -> Iterator[Page]:
    """Each month's rumours in a file, the list of months, and players and clubs with the months they are in.

    Every rumour is written once, in its month's file: a player's or club's entry names the
    months that mention them, so a reader of the data fetches only those.
    """
    index = maker.index
    for kind, groups, route_of, list_route in (
            ("players", index.players, maker.player_route, urls.PLAYERS_DATA_ROUTE),
            ("clubs", index.clubs, urls.club_route, urls.CLUBS_DATA_ROUTE)):
        entries = [{"name": group.name, "slug": group.slug, "url": maker.urls.absolute(route_of(group.slug)),
                    "rumours": len(group.articles), "first": group.articles[-1].date.isoformat(),
                    "latest": group.articles[0].date.isoformat(),
                    "months": sorted({f"{a.date:%Y-%m}" for a in group.articles}, reverse=True)}
                   for group in groups.values()]
        if kind == "clubs":
            for entry, group in zip(entries, groups.values()):
                entry["feed"] = maker.urls.absolute(urls.feed_route(route_of(group.slug))) \
                    if maker.club_rumours(group) else None
        yield _data(list_route, (maker.names, entries), {"version": VERSION, kind: entries})
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
                       "status": move["status"], "confidence": round(move["confidence"], 3),
                       "evidence": move["evidence"], "checked": move["checked"]}
                      for move, fee in zip(card["moves"], (m.fee for m in article.moves))],
            "fees": [_fee(fee) for fee in article.fees],
            "tags": list(article.tags),
        })
    return records


def _fee(fee: Fee | None) -> dict[str, Any] | None:
    return {"text": fee.text, "currency": fee.currency, "millions": fee.millions} if fee else None
