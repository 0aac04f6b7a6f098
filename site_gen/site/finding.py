"""What search finds: the articles, through Pagefind, and the names of players, clubs and outlets.

Article records go to Pagefind directly (no HTML is parsed), one partition per year, so an edit
re-indexes one year. Names are matched by their words' beginnings, which needs no full-text index:
they go in small JSON files, one per two opening letters, that the search page fetches as a reader
types (Pagefind would write a file per name, and at 100,000 articles that is some 80,000 files).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterator

from site_gen import urls
from site_gen.digests import fingerprint
from site_gen.model import JSON_OUTPUT, Page
from site_gen.site.index import SiteIndex
from site_gen.site.maker import PageMaker, move_phrase

#: Where the name files live: `search/names/<two letters>.json`.
NAMES_ROUTE = "search/names/"


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
    """The partitions, as the search page loads them: years, newest first.
    The first holds the search interface's files."""
    return list(partition_sizes(index))


def partition_sizes(index: SiteIndex) -> dict[str, int]:
    """Each partition (in `bundles` order) with its number of records, an article each."""
    years = Counter(str(article.date.year) for article in index.articles)
    return {year: years[year] for year in sorted(years, reverse=True)}


def partition_digests(maker: PageMaker) -> dict[str, str]:
    """Each partition (in `bundles` order) named by a digest of what its records are made from,
    cheaply: the keys of its articles (and every record spells names as the index does)."""
    years: dict[str, list[str]] = {}
    for article in maker.index.articles:
        years.setdefault(str(article.date.year), []).append(maker.key(article))
    return {name: fingerprint((maker.names, years[name])).hex() for name in bundles(maker.index)}


#: About how many fragments a search shelf holds at most: a few kilobytes to fetch for a result.
SHELF_FRAGMENTS = 64


def fragment_digits(records: int) -> int:
    """How many of a fragment id's first hex digits name its shelf, in a partition of `records`
    results: the fewest that keep shelves at `SHELF_FRAGMENTS` or so. The search page's script
    is told the same number for each partition."""
    digits = 0
    while records > SHELF_FRAGMENTS * 16 ** digits:
        digits += 1
    return digits


def fragment_shelf(fragment_id: str, records: int) -> str:
    """The shelf a Pagefind fragment is on ("en_014341c" → "01" in a big partition, "all" in a
    small one): its id's hex digits after the language."""
    return fragment_id.rpartition("_")[2][:fragment_digits(records)] or "all"


def shelf(word: str) -> str | None:
    """The file a word's names are in: its first two letters without accents, lower case, any other
    character as "_" ("Éder" → "ed", "Ødegaard" → "_d"); None for a one-letter word, which no
    search looks up. The search page's script folds a typed word the same way."""
    folded = "".join(ch for ch in unicodedata.normalize("NFD", word) if not "\u0300" <= ch <= "\u036f").lower()
    if len(folded) < 2:
        return None
    return "".join(ch if ch in _PLAIN else "_" for ch in folded[:2])


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def name_pages(maker: PageMaker) -> Iterator[Page]:
    """One JSON file per two opening letters: every player with a page, club and outlet with a
    word starting with them, each with its kind, URL and number of rumours. (A player without a
    page is named in a rumour or two, which the search itself finds: most players are, and
    suggesting them would make these files many times larger.)"""
    shelves: dict[str, list[dict[str, Any]]] = {}
    for kind, name, route, count in _named(maker):
        entry = {"name": name, "kind": kind, "url": maker.urls.url(route), "rumours": count}
        for key in _shelves_of(name):
            shelves.setdefault(key, []).append(entry)
    for key, entries in sorted(shelves.items()):
        entries.sort(key=lambda entry: (-entry["rumours"], entry["name"]))
        inputs = tuple((e["name"], e["kind"], e["url"], e["rumours"]) for e in entries)
        yield Page(f"{NAMES_ROUTE}{key}.json", JSON_OUTPUT, inputs, functools.partial(dict, names=entries))


def shelf_keys(maker: PageMaker) -> list[str]:
    """The shelves there are: the search page asks for no other."""
    return sorted({key for _, name, _, _ in _named(maker) for key in _shelves_of(name)})


def _named(maker: PageMaker) -> Iterator[tuple[str, str, str, int]]:
    """(kind, name, route, rumours) of every name suggested."""
    for group in maker.index.players.values():
        if maker.has_page(group):
            yield "player", group.name, urls.player_route(group.slug), len(group.articles)
    for group in maker.index.clubs.values():
        yield "club", group.name, urls.club_route(group.slug), len(group.articles)
    for record in maker.index.outcomes.sources.values():
        yield "outlet", record.name, urls.source_route(record.slug), len(record.articles)


def _shelves_of(name: str) -> Iterator[str]:
    for key in dict.fromkeys(shelf(word) for word in _WORD_BREAK.split(name)):
        if key:
            yield key


_WORD_BREAK = re.compile(r"[\s\-'’.]+")


def search_records(maker: PageMaker, partitions: set[str]) -> Iterator[SearchRecord]:
    """The records of `partitions`: articles (headline, moves, names, outlet, tags).

    URLs are from the site's root: the search page gives Pagefind the base path."""
    for article in maker.index.articles:
        if str(article.date.year) not in partitions:
            continue
        card = maker.card(article)
        moves = "; ".join(move_phrase(m) + (f" {m['fee']}" if m["fee"] else "") for m in card["moves"])
        summary = f"{article.date:%-d %B %Y}{' · ' + article.source if article.source else ''}"
        names = ", ".join(link.name for link in (*card["players"], *card["clubs"]))
        tags = ", ".join(link.name for link in card["tags"])
        yield SearchRecord(str(article.date.year), "/" + urls.article_route(article.date, article.slug),
                           article.title, summary, f"{article.title}. {moves}. {names}. {article.source or ''}. {tags}")
