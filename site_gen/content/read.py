"""Read article files into records: each file gives an `Article` or the `Problem` that made it unusable.

The build hands slices of files to worker processes (`read_files`), then keeps the
articles that can be published (`publishable`): an unusable file or a clashing URL
is reported, never a stop for the others.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

from site_gen import urls
from site_gen.content.corrections import Corrections
from site_gen.content.infer import apply_corrections, make_article
from site_gen.content.load import load_body, load_source, read_bytes
from site_gen.errors import BuildError, Problem, SourceError
from site_gen.extract import Gazetteer
from site_gen.model import Article, FileRecord, shown_digest
from site_gen.urls import slugify

#: A way to find the record of a file whose bytes were read before (by name and sha256), or None.
KnownBytes = Callable[[Path, str], Article | Problem | None]


@dataclass(slots=True)
class ReadSlice:
    """What reading some files gave, and the seconds spent loading and extracting them."""

    records: dict[str, FileRecord] = field(default_factory=dict)
    load_seconds: float = 0.0
    extract_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Publishable:
    """The articles to publish, in file order, and the problems that kept the others out."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def read_files(gazetteer: Gazetteer, known: KnownBytes | None, paths: Sequence[Path],
               keep_bodies: bool = True) -> ReadSlice:
    """Read and infer files (in a worker process, or this one). Without `keep_bodies` (a build),
    each record's body is set aside once read: at 100,000 articles the bodies are hundreds of
    megabytes that only the articles' own pages show, and those read them again (`article_text`)."""
    done = ReadSlice()
    for path in paths:
        clock = time.perf_counter()
        try:
            stat = path.stat()
            data = read_bytes(path)
        except OSError as error:
            done.records[path.name] = FileRecord(-1, -1, "", Problem(path, f"cannot be read: {error.strerror or error}"))
            continue
        except SourceError as error:
            done.records[path.name] = FileRecord(-1, -1, "", error.problem)
            continue
        digest = hashlib.sha256(data).hexdigest()
        record = known(path, digest) if known else None  # touched, but the same bytes
        if record is None:
            try:
                source = load_source(path, data)
                loaded_at = time.perf_counter()
                done.load_seconds += loaded_at - clock
                clock = loaded_at
                record = make_article(source, gazetteer)
            except SourceError as error:
                record = error.problem
            done.extract_seconds += time.perf_counter() - clock
        else:
            done.load_seconds += time.perf_counter() - clock
        if isinstance(record, Article) and not keep_bodies and record.body:
            record = replace(record, body="")
        done.records[path.name] = FileRecord(stat.st_size, stat.st_mtime_ns, digest, record,
                                             shown_digest(record) if isinstance(record, Article) else "")
    return done


def article_text(article: Article) -> str:
    """An article's body, read again from its file if the build set it aside."""
    if article.body:
        return article.body
    try:
        return load_body(article.path)
    except SourceError as error:
        raise BuildError(f"{error.problem} (it changed while the site was being built: build again)") from error


def publishable(paths: Sequence[Path], records: Mapping[str, FileRecord], corrections: Corrections | None,
                gazetteer: Gazetteer) -> Publishable:
    """The articles of these files with the editor's corrections, each at its own URL; unusable
    files, unusable corrections and URL clashes become problems."""
    articles: list[Article] = []
    problems: list[Problem] = []
    routes: dict[str, Path] = {}
    for path in paths:
        record = records[path.name].record
        if isinstance(record, Problem):
            problems.append(record)
            continue
        try:
            article = apply_corrections(record, corrections, gazetteer)
        except SourceError as error:
            problems.append(replace(error.problem, line=None,
                                    message=f"{error.problem.message} (in its entry in corrections.yaml)"))
            continue
        route = urls.article_route(article.date, article.slug)
        if route in routes and not article.explicit_slug:
            # Two inferred titles alike: the file name tells them apart, stably.
            article = replace(article, slug=f"{article.slug}-{slugify(path.stem)}")
            route = urls.article_route(article.date, article.slug)
        if route in routes:
            problems.append(Problem(path, f"has the same URL /{route} as {routes[route]} "
                                          "(give one of them another 'slug:' in front matter); skipped"))
            continue
        routes[route] = path
        articles.append(article)
    return Publishable(tuple(articles), tuple(problems))
