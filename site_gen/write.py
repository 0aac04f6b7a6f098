"""Write a site atomically: into a staging folder beside the output, then swap it in.

A failed or interrupted build leaves the previous site untouched, and no path
from an article can land outside the output folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import TracebackType

from site_gen.errors import BuildError

#: Marks a folder as made by site_gen, so a build never replaces anything else.
MARKER = ".site-gen"


class StagedOutput:
    """A context manager: files go to staging; `commit()` makes them the site."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.staging = self.out_dir.parent / f".{self.out_dir.name}.staging-{os.getpid()}"
        self.files = 0

    def __enter__(self) -> StagedOutput:
        _check_replaceable(self.out_dir)
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        (self.staging / MARKER).write_text("Built by site_gen; replaced whole on every build.\n", encoding="utf-8")
        (self.staging / ".nojekyll").write_text("", encoding="utf-8")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def path_for(self, relative: str) -> Path:
        """The staging path for a relative output path; refuse any that escapes."""
        target = (self.staging / relative).resolve()
        if not target.is_relative_to(self.staging) or target == self.staging:
            raise BuildError(f"refusing to write {relative!r}: it is outside the output folder")
        return target

    def write_text(self, relative: str, text: str) -> None:
        target = self.path_for(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.files += 1

    def copy_tree(self, source: Path, relative: str) -> None:
        """Copy a folder (static assets) into the site, skipping hidden files."""
        if not source.is_dir():
            return
        for path in sorted(source.rglob("*")):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(source).parts):
                target = self.path_for(f"{relative}/{path.relative_to(source).as_posix()}")
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


def _check_replaceable(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir}: the output path exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise BuildError(f"{out_dir}: refusing to replace a folder site_gen did not build "
                         "(empty it or choose another --out)")
