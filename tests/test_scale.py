"""Scale: a build in several processes writes exactly what one process writes; progress reports."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from site_gen import build as build_module
from site_gen.output import parallel
from site_gen.build import build
from site_gen.config import SiteConfig, load_config
from site_gen.output.progress import NoProgress, ProgressLines, for_terminal

PROJECT = Path(__file__).resolve().parent.parent
SiteFactory = Callable[..., SiteConfig]
DEVSET = sorted((PROJECT / "tests" / "devset" / "articles").glob("*.txt"))


def _site(root: Path) -> Path:
    source = root / "site"
    (source / "seeds").mkdir(parents=True)
    shutil.copytree(PROJECT / "templates", source / "templates")
    shutil.copytree(PROJECT / "static", source / "static")
    for path in DEVSET:
        shutil.copy(path, source / "seeds" / path.name)
    return source


def test_two_processes_build_the_same_bytes_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   snapshot: Callable[[Path], dict[str, str]]) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_TASKS", 1)  # the dev set is small: split it all the same
    pids = tmp_path / "pids"
    pids.mkdir()
    render_share = build_module.render_share

    def recording(*args: object) -> object:
        (pids / str(os.getpid())).touch()
        return render_share(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "render_share", recording)
    source = _site(tmp_path)
    one = load_config(source, out_dir=tmp_path / "one", base_url="https://example.github.io/archive/")
    two = load_config(source, out_dir=tmp_path / "two", base_url="https://example.github.io/archive/")
    report_one = build(one, use_cache=False, jobs=1)
    assert {p.name for p in pids.iterdir()} == {str(os.getpid())}
    report_two = build(two, use_cache=False, jobs=2)
    workers = {p.name for p in pids.iterdir()} - {str(os.getpid())}
    assert len(workers) == 2  # the pages really were rendered by two other processes
    assert snapshot(one.out_dir) == snapshot(two.out_dir)
    assert report_one.pages == report_two.pages and report_one.articles == report_two.articles == len(DEVSET)
    assert set(report_two.stages) == {"load", "extract", "index", "render", "write", "search"}
    assert report_two.stages["extract"] > 0 and report_two.stages["render"] > 0


def test_a_bad_template_fails_a_parallel_build_with_its_file_and_line(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_TASKS", 1)
    source = _site(tmp_path)
    (source / "templates" / "player.html").write_text('{% extends "base.html" %}{% block main %}\n'
                                                      "{{ name.nope() }}{% endblock %}", encoding="utf-8")
    config = load_config(source, out_dir=tmp_path / "out")
    with pytest.raises(Exception, match=r"templates/player\.html:2"):
        build(config, jobs=2)
    assert not config.out_dir.exists()


def test_builds_from_the_command_line_reuse_pages_across_processes(make_site: SiteFactory, seed_text: str) -> None:
    """Each `site-gen build` is a new process: page inputs must not depend on it (addresses, hash seeds)."""
    config = make_site({"000_seed.txt": seed_text, "001_other.txt": DEVSET[1].read_text(encoding="utf-8")})
    command = [sys.executable, "-m", "site_gen", "build", "--source", str(config.source_dir),
               "--out", str(config.out_dir)]
    first = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    seed = config.seeds_dir / "000_seed.txt"
    seed.write_text(seed_text.replace("68 appearances", "70 appearances"), encoding="utf-8")
    second = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    total = int(re.search(r": (\d+) pages and files", first).group(1))  # type: ignore[union-attr]
    rendered = int(re.search(r"\((\d+) rendered", second).group(1))  # type: ignore[union-attr]
    assert 1 <= rendered < total / 2


def test_progress_lines_come_every_few_seconds_and_quiet_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 1.0, 6.0, 7.0, 12.0])
    monkeypatch.setattr("site_gen.output.progress.time.monotonic", lambda: next(clock))
    stream = io.StringIO()
    lines = ProgressLines(stream, every=5.0)
    lines.stage("rendering", 300)
    for _ in range(4):
        lines.advance(50)
    assert stream.getvalue().splitlines() == ["rendering: 100 of 300 (33%)", "rendering: 200 of 300 (66%)"]
    assert isinstance(for_terminal(quiet=True), NoProgress)
    assert isinstance(for_terminal(quiet=False, stream=io.StringIO()), ProgressLines)  # not a terminal


def test_quiet_build_prints_nothing(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    done = subprocess.run([sys.executable, "-m", "site_gen", "build", "--source", str(config.source_dir),
                           "--out", str(config.out_dir), "--quiet", "--jobs", "2"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""


MAKE_CORPUS = PROJECT.parent / "shared" / "bench" / "make_corpus.py"


@pytest.mark.skipif(not MAKE_CORPUS.is_file(), reason="../shared/bench/make_corpus.py is not beside the project")
def test_no_page_grows_with_the_archive(tmp_path: Path) -> None:
    """600 synthetic articles: every list is paginated, so no HTML page passes 200 KB."""
    source = tmp_path / "site"
    shutil.copytree(PROJECT / "templates", source / "templates")
    shutil.copytree(PROJECT / "static", source / "static")
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--count", "600", "--out", str(source / "seeds"),
                    "--seed", "3"], check=True, capture_output=True)
    config = load_config(source, out_dir=tmp_path / "out", per_page=10)
    build(config, jobs=2)
    sizes = {p: p.stat().st_size for p in config.out_dir.rglob("*.html")}
    assert max(sizes.values()) < 200_000
    home = (config.out_dir / "index.html").read_text(encoding="utf-8")
    assert home.count("<li><time>") == 10 and "All 600 rumours" in home  # the rest are in the archive
    tag_pages = list((config.out_dir / "tags").glob("*/page/2/index.html"))
    assert tag_pages
    for listing in tag_pages:
        assert 1 <= listing.read_text(encoding="utf-8").count("<li><time>") <= 10
    for listing in (config.out_dir / "clubs").glob("*/index.html"):  # a club only named lists no rumour
        page = listing.read_text(encoding="utf-8")
        assert page.count("<li><time>") <= 10 and (page.count("<li><time>") or "0 of them link" in page)


def test_lists_can_run_oldest_first(make_site: SiteFactory, seed_text: str) -> None:
    articles: dict[str, str | bytes] = {path.name: path.read_text(encoding="utf-8") for path in DEVSET[:12]}
    config = make_site(articles, order="oldest-first")
    build(config)
    dates = re.findall(r"<time>(\d{4}-\d\d-\d\d)</time>", (config.out_dir / "index.html").read_text(
        encoding="utf-8").split("<main")[1].split("</section>")[0])
    assert len(dates) >= 10 and dates == sorted(dates)


def test_club_pages_list_a_bounded_number_of_players(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from site_gen.site import people as pages
    monkeypatch.setattr(pages, "LINKED_LIMIT", 1)
    config = make_site({path.name: path.read_text(encoding="utf-8") for path in DEVSET})
    build(config)
    crowded = [p for p in (config.out_dir / "clubs").glob("*/index.html") if "more, in the rumours below" in
               p.read_text(encoding="utf-8")]
    assert crowded
    for page in crowded:
        html = page.read_text(encoding="utf-8")
        sections = re.findall(r'<section aria-label="(?:Linked in|Linked out)">\s*<h2>[^<]*</h2>\s*'
                              r'<ul class="chips">(.*?)</ul>', html)
        assert sections
        assert all(section.count("<li>") <= 1 for section in sections)


def test_every_stage_shows_its_real_total(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text, "001_other.txt": DEVSET[1].read_text(encoding="utf-8")})
    stream = io.StringIO()
    report = build(config, use_cache=False, progress=ProgressLines(stream, every=0.0))
    lines = stream.getvalue().splitlines()
    reading = [line for line in lines if line.startswith("reading:")]
    rendering = [line for line in lines if line.startswith("rendering:")]
    assert reading[-1] == "reading: 2 of 2 (100%)"
    assert rendering[-1] == f"rendering: {report.pages:,} of {report.pages:,} (100%)"
    assert not any(" of 0" in line for line in lines)
