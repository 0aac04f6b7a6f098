"""Find the input articles: every `seeds/*.txt` (raw) and `seeds/*.md` (curated)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from site_gen.errors import Problem, SourceError

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class FoundArticles:
    """The article files to read, and the ones left out with why (a link leading out of the archive)."""

    paths: tuple[Path, ...]
    problems: tuple[Problem, ...] = ()


def find_articles(seeds_dir: Path, archive_dir: Path | None = None) -> FoundArticles:
    """Article files directly in `seeds_dir`, sorted by name for a stable order.

    Hidden files and editor leftovers ("~" backups) are ignored. A curated
    `X.md` replaces the raw `X.txt` it was made from (see `site-gen ingest`).
    A symbolic link whose target lies outside `archive_dir` (default: the folder
    above `seeds_dir`) is skipped with a problem: a build reads only the archive.
    """
    _require_folder(seeds_dir)
    inside = (archive_dir or seeds_dir.parent).resolve()
    problems: list[Problem] = []
    names: list[str] = []
    with os.scandir(seeds_dir) as entries:  # file types come with the listing: no call per file
        for entry in entries:
            if not entry.name.endswith(ARTICLE_SUFFIXES) or entry.name.startswith(".") or not entry.is_file():
                continue
            if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(inside):
                problems.append(Problem(Path(entry.path), f"a link to {Path(entry.path).resolve()}, outside the "
                                                         "archive; skipped (copy the file in instead)"))
                continue
            names.append(entry.name)
    names.sort()
    curated = {name[:-3] for name in names if name.endswith(".md")}
    return FoundArticles(tuple(seeds_dir / name for name in names if name.endswith(".md") or name[:-4] not in curated),
                         tuple(sorted(problems, key=lambda p: str(p.path))))


def _require_folder(seeds_dir: Path) -> None:
    if not seeds_dir.is_dir():
        raise SourceError(seeds_dir, "articles folder not found (create it and put articles in it)")
