"""Atom feeds (the site's, each club's and each outlet's), the sitemap and robots.txt.

Feeds hold absolute URLs under the base URL and ids that stay the same from build
to build (derived from each article's URL), so feed readers never see an old
rumour as new.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
import zoneinfo
from typing import Any, Iterable, Iterator, Sequence

from site_gen import urls
from site_gen.model import TEXT_OUTPUT, Article, Page
from site_gen.site.articles import summary
from site_gen.site.maker import PageMaker, move_phrase
from site_gen.site.views import MoveView

#: Most URLs one sitemap file may list (the sitemaps.org limit); more make a sitemap index.
SITEMAP_LIMIT = 50_000


def feed_pages(maker: PageMaker) -> Iterator[Page]:
    """The site's feed, then one per club and per outlet.

    Players have none: most are named in a handful of rumours, and a feed each would be the
    largest share of the files published (a reader follows a player's clubs, or searches).
    """
    index = maker.index
    yield _feed(maker, urls.home_route(), maker.config.title, index.articles)
    for group in index.clubs.values():
        rumours = maker.club_rumours(group)
        if rumours:  # a club only ever mentioned has no rumours to follow
            yield _feed(maker, urls.club_route(group.slug), f"{group.name} · {maker.config.title}", rumours)
    for record in index.outcomes.sources.values():
        yield _feed(maker, urls.source_route(record.slug), f"{record.name} · {maker.config.title}", record.articles)


def _feed(maker: PageMaker, route: str, title: str, articles: Sequence[Article]) -> Page:
    newest = articles[:maker.config.feed_entries]
    return Page(urls.feed_route(route), "feed.xml", (maker.names, title, tuple(map(maker.key, newest))),
                functools.partial(_feed_values, maker, route, title, newest))


def _feed_values(maker: PageMaker, route: str, title: str, articles: Sequence[Article]) -> dict[str, Any]:
    zone = zoneinfo.ZoneInfo(maker.config.time_zone)
    entries = []
    for article in articles:
        card = maker.card(article)
        url = maker.urls.absolute(urls.article_route(article.date, article.slug))
        stamp = _timestamp(article.date, zone)
        entries.append({"id": entry_id(url), "title": card["title"], "url": url,
                        "updated": stamp, "summary": _said(card["moves"], article)})
    feed_url = maker.urls.absolute(urls.feed_route(route))
    return {"id": entry_id(feed_url), "title": title, "self_url": feed_url, "alternate": maker.urls.absolute(route),
            "updated": entries[0]["updated"] if entries else _timestamp(dt.date(2000, 1, 1), zone),
            "entries": entries}


def _said(moves: Sequence[MoveView], article: Article) -> str:
    """An entry's text: each move once, with its fee, how far it got and what came of it (a
    reader sees in the feed whether a rumour still stands); else the start of the article."""
    if not moves:
        return summary(article)
    said = [f"{move_phrase(m)} ({', '.join(part for part in (m['fee'], m['stage'], m['status']) if part)})"
            for m in moves]
    return "; ".join(said) + (f". Source: {article.source}." if article.source else ".")


def entry_id(url: str) -> str:
    """A permanent id for a feed or an entry: a UUID made from its URL, the same on every build."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}"


def _timestamp(date: dt.date, zone: zoneinfo.ZoneInfo) -> str:
    """An article's date as an Atom date-time: midnight where the archive is."""
    return dt.datetime.combine(date, dt.time(0), zone).isoformat()


def sitemap_pages(maker: PageMaker, html_routes: Iterable[str]) -> Iterator[Page]:
    """`sitemap.xml` listing every HTML page (an index of numbered sitemaps beyond 50,000), and robots.txt."""
    locations = [maker.urls.absolute(route) for route in html_routes]
    chunks = [locations[start:start + SITEMAP_LIMIT] for start in range(0, len(locations), SITEMAP_LIMIT)] or [[]]
    if len(chunks) == 1:
        yield Page(urls.SITEMAP_ROUTE, "sitemap.xml", tuple(chunks[0]), lambda: {"urls": chunks[0], "index": False})
    else:
        parts = [f"sitemap-{number}.xml" for number in range(1, len(chunks) + 1)]
        for part, chunk in zip(parts, chunks):
            yield Page(part, "sitemap.xml", tuple(chunk), functools.partial(dict, urls=chunk, index=False))
        part_urls = [maker.urls.absolute(part) for part in parts]
        yield Page(urls.SITEMAP_ROUTE, "sitemap.xml", tuple(part_urls), lambda: {"urls": part_urls, "index": True})
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {maker.urls.absolute(urls.SITEMAP_ROUTE)}\n"
    yield Page(urls.ROBOTS_ROUTE, TEXT_OUTPUT, robots, lambda: {"text": robots})

