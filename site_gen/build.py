"""The pipeline, in order: gather → extract → index → plan → render → write.

(The index stage first reads the archive as a whole: names, roles and clubs across articles.)

`build()` reads top to bottom as those stages; `check` calls the same `gather`,
`extract_articles` and `index_site`, so it checks exactly what a build renders.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from site_gen import urls
from site_gen.config import CONFIG_FILE, SiteConfig
from site_gen.content.archive import RememberedPass, reconcile_articles
from site_gen.content.corrections import CORRECTIONS_FILE, Corrections, archive_gazetteer, load_corrections
from site_gen.content.discover import find_articles
from site_gen.content.infer import apply_corrections
from site_gen.content.read import publishable, read_files
from site_gen.content.review import review
from site_gen.content.transfers import TRANSFERS_FILE, load_transfers
from site_gen.digests import code_fingerprint, tree_fingerprint
from site_gen.errors import BuildError, Problem, SourceError
from site_gen.extract import Gazetteer
from site_gen.extract.reconcile import DatedRecord
from site_gen.extract.review import Doubt
from site_gen.model import Article, BuildReport, BuildSummary, FileRecord, Page
from site_gen.output import parallel, search
from site_gen.output.cache import BuildCache, cache_folder
from site_gen.output.progress import NoProgress, Progress, StageClock
from site_gen.output.render import Renderer, digest_of, render_share
from site_gen.output.write import (PatchedOutput, StagedOutput, built_base_url, built_id, recover_interrupted,
                                   write_ahead)
from site_gen.site.articles import article_page
from site_gen.site.finding import partition_digests, search_records
from site_gen.site.index import SiteIndex, build_index
from site_gen.site.maker import ArticleDigests, PageMaker
from site_gen.site.plan import make_pages
from site_gen.urls import SiteUrls


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a build reads besides the articles' text: found and checked before any work."""

    config: SiteConfig
    #: the article files, sorted by name
    paths: tuple[Path, ...]
    corrections: Corrections | None
    gazetteer: Gazetteer
    #: a digest of the code, its data, the default theme and the corrections: a change empties the cache
    code: str
    #: article files left out (links leading outside the archive)
    problems: tuple[Problem, ...] = ()


@dataclass
class KeptPlan:
    """What the preview keeps in memory from its last full build, so that a save that only rewords
    articles renders their own pages and nothing else, without indexing or planning again, and a
    save that changes more shows the edited pages before the rest is built (`edited_pages_first`)."""

    #: the pages' maker, with the index it was made from
    maker: PageMaker | None = None
    #: what that build read besides the articles' text (the gazetteer and corrections included)
    inputs: Inputs | None = None


