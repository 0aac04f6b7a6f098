"""Find the input articles: every `seeds/*.txt` (raw) and `seeds/*.md` (curated)."""

from __future__ import annotations

from pathlib import Path

from site_gen.errors import SourceError

ARTICLE_SUFFIXES = (".txt", ".md")


def find_articles(seeds_dir: Path) -> list[Path]:
    """Article files directly in `seeds_dir`, sorted by name for a stable order.

    Hidden files and editor leftovers ("~" backups) are ignored. A curated
    `X.md` replaces the raw `X.txt` it was made from (see `site-gen ingest`).
    """
    _require_folder(seeds_dir)
    found = [path for path in seeds_dir.iterdir()
             if path.suffix in ARTICLE_SUFFIXES and not path.name.startswith(".") and path.is_file()]
    curated = {path.stem for path in found if path.suffix == ".md"}
    return sorted(path for path in found if path.suffix == ".md" or path.stem not in curated)


def find_raw_articles(seeds_dir: Path) -> list[Path]:
    """Raw `.txt` articles, curated or not: what `site-gen ingest` works from."""
    _require_folder(seeds_dir)
    return sorted(path for path in seeds_dir.glob("*.txt") if not path.name.startswith(".") and path.is_file())


def _require_folder(seeds_dir: Path) -> None:
    if not seeds_dir.is_dir():
        raise SourceError(seeds_dir, "articles folder not found (create it and put articles in it)")
