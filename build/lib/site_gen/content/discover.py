"""Find the input articles: every `seeds/*.txt` (raw) and `seeds/*.md` (curated)."""

from __future__ import annotations

import os
from pathlib import Path

from site_gen.errors import SourceError

ARTICLE_SUFFIXES = (".txt", ".md")


def find_articles(seeds_dir: Path) -> list[Path]:
    """Article files directly in `seeds_dir`, sorted by name for a stable order.

    Hidden files and editor leftovers ("~" backups) are ignored. A curated
    `X.md` replaces the raw `X.txt` it was made from (see `site-gen ingest`).
    """
    _require_folder(seeds_dir)
    with os.scandir(seeds_dir) as entries:  # file types come with the listing: no call per file
        names = sorted(entry.name for entry in entries
                       if entry.name.endswith(ARTICLE_SUFFIXES) and not entry.name.startswith(".") and entry.is_file())
    curated = {name[:-3] for name in names if name.endswith(".md")}
    return [seeds_dir / name for name in names if name.endswith(".md") or name[:-4] not in curated]


def find_raw_articles(seeds_dir: Path) -> list[Path]:
    """Raw `.txt` articles, curated or not: what `site-gen ingest` works from."""
    _require_folder(seeds_dir)
    return sorted(path for path in seeds_dir.glob("*.txt") if not path.name.startswith(".") and path.is_file())


def _require_folder(seeds_dir: Path) -> None:
    if not seeds_dir.is_dir():
        raise SourceError(seeds_dir, "articles folder not found (create it and put articles in it)")
