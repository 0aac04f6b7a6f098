"""The build cache: what the last build read and wrote, so the next one only redoes what changed.

Kept beside the output folder (`._site.site-gen-cache/` for `_site`), never inside it, so it is
never published; it names the build whose site it describes (the site's marker), and a cache
written for any other build is not trusted. Two levels, both keyed by content:
- each article file's record, by the file's bytes (found again cheaply by size and mtime);
- each page's inputs (settings, template set and the keys of what it shows), so an
  unchanged page is linked over from the previous site instead of rendered again.
Anything that changes what the code would read in the prose (the package's own code or data,
the club names `corrections.yaml` adds) empties the article level; the rest of the corrections is
laid over the records after they are read, and each page's inputs hold what of it applies to the
articles shown; templates, static files and settings are part of every page's inputs.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from site_gen.content.archive import RememberedPass
from site_gen.errors import Problem
from site_gen.model import Article, BuildSummary, FileRecord

#: Records per pickle in the cache file: a save pickles again only the chunks with a changed record.
_CHUNK = 500
#: A file changed this close to the last build may have changed again within the same clock
#: tick, keeping its size and mtime ("racy clean", as git calls it): check its content instead.
RACY_NS = 2_000_000_000


def cache_folder(out_dir: Path) -> Path:
    """Where the cache of the site in `out_dir` lives: beside it, hidden, never published."""
    resolved = out_dir.resolve()
    return resolved.parent / f".{resolved.name}.site-gen-cache"


class BuildCache:
    """Records and page fingerprints from the last build; `save()` keeps this build's for the next."""

    def __init__(self, folder: Path, code: str, enabled: bool = True, site_id: str | None = None,
                 write_through: bool = True) -> None:
        """`site_id`: the id of the build that made the site now in place; a cache saved for
        another build (or a site killed half-way) is ignored. Without `write_through` (the
        preview, which keeps it in memory), `save()` writes nothing until `flush()`."""
        self.folder = folder
        self.write_through = write_through
        self._unsaved = False
        self.code = code
        self.site_id = site_id
        #: file name → what reading it gave
        self.files: dict[str, FileRecord] = {}
        #: output path → digest of the page's inputs (see `Page.inputs`), settings and template set
        self.pages: dict[str, bytes] = {}
        #: fingerprint of every input, as of the last successful build, and what that build made
        self.inputs = ""
        #: fingerprint of every input but the article files (settings, templates, assets, tables)
        self.rest = ""
        self.summary = BuildSummary(0, 0)
        #: when the last build started: stat data is trusted only for files older than that
        self.started_ns = 0
        #: the last archive-wide pass over names and clubs
        self.archive_pass: RememberedPass | None = None
        #: the record chunks as loaded, each with its pickle: an unchanged one is written back as it was
        self._chunks: list[tuple[dict[str, FileRecord], bytes]] = []
        if enabled:  # off: build cold, and write a fresh cache all the same
            self._load()

    def ensure_code(self, code: str) -> None:
        """Forget everything if the code (or the club names of the corrections) changed since this
        cache was filled (in `serve`)."""
        if code != self.code:
            self.code, self.files, self.pages, self.inputs, self.rest = code, {}, {}, "", ""
            self.summary, self.started_ns, self.archive_pass = BuildSummary(0, 0), 0, None
            self._chunks = []

    def _load(self) -> None:
        try:
            with (self.folder / "cache.pickle").open("rb") as handle:
                saved = pickle.load(handle)
                if not isinstance(saved, _Header) or saved.code != self.code or saved.site_id != self.site_id:
                    return
                files: dict[str, FileRecord] = {}
                chunks: list[tuple[dict[str, FileRecord], bytes]] = []
                for _ in range(saved.file_chunks):
                    start = handle.tell()
                    chunk = pickle.load(handle)
                    files.update(chunk)
                    end = handle.tell()
                    handle.seek(start)
                    chunks.append((chunk, handle.read(end - start)))  # written again as it is if unchanged
                pages: dict[str, bytes] = pickle.load(handle)
                archive_pass = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
                KeyError):
            return  # no cache, or an unreadable one: build cold
        self.files, self.pages, self.inputs, self.rest = files, pages, saved.inputs, saved.rest
        self._chunks = chunks
        self.summary, self.started_ns = saved.summary, saved.started_ns
        self.archive_pass = archive_pass if isinstance(archive_pass, RememberedPass) else None

    def unchanged(self, path: Path, seen: tuple[int, int] | None = None) -> FileRecord | None:
        """The last record of a file whose size and mtime say it has not changed since (no need to read it);
        `seen`: its (size, mtime) if the caller has just looked."""
        entry = self.files.get(path.name)
        if entry is None:
            return None
        if seen is None:
            try:
                stat = path.stat()
            except OSError:
                return None  # reading it will say why
            seen = (stat.st_size, stat.st_mtime_ns)
        if (entry.size, entry.mtime_ns) == seen and self.trusts(seen[1]):
            return entry
        return None

    def same_bytes(self, path: Path, digest: str) -> Article | Problem | None:
        """The record of a file touched since the last build but holding the same bytes; else None."""
        entry = self.files.get(path.name)
        return entry.record if entry and entry.digest == digest else None

    def trusts(self, mtime_ns: int) -> bool:
        """Whether a file with this mtime was last changed safely before the last build began."""
        return mtime_ns < self.started_ns - RACY_NS

    def save(self, files: dict[str, FileRecord], pages: dict[str, bytes], inputs: str,
             summary: BuildSummary, started_ns: int, site_id: str, archive_pass: RememberedPass | None = None,
             rest: str = "") -> None:
        """Keep this build's state in memory and (with `write_through`) in the cache folder, for the
        site built as `site_id` (`inputs` and `rest`: the fingerprints of what it read)."""
        self.files, self.pages, self.inputs, self.summary, self.rest = files, pages, inputs, summary, rest
        self.archive_pass = archive_pass
        self.started_ns, self.site_id = started_ns, site_id
        self._unsaved = True
        if self.write_through:
            self.flush()

    def flush(self) -> None:
        """Write the last saved state to the cache folder, if not written yet. A cache left unwritten
        (a preview killed) is only stale: its build id no longer matches the site, so it is ignored."""
        if not self._unsaved or self.site_id is None:
            return
        files, pages, inputs, summary = self.files, self.pages, self.inputs, self.summary
        started_ns, site_id = self.started_ns, self.site_id
        folder = self.folder
        folder.mkdir(parents=True, exist_ok=True)
        # the records go in chunks, each its own pickle, so the pickler's memo of what it has
        # written (which shares repeated names) never spans a whole large archive
        names = list(files)
        chunks = [names[start:start + _CHUNK] for start in range(0, len(names), _CHUNK)]
        fresh = folder / f"cache.pickle.new-{os.getpid()}"
        kept = self._chunks
        written: list[tuple[dict[str, FileRecord], bytes]] = []
        with fresh.open("wb") as handle:
            pickle.dump(_Header(self.code, inputs, summary, started_ns, len(chunks), site_id, self.rest), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
            for number, chunk in enumerate(chunks):
                records = {name: files[name] for name in chunk}
                if number < len(kept) and _same_records(kept[number][0], records):
                    data = kept[number][1]  # not one record changed: its pickle as it was (most of a save)
                else:
                    data = pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
                handle.write(data)
                written.append((records, data))
            pickle.dump(pages, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(self.archive_pass, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fresh, folder / "cache.pickle")
        self._chunks = written
        self._unsaved = False


def _same_records(old: dict[str, FileRecord], new: dict[str, FileRecord]) -> bool:
    """The same files, in the same order, with the very records (not equal ones: identity is a
    pointer's comparison, and a record read again is a new object)."""
    return len(old) == len(new) and all(
        name == other and record is new[other] for (name, record), other in zip(old.items(), new))


@dataclass(frozen=True, slots=True)
class _Header:
    """The first pickle of the cache file: what the rest was made from, and how many chunks follow."""

    code: str
    inputs: str
    summary: BuildSummary
    started_ns: int
    file_chunks: int
    #: the build whose site this describes (the id in the site's marker)
    site_id: str
    #: the fingerprint of its inputs but the article files
    rest: str = ""
