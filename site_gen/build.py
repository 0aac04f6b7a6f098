"""The pipeline, in order: load → infer → index → render → write."""

from __future__ import annotations

import functools
import gc
import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from site_gen import urls
from site_gen.output import parallel
from site_gen.output import search
from site_gen.digests import code_fingerprint, fingerprint, tree_fingerprint
from site_gen.output.cache import CACHE_DIR, BuildCache, Loaded
from site_gen.config import CONFIG_FILE, SiteConfig
from site_gen.content.corrections import CORRECTIONS_FILE, Corrections, load_corrections
from site_gen.errors import BuildError, SourceError
from site_gen.extract import Gazetteer, load_gazetteer
from site_gen.site.index import SiteIndex, build_index
from site_gen.content.infer import make_article
from site_gen.content.load import load_source, read_bytes
from site_gen.model import Article, BuildReport
from site_gen.content.transfers import TRANSFERS_FILE, load_transfers
from site_gen.output.progress import NoProgress, Progress
from site_gen.output.render import Renderer
from site_gen.site.plan import make_pages
from site_gen.content.discover import find_articles
from site_gen.urls import slugify
from site_gen.output.write import PatchedOutput, StagedOutput, built_base_url


#: The stages a build reports the time of (summed over processes where several share the work).
STAGES = ("load", "extract", "index", "render", "write", "search")


def build(config: SiteConfig, strict: bool = False, use_cache: bool = True, cache: BuildCache | None = None,
          in_place: bool = False, jobs: int = 1, progress: Progress | None = None) -> BuildReport:
    """Build the whole site into `config.out_dir`, replacing it only on success.

    A bad article is skipped with a warning naming it; with `strict`, any
    warning fails the build (`BuildError`) before anything is written. With the
    cache (on unless `use_cache` is off; `serve` passes one kept in memory), only
    changed articles are read again and only changed pages rendered again; a build
    with nothing changed writes nothing at all. `in_place` (the preview) rewrites only
    the changed files of the last site instead of staging a whole new one. `jobs`
    processes read and render (the result is the same for any number).
    """
    with paused_gc():  # a build makes many objects and no cycles worth collecting while it runs
        try:
            return _build(config, strict, use_cache, cache, in_place, jobs, progress or NoProgress())
        finally:
            (progress or NoProgress()).close()


def _build(config: SiteConfig, strict: bool, use_cache: bool, cache: BuildCache | None,
           in_place: bool, jobs: int, progress: Progress) -> BuildReport:
    started = time.perf_counter()
    started_ns = time.time_ns()
    stages: dict[str, float] = dict.fromkeys(STAGES, 0.0)
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
    articles = read_articles(paths, warnings, corrections, cache, entries, jobs, progress, stages)
    if strict and warnings:
        raise BuildError(_strict_message(warnings))
    clock = time.perf_counter()
    transfers = load_transfers(config.source_dir, (corrections or Corrections()).extend(load_gazetteer()), warnings)
    if strict and warnings:
        raise BuildError(_strict_message(warnings))
    index = build_index(articles, transfers, config.outcome_months)
    stages["index"] = time.perf_counter() - clock
    renderer = Renderer(config)
    patch = in_place and bool(cache.pages) and same_site
    output = PatchedOutput(config.out_dir, config.base_url, set(cache.pages), CACHE_DIR) if patch \
        else StagedOutput(config.out_dir, config.base_url)
    with output:
        digests = {name: entry[2] for name, entry in entries.items()}
        progress.stage("rendering", 0)
        # each process makes every page, then checks and renders its share; the preview keeps
        # changed files in memory until the end, so it does all in this process
        processes = 1 if patch or len(articles) < parallel.MIN_PARALLEL_TASKS else jobs
        render = functools.partial(_render_share, index, config, digests, renderer, cache.pages, output)
        shares = parallel.run_shares(render, processes, progress.advance)
        fingerprints: dict[str, bytes] = {}
        rendered = 0
        searched_changed = False
        for share in shares:
            fingerprints.update(share.fingerprints)
            rendered += share.rendered
            searched_changed |= share.searched_changed
            stages["render"] += share.render_seconds
            stages["write"] += share.write_seconds
        clock = time.perf_counter()
        if isinstance(output, StagedOutput) and config.search:  # the index goes in with the pages it indexes
            if searched_changed or not search.reuse_index(config.out_dir, output):
                search.index_site(output.staging)
        stages["search"] = time.perf_counter() - clock
        clock = time.perf_counter()
        output.copy_files(config.theme.static_files(), "static")
        summary = {"articles": len(articles), "pages": len(fingerprints), "warnings": warnings}
        cache.save(output.path_for(CACHE_DIR), entries, fingerprints, inputs, summary, started_ns)  # swapped in with the site
        output.commit()
        stages["write"] += time.perf_counter() - clock

    return BuildReport(articles=len(articles), pages=len(fingerprints), seconds=time.perf_counter() - started,
                       warnings=tuple(warnings), rendered=rendered, stages=stages)


@dataclass
class _Share:
    """What one process did of the pages: their fingerprints, and how many it rendered, in how long."""

    fingerprints: dict[str, bytes] = field(default_factory=dict)
    rendered: int = 0
    #: whether any page in the search index was rendered anew
    searched_changed: bool = False
    render_seconds: float = 0.0
    write_seconds: float = 0.0


