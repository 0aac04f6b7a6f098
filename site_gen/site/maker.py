"""What every page family shares: links, article cards, and pages that make their values late.

One module per page family (articles, people, tags, calendar, sources, home) makes its pages
with a `PageMaker`; feeds and open data use it too; `plan.py` lists every output. Each page
carries its inputs (what it is made from) and makes its values only when asked, so an
incremental build passes over unchanged pages without making them.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Iterator, Mapping, Sequence, TypeVar

from site_gen import urls
from site_gen.digests import fingerprint
from site_gen.config import SiteConfig
from site_gen.site.index import Group, SiteIndex
from site_gen.site.views import Card, Head, Link, MoveView, Pager, TransferView
from site_gen.extract import Move
from site_gen.model import Article, Page, shown_digest
from site_gen.content.transfers import Transfer
from site_gen.urls import SiteUrls, slugify

T = TypeVar("T")
#: Names per page on the players, clubs and tags indexes.
INDEX_PAGE_FACTOR = 10


#: Makes a page's template values (one of the declared shapes in views.py), only when it is rendered.
Values = Callable[[], Mapping[str, object]]


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """A list shown over numbered pages: page 1 at `route`, then `route`/page/2/ and on."""

    route: str
    template: str
    title: str
    items: Sequence[T]
    per_page: int
    #: the template's `items` for one page's share of the list
    show: Callable[[Sequence[T]], list[Any]]
    #: a small, comparable stand-in for an item (page inputs are made of these)
    key: Callable[[T], Any]
    #: everything `values()` is made from: part of every page's inputs
    inputs: Any = ()
    #: values shared by all the pages, made once when the first page is rendered
    values: Values = field(default=dict)
    description: str = ""
    feed: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleDigests:
    """Two digests of each article, by file name: of all of it (for its own page), and of what
    every other page shows of it (`model.shown_digest`), so that rewording a paragraph changes
    one page."""

    whole: Mapping[str, str]
    shown: Mapping[str, str]


class PageMaker:
    """Links, cards and pages for every page family, feeds and open data, made once and shared."""

    def __init__(self, index: SiteIndex, config: SiteConfig, digests: ArticleDigests | None = None) -> None:
        self.index = index
        self.config = config
        self.urls = SiteUrls(config.base_url)
        self.digests = digests or ArticleDigests({}, {})
        # by id(article), each memo also holding its article: while the maker lives, no other
        # object can take that id (the preview hands its kept maker articles read anew, which
        # would otherwise be freed and their ids reused by the next save's)
        self._cards: dict[int, tuple[Article, Card]] = {}
        self._keys: dict[int, tuple[Article, str]] = {}
        self._club_rumours: dict[str, list[Article]] = {}
        # Every card shows players' and clubs' names as the index spells them, and links a player to
        # his page if he has one, so any page depends on that table (it changes rarely: a new spelling
        # winning out, a player named a third time). Where a player without a page links (his
        # newest rumour, and there the one before) is in the keys of the articles a page shows, not
        # here: an edit to a headline would otherwise change every page.
        self.names = fingerprint(([(g.slug, g.name, self.has_page(g)) for g in index.players.values()],
                                  [(g.slug, g.name) for g in index.clubs.values()], index.outcomes_key)).hex()

    # Links -----------------------------------------------------------------
    def has_page(self, group: Group) -> bool:
        """Whether a player has a page of his own: a published move is about him (`player_page_moves`,
        on by default), he is named in enough rumours, or he is known to have moved (the verdict is
        said on his page). A move held back for review gives him none."""
        return (self.config.player_page_moves and group.slug in self.index.movers) \
            or len(group.articles) >= self.config.player_page_rumours or group.slug in self.index.outcomes.verdicts

    def player_route(self, slug: str) -> str:
        """Where a player's name links: his page, or his newest rumour if he has none."""
        group = self.index.players.get(slug)
        if group is None or self.has_page(group):
            return urls.player_route(slug)
        newest = group.articles[0]
        return urls.article_route(newest.date, newest.slug)

    def other_rumour(self, name: str, article: Article) -> str | None:
        """Where a player without a page links on his newest rumour's own page: the rumour before
        it (None if he has no other, or has a page)."""
        group = self.index.players.get(slugify(name))
        if group is None or self.has_page(group) or len(group.articles) < 2 or group.articles[0] is not article:
            return None
        before = group.articles[1]
        return self.urls.url(urls.article_route(before.date, before.slug))

    def _pageless_routes(self, article: Article) -> str:
        """The rumours of the players an article names who have no page but more than one rumour:
        their names link among those rumours, wherever the article is shown."""
        routes = []
        for name in article.players:
            group = self.index.players.get(slugify(name))
            if group is not None and len(group.articles) > 1 and not self.has_page(group):
                routes += [urls.article_route(a.date, a.slug) for a in group.articles]
        return "/" + ",".join(routes) if routes else ""

    def player(self, name: str) -> Link:
        """A player's name and where it links ("" for one the archive never names: known only from
        the transfers table, he has no page)."""
        slug = slugify(name)
        group = self.index.players.get(slug)
        if group is None:
            return Link(name, "")
        return Link(group.name, self.urls.url(self.player_route(slug)))

    def club(self, name: str | None) -> Link | None:
        """A club's name and its page ("" for a club the archive never names: only the table does)."""
        if not name:
            return None
        slug = slugify(name)
        group = self.index.clubs.get(slug)
        if group is None:
            return Link(name, "")
        return Link(group.name, self.urls.url(urls.club_route(slug)))

    def tag(self, slug: str) -> Link:
        return Link(slug.replace("-", " "), self.urls.url(urls.tag_route(slug)))

    def month(self, year: int, month: int) -> Link:
        return Link(dt.date(year, month, 1).strftime("%B %Y"), self.urls.url(urls.month_route(year, month)))

    def club_rumours(self, group: Group) -> list[Article]:
        """A club's rumours that move a player to or from it, newest first (its page, its feed and the
        open data all ask, so they are found once)."""
        found = self._club_rumours.get(group.slug)
        if found is None:
            found = self._club_rumours[group.slug] = [
                article for article in group.articles if any(moves_club(m, group.slug) for m in article.moves)]
        return found

    def key(self, article: Article) -> str:
        """A short name for what lists show of an article: a digest of its record but the body, its
        slug, how its rumours turned out, and where its players without a page link."""
        memo = self._keys.get(id(article))
        if memo is None:
            digest = self.digests.shown.get(article.path.name) or shown_digest(article)
            memo = self._keys[id(article)] = (
                article, f"{digest}/{article.slug}{self._outcome_key(article)}{self._pageless_routes(article)}")
        return memo[1]

    def whole_key(self, article: Article, whole: str | None = None) -> str:
        """`key`, and the article's body too (`whole`, if not the maker's): what its own page is made from."""
        whole = whole or self.digests.whole.get(article.path.name) or fingerprint(article).hex()
        return f"{whole}/{self.key(article)}"

    def _outcome_key(self, article: Article) -> str:
        """The statuses of an article's moves and the dates that decided them ("" if it has none)."""
        outcomes = self.index.outcomes
        route = urls.article_route(article.date, article.slug)
        parts = []
        for move in article.moves:
            key = (route, slugify(move.player), slugify(move.to_club or ""))
            status = outcomes.statuses.get(key)
            if status:
                proof = outcomes.proofs.get(key)
                parts.append(status[0] + (proof.date.isoformat() + proof.kind[0] if proof else ""))
            elif key in outcomes.history:
                parts.append("h")  # a deal done before, cited again: no fee point, no story
            elif move.to_club:
                parts.append("u")  # contradicted, unsettled: no verdict
        return "/" + ",".join(parts) if parts else ""

    def keys(self, articles: Sequence[Article]) -> str:
        """One digest for a list of articles, for values made from all of them."""
        return fingerprint([self.key(article) for article in articles]).hex()

    def card(self, article: Article) -> Card:
        """What a list shows of an article; made once per article and shared."""
        memo = self._cards.get(id(article))
        if memo is None:
            held_fees = {m.fee for m in article.held_moves if m.fee}  # a move held back shows no fee either
            memo = self._cards[id(article)] = (article, {
                "title": article.title,
                "url": self.urls.url(urls.article_route(article.date, article.slug)),
                "date": article.date,
                "players": [self.player(name) for name in article.players],
                "clubs": [link for link in map(self.club, article.clubs) if link],
                "moves": [self.move(move, article) for move in article.moves],
                "fee": next((m.fee.text for m in article.moves if m.fee), None)
                or next((fee.text for fee in article.fees if fee not in held_fees), None),
                "source": article.source,
                "tags": [self.tag(tag) for tag in article.tags],
            })
        return memo[1]

    def ordered(self, articles: list[Article]) -> Sequence[Article]:
        """A list of rumours in the configured order (the index keeps them newest first)."""
        return articles if self.config.order == "newest-first" else articles[::-1]

    def newest(self, articles: Sequence[Article], limit: int) -> tuple[Sequence[Article], int]:
        """The newest `limit` of some rumours (newest first), in the configured order, and how many
        older ones are left for a search to find (a tag's page, an outlet's)."""
        shown = list(articles[:limit])
        return self.ordered(shown), len(articles) - len(shown)

    def cards(self, articles: Sequence[Article]) -> list[Card]:
        return [self.card(article) for article in articles]

    def move(self, move: Move, article: Article) -> MoveView:
        """A rumoured move as shown: who, from, to, fee, and whether it came true (with the transfer)."""
        key = (urls.article_route(article.date, article.slug), slugify(move.player), slugify(move.to_club or ""))
        return {"player": self.player(move.player), "from": self.club(move.from_club),
                "to": self.club(move.to_club), "fee": move.fee.text if move.fee else None, "stage": move.stage,
                "status": self.index.outcomes.statuses.get(key), "proof": self.transfer(self.index.outcomes.proofs.get(key)),
                "confidence": move.confidence, "evidence": move.evidence, "checked": move.checked}

    def transfer(self, transfer: Transfer | None) -> TransferView | None:
        if transfer is None:
            return None
        return {"from": self.club(transfer.from_club), "to": self.club(transfer.to_club), "date": transfer.date,
                "fee": transfer.fee.text if transfer.fee else None, "kind": transfer.kind}

    # Pages -----------------------------------------------------------------
    def page(self, route: str, template: str, title: str, inputs: Any, values: Values,
             description: str = "", feed: str | None = None, kind: str = "website") -> Page:
        """A page whose values `values()` makes only when it must be rendered.

        Every page also gets what its head needs: canonical URL, description, the
        Atom feed it has (a route), and its Open Graph type.
        """
        head: Head = {"title": title, "canonical": self.urls.absolute(route) if self.urls.has_host else None,
                "description": description or self.config.description,
                "feed": self.urls.absolute(feed) if feed else None, "og_type": kind}
        return Page(urls.output_path(route), template, (self.names, head, inputs), lambda: {**head, **values()})

    def paged(self, listing: Listing[T]) -> Iterator[Page]:
        """Split a list over pages. Each page's inputs are the keys of its own items plus
        `listing.inputs`, which must account for everything the shared values are made from."""
        size = listing.per_page
        total = max(1, -(-len(listing.items) // size))
        shared = functools.cache(listing.values)
        for number in range(1, total + 1):
            chunk = listing.items[(number - 1) * size: number * size]
            pager: Pager = {
                "number": number, "total": total,
                "previous": self.urls.url(urls.paged_route(listing.route, number - 1)) if number > 1 else None,
                "next": self.urls.url(urls.paged_route(listing.route, number + 1)) if number < total else None,
            }
            title = listing.title if number == 1 else f"{listing.title} (page {number})"
            yield self.page(urls.paged_route(listing.route, number), listing.template, title,
                            (listing.inputs, number, total, tuple(map(listing.key, chunk))),
                            functools.partial(_list_values, listing.show, chunk, pager, shared),
                            listing.description, listing.feed)

    def talked_about(self, articles: Sequence[Article], count: int = 10
                     ) -> tuple[list[tuple[Link, int]], list[tuple[Link, int]]]:
        """The players and the clubs named in most of these rumours, with how many."""
        players: dict[Link, int] = {}
        clubs: dict[Link, int] = {}
        for article in articles:
            card = self.card(article)
            for link in card["players"]:
                players[link] = players.get(link, 0) + 1
            for link in card["clubs"]:
                clubs[link] = clubs.get(link, 0) + 1
        return _ranked(players, count), _ranked(clubs, count)

    def window_link(self, group: Group) -> Link:
        return Link(group.name, self.urls.url(urls.window_route(group.slug)))

    @property
    def index_size(self) -> int:
        return self.config.per_page * INDEX_PAGE_FACTOR


def _list_values(show: Callable[[Sequence[T]], list[Any]], chunk: Sequence[T], pager: Pager,
                 shared: Values) -> dict[str, Any]:
    return {"items": show(chunk), "paging": pager, **shared()}


def _ranked(counts: dict[Link, int], count: int) -> list[tuple[Link, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].name))[:count]


def rumours_phrase(count: int) -> str:
    """"1 transfer rumour", "3 transfer rumours": for page descriptions."""
    return f"{count} transfer rumour{'s' if count != 1 else ''}"


def move_phrase(move: MoveView) -> str:
    """"Kai Lund: Ajax → Everton" ("?" for a club not named), as feeds and search put a move."""
    return f"{move['player'].name}: {move['from'].name if move['from'] else '?'} → " \
           f"{move['to'].name if move['to'] else '?'}"


def same(entry: T) -> T:
    """An index entry is its own key: a few names, counts and dates."""
    return entry


def moves_club(move: Move, slug: str) -> bool:
    """Whether a move is to or from the club with this slug."""
    return slug in (slugify(move.from_club or ""), slugify(move.to_club or ""))
