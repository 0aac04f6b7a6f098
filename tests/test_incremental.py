"""Rebuilds with the cache: only what changed is redone, and the result is always a clean build's."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen.build import KeptPlan, build, gather
from site_gen.model import Article
from site_gen.output import render
from site_gen.output.cache import BuildCache, cache_folder
from site_gen.config import SiteConfig, load_config
from site_gen.output.write import SPILL_PREFIX, PatchedOutput, built_id

PROJECT = Path(__file__).resolve().parent.parent
DEVSET = sorted((PROJECT / "tests" / "devset" / "articles").glob("*.txt"))

SiteFactory = Callable[..., SiteConfig]
Snapshot = Callable[[Path], dict[str, str]]  # conftest's snapshot: {relative path: sha256}, the cache left out


def clean_build(config: SiteConfig, scratch: Path, snapshot: Snapshot) -> dict[str, str]:
    """What a cold build of the same inputs writes, into a folder of its own."""
    out = scratch / "clean"
    if out.exists():
        shutil.rmtree(out)
    build(load_config(config.source_dir, out_dir=out, base_url=config.base_url), use_cache=False)
    return snapshot(out)


def test_nothing_changed_writes_nothing(make_site: SiteFactory, seed_text: str,
                                        rendered_files: Callable[[Path], list[Path]]) -> None:
    config = make_site({"000_seed.txt": seed_text})
    hour_ago = time.time() - 3600  # files saved just before a build are checked by content (see RACY_NS)
    os.utime(config.seeds_dir / "000_seed.txt", (hour_ago, hour_ago))
    build(config)
    before = {p: p.stat().st_mtime_ns for p in config.out_dir.rglob("*")}
    report = build(config)
    assert report.rendered == 0 and report.articles == 1
    assert report.pages == len(rendered_files(config.out_dir))
    assert {p: p.stat().st_mtime_ns for p in config.out_dir.rglob("*")} == before  # the very same files


def test_one_changed_article_renders_only_its_pages(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text, "001_other.txt": DEVSET[1].read_text(encoding="utf-8")})
    first = build(config)
    pages = {p.relative_to(config.out_dir).as_posix(): p for p in config.out_dir.rglob("*.html")}
    seed_page = next(name for name in pages if name.startswith("2017/08/"))
    others = {name for name, path in pages.items() if "van dijk" not in path.read_text(encoding="utf-8").lower()}
    inodes = {name: pages[name].stat().st_ino for name in others}
    seed = config.seeds_dir / "000_seed.txt"
    seed.write_text(seed_text.replace("68 appearances", "70 appearances"), encoding="utf-8")
    second = build(config)
    assert 1 <= second.rendered < first.rendered
    assert "70 appearances" in (config.out_dir / seed_page).read_text(encoding="utf-8")
    # pages that do not show the seed article are the very files of the last build, not rendered again
    assert others and {name: (config.out_dir / name).stat().st_ino for name in others} == inodes


def test_a_reworded_paragraph_renders_only_its_article_page(make_site: SiteFactory, seed_text: str,
                                                            tmp_path: Path, snapshot: Snapshot,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_site({"000_seed.txt": seed_text, "001_other.txt": DEVSET[1].read_text(encoding="utf-8")})
    build(config)
    seed = config.seeds_dir / "000_seed.txt"
    seed.write_text(seed_text.replace("68 appearances", "70 appearances"), encoding="utf-8")

    def no_plan(maker: object) -> None:
        raise AssertionError("a reworded article needs no plan of the other pages")

    monkeypatch.setattr("site_gen.build.make_pages", no_plan)
    changed = build(config)
    assert changed.rendered == 1  # lists, feeds, open data and search show no body: only its page changes
    monkeypatch.undo()
    cold = load_config(config.source_dir, out_dir=tmp_path / "cold")
    build(cold, use_cache=False)
    assert snapshot(config.out_dir) == snapshot(cold.out_dir)


def test_the_preview_renders_a_reworded_article_from_its_kept_plan(make_site: SiteFactory, seed_text: str,
                                                                   tmp_path: Path, snapshot: Snapshot) -> None:
    config = make_site({"000_seed.txt": seed_text, "001_other.txt": DEVSET[1].read_text(encoding="utf-8")})
    memory, kept = BuildCache(cache_folder(config.out_dir), "", write_through=False), KeptPlan()
    build(config, cache=memory, kept=kept)  # as the preview does
    planned = kept.maker
    seed = config.seeds_dir / "000_seed.txt"
    seed.write_text(seed_text.replace("68 appearances", "70 appearances"), encoding="utf-8")
    assert build(config, cache=memory, kept=kept).rendered == 1
    assert kept.maker is planned  # neither indexed nor planned again
    cold = load_config(config.source_dir, out_dir=tmp_path / "cold")
    build(cold, use_cache=False)
    assert snapshot(config.out_dir) == snapshot(cold.out_dir)
    # a save that changes what lists show (a fee) indexes and plans again, and still makes the cold site
    seed.write_text(seed_text.replace("£60m", "£70m"), encoding="utf-8")
    assert build(config, cache=memory, kept=kept).rendered > 1 and kept.maker is not planned
    build(cold, use_cache=False)
    assert snapshot(config.out_dir) == snapshot(cold.out_dir)
    # and once the preview stops (writing its cache), a plain build trusts what it left
    memory.flush()
    assert build(config).rendered == 0


def test_the_preview_shows_an_edited_page_first_then_builds_the_rest(make_site: SiteFactory, seed_text: str,
                                                                     tmp_path: Path, snapshot: Snapshot) -> None:
    from site_gen.serve import Preview

    config = make_site({"000_seed.txt": seed_text, "001_other.txt": DEVSET[1].read_text(encoding="utf-8")})
    preview = Preview(config, quiet=True)
    preview.rebuild()
    seed = config.seeds_dir / "000_seed.txt"
    page = next(config.out_dir.glob("2017/08/*.html"))
    month = config.out_dir / "archive" / "2017" / "08" / "index.html"
    month_before = month.read_text(encoding="utf-8")
    seed.write_text(seed_text.replace("£60m", "£70m"), encoding="utf-8")  # news: what lists show changes
    reloaded = threading.Event()
    release = threading.Event()
    original = preview.rebuild

    def held_rebuild() -> int:  # holds the build that follows, to look at the site before it
        release.wait(30)
        return original()

    preview.rebuild = held_rebuild  # type: ignore[method-assign]
    worker = preview.saved([seed], reloaded.set)
    assert worker is not None
    assert "£70m" in page.read_text(encoding="utf-8")  # the edited page, at once
    shown_first = page.read_bytes()
    assert month.read_text(encoding="utf-8") == month_before  # the lists follow
    assert built_id(config.out_dir) == "patching"  # no cache trusts the site meanwhile
    assert preview.saved([seed], reloaded.set) is None  # a save meanwhile waits for the build under way
    release.set()
    assert reloaded.wait(30)
    worker.join(30)
    assert "£70m" in month.read_text(encoding="utf-8")
    assert page.read_bytes() == shown_first  # a fee changed: the page shown first was already the final one
    cold = load_config(config.source_dir, out_dir=tmp_path / "cold")
    build(cold, use_cache=False)
    assert snapshot(config.out_dir) == snapshot(cold.out_dir)
    # a reworded save, a new file, or no list of files: built at once, as before
    preview.rebuild = original  # type: ignore[method-assign]
    seed.write_text(seed_text.replace("£60m", "£70m").replace("68 appearances", "70 appearances"), encoding="utf-8")
    assert preview.saved([seed], reloaded.set) is None
    assert "70 appearances" in page.read_text(encoding="utf-8") and built_id(config.out_dir) != "patching"
    (config.seeds_dir / "002_new.txt").write_text(" date 2017-08-02 Liverpool have made a £5m bid for Kai Lund.\n",
                                                  encoding="utf-8")
    assert preview.saved([config.seeds_dir / "002_new.txt"], reloaded.set) is None
    assert preview.saved(None, reloaded.set) is None
    other = next(path for path in config.out_dir.glob("20*/*/*.html") if path != page)
    other_before = other.read_bytes()
    seed.write_text(seed_text.replace(" date 2017-08-02 ", " date 2017-08-09 ").replace("£60m", "£80m"),
                    encoding="utf-8")  # news and a new address: all built before the reload
    assert preview.saved([seed], reloaded.set) is None
    assert other.read_bytes() == other_before and built_id(config.out_dir) != "patching"
    build(cold, use_cache=False)
    assert snapshot(config.out_dir) == snapshot(cold.out_dir)


def test_a_build_sets_bodies_aside_and_article_pages_read_them_again(make_site: SiteFactory,
                                                                     seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    build(config)
    cache = BuildCache(cache_folder(config.out_dir), gather(config).code, site_id=built_id(config.out_dir))
    record = cache.files["000_seed.txt"].record
    assert isinstance(record, Article) and record.body == ""  # not in memory, nor in the cache
    assert record.lead.startswith("Virgil Van Dijk has refused to budge")
    page = next(config.out_dir.glob("2017/08/*.html")).read_text(encoding="utf-8")
    assert "68 appearances in all competitions" in page


def test_a_build_keeps_compiled_templates_for_the_next(make_site: SiteFactory, seed_text: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_site({"000_seed.txt": seed_text})
    build(config)
    assert list(cache_folder(config.out_dir).glob("template-*.jinja"))
    monkeypatch.setattr(render, "_COMPILED", {})  # as in a new process
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    seed = next(config.seeds_dir.glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nArsenal have made a £50m bid for him.", encoding="utf-8")
    assert build(config).rendered > 1


def test_a_save_pickles_again_only_the_records_that_changed(make_site: SiteFactory, seed_text: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from site_gen.output import cache as cache_module
    monkeypatch.setattr(cache_module, "_CHUNK", 1)  # a chunk a record
    config = make_site({"000_seed.txt": seed_text, "001_a.txt": " date 2019-01-05 Arsenal want Tom Pike.\n\nMore.",
                        "002_b.txt": " date 2019-02-05 Everton want Kai Lund.\n\nMore."})
    for seed in config.seeds_dir.glob("*.txt"):  # written well before the build (not "racy clean")
        os.utime(seed, ns=(time.time_ns() - 60 * 10**9,) * 2)
    build(config)
    pickled: list[object] = []
    dumps = cache_module.pickle.dumps
    monkeypatch.setattr(cache_module.pickle, "dumps", lambda value, **kw: pickled.append(value) or dumps(value, **kw))
    (config.seeds_dir / "001_a.txt").write_text(" date 2019-01-05 Arsenal want Tom Pike for £9m.\n\nMore.",
                                                encoding="utf-8")
    build(config)
    assert [list(chunk) for chunk in pickled] == [["001_a.txt"]]  # the others' pickles were written as they were
    reloaded = BuildCache(cache_folder(config.out_dir), gather(config).code, site_id=built_id(config.out_dir))
    assert sorted(reloaded.files) == ["000_seed.txt", "001_a.txt", "002_b.txt"]
    assert "£9m" in repr(reloaded.files["001_a.txt"].record)


def test_no_cache_renders_everything(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    first = build(config)
    assert build(config, use_cache=False).rendered == first.rendered == first.pages


def test_corrupt_cache_means_a_cold_build(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    first = build(config)
    (cache_folder(config.out_dir) / "cache.pickle").write_bytes(b"not a pickle")
    assert build(config).rendered == first.pages


EDITS = ["edit", "retitle", "redate", "add", "delete", "rename", "curate", "template", "static", "corrections"]


@pytest.mark.parametrize(("in_place", "in_memory"), [(False, False), (True, False), (True, True)],
                         ids=["staged", "in-place", "serve"])
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 10_000)), min_size=2, max_size=6))
def test_incremental_builds_equal_clean_builds(tmp_path_factory: object, snapshot: Snapshot, in_place: bool,
                                               in_memory: bool, steps: list[tuple[str, int]]) -> None:
    """Staged: a whole new site swapped in. In place: `build` from the command line, only changed
    files rewritten in the site, the cache on disk. Serve: the same with the cache kept in memory.
    The search index is compared too: its partitions are rebuilt or kept."""
    scratch = Path(tmp_path_factory.mktemp("incremental"))  # type: ignore[attr-defined]
    config = _fresh_site(scratch)
    memory = BuildCache(cache_folder(config.out_dir), "") if in_memory else None
    build(config, cache=memory, in_place=in_place)
    for edit, seed in steps:
        _apply(config, edit, random.Random(seed))
        report = build(config, cache=memory, in_place=in_place)
        built, clean = snapshot(config.out_dir), clean_build(config, scratch, snapshot)
        assert built == clean, (edit, report)
        assert not list(config.out_dir.rglob(".pending-*")) and not list(config.out_dir.rglob(".*.new-*"))


def test_in_place_rebuild_writes_only_what_changed(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text, "001_other.txt": DEVSET[1].read_text(encoding="utf-8")})
    memory = BuildCache(cache_folder(config.out_dir), "")
    build(config, cache=memory, in_place=True)
    stamps = {p: p.stat().st_mtime_ns for p in config.out_dir.rglob("*.html")}
    seed = config.seeds_dir / "000_seed.txt"
    seed.write_text(seed_text.replace("68 appearances", "70 appearances"), encoding="utf-8")
    report = build(config, cache=memory, in_place=True)
    changed = [p for p in config.out_dir.rglob("*.html") if p.stat().st_mtime_ns != stamps.get(p)]
    assert len(changed) == 1 <= report.rendered  # pages that list the article are the same bytes again
    assert "70 appearances" in changed[0].read_text(encoding="utf-8")


def test_an_update_too_big_for_memory_waits_on_disk(tmp_path: Path, snapshot: Snapshot,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Changed pages past the memory allowance wait in a hidden folder until the commit; one left by
    a build that died is removed, never published."""
    config = _fresh_site(tmp_path)
    build(config, in_place=True)
    monkeypatch.setattr(PatchedOutput, "HELD_IN_MEMORY", 0)  # every changed page goes to disk
    leftover = config.out_dir / f"{SPILL_PREFIX}999" / "players" / "x.html"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("from a build that died", encoding="utf-8")
    _apply(config, "retitle", random.Random(3))
    report = build(config, in_place=True)
    assert report.rendered > 0
    assert snapshot(config.out_dir) == clean_build(config, tmp_path, snapshot)
    assert not list(config.out_dir.glob(f"{SPILL_PREFIX}*"))


