"""Digests that tell whether anything changed: of values, of files, and of the package itself."""

from __future__ import annotations

import hashlib
import io
import pickle
from pathlib import Path
from typing import Any

from site_gen import __version__
from site_gen.output.theme import DEFAULT_THEME

_PACKAGE = Path(__file__).resolve().parent
#: Bumped when the cache's layout changes, so older caches are ignored.
_FORMAT = 8


def fingerprint(value: Any) -> bytes:
    """A digest of a page's values, pickled (so at C speed) without the pickle memo.

    Without the memo, a pickle depends on values only, not on which equal objects
    happen to be shared (a record read from the cache shares its strings), so an
    unchanged page keeps its digest across builds and processes.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: equal values, equal bytes (page values hold no cycles)
    pickler.dump(value)
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16).digest()


def code_fingerprint() -> str:
    """The package's version, every module and data file in it (subpackages too) and the default
    theme: a change to any of them may change any record or page."""
    digest = hashlib.sha256(f"{__version__}/{_FORMAT}".encode())
    digest.update(tree_fingerprint(_PACKAGE, *DEFAULT_THEME.folders()).encode())
    return digest.hexdigest()


def tree_fingerprint(*folders_and_files: Path) -> str:
    """Names and contents of every file in these folders and files (missing ones count too)."""
    digest = hashlib.sha256()
    for root in folders_and_files:
        paths = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if root.is_dir() else [root]
        for path in paths:
            digest.update(str(path.relative_to(root) if root.is_dir() else path.name).encode())
            digest.update(path.read_bytes() if path.is_file() else b"\0missing")
    return digest.hexdigest()
