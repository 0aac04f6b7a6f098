"""Client-side search: a Pagefind index of the built site, so search works on a static host.

Pagefind (from PyPI, with its bundled binary) writes a chunked index under
`pagefind/`: a browser loads only the pieces a query needs, however big the
archive. Only article, player and club pages are indexed (their templates mark
the content with `data-pagefind-body`).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from site_gen.errors import BuildError
from site_gen.output.write import StagedOutput

FOLDER = "pagefind"
#: The pages that are searched (articles, players, clubs): Pagefind reads no other file, which
#: halves its time (about a millisecond a page).
PAGES = "{[0-9][0-9][0-9][0-9]/*/*,players/*,clubs/*}/index.html"


def is_searched(template: str, path: str) -> bool:
    """Whether a page is in the index: an article's, or the first page of a player's or club's."""
    return template in ("article.html", "player.html", "club.html") and "/page/" not in path


def index_site(site: Path) -> None:
    """Write the search index of the HTML pages under `site` into `site/pagefind/`."""
    try:
        from pagefind_bin import get_executable

        executable = get_executable()
    except (ImportError, FileNotFoundError) as error:
        raise BuildError(f"search index: the Pagefind binary is missing ({error}); "
                         "reinstall site_gen with its dependencies (pip install -e .)") from None
    fresh, stale = site / f".{FOLDER}-new", site / f".{FOLDER}-old"
    for leftover in (fresh, stale):
        shutil.rmtree(leftover, ignore_errors=True)
    # written beside the old index, then swapped in: Pagefind never removes files of an older index
    done = subprocess.run([str(executable), "--site", str(site), "--glob", PAGES, "--output-path", str(fresh.resolve()),
                           "--silent"], capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise BuildError(f"search index: pagefind failed: {(done.stderr or done.stdout).strip()[:2000]}")
    if (site / FOLDER).exists():
        (site / FOLDER).rename(stale)
    fresh.rename(site / FOLDER)
    shutil.rmtree(stale, ignore_errors=True)


def reuse_index(old_site: Path, output: StagedOutput) -> bool:
    """Take the last build's index into the new site unchanged (no indexed page changed); False if it has none."""
    old = old_site / FOLDER
    if not (old / "pagefind.js").is_file():
        return False
    for path in sorted(old.rglob("*")):
        if path.is_file():
            output.reuse(path.relative_to(old_site).as_posix())
    return True
