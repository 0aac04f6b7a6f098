"""Find the input articles: every `seeds/*.txt` (raw) and `seeds/*.md` (curated)."""

from __future__ import annotations

from pathlib import Path

from site_gen.errors import SourceError

ARTICLE_SUFFIXES = (".txt", ".md")


def find_articles(seeds_dir: Path) -> list[Path]:
    """Article files directly in `seeds_dir`, sorted by name for a stable order.

    Hidden files and editor leftovers ("~" backups) are ignored.
    """
    if not seeds_dir.is_dir():
        raise SourceError(seeds_dir, "articles folder not found (create it and put articles in it)")
    return sorted(
        path
        for path in seeds_dir.iterdir()
        if path.suffix in ARTICLE_SUFFIXES
        and not path.name.startswith(".")
        and not path.name.endswith("~")
        and path.is_file()
    )
