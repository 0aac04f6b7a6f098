"""The preview's file watcher: which changes wake which task, told by the operating system's events."""

from __future__ import annotations

import time
from pathlib import Path

from site_gen.watching import EventWatcher, covers, watched_root


def test_a_glob_stands_for_everything_under_its_folder() -> None:
    assert watched_root("/a/seeds/**/*") == "/a/seeds"
    assert covers("/a/seeds/**/*", "/a/seeds/001_x.txt")
    assert covers("/a/seeds/**/*", "/a/seeds/2019/001_x.md")
    assert not covers("/a/seeds/**/*", "/a/seedsx/001_x.txt")
    assert covers("/a/site.toml", "/a/site.toml") and not covers("/a/site.toml", "/a/_site/site.toml")


def test_changes_run_the_tasks_they_concern_with_the_files_changed(tmp_path: Path) -> None:
    seeds, built = tmp_path / "seeds", tmp_path / "_site"
    seeds.mkdir()
    built.mkdir()
    (tmp_path / "site.toml").write_text("", encoding="utf-8")
    saved: list[list[str]] = []
    settings: list[bool] = []
    watcher = EventWatcher()
    watcher.watch(str(seeds / "**" / "*"), saved.append)
    watcher.watch(str(tmp_path / "site.toml"), lambda: settings.append(True))
    watcher._observer.start()  # (without livereload's loop: examine() is called by hand below)
    try:
        (built / "index.html").write_text("a page the build wrote", encoding="utf-8")
        (seeds / "001_a.txt").write_text(" date 2019-07-03 Arsenal want Joel Marsden.", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not saved and time.monotonic() < deadline:
            time.sleep(0.05)
            watcher.examine()
    finally:
        watcher.stop()
    assert saved and {Path(path).name for batch in saved for path in batch} == {"001_a.txt"}
    assert not settings  # the built site, inside the archive's folder, wakes nothing
