"""`site-gen ingest`: raw articles → curated Markdown files holding their whole record in front matter.

The archive is read as a build reads it (every article's record, URLs told apart, names and clubs
reconciled across the archive), and each raw article's record is written as it is published. A
build of the curated archive then reads no prose at all, and makes the same site: the same URLs,
the same pages and the same open data. An editor corrects records by editing the written files;
the build prefers `X.md` to the `X.txt` it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_gen.config import SiteConfig
from site_gen.content.archive import reconcile_articles
from site_gen.content.corrections import archive_gazetteer, load_corrections
from site_gen.content.discover import find_articles
from site_gen.content.read import publishable, read_files
from site_gen.content.records import move_record
from site_gen.content.transfers import load_transfers
from site_gen.errors import Problem
from site_gen.model import Article
from site_gen.output.write import replace_whole


@dataclass(frozen=True, slots=True)
class Ingested:
    """What `ingest_archive` did."""

    written: tuple[Path, ...]
    #: raw articles left alone: already curated (without `force`)
    already_curated: int
    #: files that could not be read or published, each with its reason
    problems: tuple[Problem, ...]


def curated_markdown(article: Article) -> str:
    """The article as a curated file: its whole record in front matter, then its body as written."""
    front: dict[str, Any] = {
        "date": article.date, "title": article.title, "slug": article.slug, "format": article.body_format,
        "players": list(article.players), "clubs": list(article.clubs),
        "moves": [_move(move) for move in article.moves],
        "moves_to_review": [_move(move) for move in article.held_moves],
        "fees": [fee.text for fee in article.fees], "source": article.source, "tags": list(article.tags),
        "staff": list(article.staff), "affiliations": {link.player: link.club for link in article.affiliations},
    }
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{header}---\n\n{article.body}\n"


def _move(move: Any) -> dict[str, Any]:
    return {key: value for key, value in move_record(move).items() if value is not None and value not in ("", False)}


def ingest_archive(config: SiteConfig, force: bool = False) -> Ingested:
    """Write `<stem>.md` beside each raw article of the archive, with its record as a build publishes it;
    with `force`, again from the raw file where a curated one exists."""
    corrections = load_corrections(config.source_dir)
    gazetteer = archive_gazetteer(corrections)
    found = find_articles(config.seeds_dir, config.source_dir)
    paths = list(found.paths)
    already = 0
    for index, path in enumerate(paths):
        raw = path.with_suffix(".txt")
        if path.suffix == ".md" and raw.is_file():
            if force:
                paths[index] = raw  # made again from the raw article
            else:
                already += 1
    read = read_files(gazetteer, None, paths)
    problems: list[Problem] = list(found.problems)
    transfers = load_transfers(config.source_dir, gazetteer, problems)
    published = publishable(paths, read.records, corrections, gazetteer)
    problems += published.problems
    reconciled = reconcile_articles(published.articles, transfers, corrections)
    written = []
    for article in reconciled.articles:
        if article.path.suffix == ".txt":
            target = article.path.with_suffix(".md")
            replace_whole(target, curated_markdown(article).encode("utf-8"))
            written.append(target)
    return Ingested(tuple(written), already, tuple(problems))
