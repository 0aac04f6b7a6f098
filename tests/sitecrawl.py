"""Crawl a built site on disk the way a browser would follow its links."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from site_gen.check import html_links


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
        for link in html_links(html):
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
