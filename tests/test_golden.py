"""The golden sample site: a small fixed archive built and compared byte for byte with the committed
expected site, so a change that alters pages, feeds or open data shows up as a diff to review.

When a change to the output is meant, regenerate the expected site and review its diff in git:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from site_gen.build import build
from site_gen.config import load_config
from site_gen.output.write import MARKER

GOLDEN = Path(__file__).resolve().parent / "golden"
ARCHIVE = GOLDEN / "archive"
EXPECTED = GOLDEN / "expected"


def _files(root: Path) -> dict[str, bytes]:
    """Every file of a built site by its relative path but the marker (it names the build that made it)."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and path.name != MARKER}


def _first_difference(name: str, expected: bytes, built: bytes) -> str:
    diff = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                built.decode("utf-8", "replace").splitlines(),
                                f"expected/{name}", f"built/{name}", n=1, lineterm="")
    return "\n".join(list(diff)[:40])


def test_the_sample_archive_builds_to_the_expected_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = build(load_config(ARCHIVE, out_dir=out), strict=True, use_cache=False)
    assert report.articles == len(list((ARCHIVE / "seeds").iterdir()))
    built = _files(out)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(out, EXPECTED, ignore=shutil.ignore_patterns(MARKER))
    expected = _files(EXPECTED)
    missing, extra = sorted(set(expected) - set(built)), sorted(set(built) - set(expected))
    assert not missing and not extra, f"files missing: {missing[:20]}; files not expected: {extra[:20]}"
    changed = [name for name in expected if expected[name] != built[name]]
    assert not changed, (f"{len(changed)} file(s) differ from tests/golden/expected (if meant, regenerate: "
                         f"UPDATE_GOLDEN=1 pytest tests/test_golden.py):\n"
                         + _first_difference(changed[0], expected[changed[0]], built[changed[0]]))


def test_the_sample_archive_touches_every_page_family() -> None:
    """The expected site is only worth comparing if it holds every kind of output."""
    names = set(_files(EXPECTED))
    for prefix in ("players/", "clubs/", "tags/", "windows/", "sources/", "archive/", "api/players.json",
                   "api/clubs.json", "api/rumours/", "search/", "static/"):
        assert any(name.startswith(prefix) for name in names), prefix
    assert any(name.count("/") == 2 and name[:4].isdigit() for name in names)  # article pages: YYYY/MM/slug.html
    assert {"index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", ".nojekyll"} <= names
    assert not any("cache" in name for name in names)  # the build cache is never published
    assert any(name.startswith("clubs/") and name.endswith("feed.xml") for name in names)
    sources = [name for name in names if name.startswith("sources/") and name != "sources/index.html"]
    assert sources  # an outlet's own page: the transfers table decides some rumours
