"""Crawl a built site on disk the way a browser would follow its links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("img", "script"))):
                self.links.append(value)


def links_of(html: str) -> list[str]:
    parser = _LinkParser()
    parser.feed(html)
    return parser.links


@dataclass
class CrawlResult:
    visited: set[str] = field(default_factory=set)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (page, link)


def crawl(out_dir: Path, base_path: str = "/", start: str = "") -> CrawlResult:
    """Follow every internal link from the home page; report links to missing files.

    URLs are root-relative under `base_path`, as site_gen writes them.
    """
    result = CrawlResult()
    queue = [base_path + start]
    while queue:
        url = queue.pop()
        if url in result.visited:
            continue
        result.visited.add(url)
        html = file_for(out_dir, base_path, url).read_text(encoding="utf-8")
        for link in links_of(html):
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue  # external
            path = parts.path
            file = file_for(out_dir, base_path, path) if path.startswith(base_path) else None
            if file is None or not file.is_file():
                result.broken.append((url, link))
            elif file.suffix == ".html" and path not in result.visited:
                queue.append(path)
    return result


def file_for(out_dir: Path, base_path: str, url_path: str) -> Path:
    relative = unquote(url_path[len(base_path):])
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return out_dir / relative
