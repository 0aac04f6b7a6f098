"""The pages of the site, as data: `SiteIndex` → list of `Page`. Pure: no I/O, no templates.

Feeds (feeds.py) and open data (api.py) are made with the same `PageMaker`;
site.py lists every output. Each page carries its inputs (what it is made from) and makes its values only when asked,
so an incremental build can pass over unchanged pages without making them.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Callable, Iterator, Mapping, NamedTuple, Sequence, TypeVar

from site_gen import urls
from site_gen.cache import fingerprint
from site_gen.config import SiteConfig
from site_gen.charts import fee_chart
from site_gen.index import Group, SiteIndex, transfer_window
from site_gen.markup import body_html
from site_gen.model import Article, Move, Page
from site_gen.outcomes import SourceRecord, Transfer
from site_gen.urls import SiteUrls, slugify

T = TypeVar("T")
#: Names per page on the players, clubs and tags indexes.
INDEX_PAGE_FACTOR = 10
#: Most players a club page lists in each direction (the newest links): big clubs have thousands.
LINKED_LIMIT = 60
#: Longest page description (search engines show about this much).
SUMMARY_LENGTH = 160


class Link(NamedTuple):
    """Something a page links to: its name and finished URL (a tuple, so pages digest fast)."""

    name: str
    url: str


Values = Callable[[], dict[str, Any]]


class PageMaker:
    """Makes every HTML page of the site; feeds.py and api.py make the other outputs with it."""

    def __init__(self, index: SiteIndex, config: SiteConfig, source_digests: Mapping[str, str]) -> None:
        self.index = index
        self.config = config
        self.urls = SiteUrls(config.base_url)
        self.source_digests = source_digests
        self._cards: dict[int, dict[str, Any]] = {}
        self._keys: dict[int, str] = {}
        # Every card shows players' and clubs' names as the index spells them, so any page
        # depends on that spelling table (it changes rarely: a new spelling winning out).
        self.names = fingerprint(([(g.slug, g.name) for g in index.players.values()],
                                  [(g.slug, g.name) for g in index.clubs.values()], index.outcomes_key)).hex()

    # Links -----------------------------------------------------------------
    def player(self, name: str) -> Link:
        slug = slugify(name)
        group = self.index.players.get(slug)
        return Link(group.name if group else name, self.urls.url(urls.player_route(slug)))

    def club(self, name: str | None) -> Link | None:
        if not name:
            return None
        slug = slugify(name)
        group = self.index.clubs.get(slug)
        return Link(group.name if group else name, self.urls.url(urls.club_route(slug)))

    def tag(self, slug: str) -> Link:
        return Link(slug.replace("-", " "), self.urls.url(urls.tag_route(slug)))

    def month(self, year: int, month: int) -> Link:
        return Link(dt.date(year, month, 1).strftime("%B %Y"), self.urls.url(urls.month_route(year, month)))

    def key(self, article: Article) -> str:
        """A short name for an article's record: its file's digest and its slug."""
        found = self._keys.get(id(article))
        if found is None:
            digest = self.source_digests.get(article.path.name) or fingerprint(article).hex()
            found = self._keys[id(article)] = f"{digest}/{article.slug}"
        return found

    def keys(self, articles: Sequence[Article]) -> str:
        """One digest for a list of articles, for values made from all of them."""
        return fingerprint([self.key(article) for article in articles]).hex()

    def card(self, article: Article) -> dict[str, Any]:
        """What a list shows of an article; made once per article and shared."""
        key = id(article)
        if key not in self._cards:
            self._cards[key] = {
                "title": article.title,
                "url": self.urls.url(urls.article_route(article.date, article.slug)),
                "date": article.date,
                "players": [self.player(name) for name in article.players],
                "clubs": [link for link in map(self.club, article.clubs) if link],
                "moves": [self.move(move, article) for move in article.moves],
                "fee": next((m.fee.text for m in article.moves if m.fee), None)
                or (article.fees[0].text if article.fees else None),
                "source": article.source,
                "tags": [self.tag(tag) for tag in article.tags],
            }
        return self._cards[key]

    def ordered(self, articles: list[Article]) -> Sequence[Article]:
        """A list of rumours in the configured order (the index keeps them newest first)."""
        return articles if self.config.order == "newest-first" else articles[::-1]

    def cards(self, articles: Sequence[Article]) -> list[dict[str, Any]]:
        return [self.card(article) for article in articles]

    def move(self, move: Move, article: Article) -> dict[str, Any]:
        """A rumoured move as shown: who, from, to, fee, and whether it came true (with the transfer)."""
        key = (urls.article_route(article.date, article.slug), slugify(move.player), slugify(move.to_club or ""))
        return {"player": self.player(move.player), "from": self.club(move.from_club),
                "to": self.club(move.to_club), "fee": move.fee.text if move.fee else None,
                "status": self.index.outcomes.statuses.get(key), "proof": self.transfer(self.index.outcomes.proofs.get(key))}

    def transfer(self, transfer: Transfer | None) -> dict[str, Any] | None:
        if transfer is None:
            return None
        return {"from": self.club(transfer.from_club), "to": self.club(transfer.to_club), "date": transfer.date,
                "fee": transfer.fee.text if transfer.fee else None, "kind": transfer.kind}

    # Pages -----------------------------------------------------------------
    def html_pages(self) -> Iterator[Page]:
        """Every HTML page: home, articles, players, clubs, tags, months, and the 404 page."""
        yield from self.home()
        yield from self.articles()
        yield from self.players()
        yield from self.clubs()
        yield from self.tags()
        yield from self.months()
        yield from self.windows()
        yield from self.sources()
        yield self.page(urls.SEARCH_ROUTE, "search.html", "Search", (), dict,
                        "Search every rumour, player and club in the archive.")
        yield self.page(urls.NOT_FOUND_ROUTE, "404.html", "Page not found", (), dict)

    def page(self, route: str, template: str, title: str, inputs: Any, values: Values,
             description: str = "", feed: str | None = None, kind: str = "website") -> Page:
        """A page whose values `values()` makes only when it must be rendered.

        Every page also gets what its head needs: canonical URL, description, the
        Atom feed it has (a route), and its Open Graph type.
        """
        head = {"title": title, "canonical": self.urls.absolute(route),
                "description": description or self.config.description,
                "feed": self.urls.absolute(feed) if feed else None, "og_type": kind}
        return Page(urls.output_path(route), template, (self.names, head, inputs), lambda: {**head, **values()})

    def paged(self, route: str, template: str, title: str, items: Sequence[T], size: int,
              show: Callable[[Sequence[T]], list[Any]], key: Callable[[T], Any],
              inputs: Any = (), values: Values = dict, description: str = "", feed: str | None = None
              ) -> Iterator[Page]:
        """Split a list over pages: page 1 at `route`, then `route`/page/2/ and on.

        Each page's inputs are the keys of its own items plus `inputs`, which must
        account for everything `values()` (shared by all the pages) is made from.
        """
        total = max(1, -(-len(items) // size))
        shared = functools.cache(values)
        for number in range(1, total + 1):
            chunk = items[(number - 1) * size: number * size]
            pager = {
                "number": number, "total": total,
                "previous": self.urls.url(urls.paged_route(route, number - 1)) if number > 1 else None,
                "next": self.urls.url(urls.paged_route(route, number + 1)) if number < total else None,
            }
            page_title = title if number == 1 else f"{title} (page {number})"
            yield self.page(urls.paged_route(route, number), template, page_title,
                            (inputs, number, total, tuple(map(key, chunk))),
                            functools.partial(_list_values, show, chunk, pager, shared), description, feed)

    def home(self) -> Iterator[Page]:
        latest = next(iter(self.index.windows.values()), None)  # the newest window comes first
        window = self.window_link(latest) if latest else None
        top_players, top_clubs = self.talked_about(latest.articles) if latest else ([], [])
        yield from self.paged(urls.home_route(), "home.html", self.config.title, self.ordered(self.index.articles),
                              self.config.per_page, self.cards, self.key, (window, top_players, top_clubs),
                              lambda: {"window": window, "top_players": top_players, "top_clubs": top_clubs},
                              feed=urls.feed_route(urls.home_route()))

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

    def articles(self) -> Iterator[Page]:
        for article in self.index.articles:
            yield self.page(urls.article_route(article.date, article.slug), "article.html", article.title,
                            self.key(article), functools.partial(self.article_values, article),
                            self.summary(article), kind="article")

    def summary(self, article: Article) -> str:
        """A line saying what an article reports: its moves, else the start of its text."""
        moves = [f"{m.player}: {m.from_club or '?'} → {m.to_club or '?'}" + (f" ({m.fee.text})" if m.fee else "")
                 for m in article.moves]
        text = "; ".join(moves) if moves else " ".join(article.body.split())
        text += f". Source: {article.source}." if moves and article.source else ""
        return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"

    def article_values(self, article: Article) -> dict[str, Any]:
        return {"article": self.card(article), "body": body_html(article, self.config.raw_html),
                "month": self.month(article.date.year, article.date.month)}

    def name_index(self, route: str, title: str, groups: list[Group], link: Callable[[str], Link | None]
                   ) -> Iterator[Page]:
        """An alphabetical index of players or clubs, each with its count and latest date."""
        entries = [(link(g.name), len(g.articles), g.articles[0].date) for g in groups]
        yield from self.paged(route, "names.html", title, entries, self.index_size, list, _same)

    def players(self) -> Iterator[Page]:
        groups = _by_name(self.index.players)
        yield from self.name_index(urls.PLAYERS_ROUTE, "Players", groups, self.player)
        for group in groups:
            route = urls.player_route(group.slug)
            yield from self.paged(route, "player.html", group.name, self.ordered(group.articles),
                                  self.config.per_page, functools.partial(self.timeline, group), self.key,
                                  self.keys(group.articles), functools.partial(self.player_values, group),
                                  f"{_rumours(len(group.articles))} about {group.name}, "
                                  f"{group.articles[-1].date:%B %Y} to {group.articles[0].date:%B %Y}: "
                                  "clubs linked, fees and sources.", urls.feed_route(route))

    def timeline(self, group: Group, articles: Sequence[Article]) -> list[dict[str, Any]]:
        """A player's rumours grouped by transfer window, each card with the moves that are his."""
        windows: list[dict[str, Any]] = []
        for article in articles:
            slug, name = transfer_window(article.date)
            if not windows or windows[-1]["slug"] != slug:
                windows.append({"slug": slug, "window": Link(name, self.urls.url(urls.window_route(slug))),
                                "items": []})
            windows[-1]["items"].append(
                {**self.card(article), "player_moves": [self.move(m, article) for m in self.index.moves_of(article, group.slug)]})
        return windows

    def player_values(self, group: Group) -> dict[str, Any]:
        clubs: dict[str, int] = {}
        for article in group.articles:
            for move in self.index.moves_of(article, group.slug):
                for club in (move.to_club, move.from_club):
                    if club:
                        clubs[club] = clubs.get(club, 0) + 1
        linked = [(self.club(name), n) for name, n in sorted(clubs.items(), key=lambda kv: (-kv[1], kv[0]))]
        fees = self.fees_of(group)
        return {"name": group.name, "linked_clubs": linked, "first": group.articles[-1].date,
                "latest": group.articles[0].date, "count": len(group.articles),
                "fee_range": (min(fees, key=lambda f: f[1])[2], max(fees, key=lambda f: f[1])[2]) if fees else None,
                "chart": fee_chart(fees, f"Rumoured fee for {group.name} over time"),
                "verdict": self.verdict(group.slug)}

    def verdict(self, player_slug: str) -> dict[str, Any] | None:
        """Where a player went after he was first rumoured, and how near the rumoured fees were."""
        found = self.index.outcomes.verdicts.get(player_slug)
        if found is None:
            return None
        return {"transfers": [self.transfer(t) for t in found.transfers], "fee_error": found.fee_error,
                "fee_error_share": found.fee_error_share}

    def fees_of(self, group: Group) -> list[tuple[dt.date, float, str]]:
        """(date, millions, as written) of the fees rumoured for a player, in his commonest currency."""
        found = [(article.date, move.fee) for article in group.articles
                 for move in self.index.moves_of(article, group.slug) if move.fee and move.fee.millions]
        currencies = [fee.currency for _, fee in found]
        common = max(set(currencies), key=lambda c: (currencies.count(c), c or "")) if currencies else None
        return [(date, fee.millions, fee.text) for date, fee in found
                if fee.currency == common and fee.millions is not None]

    def clubs(self) -> Iterator[Page]:
        groups = _by_name(self.index.clubs)
        yield from self.name_index(urls.CLUBS_ROUTE, "Clubs", groups, self.club)
        for group in groups:
            # the players linked with a club come from the moves of its own articles
            route = urls.club_route(group.slug)
            yield from self.paged(route, "club.html", group.name, self.ordered(group.articles),
                                  self.config.per_page, self.cards, self.key, self.keys(group.articles),
                                  functools.partial(self.club_values, group),
                                  f"{_rumours(len(group.articles))} involving {group.name}: "
                                  "the players linked in and out.", urls.feed_route(route))

    def club_values(self, group: Group) -> dict[str, Any]:
        links = sorted(self.index.club_players.get(group.slug, {}).values(),
                       key=lambda link: (-link.latest.toordinal(), link.player_slug))
        players: dict[str, list[tuple[Link, int, dt.date]]] = {}
        more: dict[str, int] = {}
        for direction in ("in", "out", "mentioned"):
            shown = [(self.player(self.index.players[link.player_slug].name), link.count, link.latest)
                     for link in links if link.direction == direction and link.player_slug in self.index.players]
            players[direction], more[direction] = shown[:LINKED_LIMIT], max(0, len(shown) - LINKED_LIMIT)
        partners: dict[str, int] = {}
        for article in group.articles:
            for move in article.moves:
                ends = {slugify(c): c for c in (move.from_club, move.to_club) if c}
                if group.slug in ends and len(ends) == 2:
                    other = next(name for slug, name in ends.items() if slug != group.slug)
                    partners[other] = partners.get(other, 0) + 1
        trades = [(self.club(name), n) for name, n in sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))[:10]]
        return {"name": group.name, "linked": players, "more": more, "count": len(group.articles),
                "partners": trades}

    def tags(self) -> Iterator[Page]:
        groups = sorted(self.index.tags.values(), key=lambda g: g.slug)
        most = max((len(g.articles) for g in groups), default=1)
        # (link, count, weight 1–5 for the tag cloud: the share of the commonest tag's count)
        entries = [(self.tag(g.slug), len(g.articles), 1 + (4 * len(g.articles)) // most) for g in groups]
        yield from self.paged(urls.TAGS_ROUTE, "tags.html", "Tags", entries, self.index_size, list, _same)
        for group in groups:
            yield from self.paged(urls.tag_route(group.slug), "rumours.html", f"Tagged “{self.tag(group.slug).name}”",
                                  self.ordered(group.articles), self.config.per_page, self.cards, self.key)

    def months(self) -> Iterator[Page]:
        keys = sorted(self.index.months, reverse=True)
        # a calendar: every month of each year, with its link and count where it has rumours
        years: dict[int, list[tuple[str, Link | None, int]]] = {}
        for year in sorted({year for year, _ in keys}, reverse=True):
            years[year] = [(dt.date(year, month, 1).strftime("%b"),
                            self.month(year, month) if (year, month) in self.index.months else None,
                            len(self.index.months.get((year, month), ()))) for month in range(1, 13)]
        yield self.page(urls.ARCHIVE_ROUTE, "archive.html", "Archive", years, lambda: {"years": years},
                        "Every month of rumours, year by year.")
        for year, month in keys:
            link = self.month(year, month)
            yield from self.paged(urls.month_route(year, month), "rumours.html", link.name,
                                  self.ordered(self.index.months[(year, month)]), self.config.per_page, self.cards,
                                  self.key)

    def windows(self) -> Iterator[Page]:
        """The transfer windows, newest first, and a page for each: its rumours and most-linked names."""
        groups = list(self.index.windows.values())
        entries = [(self.window_link(g), len(g.articles), g.articles[0].date) for g in groups]
        yield from self.paged(urls.WINDOWS_ROUTE, "windows.html", "Transfer windows", entries, self.index_size,
                              list, _same, description="Every transfer window's rumours, newest first.")
        for group in groups:
            yield from self.paged(urls.window_route(group.slug), "window.html", f"{group.name} window",
                                  self.ordered(group.articles), self.config.per_page, self.cards, self.key,
                                  self.keys(group.articles), functools.partial(self.window_values, group),
                                  f"{_rumours(len(group.articles))} of the {group.name} transfer window: "
                                  "the players and clubs linked most.")

    def sources(self) -> Iterator[Page]:
        """The outlets ranked by how often their rumours came true, and a page for each."""
        records = list(self.index.outcomes.sources.values())
        minimum = self.config.min_sample
        ranked = sorted((r for r in records if r.decided >= minimum), key=lambda r: (-(r.hit_rate or 0), -r.decided, r.slug))
        unranked = sorted((r for r in records if r.decided < minimum), key=lambda r: (-r.decided, r.slug))
        entries = [self.source_entry(r) for r in ranked]
        others = [self.source_entry(r) for r in unranked]
        yield self.page(urls.SOURCES_ROUTE, "sources.html", "Sources", (entries, others, minimum),
                        lambda: {"ranked": entries, "unranked": others, "minimum": minimum},
                        "Which outlets' transfer rumours came true, and how often.")
        for record in records:
            entry = self.source_entry(record)
            yield from self.paged(urls.source_route(record.slug), "source.html", record.name,
                                  self.ordered(list(record.articles)), self.config.per_page, self.cards, self.key,
                                  entry, functools.partial(dict, record=entry),
                                  f"{_rumours(len(record.articles))} reported by {record.name}, "
                                  "and how many came true.")

    def source_entry(self, record: SourceRecord) -> dict[str, Any]:
        return {"name": record.name, "url": self.urls.url(urls.source_route(record.slug)),
                "rumours": len(record.articles), "came_true": record.came_true, "did_not": record.did_not,
                "open": record.open, "decided": record.decided,
                "hit_rate": round(100 * record.hit_rate) if record.hit_rate is not None else None}

    def window_values(self, group: Group) -> dict[str, Any]:
        players, clubs = self.talked_about(group.articles)
        return {"name": group.name, "count": len(group.articles), "top_players": players, "top_clubs": clubs}

    @property
    def index_size(self) -> int:
        return self.config.per_page * INDEX_PAGE_FACTOR


def _list_values(show: Callable[[Sequence[T]], list[Any]], chunk: Sequence[T], pager: dict[str, Any],
                 shared: Values) -> dict[str, Any]:
    return {"items": show(chunk), "paging": pager, **shared()}


def _by_name(groups: dict[str, Group]) -> list[Group]:
    return sorted(groups.values(), key=lambda g: (g.name.casefold(), g.slug))


def _ranked(counts: dict[Link, int], count: int) -> list[tuple[Link, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].name))[:count]


def _rumours(count: int) -> str:
    return f"{count} transfer rumour{'s' if count != 1 else ''}"


def _same(entry: T) -> T:
    """An index entry is its own key: a few names, counts and dates."""
    return entry
