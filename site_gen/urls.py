"""The only place that makes slugs, routes, output paths and URLs.

A *route* is a page's location relative to the site root: a folder with a
trailing slash ("clubs/liverpool/", served from its index.html) or a file
("players/virgil-van-dijk.html", "static/style.css"). The pages whose number
grows with the archive, articles and players, are files: a folder each would
cost the published upload a tar entry per page (about 9 MiB per 10,000 pages)
for no gain to the reader. Templates get finished URLs from `SiteUrls`
so that a site deployed under a sub-path (GitHub Pages project sites live
under "/<repo>/") works without any template knowing about it.
"""

from __future__ import annotations

import datetime as dt
import functools
from urllib.parse import urlsplit

from slugify import slugify as _slugify

from site_gen.errors import ConfigError

_APOSTROPHES = [("'", ""), ("\u2019", ""), ("\u2018", ""), ("£", ""), ("€", ""), ("$", "")]  # "£40m" is "40m"


@functools.lru_cache(maxsize=1 << 19)
def slugify(text: str, max_length: int = 0) -> str:
    """ASCII, lower-case, hyphenated; apostrophes vanish ("St Mary's" → "st-marys").

    Two spellings of one name ("Virgil Van Dijk", "Virgil van Dijk", with or
    without accents) give the same slug, so the slug doubles as identity key.
    """
    slug = _slugify(text, replacements=_APOSTROPHES)
    if max_length and len(slug) > max_length:
        # every word up to the limit, none skipped (the library's own cut drops a long word and goes on)
        cut = slug[:max_length + 1].rsplit("-", 1)[0] if "-" in slug[:max_length + 1] else slug[:max_length]
        slug = cut.strip("-")
    return slug


def home_route() -> str:
    return ""


def article_route(date: dt.date, slug: str) -> str:
    return f"{date.year}/{date.month:02d}/{slug}.html"


def player_route(slug: str) -> str:
    return f"players/{slug}.html"


def club_route(slug: str) -> str:
    return f"clubs/{slug}/"


def tag_route(slug: str) -> str:
    return f"tags/{slug}/"


def month_route(year: int, month: int) -> str:
    return f"archive/{year}/{month:02d}/"


def source_route(slug: str) -> str:
    return f"sources/{slug}/"


def window_route(slug: str) -> str:
    return f"windows/{slug}/"


def feed_route(route: str) -> str:
    """The Atom feed beside a page: "clubs/x/" → "clubs/x/feed.xml"; the home page's is "feed.xml"."""
    return f"{route}feed.xml"


def month_data_route(year: int, month: int) -> str:
    return f"api/rumours/{year}-{month:02d}.json"


def route_of(output_path: str) -> str:
    """The route an output file is served at: "clubs/x/index.html" → "clubs/x/"."""
    return output_path.removesuffix("index.html")


PLAYERS_DATA_ROUTE = "api/players.json"
CLUBS_DATA_ROUTE = "api/clubs.json"
RUMOURS_DATA_ROUTE = "api/rumours.json"
SITEMAP_ROUTE = "sitemap.xml"
ROBOTS_ROUTE = "robots.txt"
WINDOWS_ROUTE = "windows/"
SOURCES_ROUTE = "sources/"
SEARCH_ROUTE = "search/"
PLAYERS_ROUTE = "players/"
CLUBS_ROUTE = "clubs/"
TAGS_ROUTE = "tags/"
ARCHIVE_ROUTE = "archive/"
NOT_FOUND_ROUTE = "404.html"


def paged_route(route: str, number: int) -> str:
    """Page 1 lives at the route itself; page n at "<route>page/n/" ("players/x/page/n.html" for a file)."""
    if number == 1:
        return route
    if route.endswith(".html"):
        return f"{route.removesuffix('.html')}/page/{number}.html"
    return f"{route}page/{number}/"


def output_path(route: str) -> str:
    """The file a route is written to, relative to the output folder."""
    return route + "index.html" if route == "" or route.endswith("/") else route


def normalise_base_url(base_url: str) -> str:
    """Check a base URL and give it exactly one trailing slash.

    Accepts "/", "/archive/", "https://user.github.io/archive" and the like.
    """
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("", "http", "https"):
        raise ConfigError(f"base URL {base_url!r}: scheme must be http or https")
    if parts.scheme and not parts.netloc:
        raise ConfigError(f"base URL {base_url!r}: a host is missing")
    if parts.query or parts.fragment:
        raise ConfigError(f"base URL {base_url!r}: must not carry a query or fragment")
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    if not path.endswith("/"):
        path += "/"
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
    return origin + path


class SiteUrls:
    """Turns routes into the URLs written into pages."""

    def __init__(self, base_url: str) -> None:
        self.base_url = normalise_base_url(base_url)
        parts = urlsplit(self.base_url)
        self.base_path = parts.path  # "/" or "/archive/"

    def url(self, route: str) -> str:
        """Root-relative URL ("/archive/players/x.html"): works at any page depth."""
        return self.base_path + route

    def absolute(self, route: str) -> str:
        """Full URL where the base URL names a host, else the root-relative one."""
        return self.base_url + route

    @property
    def has_host(self) -> bool:
        """Whether the base URL names where the site lives (which canonical links and sitemaps need)."""
        return self.base_url != self.base_path
