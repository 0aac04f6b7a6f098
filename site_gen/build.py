"""The pipeline, in order: load → infer → index → render → write."""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from site_gen import urls
from site_gen.config import SiteConfig
from site_gen.corrections import Corrections, load_corrections
from site_gen.errors import BuildError, SourceError
from site_gen.gazetteer import load_gazetteer
from site_gen.index import build_index
from site_gen.infer import make_article
from site_gen.load import load_source
from site_gen.model import Article, BuildReport
from site_gen.pages import make_pages
from site_gen.render import Renderer
from site_gen.sources import find_articles
from site_gen.urls import slugify
from site_gen.write import StagedOutput


def build(config: SiteConfig, strict: bool = False) -> BuildReport:
    """Build the whole site into `config.out_dir`, replacing it only on success.

    A bad article is skipped with a warning naming it; with `strict`, any
    warning fails the build (`BuildError`) before anything is written.
    """
    started = time.perf_counter()
    warnings: list[str] = []
    corrections = load_corrections(config.source_dir)
    articles = read_articles(find_articles(config.seeds_dir), warnings, corrections)
    if strict and warnings:
        raise BuildError(f"{len(warnings)} problem(s) in the input; --strict builds nothing:\n"
                         + "\n".join(warnings))
    index = build_index(articles)
    renderer = Renderer(config)
    with StagedOutput(config.out_dir, config.base_url) as output:
        pages = 0
        for page in make_pages(index, config):
            output.write_text(page.path, renderer.render(page))
            pages += 1
        output.copy_tree(config.static_dir, "static")
        output.commit()
    return BuildReport(articles=len(articles), pages=pages, seconds=time.perf_counter() - started,
                       warnings=tuple(warnings))


def read_articles(paths: list[Path], warnings: list[str], corrections: Corrections | None = None) -> list[Article]:
    """Load and infer every article; each unusable one becomes a warning, not a stop."""
    with paused_gc():
        return _read_articles(paths, warnings, corrections)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while many short-lived, cycle-free objects are made.

    Extraction allocates heavily and builds no reference cycles; the collector's
    repeated scans of the long-lived gazetteer cost about a third of its time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_articles(paths: list[Path], warnings: list[str], corrections: Corrections | None) -> list[Article]:
    gazetteer = (corrections or Corrections()).extend(load_gazetteer())
    articles: list[Article] = []
    routes: dict[str, Path] = {}
    for path in paths:
        try:
            source = load_source(path)
            article = make_article(source, gazetteer, corrections)
        except SourceError as error:
            warnings.append(str(error))
            continue
        route = urls.article_route(article.date, article.slug)
        if route in routes and "slug" not in source.front_matter:
            # Two inferred titles alike: the file name tells them apart, stably.
            article = replace(article, slug=f"{article.slug}-{slugify(path.stem)}")
            route = urls.article_route(article.date, article.slug)
        if route in routes:
            warnings.append(f"{path}: has the same URL /{route} as {routes[route]} "
                            "(give one of them another 'slug:' in front matter); skipped")
            continue
        routes[route] = path
        articles.append(article)
    return articles
