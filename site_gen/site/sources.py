"""The outlets: ranked by how often their rumours came true, and a page of rumours for each."""

from __future__ import annotations

import functools
from typing import Iterable, Iterator

from site_gen import urls
from site_gen.model import Page
from site_gen.site.maker import Listing, PageMaker, rumours_phrase
from site_gen.site.outcomes import SourceRecord
from site_gen.site.views import SourceEntry


def ranked_and_unranked(records: Iterable[SourceRecord], minimum: int
                        ) -> tuple[list[SourceRecord], list[SourceRecord]]:
    """Outlets with at least `minimum` decided rumours by hit rate, then the rest by how many are decided."""
    listed = list(records)
    ranked = sorted((r for r in listed if r.decided >= minimum), key=lambda r: (-(r.hit_rate or 0), -r.decided, r.slug))
    unranked = sorted((r for r in listed if r.decided < minimum), key=lambda r: (-r.decided, r.slug))
    return ranked, unranked


def source_pages(maker: PageMaker) -> Iterator[Page]:
    records = list(maker.index.outcomes.sources.values())
    minimum = maker.config.min_sample
    ranked, unranked = ranked_and_unranked(records, minimum)
    entries = [_entry(maker, r) for r in ranked]
    others = [_entry(maker, r) for r in unranked]
    yield maker.page(urls.SOURCES_ROUTE, "sources.html", "Sources", (entries, others, minimum),
                     lambda: {"ranked": entries, "unranked": others, "minimum": minimum},
                     "Which outlets' transfer rumours came true, and how often.")
    for record in records:
        entry = _entry(maker, record)
        route = urls.source_route(record.slug)
        newest, older = maker.newest(record.articles, maker.config.source_page_rumours)
        yield from maker.paged(Listing(
            route=route, template="source.html", title=record.name,
            items=newest, per_page=maker.config.per_page, show=maker.cards,
            key=maker.key, inputs=(entry, minimum, older),
            values=functools.partial(dict, record=entry, minimum=minimum, older=older, query=record.name),
            description=f"{rumours_phrase(len(record.articles))} reported by {record.name}, and how many came true.",
            feed=urls.feed_route(route)))


def _entry(maker: PageMaker, record: SourceRecord) -> SourceEntry:
    interval = record.interval
    days = record.median_days_early
    return {"name": record.name, "url": maker.urls.url(urls.source_route(record.slug)),
            "rumours": len(record.articles), "came_true": record.came_true, "did_not": record.did_not,
            "faded": record.faded, "open": record.open, "decided": record.decided,
            "hit_rate": round(100 * record.hit_rate) if record.hit_rate is not None else None,
            "low": round(100 * interval[0]) if interval else None,
            "high": round(100 * interval[1]) if interval else None,
            "days_early": round(days) if days is not None else None,
            "feed": maker.urls.url(urls.feed_route(urls.source_route(record.slug)))}
