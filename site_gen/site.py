"""Every output of the site, in one list: HTML pages, feeds, sitemap, robots.txt and open data."""

from __future__ import annotations

from typing import Iterator, Mapping

from site_gen import urls
from site_gen.api import api_pages
from site_gen.config import SiteConfig
from site_gen.feeds import TEXT, feed_pages, sitemap_pages
from site_gen.index import SiteIndex
from site_gen.model import Page
from site_gen.pages import PageMaker


def make_pages(index: SiteIndex, config: SiteConfig, source_digests: Mapping[str, str] | None = None
               ) -> Iterator[Page]:
    """Every file the build renders, each with the inputs it is made from and a way to make its values.

    `source_digests` (file name → digest of its bytes) name each article cheaply;
    without them an article is named by a digest of its record.
    """
    maker = PageMaker(index, config, source_digests or {})
    html_routes: list[str] = []
    for page in maker.html_pages():
        if page.path != urls.NOT_FOUND_ROUTE:
            html_routes.append(urls.route_of(page.path))
        yield page
    yield from feed_pages(maker)
    yield from api_pages(maker)
    yield from sitemap_pages(maker, html_routes)
    if config.cname:  # GitHub Pages serves the site at this custom domain
        cname = config.cname + "\n"
        yield Page("CNAME", TEXT, cname, lambda: {"text": cname})
