"""Every output of the site, in one list: HTML pages, feeds, sitemap, robots.txt and open data."""

from __future__ import annotations

from typing import Iterator

from site_gen import urls
from site_gen.model import TEXT_OUTPUT, Page
from site_gen.site.api import api_pages
from site_gen.site.articles import article_pages
from site_gen.site.calendar import month_pages, window_pages
from site_gen.site.feeds import feed_pages, sitemap_pages
from site_gen.site.finding import name_pages
from site_gen.site.home import home_pages, utility_pages
from site_gen.site.maker import PageMaker
from site_gen.site.people import club_pages, player_pages
from site_gen.site.sources import source_pages
from site_gen.site.tags import tag_pages

#: The HTML page families, in the order the sitemap lists them.
HTML_FAMILIES = (home_pages, article_pages, player_pages, club_pages, tag_pages, month_pages, window_pages,
                 source_pages, utility_pages)


def make_pages(maker: PageMaker) -> Iterator[Page]:
    """Every file the build renders, each with the inputs it is made from and a way to make its values.

    The maker keeps what pages share (links, article keys and cards), so a second pass over the
    pages, and the search records, reuse them.
    """
    config = maker.config
    html_routes: list[str] = []
    for page in (page for family in HTML_FAMILIES for page in family(maker)):
        if page.path != urls.NOT_FOUND_ROUTE:
            html_routes.append(urls.route_of(page.path))
        yield page
    yield from feed_pages(maker)
    yield from api_pages(maker)
    if config.search:
        yield from name_pages(maker)
    if maker.urls.has_host:  # a sitemap lists full URLs: with no base URL there is none to write
        yield from sitemap_pages(maker, html_routes)
    else:
        robots = "User-agent: *\nAllow: /\n"
        yield Page(urls.ROBOTS_ROUTE, TEXT_OUTPUT, robots, lambda: {"text": robots})
    if config.cname:  # GitHub Pages serves the site at this custom domain
        cname = config.cname + "\n"
        yield Page("CNAME", TEXT_OUTPUT, cname, lambda: {"text": cname})
