"""Whole builds of small archives: pages written, links that resolve, valid HTML."""

from __future__ import annotations

import dataclasses
import json

import re
from pathlib import Path
from typing import Any, Callable

import html5lib
import pytest

from site_gen.build import build, extract_articles, gather, index_site
from site_gen.config import SiteConfig, load_config
from site_gen.check import html_links
from site_gen.errors import BuildError
from site_gen.site.finding import fragment_shelf, shelf
from site_gen.site.maker import PageMaker

SiteFactory = Callable[..., SiteConfig]
Crawl = Callable[..., Any]  # conftest's crawl_site
FileFor = Callable[[Path, str, str], Path]
RenderedFiles = Callable[[Path], list[Path]]
Snapshot = Callable[[Path], dict[str, str]]

LATER_ARTICLE = """ date 2018-01-10 Virgil van Dijk has completed his move to Liverpool for a fee of £75m, \
ending months of wrangling with Southampton.

The Dutchman trained with his new team-mates at Melwood on Wednesday."""

CURATED = """---
date: 2017-07-20
title: Hoedt wanted on the south coast
players: [Wesley Hoedt]
clubs: [Lazio, Southampton]
moves:
  - {player: Wesley Hoedt, from: Lazio, to: Southampton, fee: £12m}
source: Corriere dello Sport
tags: [centre-back, defence]
---

Southampton are weighing up a move for **Wesley Hoedt**, according to Italian reports.
"""


@pytest.fixture
def archive(make_site: SiteFactory, seed_text: str):  # type: ignore[no-untyped-def]
    def make(base_url: str | None = None, **settings: object):  # type: ignore[no-untyped-def]
        settings.setdefault("player_page_rumours", 2)  # Van Dijk and Hoedt, in two rumours each, have pages
        config = make_site({
            "000_e7628b25063be3d4.txt": seed_text,
            "001_later.txt": LATER_ARTICLE,
            "002_curated.md": CURATED,
        }, base_url=base_url, **settings)
        return config, build(config)
    return make


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_expected_pages_are_written(archive, rendered_files: RenderedFiles) -> None:  # type: ignore[no-untyped-def]
    config, report = archive()
    out = config.out_dir
    assert report.articles == 3
    assert report.pages == len(rendered_files(out))
    for page in ["index.html", "404.html", "players/index.html", "players/virgil-van-dijk.html",
                 "players/wesley-hoedt.html", "clubs/index.html", "clubs/liverpool/index.html",
                 "clubs/southampton/index.html", "clubs/lazio/index.html", "tags/index.html",
                 "tags/centre-back/index.html", "archive/index.html", "archive/2017/08/index.html",
                 "archive/2018/01/index.html", "archive/2017/07/index.html",
                 "2017/07/hoedt-wanted-on-the-south-coast.html"]:
        assert (out / page).is_file(), page
    assert (out / "static" / "style.css").is_file()
    assert (out / ".nojekyll").is_file()


@pytest.mark.parametrize("base_url", [None, "https://user.github.io/archive/", "/deep/sub/path"])
def test_every_link_resolves_and_every_page_is_reachable(archive, base_url: str | None, crawl_site: Crawl,  # type: ignore[no-untyped-def]
                                                          file_for: FileFor) -> None:
    config, _ = archive(base_url=base_url)
    base_path = "/" + (re.sub(r"^https?://[^/]+", "", base_url or "/").strip("/") + "/").lstrip("/")
    result = crawl_site(config.out_dir, base_path)
    assert result.broken == []
    reached = {file_for(config.out_dir, base_path, url) for url in result.visited}
    unreached = [p for p in html_files(config.out_dir) if p not in reached and p.name != "404.html"]
    assert unreached == []


def test_every_page_is_well_formed_html(archive) -> None:  # type: ignore[no-untyped-def]
    config, _ = archive()
    parser = html5lib.HTMLParser(strict=True)
    for page in html_files(config.out_dir):
        parser.parse(page.read_bytes())  # raises on any parse error


