"""The build cache: what the last build read and wrote, so the next one only redoes what changed.

Kept in `.site-gen-cache/` inside the output folder, so that it is replaced together with the
site it describes and never disagrees with it. Two levels, both keyed by content:
- each article file's record, by the file's bytes (found again cheaply by size and mtime);
- each page's inputs (settings, template set and the keys of what it shows), so an
  unchanged page is linked over from the previous site instead of rendered again.
Anything that changes what the code would produce (the package's own code or data,
`corrections.yaml`) empties the article level; templates, static files and settings
are part of every page's inputs.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from pathlib import Path
from typing import Any

from site_gen import __version__
from site_gen.model import Article

CACHE_DIR = ".site-gen-cache"  # inside the output folder, swapped in with the site it describes
_PACKAGE = Path(__file__).parent
_FORMAT = 4
#: Records per pickle in the cache file.
_CHUNK = 5000
#: A file changed this close to the last build may have changed again within the same clock
#: tick, keeping its size and mtime ("racy clean", as git calls it): check its content instead.
RACY_NS = 2_000_000_000


#: An article file's record, or the message saying why it could not be read.
Loaded = Article | str


class BuildCache:
    """Records and page fingerprints from the last build; `save()` keeps this build's for the next."""

    def __init__(self, folder: Path, code: str, enabled: bool = True) -> None:
        self.folder = folder
        self.code = code
        #: file name → (size, mtime_ns, sha256 of bytes, record or error)
        self.articles: dict[str, tuple[int, int, str, Loaded]] = {}
        #: output path → digest of the page's inputs (see `Page.inputs`), settings and template set
        self.pages: dict[str, bytes] = {}
        #: fingerprint of every input, as of the last successful build, and what that build reported
        self.inputs = ""
        self.summary: dict[str, Any] = {}
        #: when the last build started: stat data is trusted only for files older than that
        self.started_ns = 0
        if enabled:  # off: build cold, and write a fresh cache all the same
            self._load()

    def ensure_code(self, code: str) -> None:
        """Forget everything if the code or corrections changed since this cache was filled (in `serve`)."""
        if code != self.code:
            self.code, self.articles, self.pages, self.inputs, self.summary = code, {}, {}, "", {}
            self.started_ns = 0

    def _load(self) -> None:
        try:
            with (self.folder / "cache.pickle").open("rb") as handle:
                saved = pickle.load(handle)
                if not isinstance(saved, dict) or saved.get("code") != self.code:
                    return
                articles: dict[str, tuple[int, int, str, Loaded]] = {}
                for _ in range(saved["article_chunks"]):
                    articles.update(pickle.load(handle))
                pages: dict[str, bytes] = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
                KeyError):
            return  # no cache, or an unreadable one: build cold
        self.articles, self.pages, self.inputs = articles, pages, saved["inputs"]
        self.summary, self.started_ns = saved["summary"], saved["started_ns"]

    def lookup(self, path: Path, size: int, mtime_ns: int, digest: str | None = None) -> Loaded | None:
        """The record of an unchanged file: same size and mtime, or the same bytes; else None."""
        entry = self.articles.get(path.name)
        if entry and (entry[2] == digest or (entry[0], entry[1]) == (size, mtime_ns) and self.trusts(mtime_ns)):
            return entry[3]
        return None

    def trusts(self, mtime_ns: int) -> bool:
        """Whether a file with this mtime was last changed safely before the last build began."""
        return mtime_ns < self.started_ns - RACY_NS

    def save(self, folder: Path, articles: dict[str, tuple[int, int, str, Loaded]], pages: dict[str, bytes],
             inputs: str, summary: dict[str, Any], started_ns: int) -> None:
        """Keep this build's state in memory and in `folder` (in the staged site, swapped in with it)."""
        self.articles, self.pages, self.inputs, self.summary = articles, pages, inputs, summary
        self.started_ns = started_ns
        folder.mkdir(parents=True, exist_ok=True)
        # the records go in chunks, each its own pickle, so the pickler's memo of what it has
        # written (which shares repeated names) never spans a whole large archive
        names = list(articles)
        chunks = [names[start:start + _CHUNK] for start in range(0, len(names), _CHUNK)]
        with (folder / "cache.pickle").open("wb") as handle:
            pickle.dump({"code": self.code, "inputs": inputs, "summary": summary, "started_ns": started_ns,
                         "article_chunks": len(chunks)}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            for chunk in chunks:
                pickle.dump({name: articles[name] for name in chunk}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(pages, handle, protocol=pickle.HIGHEST_PROTOCOL)
