"""The pipeline, in order: load → infer → index → render → write."""

from __future__ import annotations

import gc
import hashlib
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

from site_gen import urls
from site_gen.cache import CACHE_DIR, BuildCache, Loaded, code_fingerprint, tree_fingerprint
from site_gen.config import CONFIG_FILE, SiteConfig
from site_gen.corrections import CORRECTIONS_FILE, Corrections, load_corrections
from site_gen.errors import BuildError, SourceError
from site_gen.gazetteer import Gazetteer, load_gazetteer
from site_gen.index import build_index
from site_gen.infer import make_article
from site_gen.load import load_source, read_bytes
from site_gen.model import Article, BuildReport
from site_gen.site import make_pages
from site_gen.render import Renderer
from site_gen.sources import find_articles
from site_gen.urls import slugify
from site_gen.write import PatchedOutput, StagedOutput, built_base_url


def build(config: SiteConfig, strict: bool = False, use_cache: bool = True, cache: BuildCache | None = None,
          in_place: bool = False) -> BuildReport:
    """Build the whole site into `config.out_dir`, replacing it only on success.

    A bad article is skipped with a warning naming it; with `strict`, any
    warning fails the build (`BuildError`) before anything is written. With the
    cache (on unless `use_cache` is off; `serve` passes one kept in memory), only
    changed articles are read again and only changed pages rendered again; a build
    with nothing changed writes nothing at all. `in_place` (the preview) rewrites only
    the changed files of the last site instead of staging a whole new one.
    """
    with paused_gc():  # a build makes many objects and no cycles worth collecting while it runs
        return _build(config, strict, use_cache, cache, in_place)


def _build(config: SiteConfig, strict: bool, use_cache: bool, cache: BuildCache | None,
           in_place: bool) -> BuildReport:
    started = time.perf_counter()
    started_ns = time.time_ns()
    warnings: list[str] = []
    corrections = load_corrections(config.source_dir)
    paths = find_articles(config.seeds_dir)
    code = code_fingerprint() + tree_fingerprint(config.source_dir / CORRECTIONS_FILE)
    if cache is None:
        cache = BuildCache(config.out_dir / CACHE_DIR, code, use_cache)
    cache.ensure_code(code)
    inputs, newest = _inputs_fingerprint(config, paths, code)
    same_site = built_base_url(config.out_dir) == config.base_url  # the last build is in place, for this URL
    if inputs == cache.inputs and cache.trusts(newest) and same_site:
        summary = cache.summary  # nothing changed since the last build, which is still in place
        if strict and summary["warnings"]:
            raise BuildError(_strict_message(summary["warnings"]))
        return BuildReport(articles=summary["articles"], pages=summary["pages"],
                           seconds=time.perf_counter() - started, warnings=tuple(summary["warnings"]), rendered=0)
    entries: dict[str, tuple[int, int, str, Loaded]] = {}
    articles = read_articles(paths, warnings, corrections, cache, entries)
    if strict and warnings:
        raise BuildError(_strict_message(warnings))
    index = build_index(articles)
    renderer = Renderer(config)
    environment = repr(config)
    fingerprints: dict[str, Any] = {}
    rendered = 0
    patch = in_place and bool(cache.pages) and same_site
    output = PatchedOutput(config.out_dir, config.base_url, set(cache.pages), CACHE_DIR) if patch \
        else StagedOutput(config.out_dir, config.base_url)
    with output:
        digests = {name: entry[2] for name, entry in entries.items()}
        for page in make_pages(index, config, digests):
            page_key = (environment, renderer.fingerprint(page.template), page.inputs)
            fingerprints[page.path] = page_key
            if cache.pages.get(page.path) == page_key and output.reuse(page.path):
                continue  # the same inputs through the same templates: the same file as last time
            output.write_text(page.path, renderer.render(page))
            rendered += 1
        output.copy_tree(config.static_dir, "static")
        summary = {"articles": len(articles), "pages": len(fingerprints), "warnings": warnings}
        cache.save(output.path_for(CACHE_DIR), entries, fingerprints, inputs, summary, started_ns)  # swapped in with the site
        output.commit()
    return BuildReport(articles=len(articles), pages=len(fingerprints), seconds=time.perf_counter() - started,
                       warnings=tuple(warnings), rendered=rendered)


def _strict_message(warnings: list[str]) -> str:
    return f"{len(warnings)} problem(s) in the input; --strict builds nothing:\n" + "\n".join(warnings)


def _inputs_fingerprint(config: SiteConfig, paths: list[Path], code: str) -> tuple[str, int]:
    """Everything a build reads, cheaply: article files by name, size and mtime; the rest by content.

    Also the newest article mtime, since a file changed twice in one clock tick keeps its stat data.
    """
    digest = hashlib.sha256(code.encode() + repr(config).encode())
    newest = 0
    for path in paths:
        try:
            stat = path.stat()
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
            newest = max(newest, stat.st_mtime_ns)
        except OSError:
            digest.update(f"{path.name}\0unreadable\n".encode())
    digest.update(tree_fingerprint(config.templates_dir, config.static_dir, config.source_dir / CONFIG_FILE).encode())
    return digest.hexdigest(), newest


def read_articles(paths: list[Path], warnings: list[str], corrections: Corrections | None = None,
                  cache: BuildCache | None = None,
                  entries: dict[str, tuple[int, int, str, Loaded]] | None = None) -> list[Article]:
    """Load and infer every article; each unusable one becomes a warning, not a stop.

    Records of unchanged files come from `cache`; `entries` receives this
    build's record (or error) for every file, for the next build's cache.
    """
    with paused_gc():
        return _read_articles(paths, warnings, corrections, cache, {} if entries is None else entries)


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


def _read_articles(paths: list[Path], warnings: list[str], corrections: Corrections | None,
                   cache: BuildCache | None, entries: dict[str, tuple[int, int, str, Loaded]]) -> list[Article]:
    gazetteer = (corrections or Corrections()).extend(load_gazetteer())
    articles: list[Article] = []
    routes: dict[str, Path] = {}
    for path in paths:
        loaded = _load_article(path, gazetteer, corrections, cache, entries)
        if isinstance(loaded, str):
            warnings.append(loaded)
            continue
        article = loaded
        route = urls.article_route(article.date, article.slug)
        if route in routes and not article.explicit_slug:
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


def _load_article(path: Path, gazetteer: Gazetteer, corrections: Corrections | None, cache: BuildCache | None,
                  entries: dict[str, tuple[int, int, str, Loaded]]) -> Loaded:
    """One file's record, or the message saying why there is none; from the cache when the file is unchanged."""
    try:
        stat = path.stat()
        loaded = cache.lookup(path, stat.st_size, stat.st_mtime_ns) if cache else None
        if loaded is not None:
            entries[path.name] = (stat.st_size, stat.st_mtime_ns, cache.articles[path.name][2], loaded)  # type: ignore[union-attr]
            return loaded
        data = read_bytes(path)
        digest = hashlib.sha256(data).hexdigest()
        loaded = cache.lookup(path, -1, -1, digest) if cache else None
        if loaded is None:
            try:
                loaded = make_article(load_source(path, data), gazetteer, corrections)
            except SourceError as error:
                loaded = str(error)
        entries[path.name] = (stat.st_size, stat.st_mtime_ns, digest, loaded)
        return loaded
    except OSError as error:
        return str(SourceError(path, f"cannot be read: {error.strerror or error}"))
    except SourceError as error:
        return str(error)