def test_minified_pages_say_and_link_what_the_templates_write(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text, "001_later.txt": LATER_ARTICLE}, search=False, minify_html=True)
    build(config)
    plain = load_config(config.source_dir, out_dir=config.out_dir.parent / "plain", minify_html=False,
                        search=False)
    build(plain)

    def seen(page: Path) -> tuple[str, list[tuple[str, str]]]:
        """The page's text (without the spaces between blocks, which it drops) and its elements'
        attributes, in document order."""
        root = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
        words = "".join("".join(root.find("body").itertext()).split())
        return words, [(element.tag, str(sorted(element.attrib.items()))) for element in root.iter()]

    pages = html_files(plain.out_dir)
    assert len(pages) > 20 and [p.relative_to(plain.out_dir) for p in pages] == \
        [p.relative_to(config.out_dir) for p in html_files(config.out_dir)]
    for page in pages:
        small = config.out_dir / page.relative_to(plain.out_dir)
        assert seen(small) == seen(page), page
        assert small.stat().st_size < page.stat().st_size
        assert b"</head>" in small.read_bytes()  # where the preview's live reload adds its script
    article = next(config.out_dir.glob("2017/*/*.html")).read_text(encoding="utf-8")
    assert "</li>" not in article and 'class="' not in article.partition("</head>")[2]


def test_links_from_home_to_seed_player_clubs_tags_and_month(archive, file_for: FileFor) -> None:  # type: ignore[no-untyped-def]
    config, _ = archive()
    out = config.out_dir

    def page_links(path: str) -> list[str]:
        return html_links(file_for(out, "/", path).read_text(encoding="utf-8"))

    home = page_links("/")
    seed_url = next(link for link in home if link.startswith("/2017/08/virgil-van-dijk"))
    assert "/players/virgil-van-dijk.html" in page_links(seed_url)
    player = page_links("/players/virgil-van-dijk.html")
    assert {"/clubs/liverpool/", "/clubs/southampton/", seed_url} <= set(player)
    assert "/tags/" in home and "/archive/" in home
    assert "/archive/2017/08/" in page_links("/archive/")


def test_two_spellings_make_one_player_page(archive) -> None:  # type: ignore[no-untyped-def]
    config, _ = archive()
    page = (config.out_dir / "players/virgil-van-dijk.html").read_text(encoding="utf-8")
    assert "<h1>Virgil van Dijk</h1>" in page
    timeline = page.split('aria-label="Timeline"', 1)[1]
    assert timeline.count("<li><time>") == 2  # the seed and the later article
    assert not (config.out_dir / "players/virgil-van-dijk-2").exists()


def _pike(date: str, title: str, origin: str, to: str, stage: str = "interest") -> str:
    """A rumour of Tom Pike whose move an editor set (so it is published, however the prose reads)."""
    return (f"---\ndate: {date}\ntitle: {title}\nplayers: [Tom Pike]\n"
            f"moves:\n  - {{player: Tom Pike, from: {origin}, to: {to}, stage: {stage}}}\n---\n\n{title}.\n\nMore words.\n")


