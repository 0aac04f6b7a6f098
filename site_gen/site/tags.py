"""The tag cloud and one list of rumours per tag."""

from __future__ import annotations

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
        yield from maker.paged(Listing(
            route=urls.tag_route(group.slug), template="rumours.html", title=f"Tagged “{maker.tag(group.slug).name}”",
            items=maker.ordered(group.articles), per_page=maker.config.per_page, show=maker.cards, key=maker.key,
            values=_brief))


def _brief() -> dict[str, bool]:
    """A tag's list shows date and headline only: its rumours' moves are on their month's list."""
    return {"brief": True}
