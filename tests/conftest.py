"""Shared fixtures: tiny sites made from inline {path: text} dicts in a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

from site_gen.config import SiteConfig, load_config

PROJECT = Path(__file__).resolve().parent.parent

SiteFactory = Callable[..., SiteConfig]


def rendered_files(out: Path) -> list[Path]:
    """What a build renders into `out`: pages, feeds, sitemap, robots.txt and open data (not assets or the search index)."""
    return sorted(p for p in out.rglob("*")
                  if p.is_file() and not p.relative_to(out).as_posix().startswith(("static/", "pagefind/", ".")))


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    """Write `articles` into seeds/ beside the project's own templates and static files."""

    def factory(articles: dict[str, str | bytes], base_url: str | None = None, **settings: object) -> SiteConfig:
        source = tmp_path / "site"
        seeds = source / "seeds"
        seeds.mkdir(parents=True)
        shutil.copytree(PROJECT / "templates", source / "templates")
        shutil.copytree(PROJECT / "static", source / "static")
        for name, content in articles.items():
            path = seeds / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return load_config(source, out_dir=tmp_path / "out", base_url=base_url, **settings)

    return factory


@pytest.fixture
def seed_text() -> str:
    return next((PROJECT / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