def test_a_player_named_once_links_to_his_rumour_until_named_again(make_site: SiteFactory, snapshot: Snapshot,
                                                                    tmp_path: Path) -> None:
    first = _pike("2019-01-05", "Arsenal are keen on Tom Pike of Everton", "Everton", "Arsenal")
    config = make_site({"001_a.md": first}, player_page_rumours=2, player_page_moves=False)
    (config.source_dir / "site.toml").write_text("minify_html = false\nplayer_page_moves = false\n", encoding="utf-8")
    build(config)
    out = config.out_dir
    rumour = "/2019/01/arsenal-are-keen-on-tom-pike-of-everton.html"
    assert not (out / "players" / "tom-pike.html").exists()
    article = (out / rumour.strip("/")).read_text(encoding="utf-8")
    assert "Tom Pike" in article and 'href="/players/tom-pike' not in article  # not linked to itself
    assert f'href="{rumour}">Tom Pike</a>' in (out / "players" / "index.html").read_text(encoding="utf-8")
    club = (out / "clubs" / "arsenal" / "index.html").read_text(encoding="utf-8")
    assert f'href="{rumour}">Tom Pike</a>' in club.split("Linked in", 1)[1].split("</section>", 1)[0]
    entry = json.loads((out / "api" / "players.json").read_text(encoding="utf-8"))["players"][0]
    assert entry["name"] == "Tom Pike" and entry["url"] == rumour
    # named a second time, he has a page, every link to him leads there, and the update equals a cold build
    (config.seeds_dir / "002_b.md").write_text(
        _pike("2019-02-01", "Everton have rejected a bid from Fulham for Tom Pike", "Everton", "Fulham", "bid"),
        encoding="utf-8")
    build(config)
    assert "<h1>Tom Pike</h1>" in (out / "players" / "tom-pike.html").read_text(encoding="utf-8")
    assert 'href="/players/tom-pike.html">Tom Pike</a>' in (out / rumour.strip("/")).read_text(encoding="utf-8")
    cold = load_config(config.source_dir, out_dir=tmp_path / "cold", player_page_rumours=2)
    assert not cold.player_page_moves  # from site.toml
    build(cold, use_cache=False)
    assert snapshot(out) == snapshot(cold.out_dir)
    # and with `player_page_rumours = 1` every player has a page from his first rumour
    every = load_config(config.source_dir, out_dir=tmp_path / "every", player_page_rumours=1)
    (config.seeds_dir / "002_b.md").unlink()
    build(every)
    assert (every.out_dir / "players" / "tom-pike.html").is_file()


def test_a_player_named_twice_without_a_page_links_between_his_rumours(make_site: SiteFactory, snapshot: Snapshot,
                                                                         tmp_path: Path) -> None:
    config = make_site({"001_a.md": _pike("2019-01-05", "Arsenal are keen on Tom Pike of Everton", "Everton", "Arsenal"),
                        "002_b.md": _pike("2019-02-01", "Everton have rejected a bid from Fulham for Tom Pike",
                                          "Everton", "Fulham", "bid")},
                       player_page_moves=False)  # his moves alone give him no page
    (config.source_dir / "site.toml").write_text("minify_html = false\nplayer_page_moves = false\n", encoding="utf-8")
    assert config.player_page_rumours == 3  # the default
    build(config)
    out = config.out_dir
    older, newest = "/2019/01/arsenal-are-keen-on-tom-pike-of-everton.html", "/2019/02/everton-have-rejected-a-bid-from-fulham.html"
    assert not (out / "players" / "tom-pike.html").exists()
    assert f'<a href="{newest}">Tom Pike</a>' in (out / older.strip("/")).read_text(encoding="utf-8")
    assert f'<a href="{older}" title="His rumour before this one">Tom Pike</a>' in \
        (out / newest.strip("/")).read_text(encoding="utf-8")
    assert f'href="{newest}">Tom Pike</a>' in (out / "clubs" / "arsenal" / "index.html").read_text(encoding="utf-8")
    # the newest rumour retitled: the older one's link follows it, as a cold build makes it
    (config.seeds_dir / "002_b.md").write_text(
        _pike("2019-02-01", "Everton rejected a bid from Fulham for Tom Pike", "Everton", "Fulham", "bid"),
        encoding="utf-8")
    build(config)
    moved = "/2019/02/everton-rejected-a-bid-from-fulham-for.html"
    assert f'<a href="{moved}">Tom Pike</a>' in (out / older.strip("/")).read_text(encoding="utf-8")
    cold = load_config(config.source_dir, out_dir=tmp_path / "cold")
    build(cold, use_cache=False)
    assert snapshot(out) == snapshot(cold.out_dir)


