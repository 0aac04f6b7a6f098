"""The records that flow through the pipeline: frozen values, no I/O.

load → `SourceText`; infer → `Article` (kept in the cache as a `FileRecord`); index →
`SiteIndex` (see site/index.py); plan → `Page`; build → `BuildReport`. The extractor's own
records (`Extraction`, `Move`, `Fee`) live in the extraction library.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Literal, Mapping

from site_gen.digests import fingerprint
from site_gen.errors import Problem
from site_gen.extract import Extraction, quick_pickling

BodyFormat = Literal["text", "markdown"]


@dataclass(frozen=True, slots=True)
class SourceText:
    """One input file as read from disk, before anything is inferred.

    `front_matter` holds exactly what an editor wrote (empty for raw `.txt`
    articles); it wins over inference field by field.
    """

    path: Path
    date: dt.date | None
    body: str
    body_format: BodyFormat
    front_matter: Mapping[str, Any] = field(default_factory=dict)
    #: the line each front-matter key is set on, for messages
    key_lines: Mapping[str, int] = field(default_factory=dict)


@quick_pickling
@dataclass(frozen=True, slots=True, kw_only=True)
class Article(Extraction):
    """The front-matter record of one article: the inferred fields (front matter
    winning), plus where it came from, its date, URL slug and body."""

    path: Path
    slug: str
    date: dt.date
    body: str
    body_format: BodyFormat
    #: whether an editor chose the slug (front matter), so a clash is reported rather than resolved
    explicit_slug: bool = False
    #: record fields an editor set (front matter, corrections.yaml): the archive-wide pass leaves them be
    #: (a sorted tuple, not a set: a record's digest must not hang on a process's string hashing)
    editor_fields: tuple[str, ...] = ()
    #: the keys the file's own front matter sets, sorted: a `corrections.yaml` entry sets only the others
    front_keys: tuple[str, ...] = ()
    #: the body's opening words, spaces folded: what a summary quotes. A build sets bodies aside
    #: once read (`body` is then ""), and its article pages read them again from the files
    lead: str = ""


#: Characters of a body kept as its `lead` (a summary quotes up to 160).
LEAD_LENGTH = 200


def shown_digest(article: Article) -> str:
    """A digest of what lists, feeds, open data and search show of an article: all of its record
    but where its file is and its body, which only its own page shows (so a reworded paragraph
    renders that one page again). An article without moves is summed up in feeds by its opening
    words, so there its lead counts."""
    return fingerprint(replace(article, path=Path(article.path.name), body="",
                               lead=article.lead if not article.moves else "")).hex()


#: A `Page.template` naming no template: the page's values are written as JSON (open data).
JSON_OUTPUT = ":json"
#: A `Page.template` naming no template: the page's `text` value is written as it is (robots.txt, CNAME).
TEXT_OUTPUT = ":text"


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML file to write: where, with which template, from what values.

    `inputs` is a small, comparable and picklable account of everything the values
    are made from (keys of the articles shown, names, page number): equal inputs
    through the same template make the same file, so the build compares inputs
    and calls `make()` for the values only of pages that must be rendered again.
    """

    path: str  # relative output path, e.g. "players/virgil-van-dijk.html", "clubs/liverpool/index.html"
    template: str
    inputs: Any
    make: Callable[[], Mapping[str, Any]]

    @property
    def context(self) -> Mapping[str, Any]:
        """The values the template shows (made afresh on each call)."""
        return self.make()


@quick_pickling
@dataclass(frozen=True, slots=True)
class FileRecord:
    """What reading one article file gave, kept in the cache: its record, or the problem that
    made it unusable (the same bytes give the same message), and how to know the file again."""

    size: int
    mtime_ns: int
    #: sha256 of the file's bytes ("" if it could not be read)
    digest: str
    record: Article | Problem
    #: `shown_digest` of the record ("" for a problem)
    shown: str = ""


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What the last build made, kept in the cache so a build with nothing changed can say it again."""

    articles: int
    pages: int
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the summary line and for tests."""

    articles: int
    pages: int
    seconds: float
    #: inputs skipped or partly read: each names its file (and line where there is one)
    problems: tuple[Problem, ...] = ()
    #: pages rendered afresh; the rest were unchanged and kept from the last build
    rendered: int = 0
    #: seconds per stage (load, extract, index, render, write, search), summed over worker processes
    stages: Mapping[str, float] = field(default_factory=dict)
    #: things worth saying that are not problems (a step skipped, and why)
    notes: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        """The problems as the messages printed for them."""
        return tuple(map(str, self.problems))
