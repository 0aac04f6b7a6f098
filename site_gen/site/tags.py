"""The tag cloud and one list of rumours per tag: its newest, with a search for the older ones."""

from __future__ import annotations

import functools
from typing import Iterator

from site_gen import urls
from site_gen.model import Page
from site_gen.site.maker import Listing, PageMaker, same


def tag_pages(maker: PageMaker) -> Iterator[Page]:
    groups = sorted(maker.index.tags.values(), key=lambda g: g.slug)
    most = max((len(g.articles) for g in groups), default=1)
    # (link, count, weight 1–5 for the tag cloud: the share of the commonest tag's count)
    entries = [(maker.tag(g.slug), len(g.articles), 1 + (4 * len(g.articles)) // most) for g in groups]
    yield from maker.paged(Listing(route=urls.TAGS_ROUTE, template="tags.html", title="Tags", items=entries,
                                   per_page=maker.index_size, show=list, key=same))
    for group in groups:
        name = maker.tag(group.slug).name
        newest, older = maker.newest(group.articles, maker.config.tag_page_rumours)
        yield from maker.paged(Listing(
            route=urls.tag_route(group.slug), template="rumours.html", title=f"Tagged “{name}”",
            items=newest, per_page=maker.config.per_page, show=maker.cards, key=maker.key,
            inputs=older, values=functools.partial(_brief, name, older)))


def _brief(name: str, older: int) -> dict[str, object]:
    """A tag's list shows date and headline only (its rumours' moves are on their month's list),
    and how many older rumours a search for the tag finds."""
    return {"brief": True, "older": older, "query": name}
