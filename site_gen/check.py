"""`site-gen check`: validate every input and the last built site without writing anything.

For CI and pre-commit hooks: every problem is listed, and the caller exits 1 if there is any.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from site_gen.build import extract_articles, gather, index_site
from site_gen.config import SiteConfig
from site_gen.errors import SiteError
from site_gen.output.render import Renderer
from site_gen.output.write import built_base_url
from site_gen.site.maker import PageMaker
from site_gen.site.plan import make_pages
from site_gen.urls import SiteUrls


@dataclass(frozen=True, slots=True)
class InputCheck:
    """What checking the inputs found: problems (which fail the check), and where the transfers
    table and the archive's own reports disagree (listed; the table wins)."""

    problems: tuple[str, ...]
    disagreements: tuple[str, ...] = ()


def check_inputs(config: SiteConfig) -> InputCheck:
    """Problems in the articles, corrections, transfers table and templates: the build's own
    stages, with every page rendered in memory only."""
    try:
        inputs = gather(config)
        extracted = extract_articles(inputs)
        indexed = index_site(inputs, extracted.articles)
        renderer = Renderer(config)
    except SiteError as error:
        return InputCheck((str(error),))
    problems = [str(problem) for problem in (*extracted.problems, *indexed.problems)]
    failed_templates: set[str] = set()
    for page in make_pages(PageMaker(indexed.index, config)):
        if page.template in failed_templates:
            continue  # one message per broken template, not one per page
        try:
            renderer.render(page)
        except SiteError as error:
            failed_templates.add(page.template)
            problems.append(str(error))
    return InputCheck(tuple(problems), tuple(indexed.index.outcomes.disagreements))


def check_output(out_dir: Path) -> list[str]:
    """Broken internal links and unreadable feeds or data in a built site."""
    base_url = built_base_url(out_dir)
    if base_url is None:
        return [f"{out_dir}: no site built by site_gen here (run 'site-gen build' first)"]
    site_urls = SiteUrls(base_url)
    problems: list[str] = []
    for path in sorted(out_dir.rglob("*")):
        relative = path.relative_to(out_dir).as_posix()
        if not path.is_file() or relative.startswith("."):
            continue
        if path.suffix == ".html":
            page_url = site_urls.url(relative)
            for link in dict.fromkeys(html_links(path.read_text(encoding="utf-8"))):  # each once per page
                if not _resolves(out_dir, site_urls, urljoin(page_url, link)):
                    problems.append(f"{path}: broken link {link}")
        elif path.suffix == ".xml":
            problems.extend(_check_xml(path, out_dir, site_urls))
        elif path.suffix == ".json":
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except ValueError as error:
                problems.append(f"{path}: invalid JSON: {error}")
    return problems


def _check_xml(path: Path, out_dir: Path, site_urls: SiteUrls) -> list[str]:
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        return [f"{path}:{error.position[0]}: invalid XML: {error}"]
    problems = []
    for element in root.iter():
        link = element.get("href") if element.tag.endswith("}link") else (
            element.text if element.tag.endswith("}loc") else None)
        if link and not _resolves(out_dir, site_urls, link):
            problems.append(f"{path}: broken link {link}")
    return problems


def _resolves(out_dir: Path, site_urls: SiteUrls, url: str) -> bool:
    """Whether a URL outside the site, or a file of the site, is what it points to."""
    absolute = url.startswith(site_urls.base_url) and site_urls.base_url != site_urls.base_path
    parts = urlsplit(url.removeprefix(site_urls.base_url) if absolute else url)
    if not absolute and (parts.scheme or parts.netloc):
        return True  # another site's address: not ours to check
    path = parts.path if not absolute else site_urls.base_path + parts.path
    if not path.startswith(site_urls.base_path):
        return False
    target = out_dir / unquote(path.removeprefix(site_urls.base_path))
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.is_file()


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("href", "src") and not value.startswith(("#", "mailto:")):
                self.links.append(value)


def html_links(html: str) -> list[str]:
    """Every href and src in a page, in order, except same-page anchors and mail addresses."""
    parser = _LinkParser()
    parser.feed(html)
    return parser.links
