"""Write a site atomically: into a staging folder beside the output, then swap it in.

A failed or interrupted build leaves the previous site untouched, and no path
from an article can land outside the output folder.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from types import TracebackType

from site_gen.errors import BuildError

#: Marks a folder as made by site_gen, so a build never replaces anything else.
MARKER = ".site-gen"
#: Where an update in place keeps changed pages it cannot hold in memory until it commits.
SPILL_PREFIX = ".site-gen-spill-"


class StagedOutput:
    """A context manager: files go to staging; `commit()` makes them the site."""

    def __init__(self, out_dir: Path, base_url: str = "/") -> None:
        self.out_dir = out_dir.resolve()
        self.base_url = base_url
        #: names this build in the site's marker, so a cache written for another build is never trusted
        self.build_id = uuid.uuid4().hex
        self.staging = self.out_dir.parent / f".{self.out_dir.name}.staging-{os.getpid()}"
        self._folders: set[str] = set()  # made in staging already

    def __enter__(self) -> StagedOutput:
        recover_interrupted(self.out_dir)
        _check_replaceable(self.out_dir)
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        (self.staging / MARKER).write_text(_marker(self.base_url, self.build_id), encoding="utf-8")
        (self.staging / ".nojekyll").write_text("", encoding="utf-8")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def path_for(self, relative: str) -> Path:
        """The staging path for a relative output path; refuse any that escapes."""
        return self.staging / inside(relative)

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        target = self.path_for(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def reuse(self, relative: str) -> bool:
        """Take a file unchanged from the current site (a hard link, so no copying); False if it is missing.

        Plain strings rather than `Path` objects: a no-change build of a large site does this for every page.
        """
        normal = inside(relative)
        old = os.path.join(self.out_dir, normal)
        if not os.path.isfile(old) or os.path.islink(old):
            return False
        target = os.path.join(self.staging, normal)
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            os.link(old, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(old, target)
        return True

    def replace_folder(self, relative: str, files: dict[str, bytes]) -> None:
        """Make folder `relative` hold exactly `files` (names relative to it)."""
        for name, data in files.items():
            self.write_bytes(f"{relative}/{name}", data)

    def keep_folder(self, relative: str) -> None:
        """Take folder `relative` from the current site as it is."""
        old = Path(self.out_dir, inside(relative))
        for path in sorted(old.rglob("*")):
            if path.is_file():
                self.reuse(path.relative_to(self.out_dir).as_posix())

    def prune_folder(self, relative: str, keep: set[str]) -> None:
        """Folder `relative` holds only the subfolders `keep` (a staged site has nothing else anyway)."""

    def copy_files(self, files: dict[str, Path], relative: str) -> None:
        """Copy files (static assets, by name) into the site's `relative` folder."""
        for name, path in files.items():
            target = self.path_for(f"{relative}/{name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)

    def commit(self) -> None:
        """Swap the finished staging folder in for the old site in two renames."""
        old = self.out_dir.parent / f".{self.out_dir.name}.old-{os.getpid()}"
        if self.out_dir.exists():
            self.out_dir.rename(old)
        self.staging.rename(self.out_dir)
        if old.exists():
            shutil.rmtree(old)


def inside(relative: str) -> str:
    """`relative` made normal; refuse any path that would leave the output folder or be the folder itself.

    Checked on the text, so it costs no file-system call: the folders written to hold
    only what site_gen put there, never links.
    """
    normal = os.path.normpath(relative)
    if os.path.isabs(normal) or normal in (".", "..") or normal.startswith("../"):
        raise BuildError(f"refusing to write {relative!r}: it is outside the output folder")
    return normal


def _check_replaceable(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir}: the output path exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise BuildError(f"{out_dir}: refusing to replace a folder site_gen did not build "
                         "(empty it or choose another --out)")


def recover_interrupted(out_dir: Path) -> None:
    """Tidy up after builds that were killed: drop their staging folders, and if one died
    between its two renames (no site, an old one set aside), put the old site back."""
    for leftover in sorted(out_dir.parent.glob(f".{out_dir.name}.staging-*")):
        if not _running(leftover.name.rsplit("-", 1)[-1]):
            shutil.rmtree(leftover, ignore_errors=True)
    for old in sorted(out_dir.parent.glob(f".{out_dir.name}.old-*")):
        if _running(old.name.rsplit("-", 1)[-1]):
            continue
        if not out_dir.exists() and (old / MARKER).exists():
            old.rename(out_dir)
        else:
            shutil.rmtree(old, ignore_errors=True)


def _running(pid_text: str) -> bool:
    """Whether the build that owns a leftover folder (by process id) is still going."""
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _marker(base_url: str, build_id: str) -> str:
    return f"Built by site_gen; replaced whole on every build.\nbase_url: {base_url}\nbuild: {build_id}\n"


def built_id(out_dir: Path) -> str | None:
    """The id of the build that made the site in `out_dir` (from its marker), if any."""
    try:
        marker = (out_dir / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None
    return next((line.removeprefix("build: ").strip() for line in marker.splitlines() if line.startswith("build: ")),
                None)


def built_base_url(out_dir: Path) -> str | None:
    """The base URL the site in `out_dir` was built for, from its marker; None if not a site_gen site."""
    try:
        marker = (out_dir / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None
    for line in marker.splitlines():
        if line.startswith("base_url: "):
            return line.removeprefix("base_url: ").strip()
    return "/"


class PatchedOutput:
    """The preview's output: only changed files are rewritten, in place, when the build is complete.

    Same interface as `StagedOutput`. Pages are kept until `commit()`, so a failed build changes
    nothing in the site: in memory, and past `HELD_IN_MEMORY` bytes (an edit that changes every
    page of a large archive) in a hidden folder inside the output, removed by the next build if
    this one dies. Each file is replaced whole (renamed over), and the marker gets this build's
    id last, so a cache saved for an earlier build is not trusted after a build killed while
    committing.
    """

    #: Bytes of changed pages held in memory; the rest wait on disk.
    HELD_IN_MEMORY = 64 << 20

    def __init__(self, out_dir: Path, base_url: str, previous_pages: set[str]) -> None:
        self.out_dir = out_dir.resolve()
        self.base_url = base_url
        self.build_id = uuid.uuid4().hex
        self.previous_pages = previous_pages
        self._writes: dict[str, bytes] = {}
        self._held = 0
        self._spill = self.out_dir / f"{SPILL_PREFIX}{os.getpid()}"
        self._spilled: set[str] = set()
        self._kept: set[str] = set()
        self._static: set[str] = set()
        self._static_root = "static"
        self._folders: dict[str, dict[str, bytes]] = {}
        self._pruned: dict[str, set[str]] = {}
        self._listings: dict[str, frozenset[str]] = {}

    def __enter__(self) -> PatchedOutput:
        if not (self.out_dir / MARKER).exists():
            raise BuildError(f"{self.out_dir}: not a site_gen site, so it cannot be updated in place")
        for leftover in (*self.out_dir.glob(".pending-*"), *self.out_dir.glob(f"{SPILL_PREFIX}*")):
            shutil.rmtree(leftover, ignore_errors=True)  # from a build that died (or earlier versions)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        pass

    def _target(self, relative: str) -> Path:
        return self.out_dir / inside(relative)

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        """Replace the file at `commit()`, unless it already holds exactly this (a page rendered
        again because an article it lists changed elsewhere is often the same)."""
        target = self._target(relative)
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                self._kept.add(relative)
                return
        except OSError:
            pass  # not there yet
        if self._held + len(data) <= self.HELD_IN_MEMORY:
            self._writes[relative] = data
            self._held += len(data)
            return
        waiting = self._spill / inside(relative)
        waiting.parent.mkdir(parents=True, exist_ok=True)
        waiting.write_bytes(data)
        self._spilled.add(relative)

    def reuse(self, relative: str) -> bool:
        """Keep the file already in the site; False if it is missing (someone removed it by hand)."""
        folder, name = os.path.split(inside(relative))
        if name not in self._listing(folder):
            return False
        self._kept.add(relative)
        return True

    def keep_all(self) -> None:
        """Keep every page of the last build not written again (a preview's save that reworded one)."""
        self._kept |= self.previous_pages

    def _listing(self, folder: str) -> frozenset[str]:
        """The names in one folder of the site, read once: a listing per folder costs far less than
        a file-system call per page (thousands of player pages share one folder)."""
        names = self._listings.get(folder)
        if names is None:
            try:
                names = frozenset(os.listdir(os.path.join(self.out_dir, folder)))
            except OSError:
                names = frozenset()
            self._listings[folder] = names
        return names

    def replace_folder(self, relative: str, files: dict[str, bytes]) -> None:
        """At `commit()`, swap in a folder holding exactly `files` for folder `relative`."""
        self._folders[inside(relative)] = files

    def keep_folder(self, relative: str) -> None:
        """Leave folder `relative` as it is."""

    def prune_folder(self, relative: str, keep: set[str]) -> None:
        """At `commit()`, remove every subfolder of `relative` but those in `keep`."""
        self._pruned[inside(relative)] = keep

    def copy_files(self, files: dict[str, Path], relative: str) -> None:
        """Static assets: copy those that differ; `commit()` removes those no longer there."""
        self._static_root = relative
        for name, path in ((f"{relative}/{name}", path) for name, path in files.items()):
            self._static.add(name)
            data = path.read_bytes()
            target = self._target(name)
            if not target.is_file() or target.read_bytes() != data:
                self._writes[name] = data

    def commit(self) -> None:
        """Replace changed files, remove gone pages, then mark the site as this build's (until then
        the marker says it is being patched, so a build killed half-way leaves no trusted cache)."""
        mark_patching(self.out_dir, self.base_url)
        # folders (search partitions) before files: a file that describes them (the partitions'
        # manifest) must never be in place before they are, or a build killed in between would
        # leave a manifest that the next build trusts for folders it never swapped in
        for relative, files in self._folders.items():
            _swap_folder(self._target(relative), files)
        for relative, data in self._writes.items():
            replace_whole(self._target(relative), data)
        for relative in self._spilled:
            target = self._target(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self._spill / inside(relative), target)
        shutil.rmtree(self._spill, ignore_errors=True)
        for relative, keep in self._pruned.items():
            root = self._target(relative)
            for folder in sorted(root.iterdir()) if root.is_dir() else ():
                if folder.is_dir() and folder.name not in keep:
                    shutil.rmtree(folder)
        current = set(self._writes) | self._spilled | self._kept
        for relative in sorted(self.previous_pages - current):
            _remove_with_empty_parents(self._target(relative), self.out_dir)
        static_root = self.out_dir / self._static_root
        if static_root.is_dir():
            for path in sorted(static_root.rglob("*")):
                if path.is_file() and path.relative_to(self.out_dir).as_posix() not in self._static:
                    _remove_with_empty_parents(path, self.out_dir)
        fresh = self.out_dir / f".{MARKER}.new-{os.getpid()}"
        fresh.write_text(_marker(self.base_url, self.build_id), encoding="utf-8")
        os.replace(fresh, self.out_dir / MARKER)


def mark_patching(out_dir: Path, base_url: str) -> None:
    """Mark the site as being patched: no build's cache trusts it until a build commits it again."""
    (out_dir / MARKER).write_text(_marker(base_url, "patching"), encoding="utf-8")


def write_ahead(out_dir: Path, base_url: str, files: dict[str, bytes]) -> None:
    """Replace some files of the site at once, ahead of the build that must follow (the preview's
    first answer to a save); until that build commits, the site is marked as being patched."""
    mark_patching(out_dir, base_url)
    for relative, data in files.items():
        replace_whole(out_dir / inside(relative), data)


def replace_whole(target: Path, data: bytes) -> None:
    """Write a file whole, then put it in place in one rename (a reader never sees half of it, and a
    failure leaves the old file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(f".{target.name}.new-{os.getpid()}")
    try:
        fresh.write_bytes(data)
        os.replace(fresh, target)
    except BaseException:
        fresh.unlink(missing_ok=True)
        raise


def _swap_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write `files` into a folder beside `target`, then put it in `target`'s place in two renames."""
    fresh = target.with_name(f".{target.name}.new-{os.getpid()}")
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    for name, data in files.items():
        path = fresh / inside(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    fresh.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _remove_with_empty_parents(path: Path, root: Path) -> None:
    """Delete a file, then each folder above it that it leaves empty, up to `root`."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