def test_the_archive_wide_pass_is_redone_only_when_what_it_reads_changes(
        make_site: SiteFactory, seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import site_gen.content.archive as archive

    passes: list[int] = []
    real = archive.reconcile
    monkeypatch.setattr(archive, "reconcile", lambda *args: passes.append(1) or real(*args))
    config = make_site({"000_seed.txt": seed_text, "001_other.txt": DEVSET[1].read_text(encoding="utf-8")})
    build(config)
    assert len(passes) == 1
    seed = config.seeds_dir / "000_seed.txt"
    seed.write_text(seed_text.replace("68 appearances", "70 appearances"), encoding="utf-8")
    build(config)  # a new process would read the pass from the cache on disk, as this build does
    assert len(passes) == 1  # the words changed, not the names, moves or clubs
    seed.write_text(seed_text.replace("Wesley Hoedt", "Wesley Hoedtt"), encoding="utf-8")
    build(config)
    assert len(passes) == 2


def _fresh_site(scratch: Path) -> SiteConfig:
    source = scratch / "site"
    (source / "seeds").mkdir(parents=True)
    shutil.copytree(PROJECT / "templates", source / "templates")
    shutil.copytree(PROJECT / "static", source / "static")
    for path in DEVSET[:6]:
        shutil.copy(path, source / "seeds" / path.name)
    return load_config(source, out_dir=scratch / "out", base_url="https://example.github.io/archive/")


def _apply(config: SiteConfig, edit: str, chance: random.Random) -> None:
    """One editor's action on the site's inputs."""
    seeds = sorted(config.seeds_dir.glob("*.txt"))
    target = chance.choice(seeds) if seeds else None
    if edit == "add" or target is None:
        new = chance.choice(DEVSET)
        shutil.copy(new, config.seeds_dir / f"{chance.randrange(1000):03d}_{new.stem}.txt")
    elif edit == "edit":
        text = target.read_text(encoding="utf-8").rstrip()
        target.write_text(text + chance.choice([
            "\n\nHarry Kane is also wanted by Arsenal for £80m.",
            "\n\nEverton have joined the race, according to the Daily Mail.",
            "\n\nThe midfielder is out of contract next summer.",
        ]), encoding="utf-8")
    elif edit == "retitle":
        text = target.read_text(encoding="utf-8")
        date, body = text.split(" ", 3)[2], text.split(" ", 3)[3]
        target.write_text(f" date {date} Breaking: {body}", encoding="utf-8")
    elif edit == "redate":
        body = target.read_text(encoding="utf-8").split(" ", 3)[3]
        target.write_text(f" date 20{chance.randrange(15, 24)}-0{chance.randrange(1, 9)}-1{chance.randrange(9)} "
                          f"{body}", encoding="utf-8")
    elif edit == "delete":
        target.unlink()
    elif edit == "rename":
        target.rename(target.with_name(f"9{chance.randrange(100):02d}_{target.stem}.txt"))
    elif edit == "curate":
        target.with_suffix(".md").write_text(
            f"---\ndate: 2019-0{chance.randrange(1, 9)}-15\ntitle: Curated story {chance.randrange(100)}\n"
            f"players: [Wesley Hoedt, {chance.choice(['Virgil van Dijk', 'Harry Kane'])}]\n---\nEdited *by hand*.\n",
            encoding="utf-8")
    elif edit == "template":
        template = config.templates_dir / "player.html"
        template.write_text(template.read_text(encoding="utf-8").replace(
            "{% block main %}", f"{{% block main %}}<!-- edit {chance.randrange(100)} -->", 1), encoding="utf-8")
    elif edit == "static":
        with (config.static_dir / "style.css").open("a", encoding="utf-8") as style:
            style.write(f"\n/* edit {chance.randrange(100)} */\n")
    elif edit == "corrections":
        lines = [f"player_names: {{Wesley Hoedt: Wes Hoedt {chance.randrange(9)}}}"]
        if chance.random() < 0.5:
            lines.append(f"not_players: [{chance.choice(['Harry Kane', 'Virgil van Dijk'])}]")
        if chance.random() < 0.7:
            lines.append(f"articles:\n  {target.name}: {{source: The Sun, tags: [fixed-{chance.randrange(9)}], "
                         f"moves: [{{player: Harry Kane, from: Tottenham, to: {chance.choice(['Arsenal', 'Everton'])}, "
                         f"stage: talks}}]}}")
        (config.source_dir / "corrections.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_record_digest_does_not_hang_on_the_process(tmp_path: Path) -> None:
    """Records are digested in worker processes and again in the main one: the digest of a curated
    article (front matter setting players and moves) is the same whatever a process's string hashing."""
    source = tmp_path / "001_a.md"
    source.write_text("---\ndate: 2024-07-01\ntitle: Fulham bid for Joel Marsden\nplayers: [Joel Marsden]\n"
                      "moves:\n  - {player: Joel Marsden, from: Leeds United, to: Fulham, stage: bid}\n---\n"
                      "Fulham have bid for Joel Marsden.\n", encoding="utf-8")
    script = ("import sys; from pathlib import Path; from site_gen.content.load import load_source; "
              "from site_gen.content.infer import make_article; from site_gen.model import shown_digest; "
              "print(shown_digest(make_article(load_source(Path(sys.argv[1])))))")
    digests = {subprocess.run([sys.executable, "-c", script, str(source)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip() for seed in range(6)}
    assert len(digests) == 1 and len(digests.pop()) == 32