def test_club_page_lists_players_with_direction(archive) -> None:  # type: ignore[no-untyped-def]
    config, _ = archive()
    page = (config.out_dir / "clubs/southampton/index.html").read_text(encoding="utf-8")
    linked_in = page.split("Linked in", 1)[1].split("</section>", 1)[0]
    linked_out = page.split("Linked out", 1)[1].split("</section>", 1)[0]
    assert "/players/wesley-hoedt.html" in linked_in
    assert "/players/virgil-van-dijk.html" in linked_out


def test_front_matter_overrides_inference(archive) -> None:  # type: ignore[no-untyped-def]
    config, _ = archive()
    page = (config.out_dir / "2017/07/hoedt-wanted-on-the-south-coast.html").read_text(encoding="utf-8")
    assert "<h1>Hoedt wanted on the south coast</h1>" in page
    assert "Corriere dello Sport" in page
    assert "/tags/defence/" in page
    assert "<strong>Wesley Hoedt</strong>" in page  # Markdown body rendered


def test_long_lists_are_paginated(make_site: SiteFactory, crawl_site: Crawl) -> None:
    articles = {f"{n:03d}_x.txt": f" date 2019-01-{n % 28 + 1:02d} Rumour number {n} says Harry Brook is off "
                f"to Arsenal.\n\nMore words." for n in range(25)}
    config = make_site(articles, per_page=10)
    build(config)
    out = config.out_dir
    assert (out / "archive/2019/01/page/3/index.html").is_file()
    assert not (out / "archive/2019/01/page/4").exists()
    month = (out / "archive/2019/01/index.html").read_text(encoding="utf-8")
    assert month.count("<li><time>") == 10
    assert 'rel="next" href="/archive/2019/01/page/2/"' in month
    # the home page shows the newest page's worth and sends the rest to the archive
    home = (out / "index.html").read_text(encoding="utf-8")
    assert home.count("<li><time>") == 10 and "All 25 rumours" in home and not (out / "page").exists()
    assert crawl_site(out).broken == []


