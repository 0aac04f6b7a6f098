"""Shared fixtures: tiny sites made from inline {path: text} dicts in a temp folder, and the helpers
that read a built site (which files it rendered, a digest of every file, a crawl of its links).

Test modules take these as fixtures and never import this file (nor each other): each module
that needs the project's folder at import time works it out from its own `__file__`.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urljoin, urlsplit

import pytest


from site_gen.check import html_links
from site_gen.config import SiteConfig, load_config
from site_gen.output.write import MARKER

SiteFactory = Callable[..., SiteConfig]


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The project's folder: templates/, static/, seeds/, tests/."""
    return Path(__file__).resolve().parent.parent


@pytest.fixture
def make_site(tmp_path: Path, project_root: Path) -> SiteFactory:
    """Write `articles` into seeds/ beside the project's own templates and static files."""

    def factory(articles: dict[str, str | bytes], base_url: str | None = None, **settings: object) -> SiteConfig:
        source = tmp_path / "site"
        seeds = source / "seeds"
        seeds.mkdir(parents=True)
        shutil.copytree(project_root / "templates", source / "templates")
        shutil.copytree(project_root / "static", source / "static")
        for name, content in articles.items():
            path = seeds / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        # pages as the templates write them, which the tests read as text (minified pages are
        # checked against these in test_build); a site.toml, so that any build of the folder agrees
        (source / "site.toml").write_text("minify_html = false\n", encoding="utf-8")
        return load_config(source, out_dir=tmp_path / "out", base_url=base_url, **settings)

    return factory


@pytest.fixture
def seed_text(project_root: Path) -> str:
    return next((project_root / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")


# The helpers below are plain functions handed out by session-scoped fixtures, so that
# Hypothesis tests can take them too.


def _rendered_files(out: Path) -> list[Path]:
    """What a build renders into `out`: pages, feeds, sitemap, robots.txt and open data (not assets or the search index)."""
    return sorted(p for p in out.rglob("*")
                  if p.is_file() and not p.relative_to(out).as_posix().startswith(("static/", "pagefind/", ".")))


@pytest.fixture(scope="session")
def rendered_files() -> Callable[[Path], list[Path]]:
    """`rendered_files(out)`: the files a build renders into `out`, sorted."""
    return _rendered_files


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file of a built site with a digest of its bytes; of the marker, only its base URL (it
    also names the build that made the site, which differs from build to build)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(
        p.read_bytes() if p.name != MARKER else "".join(
            line for line in p.read_text(encoding="utf-8").splitlines(True) if not line.startswith("build: ")
        ).encode()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def snapshot() -> Callable[[Path], dict[str, str]]:
    """`snapshot(folder)`: {relative path: sha256} of every file of a built site (see `_snapshot`)."""
    return _snapshot


@dataclass
class CrawlResult:
    visited: set[str] = field(default_factory=set)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (page, link)


def _crawl(out_dir: Path, base_path: str = "/", start: str = "") -> CrawlResult:
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
        html = _file_for(out_dir, base_path, url).read_text(encoding="utf-8")
        for link in html_links(html):
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue  # external
            path = parts.path
            file = _file_for(out_dir, base_path, path) if path.startswith(base_path) else None
            if file is None or not file.is_file():
                result.broken.append((url, link))
            elif file.suffix == ".html" and path not in result.visited:
                queue.append(path)
    return result


def _file_for(out_dir: Path, base_path: str, url_path: str) -> Path:
    relative = unquote(url_path[len(base_path):])
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return out_dir / relative


@pytest.fixture(scope="session")
def crawl_site() -> Callable[..., CrawlResult]:
    """`crawl_site(out_dir, base_path="/", start="")`: crawl a built site on disk the way a browser
    would follow its links; the result has `visited` (URL paths) and `broken` ((page, link) pairs)."""
    return _crawl


@pytest.fixture(scope="session")
def file_for() -> Callable[[Path, str, str], Path]:
    """`file_for(out_dir, base_path, url_path)`: the file a root-relative URL is served from."""
    return _file_for
