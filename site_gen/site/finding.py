"""What search finds: one record per article, player, club and outlet, made from the index.

Records go to Pagefind directly (no HTML is parsed), split into partitions: the articles of each
year, and one of names (players, clubs, outlets). An edit changes one year's partition, and the
names partition only when a name's record changes, so only those are indexed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from site_gen import urls
from site_gen.digests import fingerprint
from site_gen.site.index import SiteIndex
from site_gen.site.maker import PageMaker

#: The partition of players, clubs and outlets.
NAMES = "names"


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One search result: where it goes, what it is called, and the words it is found by."""

    partition: str
    url: str
    title: str
    #: what the result shows under its title
    summary: str
    #: the words it is found by, the title's and the summary's included
    content: str


def bundles(index: SiteIndex) -> list[str]:
    """The partitions, as the search page loads them: names first, then years, newest first.
    The first holds the search interface's files."""
    years = sorted({str(article.date.year) for article in index.articles}, reverse=True)
    has_names = bool(index.players or index.clubs or index.outcomes.sources)
    return [NAMES] * has_names + years


def partition_digests(maker: PageMaker) -> dict[str, str]:
    """Each partition (in `bundles` order) named by a digest of what its records are made from,
    cheaply: the keys of its articles, or the names and counts (and every record spells names as
    the index does)."""
    years: dict[str, list[str]] = {}
    for article in maker.index.articles:
        years.setdefault(str(article.date.year), []).append(maker.key(article))
    names = ([(g.slug, len(g.articles)) for g in maker.index.players.values()],
             [(g.slug, len(g.articles)) for g in maker.index.clubs.values()],
             [(r.slug, r.name, len(r.articles)) for r in maker.index.outcomes.sources.values()])
    return {name: fingerprint((maker.names, names if name == NAMES else years[name])).hex()
            for name in bundles(maker.index)}


def search_records(maker: PageMaker, partitions: set[str]) -> Iterator[SearchRecord]:
    """The records of `partitions`: articles (headline, moves, names, outlet, tags), then players,
    clubs and outlets.

    URLs are from the site's root: the search page gives Pagefind the base path."""
    for article in maker.index.articles:
        if str(article.date.year) not in partitions:
            continue
        card = maker.card(article)
        moves = "; ".join(f"{m['player'].name}: {m['from'].name if m['from'] else '?'} → "
                          f"{m['to'].name if m['to'] else '?'}{' ' + m['fee'] if m['fee'] else ''}"
                          for m in card["moves"])
        summary = f"{article.date:%-d %B %Y}{' · ' + article.source if article.source else ''}"
        names = ", ".join(link.name for link in (*card["players"], *card["clubs"]))
        tags = ", ".join(link.name for link in card["tags"])
        yield SearchRecord(str(article.date.year), "/" + urls.article_route(article.date, article.slug),
                           article.title, summary, f"{article.title}. {moves}. {names}. {article.source or ''}. {tags}")
    if NAMES not in partitions:
        return
    for kind, groups, route_of in (("Player", maker.index.players, urls.player_route),
                                   ("Club", maker.index.clubs, urls.club_route)):
        for group in groups.values():
            summary = f"{kind}: {_rumours(len(group.articles))}"
            yield SearchRecord(NAMES, "/" + route_of(group.slug), group.name, summary,
                               f"{group.name}. {summary}")
    for record in maker.index.outcomes.sources.values():
        summary = f"Outlet: {_rumours(len(record.articles))}"
        yield SearchRecord(NAMES, "/" + urls.source_route(record.slug), record.name, summary,
                           f"{record.name}. {summary}")


def _rumours(count: int) -> str:
    return f"{count} rumour{'s' if count != 1 else ''}"