@dataclass(frozen=True, slots=True)
class InputsFingerprint:
    """What a build reads, cheaply (`_inputs_fingerprint`): equal fingerprints, nothing to do."""

    #: every input: article files by name, size and mtime, the rest by content
    whole: str
    #: the newest article mtime, since a file changed twice in one clock tick keeps its stat data
    newest: int
    #: every input but the article files
    rest: str
    #: file name → (size, mtime) as read for `whole` (readable files), so no file is looked at twice
    stats: Mapping[str, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class ExtractedArticles:
    """The articles to publish, what each file gave (for the next build's cache), and the problems."""

    articles: tuple[Article, ...]
    files: dict[str, FileRecord]
    problems: tuple[Problem, ...]


def build(config: SiteConfig, strict: bool = False, use_cache: bool = True, cache: BuildCache | None = None,
          in_place: bool = True, jobs: int = 1, progress: Progress | None = None,
          kept: KeptPlan | None = None) -> BuildReport:
    """Build the whole site into `config.out_dir`, replacing it only on success.

    A bad article is skipped with a problem naming it; with `strict`, any problem
    fails the build (`BuildError`) before anything is written. With the cache (on
    unless `use_cache` is off; `serve` passes one kept in memory), only changed
    articles are read again and only changed pages rendered again; a build with
    nothing changed writes nothing at all. With the cache, `in_place` rewrites only the
    changed files of the last site (each replaced whole, once everything has rendered)
    instead of staging a whole new site: that costs in proportion to the change, where a
    staged site costs a link and an unlink for every file. Off, or without a cache, a new
    site is staged and swapped in. `jobs` processes read and render a staged site (the
    result is the same for any number). With `kept` (the preview's, with its in-memory cache),
    a save that changes only the wording of articles renders just their pages.
    """
    progress = progress or NoProgress()
    with paused_gc():  # a build makes many objects and no cycles worth collecting while it runs
        try:
            return _build(config, strict, use_cache, cache, in_place, jobs, progress, kept)
        finally:
            progress.close()


def _build(config: SiteConfig, strict: bool, use_cache: bool, cache: BuildCache | None,
           in_place: bool, jobs: int, progress: Progress, kept: KeptPlan | None) -> BuildReport:
    clock = StageClock()
    started_ns = time.time_ns()
    recover_interrupted(config.out_dir.resolve())  # what a killed build left, whether or not this one writes
    inputs = gather(config)
    if cache is None:
        cache = BuildCache(cache_folder(config.out_dir), inputs.code, use_cache, built_id(config.out_dir))
    cache.ensure_code(inputs.code)
    fingerprint = _inputs_fingerprint(inputs)
    same_site = built_base_url(config.out_dir) == config.base_url  # the last build is in place, for this URL
    if fingerprint.whole == cache.inputs and cache.trusts(fingerprint.newest) and same_site:
        summary = cache.summary  # nothing changed since the last build, which is still in place
        _stop_if_strict(strict, summary.problems)
        return BuildReport(summary.articles, summary.pages, clock.total(), summary.problems)
    # only articles changed since the last build, whose site is in place: a reworded one needs its page alone
    quick = same_site and in_place and fingerprint.rest == cache.rest
    if kept is not None and quick:
        reworded = _reworded_only(inputs, cache, kept, fingerprint, started_ns)
        if reworded is not None:
            _stop_if_strict(strict, reworded.problems)
            return replace(reworded, seconds=clock.total())

    extracted = extract_articles(inputs, cache, jobs, progress, clock, fingerprint.stats)
    _stop_if_strict(strict, extracted.problems)
    with clock.stage("index"):
        indexed = index_site(inputs, extracted.articles, cache.archive_pass)
    index = indexed.index
    problems = extracted.problems + indexed.problems
    _stop_if_strict(strict, problems)
    maker = PageMaker(index, config, article_digests(extracted.files, indexed.revisions, inputs.corrections))  # shared by the
    # pages (and forked workers) and search
    if quick and list(extracted.files) == list(cache.files) and not indexed.problems:
        fresh = {name: record for name, record in extracted.files.items() if record is not cache.files[name]}
        reworded = _render_reworded(config, cache, maker, fresh, fingerprint, started_ns) if fresh else None
        if reworded is not None:  # planning nothing
            if kept is not None:
                kept.maker, kept.inputs = maker, inputs
            return replace(reworded, seconds=clock.total())

    searched = config.search and bool(extracted.articles)  # Pagefind cannot index an empty archive
    notes: tuple[str, ...] = () if searched or not config.search else ("no articles yet, so no search index was written",)
    if not SiteUrls(config.base_url).has_host:
        notes += ("no base URL (--base-url, or base_url in site.toml): canonical links and the sitemap are left "
                  "out, as they need the site's full address",)
    renderer = Renderer(config, searched, cache.folder)
    patch = in_place and bool(cache.pages) and same_site  # the last site is there to update
    output = PatchedOutput(config.out_dir, config.base_url, set(cache.pages)) if patch \
        else StagedOutput(config.out_dir, config.base_url)
    with output:
        plan: Callable[[], Iterable[Page]] = functools.partial(make_pages, maker)
        total = 0
        if progress.shows and patch:  # the real total; an update renders in this process, so plan once
            planned = tuple(plan())
            plan, total = functools.partial(iter, planned), len(planned)
        elif progress.shows:  # a whole site: counted by planning, as holding the plan costs memory in every worker
            total = sum(1 for _ in plan())
        progress.stage("rendering", total)
        # each process plans every page, then checks and renders its share; the preview keeps
        # changed files in memory until the end, so it does all in this process
        processes = 1 if patch or len(extracted.articles) < parallel.MIN_PARALLEL_TASKS else jobs
        def index_search() -> None:
            search.write_index(partition_digests(maker), functools.partial(search_records, maker), output,
                               config.language.split("-")[0].lower(), jobs)

        # in one process, Pagefind indexes (in its own process) while the pages render; forked workers
        # must not start beside a running thread, so a parallel build indexes after them
        with ThreadPoolExecutor(1) as beside:
            indexing = beside.submit(index_search) if searched and processes == 1 else None
            shares = parallel.run_shares(functools.partial(render_share, plan, repr(config), renderer, cache.pages,
                                                           output), processes, progress.advance)
            fingerprints = {path: digest for share in shares for path, digest in share.fingerprints.items()}
            clock.add("render", sum(share.render_seconds for share in shares))
            clock.add("write", sum(share.write_seconds for share in shares))
            with clock.stage("search"):  # (the part not done while rendering)
                if indexing is not None:
                    indexing.result()
                elif searched:  # the index goes in with the pages it indexes
                    index_search()
        with clock.stage("write"):
            output.copy_files(config.theme.static_files(), "static")
            output.commit()
            summary = BuildSummary(len(extracted.articles), len(fingerprints), problems)
            cache.save(extracted.files, fingerprints, fingerprint.whole, summary, started_ns, output.build_id,
                       indexed.remembered, fingerprint.rest)
    if kept is not None:
        kept.maker, kept.inputs = maker, inputs
    return BuildReport(len(extracted.articles), len(fingerprints), clock.total(), problems,
                       rendered=sum(share.rendered for share in shares), stages=clock.stages, notes=notes)


#: Most articles changed at once that a preview renders alone (more: a full build is as quick).
QUICK_EDITS = 20


def _reworded_only(inputs: Inputs, cache: BuildCache, kept: KeptPlan, fingerprint: InputsFingerprint,
                   started_ns: int) -> BuildReport | None:
    """The preview's way to `_render_reworded`: with the maker of its last build, before reading
    more than the changed files; None if anything but their bodies changed (a full build follows)."""
    maker = kept.maker
    if maker is None or [path.name for path in inputs.paths] != list(cache.files):
        return None
    changed = [path for path in inputs.paths if cache.unchanged(path, fingerprint.stats.get(path.name)) is None]
    if not changed or len(changed) > QUICK_EDITS:
        return None
    fresh = read_files(inputs.gazetteer, cache.same_bytes, changed, keep_bodies=False).records
    return _render_reworded(inputs.config, cache, maker, fresh, fingerprint, started_ns)


def _render_reworded(config: SiteConfig, cache: BuildCache, maker: PageMaker, fresh: Mapping[str, FileRecord],
                     fingerprint: InputsFingerprint, started_ns: int) -> BuildReport | None:
    """Render the pages of articles whose new text (`fresh`: the records of files read again)
    changes nothing but their body, with `maker`; None if anything else changed. The caller has
    checked that no input but the articles did (settings, templates, assets, tables).

    Lists, feeds, open data and search show no body, and the archive-wide pass reads none, so
    every other page stays as it is: the result is the site a full build would make.
    """
    reworded = {name: record for name, record in fresh.items() if record.digest != cache.files[name].digest}
    indexed = {article.path.name: article for article in maker.index.articles}  # as the archive-wide pass left them
    for name, record in reworded.items():
        last = cache.files[name]
        if not isinstance(record.record, Article) or record.shown != last.shown or name not in indexed \
                or cache.pages.get(urls.output_path(urls.article_route(record.record.date, record.record.slug))) is None:
            return None
    renderer = Renderer(config, config.search and bool(indexed), cache.folder)
    pages = dict(cache.pages)
    output = PatchedOutput(config.out_dir, config.base_url, set(cache.pages))
    with output:
        for name, record in reworded.items():
            revision = maker.digests.whole[name][len(cache.files[name].digest):]  # what the pass changed
            page = article_page(maker, indexed[name], record.digest + revision)  # (its page reads the file)
            pages[page.path] = digest_of(repr(config), renderer, page)
            output.write_text(page.path, renderer.render(page))
        output.keep_all()
        output.copy_files(config.theme.static_files(), "static")
        output.commit()
    files = {**cache.files, **fresh}
    summary = cache.summary
    cache.save(files, pages, fingerprint.whole, summary, started_ns, output.build_id, cache.archive_pass,
               fingerprint.rest)
    return BuildReport(summary.articles, summary.pages, 0.0, summary.problems, rendered=len(reworded))


def edited_pages_first(config: SiteConfig, cache: BuildCache, kept: KeptPlan, paths: Sequence[Path]) -> int:
    """The preview's first answer to a save that changes what lists show of some articles: their
    own pages, rendered at once with the last build's maker from the records as read, read again
    as the last archive-wide pass read the archive, and written over the site; returns how many.

    A full build must follow. Until it is done the site is marked as being patched, and these pages
    link and judge as the last build did (a player new to the archive links to a page still to be
    made); it renders them again from the whole archive. 0 if it cannot help: nothing kept, a file
    new, gone or unreadable, a new address (which may be another article's until the build settles
    it), too many files, or only wording changed (the build's own quick path renders that as fast,
    and exactly).
    """
    maker, inputs = kept.maker, kept.inputs
    if maker is None or inputs is None or not paths or len(paths) > QUICK_EDITS \
            or not set(paths) <= set(inputs.paths) or any(path.name not in cache.files for path in paths):
        return 0
    fresh = read_files(inputs.gazetteer, cache.same_bytes, paths, keep_bodies=False).records
    pages = []
    for name, record in fresh.items():
        article, last = record.record, cache.files[name]
        if not isinstance(article, Article) or not isinstance(last.record, Article) or record.shown == last.shown \
                or (article.date, article.slug) != (last.record.date, last.record.slug):  # its address is its own
            return 0
        try:
            article = apply_corrections(article, inputs.corrections, inputs.gazetteer)
        except SourceError:
            return 0  # the build that follows says what is wrong
        if cache.archive_pass is not None:  # names, roles and origins as the last pass read the archive
            fixed = frozenset(article.editor_fields)
            read = cache.archive_pass.reading.apply(DatedRecord(name, article.date, article, fixed))
            article = read if isinstance(read, Article) else article
        pages.append(article_page(maker, article, record.digest))
    renderer = Renderer(config, config.search and bool(maker.index.articles), cache.folder)
    rendered = {page.path: renderer.render(page).encode("utf-8") for page in pages}  # all, before any is written
    write_ahead(config.out_dir, config.base_url, rendered)
    return len(rendered)


def gather(config: SiteConfig) -> Inputs:
    """Find the article files and read the editor's corrections: the cheap part of every build."""
    corrections = load_corrections(config.source_dir)
    gazetteer = archive_gazetteer(corrections)
    # the corrections' club names change what the prose says; the rest of them is laid over the records
    code = code_fingerprint() + (corrections or Corrections()).extraction_digest()
    found = find_articles(config.seeds_dir, config.source_dir)
    return Inputs(config, found.paths, corrections, gazetteer, code, found.problems)


def extract_articles(inputs: Inputs, cache: BuildCache | None = None, jobs: int = 1,
                     progress: Progress | None = None, clock: StageClock | None = None,
                     stats: Mapping[str, tuple[int, int]] | None = None) -> ExtractedArticles:
    """Every article's record: unchanged files from the cache, the rest read in `jobs` processes
    (`stats`: each file's size and mtime, if already looked at)."""
    progress = progress or NoProgress()
    clock = clock or StageClock()
    with paused_gc():
        files: dict[str, FileRecord] = {}
        fresh: list[Path] = []
        for path in inputs.paths:
            known = cache.unchanged(path, stats.get(path.name) if stats is not None else None) if cache else None
            if known is None:
                fresh.append(path)
            else:
                files[path.name] = known
        progress.stage("reading", len(fresh))
        read = functools.partial(read_files, inputs.gazetteer, cache.same_bytes if cache else None, keep_bodies=False)
        for piece in parallel.map_slices(read, fresh, jobs, progress.advance):
            files.update(piece.records)
            clock.add("load", piece.load_seconds)
            clock.add("extract", piece.extract_seconds)
        files = {path.name: files[path.name] for path in inputs.paths}  # in file order, as the cache keeps them
        found = publishable(inputs.paths, files, inputs.corrections, inputs.gazetteer)
    return ExtractedArticles(found.articles, files, inputs.problems + found.problems)


@dataclass(frozen=True, slots=True)
class IndexedSite:
    """The articles read as an archive and grouped for cross-links, and the problems on the way."""

    index: SiteIndex
    problems: tuple[Problem, ...]
    #: file name → digest of what the archive-wide pass changed in that article's record
    revisions: Mapping[str, str]
    #: the archive-wide pass, for the next build
    remembered: RememberedPass


def index_site(inputs: Inputs, articles: tuple[Article, ...], remembered: RememberedPass | None = None) -> IndexedSite:
    """Reconcile names, roles and clubs across the archive (`remembered`: the last build's pass,
    used again if it read the same), group the articles for cross-links, and judge their rumours
    against the transfers table."""
    problems: list[Problem] = []
    transfers = load_transfers(inputs.config.source_dir, inputs.gazetteer, problems)
    reconciled = reconcile_articles(articles, transfers, inputs.corrections, remembered)
    index = build_index(list(reconciled.articles), transfers, inputs.config.outcome_months)
    return IndexedSite(index, tuple(problems), reconciled.revisions, reconciled.remembered)


def article_digests(files: Mapping[str, FileRecord], revisions: Mapping[str, str],
                    corrections: Corrections | None = None) -> ArticleDigests:
    """Each article's digests as the corrections and the archive-wide pass left its record (what
    each changed appended to the digest of the file)."""
    fixes = corrections or Corrections()
    fixed = {name: fixes.digest_for(name, record.record.players + tuple(m.player for m in record.record.moves))
             for name, record in files.items() if isinstance(record.record, Article)} \
        if fixes.articles or fixes.player_names or fixes.not_players else {}
    return ArticleDigests(
        whole={name: record.digest + fixed.get(name, "") + revisions.get(name, "") for name, record in files.items()},
        shown={name: record.shown + fixed.get(name, "") + revisions.get(name, "") for name, record in files.items()})


def extract_files(paths: Sequence[Path], source_dir: Path | None = None) -> ExtractedArticles:
    """Records of some article files, read together as one archive (`site-gen extract`): with
    `source_dir`, that archive's corrections and transfers table apply as in a build."""
    corrections = load_corrections(source_dir) if source_dir else None
    gazetteer = archive_gazetteer(corrections)
    read = read_files(gazetteer, None, paths)
    problems: list[Problem] = []
    transfers = load_transfers(source_dir, gazetteer, problems) if source_dir else []
    articles: list[Article] = []
    for record in read.records.values():
        if isinstance(record.record, Problem):
            problems.append(record.record)
            continue
        try:
            articles.append(apply_corrections(record.record, corrections, gazetteer))
        except SourceError as error:
            problems.append(error.problem)
    reconciled = reconcile_articles(articles, transfers, corrections)
    return ExtractedArticles(reconciled.articles, read.records, tuple(problems))


def review_archive(config: SiteConfig, cache: BuildCache | None = None) -> list[Doubt]:
    """The fields an editor should check first, across the archive as the build reads it (`cache`:
    the records of unchanged files, as the preview keeps them, so that none is read again)."""
    inputs = gather(config)
    if cache is not None:
        cache.ensure_code(inputs.code)
    extracted = extract_articles(inputs, cache)
    transfers = load_transfers(config.source_dir, inputs.gazetteer, [])
    return review(extracted.articles, transfers, inputs.corrections, config.outcome_months)


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


def _stop_if_strict(strict: bool, problems: tuple[Problem, ...]) -> None:
    if strict and problems:
        raise BuildError(f"{len(problems)} problem(s) in the input; --strict builds nothing:\n"
                         + "\n".join(map(str, problems)))


def _inputs_fingerprint(inputs: Inputs) -> InputsFingerprint:
    """Everything a build reads, cheaply: article files by name, size and mtime; the rest by content."""
    config = inputs.config
    # the default theme is part of `inputs.code`; only the site's own files are hashed here
    rest = hashlib.sha256(inputs.code.encode() + repr(config).encode() + tree_fingerprint(
        config.templates_dir, config.static_dir, config.source_dir / CONFIG_FILE,
        config.source_dir / TRANSFERS_FILE, config.source_dir / CORRECTIONS_FILE).encode()).hexdigest()
    digest = hashlib.sha256(rest.encode())
    stats: dict[str, tuple[int, int]] = {}
    for path in inputs.paths:
        try:
            stat = path.stat()
        except OSError:
            digest.update(f"{path.name}\0unreadable\n".encode())
            continue
        stats[path.name] = (stat.st_size, stat.st_mtime_ns)
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return InputsFingerprint(digest.hexdigest(), max((mtime for _, mtime in stats.values()), default=0), rest, stats)