def _render_share(index: SiteIndex, config: SiteConfig, digests: dict[str, str], renderer: Renderer,
                  last_pages: dict[str, bytes], output: StagedOutput | PatchedOutput, share: int, shares: int,
                  tick: Callable[[int], None]) -> _Share:
    """Make every page; of every `shares`-th, starting at `share`, keep the last build's file
    where its fingerprint is unchanged and render the rest."""
    done = _Share()
    environment = repr(config)
    for number, page in enumerate(make_pages(index, config, digests)):
        if number % shares != share:
            continue
        # the settings, the template set and the page's inputs: equal ones make the same file
        digest = fingerprint((environment, renderer.fingerprint(page.template), page.inputs))
        done.fingerprints[page.path] = digest
        tick(1)
        if last_pages.get(page.path) == digest and output.reuse(page.path):
            continue
        clock = time.perf_counter()
        text = renderer.render(page)
        written = time.perf_counter()
        output.write_text(page.path, text)
        done.render_seconds += written - clock
        done.write_seconds += time.perf_counter() - written
        done.rendered += 1
        done.searched_changed |= search.is_searched(page.template, page.path)
    return done


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
    digest.update(tree_fingerprint(config.templates_dir, config.static_dir, config.source_dir / CONFIG_FILE,
                                   config.source_dir / TRANSFERS_FILE).encode())
    return digest.hexdigest(), newest


def read_articles(paths: list[Path], warnings: list[str], corrections: Corrections | None = None,
                  cache: BuildCache | None = None,
                  entries: dict[str, tuple[int, int, str, Loaded]] | None = None, jobs: int = 1,
                  progress: Progress | None = None, stages: dict[str, float] | None = None) -> list[Article]:
    """Load and infer every article; each unusable one becomes a warning, not a stop.

    Records of unchanged files come from `cache`; the others are read in `jobs`
    processes. `entries` receives this build's record (or error) for every file,
    for the next build's cache; `stages` the seconds spent loading and extracting.
    """
    with paused_gc():
        return _read_articles(paths, warnings, corrections, cache, {} if entries is None else entries, jobs,
                              progress or NoProgress(), stages if stages is not None else {})


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
                   cache: BuildCache | None, entries: dict[str, tuple[int, int, str, Loaded]], jobs: int,
                   progress: Progress, stages: dict[str, float]) -> list[Article]:
    gazetteer = (corrections or Corrections()).extend(load_gazetteer())
    found: dict[str, tuple[int, int, str, Loaded]] = {}
    fresh: list[Path] = []
    for path in paths:
        entry = _cached(path, cache)
        if entry is None:
            fresh.append(path)
        else:
            found[path.name] = entry
    progress.stage("reading", len(fresh))
    read = functools.partial(_read_fresh, gazetteer, corrections, cache)
    for results, load_seconds, extract_seconds in parallel.map_slices(read, fresh, jobs, progress.advance):
        found.update(results)
        stages["load"] = stages.get("load", 0.0) + load_seconds
        stages["extract"] = stages.get("extract", 0.0) + extract_seconds
    articles: list[Article] = []
    routes: dict[str, Path] = {}
    for path in paths:
        entries[path.name] = found[path.name]
        loaded = found[path.name][3]
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


def _cached(path: Path, cache: BuildCache | None) -> tuple[int, int, str, Loaded] | None:
    """A file's cache entry if its size and mtime say it is unchanged (no need to read it)."""
    if cache is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None  # reading it will say why
    loaded = cache.lookup(path, stat.st_size, stat.st_mtime_ns)
    return None if loaded is None else (stat.st_size, stat.st_mtime_ns, cache.articles[path.name][2], loaded)


def _read_fresh(gazetteer: Gazetteer, corrections: Corrections | None, cache: BuildCache | None,
                paths: Sequence[Path]) -> tuple[dict[str, tuple[int, int, str, Loaded]], float, float]:
    """Read and infer files (in a worker process, or this one): their entries, and the seconds
    spent loading and extracting."""
    results: dict[str, tuple[int, int, str, Loaded]] = {}
    load_seconds = extract_seconds = 0.0
    for path in paths:
        clock = time.perf_counter()
        try:
            stat = path.stat()
            data = read_bytes(path)
            digest = hashlib.sha256(data).hexdigest()
            loaded = cache.lookup(path, -1, -1, digest) if cache else None  # touched, but the same bytes
            if loaded is None:
                try:
                    source = load_source(path, data)
                    loaded_at = time.perf_counter()
                    load_seconds += loaded_at - clock
                    clock = loaded_at
                    loaded = make_article(source, gazetteer, corrections)
                except SourceError as error:
                    loaded = str(error)  # kept in the cache like a record: the same bytes, the same message
                extract_seconds += time.perf_counter() - clock
            else:
                load_seconds += time.perf_counter() - clock
            results[path.name] = (stat.st_size, stat.st_mtime_ns, digest, loaded)
        except OSError as error:
            results[path.name] = (-1, -1, "", str(SourceError(path, f"cannot be read: {error.strerror or error}")))
        except SourceError as error:
            results[path.name] = (-1, -1, "", str(error))
    return results, load_seconds, extract_seconds
