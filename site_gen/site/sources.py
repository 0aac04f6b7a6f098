"""The outlets: ranked by how often their rumours came true, and a page of rumours for each."""

from __future__ import annotations

import functools
from typing import Iterator

from site_gen import urls
from site_gen.model import Page
from site_gen.site.maker import Listing, PageMaker, rumours_phrase
from site_gen.site.outcomes import SourceRecord
from site_gen.site.views import SourceEntry


def source_pages(maker: PageMaker) -> Iterator[Page]:
    records = list(maker.index.outcomes.sources.values())
    minimum = maker.config.min_sample
    ranked = sorted((r for r in records if r.decided >= minimum), key=lambda r: (-(r.hit_rate or 0), -r.decided, r.slug))
    unranked = sorted((r for r in records if r.decided < minimum), key=lambda r: (-r.decided, r.slug))
    entries = [_entry(maker, r) for r in ranked]
    others = [_entry(maker, r) for r in unranked]
    yield maker.page(urls.SOURCES_ROUTE, "sources.html", "Sources", (entries, others, minimum),
                     lambda: {"ranked": entries, "unranked": others, "minimum": minimum},
                     "Which outlets' transfer rumours came true, and how often.")
    for record in records:
        entry = _entry(maker, record)
        yield from maker.paged(Listing(
            route=urls.source_route(record.slug), template="source.html", title=record.name,
            items=maker.ordered(list(record.articles)), per_page=maker.config.per_page, show=maker.cards,
            key=maker.key, inputs=entry, values=functools.partial(dict, record=entry),
            description=f"{rumours_phrase(len(record.articles))} reported by {record.name}, and how many came true."))


def _entry(maker: PageMaker, record: SourceRecord) -> SourceEntry:
    return {"name": record.name, "url": maker.urls.url(urls.source_route(record.slug)),
            "rumours": len(record.articles), "came_true": record.came_true, "did_not": record.did_not,
            "open": record.open, "decided": record.decided,
            "hit_rate": round(100 * record.hit_rate) if record.hit_rate is not None else None}