def test_text_is_escaped(make_site: SiteFactory) -> None:
    config = make_site({"001.txt": ' date 2019-01-01 Tom <script>alert("x")</script> Jones & co.\n\nMore.'})
    build(config)
    html = next(p for p in html_files(config.out_dir) if "/2019/01/" in p.as_posix()).read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_failed_build_leaves_previous_site_untouched(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000.txt": seed_text})
    build(config)
    before = {p: p.read_bytes() for p in config.out_dir.rglob("*") if p.is_file()}
    (config.templates_dir / "article.html").write_text("{% extends 'base.html' %}{% block main %}{{ nope }}{% endblock %}")
    with pytest.raises(BuildError, match="nope"):
        build(config)
    after = {p: p.read_bytes() for p in config.out_dir.rglob("*") if p.is_file()}
    assert after == before
    assert not list(config.out_dir.parent.glob(".out.staging-*"))


def test_refuses_to_replace_a_folder_it_did_not_build(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000.txt": seed_text})
    config.out_dir.mkdir()
    (config.out_dir / "precious.txt").write_text("keep me")
    with pytest.raises(BuildError, match="did not build"):
        build(config)
    assert (config.out_dir / "precious.txt").read_text() == "keep me"


def test_bad_article_is_skipped_and_named(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000.txt": seed_text, "001_bad.txt": "no date here"})
    report = build(config)
    assert report.articles == 1
    assert len(report.warnings) == 1 and "001_bad.txt:1:" in report.warnings[0]
    with pytest.raises(BuildError, match="001_bad.txt"):
        build(config, strict=True)


def test_articles_with_the_same_inferred_title_both_get_pages(make_site: SiteFactory) -> None:
    same = " date 2019-01-05 Chelsea want striker Tom Pike.\n\nMore."
    config = make_site({"001_aa.txt": same, "002_bb.txt": same})
    report = build(config)
    assert report.articles == 2 and report.warnings == ()
    assert (config.out_dir / "2019/01/chelsea-want-striker-tom-pike.html").is_file()
    assert (config.out_dir / "2019/01/chelsea-want-striker-tom-pike-002-bb.html").is_file()


def test_explicit_slugs_that_clash_are_reported(make_site: SiteFactory) -> None:
    curated = "---\ndate: 2019-01-05\nslug: same\n---\nBody about Tom Pike.\n"
    config = make_site({"001.md": curated, "002.md": curated})
    report = build(config)
    assert report.articles == 1
    assert "002.md" in report.warnings[0] and "same URL" in report.warnings[0]


def test_search_index_is_written_reused_and_can_be_turned_off(make_site: SiteFactory, seed_text: str,
                                                              crawl_site: Crawl) -> None:
    config = make_site({"000_seed.txt": seed_text})
    build(config)
    index = config.out_dir / "pagefind" / "2017" / "pagefind.js"
    assert index.is_file() and list((config.out_dir / "pagefind" / "2017").rglob("*.pf_fragments"))
    assert not list(config.out_dir.rglob("*.pf_fragment"))  # on shelves, not a file each
    assert (config.out_dir / "pagefind" / "2017" / "pagefind-ui.js").is_file()  # the first bundle has the UI
    search_page = (config.out_dir / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundles="/pagefind/2017/"' in search_page and 'data-names="/search/names/"' in search_page
    # one rumour: its partition's fragments are on one shelf, and the page says so (no digits)
    assert 'data-digits="0"' in search_page
    assert [p.name for p in (config.out_dir / "pagefind" / "2017" / "fragments").iterdir()] == ["all.pf_fragments"]
    # a change no search record shows (the tag index's layout) keeps the very same index files
    inode = index.stat().st_ino
    tags = config.templates_dir / "tags.html"
    tags.write_text(tags.read_text(encoding="utf-8").replace("<h1>Tags</h1>", "<h1>All tags</h1>"), encoding="utf-8")
    build(config)
    assert index.stat().st_ino == inode
    off = load_config(config.source_dir, out_dir=config.out_dir.parent / "no-search", search=False)
    build(off)
    assert not (off.out_dir / "pagefind").exists()
    assert "pagefind" not in (off.out_dir / "search" / "index.html").read_text(encoding="utf-8")
    assert crawl_site(off.out_dir).broken == []


def test_an_edit_reindexes_only_its_years_search_partition(make_site: SiteFactory) -> None:
    articles = {"001_a.txt": " date 2017-08-01 Liverpool want Harry Brook from Leeds United.\n\nMore words.",
                "002_b.txt": " date 2019-01-05 Arsenal are keen on Tom Pike of Everton.\n\nMore words."}
    config = make_site(articles)
    build(config)
    partitions = config.out_dir / "pagefind"
    inodes = {name: (partitions / name / "pagefind-entry.json").stat().st_ino for name in ("2017", "2019")}
    # the newest year's bundle is first: its runtime searches the other, which has none of its own
    assert {"pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"} <= {p.name for p in (partitions / "2019").iterdir()}
    assert not [p.name for p in (partitions / "2017").iterdir() if p.name.startswith(("pagefind.js", "wasm."))]
    (config.seeds_dir / "002_b.txt").write_text(
        " date 2019-01-05 Arsenal are keen on Tom Pike of Everton, who is valued at £20m.\n\nMore words.",
        encoding="utf-8")
    build(config)
    after = {name: (partitions / name / "pagefind-entry.json").stat().st_ino for name in inodes}
    assert after["2017"] == inodes["2017"]  # taken as it was
    assert after["2019"] != inodes["2019"]  # indexed again
    manifest = json.loads((partitions / "partitions.json").read_text(encoding="utf-8"))
    assert sorted(manifest) == ["2017", "2019"]


def test_names_are_found_by_their_words_first_two_letters(make_site: SiteFactory) -> None:
    config = make_site({"001_a.txt": " date 2024-07-01 Liverpool want Martin Ødegaard and Éder Militão from "
                                     "Real Madrid, reports the Liverpool Echo.\n\nMore words."},
                       player_page_rumours=1)  # players are suggested if they have a page
    build(config)
    shelves = config.out_dir / "search" / "names"
    found = {path.stem: json.loads(path.read_text(encoding="utf-8"))["names"] for path in shelves.glob("*.json")}

    def names_in(key: str) -> set[str]:
        return {entry["name"] for entry in found.get(key, [])}
    assert "Martin Ødegaard" in names_in("ma") and "Martin Ødegaard" in names_in("_d")  # Ø is no plain letter
    assert "Éder Militão" in names_in("ed") and "Éder Militão" in names_in("mi")  # accents folded
    assert "Real Madrid" in names_in("re") and "Real Madrid" in names_in("ma")
    assert {"Liverpool", "Liverpool Echo"} <= names_in("li") and "Liverpool Echo" in names_in("ec")
    entry = next(e for e in found["ec"] if e["name"] == "Liverpool Echo")
    assert entry["kind"] == "outlet" and entry["url"] == "/sources/liverpool-echo/" and entry["rumours"] == 1
    player = next(e for e in found["ed"] if e["name"] == "Éder Militão")
    assert player["kind"] == "player" and (config.out_dir / player["url"].strip("/")).is_file()
    assert [e["name"] for e in found["ma"]] == sorted(names_in("ma"))  # most rumours first, then by name
    # by default, a player named once has no page, and the search finds his rumour instead
    default = load_config(config.source_dir, out_dir=config.out_dir.parent / "default")
    build(default)
    suggested = {entry["name"] for path in (default.out_dir / "search" / "names").glob("*.json")
                 for entry in json.loads(path.read_text(encoding="utf-8"))["names"]}
    assert "Éder Militão" not in suggested and {"Liverpool", "Real Madrid", "Liverpool Echo"} <= suggested


@pytest.mark.parametrize(("word", "key"), [("Éder", "ed"), ("Ødegaard", "_d"), ("van", "va"), ("K", None),
                                           ("Ñíguez", "ni"), ("99ers", "99"), ("Çalhanoğlu", "ca")])
def test_a_words_name_file_is_its_first_two_letters_folded(word: str, key: str | None) -> None:
    assert shelf(word) == key


@pytest.mark.parametrize(("records", "fragment_id", "found"), [(1, "en_014341c", "all"), (64, "en_014341c", "all"),
                                                               (65, "en_014341c", "0"), (1024, "pt-br_ab1", "a"),
                                                               (1025, "en_014341c", "01")])
def test_a_search_fragments_shelf_is_its_ids_first_digits_as_the_partition_grows(records: int, fragment_id: str,
                                                                                 found: str) -> None:
    assert fragment_shelf(fragment_id, records) == found



def test_club_pages_count_moves_apart_from_mentions(make_site: SiteFactory) -> None:
    moved = "---\ndate: 2024-07-01\ntitle: A\nplayers: [Kai Lund]\nclubs: [Everton]\n" \
            "moves:\n  - {player: Kai Lund, to: Everton}\n---\n\nKai Lund to Everton.\n"
    mentioned = "---\ndate: 2024-07-09\ntitle: B\nplayers: [Kai Lund]\nclubs: [Everton]\nmoves: []\n---\n\nKai Lund, Everton.\n"
    config = make_site({"a.md": moved, "b.md": mentioned, "c.md": mentioned.replace("title: B", "title: C")})
    build(config)
    page = (config.out_dir / "clubs" / "everton" / "index.html").read_text(encoding="utf-8")
    linked_in = page.split('aria-label="Linked in"')[1].split("</section>")[0]
    assert re.search(r'>Kai Lund</a> <span class="count">1</span>', linked_in)  # one move; two mentions not counted
    assert 'aria-label="Also mentioned"' not in page


def test_a_tags_page_lists_its_newest_rumours_and_searches_for_the_rest(make_site: SiteFactory) -> None:
    loan = "---\ndate: 2024-07-{day:02d}\ntitle: Loan number {day}\ntags: [loan]\n---\n\nA loan.\n"
    config = make_site({f"{day}.md": loan.format(day=day) for day in range(1, 6)}, tag_page_rumours=3)
    build(config)
    page = (config.out_dir / "tags" / "loan" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r">Loan number (\d)<", page)
    assert listed == ["5", "4", "3"]  # the newest three, newest first
    assert '2 older rumours: <a href="/search/?q=loan">search for “loan”</a>' in page
    assert not (config.out_dir / "tags" / "loan" / "page").exists()
    for day in (4, 5):
        next(config.source_dir.rglob(f"{day}.md")).unlink()
    build(config)
    assert "older rumour" not in (config.out_dir / "tags" / "loan" / "index.html").read_text(encoding="utf-8")


def test_an_outlets_page_keeps_its_whole_record_and_lists_its_newest_rumours(make_site: SiteFactory) -> None:
    bid = "---\ndate: 2024-07-{day:02d}\ntitle: Bid number {day}\nsource: Sky Sports\n---\n\nA bid.\n"
    config = make_site({f"{day}.md": bid.format(day=day) for day in range(1, 6)}, source_page_rumours=2)
    build(config)
    page = (config.out_dir / "sources" / "sky-sports" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r">Bid number (\d)<", page) == ["5", "4"]
    assert "<dt>Articles</dt><dd>5</dd>" in page  # the record counts them all
    assert '3 older rumours: <a href="/search/?q=Sky%20Sports">search for “Sky Sports”</a>' in page
    feed = (config.out_dir / "sources" / "sky-sports" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 5


def test_a_players_summary_story_and_chart_are_on_his_first_page_only(make_site: SiteFactory) -> None:
    bid = "---\ndate: 2024-07-{day:02d}\ntitle: Bid {day}\nplayers: [Kai Lund]\nclubs: [Everton, Ajax]\n" \
          "moves:\n  - {{player: Kai Lund, from: Ajax, to: Everton, fee: £{day}m, stage: bid}}\n---\n\nA bid.\n"
    config = make_site({f"{day}.md": bid.format(day=day) for day in range(1, 4)}, per_page=2)
    build(config)
    first = (config.out_dir / "players" / "kai-lund.html").read_text(encoding="utf-8")
    second = (config.out_dir / "players" / "kai-lund" / "page" / "2.html").read_text(encoding="utf-8")
    for part in ('class="summary-box"', 'class="story"', 'class="chart-box"'):
        assert part in first and part not in second
    assert 'the first page</a>' in second and 'href="/players/kai-lund.html"' in second
    assert ">Bid 1<" in second and ">Bid 1<" not in first


def test_the_maker_shows_each_article_its_own_card_even_after_others_are_freed(make_site: SiteFactory) -> None:
    """The preview's kept maker is handed articles read anew, which are then freed: an id Python
    reuses for the next one must not bring back the last one's card or key."""
    config = make_site({"001_a.txt": " date 2019-01-05 Arsenal want Tom Pike.\n\nMore words."})
    inputs = gather(config)
    index = index_site(inputs, extract_articles(inputs).articles).index
    maker = PageMaker(index, config)
    for number in range(20):
        article = dataclasses.replace(index.articles[0], title=f"Headline {number}", slug=f"headline-{number}")
        assert maker.card(article)["title"] == f"Headline {number}"
        assert f"/headline-{number}" in maker.key(article)
        del article
