"""Publishing: a project site under a sub-path, served over real HTTP and crawled; feeds, sitemap,
robots.txt, head tags, open data and the GitHub Pages workflow."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from site_gen.site import feeds
from site_gen.build import build
from site_gen.check import html_links
from site_gen.config import SiteConfig, load_config
from site_gen.errors import ConfigError
from site_gen.urls import output_path

PROJECT = Path(__file__).resolve().parent.parent
SiteFactory = Callable[..., SiteConfig]

BASE_URL = "https://example.github.io/archive/"
BASE_PATH = "/archive/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DEVSET = sorted((PROJECT / "tests" / "devset" / "articles").glob("*.txt"))[:8]


@pytest.fixture
def site(make_site: SiteFactory, seed_text: str) -> SiteConfig:
    articles: dict[str, str | bytes] = {"000_seed.txt": seed_text}
    articles.update({path.name: path.read_text(encoding="utf-8") for path in DEVSET})
    # players named twice (Van Dijk) have pages, so that they are checked too
    config = make_site(articles, base_url=BASE_URL, cname="rumours.example.com", player_page_rumours=2)
    build(config)
    return config


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder under /archive/ only, as GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(BASE_PATH):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + route[len(BASE_PATH):])

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(site: SiteConfig) -> Iterator[str]:
    """The built site on a free loopback port; yields the origin ("http://127.0.0.1:N")."""
    handler = functools.partial(_SubPathHandler, directory=str(site.out_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _links(url: str, body: bytes) -> list[str]:
    """Every link of an HTML page, a feed or a sitemap."""
    if url.endswith(".xml"):
        root = ElementTree.fromstring(body)
        return [e.get("href") or "" for e in root.iter(f"{ATOM}link")] + \
            [e.text or "" for e in root.iter(f"{SITEMAP}loc")]
    if url.endswith("/") or url.endswith(".html"):
        return html_links(body.decode("utf-8"))
    return []


def test_crawl_over_http_under_the_sub_path_finds_no_broken_link(server: str, site: SiteConfig) -> None:
    """From the root, follow every link of every page, feed and sitemap; absolute links under the
    base URL are the site's own and are fetched from the local server."""
    seen: set[str] = set()
    broken: list[tuple[str, str]] = []
    queue = [server + BASE_PATH, server + BASE_PATH + "sitemap.xml"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = _get(url)
        assert status == 200, url
        for link in _links(url, body):
            target = urljoin(url, link.replace(BASE_URL, server + BASE_PATH))
            if not target.startswith(server):
                assert not target.startswith(BASE_URL), target
                continue  # another site
            target = target.split("#")[0]
            if target in seen:
                continue
            if _get(target)[0] != 200:
                broken.append((url, link))
            else:
                queue.append(target)
    assert broken == []
    pages = {p.relative_to(site.out_dir).as_posix() for p in site.out_dir.rglob("index.html")}
    reached = {urlsplit(url).path[len(BASE_PATH):] + "index.html" for url in seen if url.endswith("/")}
    assert pages <= reached  # every page can be found from the root (or the sitemap)
    assert any(url.endswith("/feed.xml") and "/clubs/" in url for url in seen)


def test_outside_the_sub_path_nothing_is_served(server: str) -> None:
    assert _get(server + "/")[0] == 404  # the local stand-in for Pages serves the project path only
    assert _get(server + BASE_PATH)[0] == 200


def _feed(path: Path) -> ElementTree.Element:
    return ElementTree.parse(path).getroot()


def test_feeds_are_atom_with_absolute_urls_and_stable_ids(site: SiteConfig, tmp_path: Path) -> None:
    out = site.out_dir
    feed_files = sorted(out.rglob("feed.xml"))
    assert out / "feed.xml" in feed_files
    assert out / "clubs" / "liverpool" / "feed.xml" in feed_files
    assert not (out / "players" / "virgil-van-dijk" / "feed.xml").exists()  # players have none: see feeds.py
    for path in feed_files:
        root = _feed(path)
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{required}") is not None, (path, required)
        self_link = root.find(f"{ATOM}link[@rel='self']")
        assert self_link is not None and self_link.get("href") == BASE_URL + path.relative_to(out).as_posix()
        entries = root.findall(f"{ATOM}entry")
        assert entries, path
        ids = [entry.findtext(f"{ATOM}id") for entry in entries]
        assert len(set(ids)) == len(ids) and all(i and i.startswith("urn:uuid:") for i in ids)
        for entry in entries:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00[+-]\d\d:\d\d", entry.findtext(f"{ATOM}updated") or "")
            link = entry.find(f"{ATOM}link")
            assert link is not None and (link.get("href") or "").startswith(BASE_URL)
        assert root.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") or "" for e in entries)
    # ids are the same in a cold build elsewhere: they come from the URLs, not from the build
    again = load_config(site.source_dir, out_dir=tmp_path / "again", base_url=BASE_URL, cname=site.cname)
    build(again, use_cache=False)
    for path in feed_files:
        before = [e.findtext(f"{ATOM}id") for e in _feed(path).iter(f"{ATOM}entry")]
        after = [e.findtext(f"{ATOM}id") for e in _feed(again.out_dir / path.relative_to(out)).iter(f"{ATOM}entry")]
        assert before == after


def test_club_feed_holds_its_rumours_newest_first(site: SiteConfig) -> None:
    root = _feed(site.out_dir / "clubs" / "liverpool" / "feed.xml")
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    page = (site.out_dir / "clubs" / "liverpool" / "index.html").read_text(encoding="utf-8")
    assert titles and all(title and title.replace("'", "&#39;") in page for title in titles)
    dates = [entry.findtext(f"{ATOM}updated") for entry in root.findall(f"{ATOM}entry")]
    assert dates == sorted(dates, reverse=True)
    # an entry says each move once: fee, how far it got, what came of it, and who reported it
    said = [entry.findtext(f"{ATOM}summary") or "" for entry in root.findall(f"{ATOM}entry")]
    assert re.search(r"Virgil van Dijk: Southampton → Liverpool \(£60m, [a-z]+, ", said[-1]) and said[-1].count("Dijk") == 1
    assert said[-1].endswith(". Source: Liverpool Echo.")


def test_sitemap_lists_every_page_and_robots_points_to_it(site: SiteConfig) -> None:
    out = site.out_dir
    root = ElementTree.parse(out / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    pages = {BASE_URL + p.relative_to(out).as_posix().removesuffix("index.html") for p in out.rglob("*.html")
             if p.name != "404.html"}
    assert listed == pages
    assert f"Sitemap: {BASE_URL}sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")


def test_a_large_sitemap_becomes_an_index_of_sitemaps(site: SiteConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "SITEMAP_LIMIT", 5)
    build(site, use_cache=False)
    root = ElementTree.parse(site.out_dir / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}sitemapindex"
    parts = [loc.text or "" for loc in root.iter(f"{SITEMAP}loc")]
    listed = []
    for part in parts:
        assert part.startswith(BASE_URL)
        listed += [loc.text for loc in ElementTree.parse(site.out_dir / part[len(BASE_URL):]).getroot().iter(
            f"{SITEMAP}loc")]
    assert len(listed) == len(set(listed)) == len([p for p in site.out_dir.rglob("*.html") if p.name != "404.html"])


def _head_tags(html: str) -> dict[str, str]:
    """canonical, description, og:* and the alternate feeds of a page."""
    found: dict[str, str] = {}
    for match in re.finditer(r"<(link|meta)\s([^>]*)>", html.split("</head>")[0]):
        attributes = dict(re.findall(r'([\w:-]+)="([^"]*)"', match.group(2)))
        if attributes.get("rel") == "canonical":
            found["canonical"] = attributes["href"]
        elif attributes.get("rel") == "alternate":
            found.setdefault("feeds", "")
            found["feeds"] += attributes["href"] + " "
        elif "name" in attributes or "property" in attributes:
            found[attributes.get("name") or attributes["property"]] = attributes.get("content", "")
    return found


def test_every_page_has_canonical_url_and_description_and_articles_open_graph(site: SiteConfig) -> None:
    out = site.out_dir
    for path in out.rglob("*.html"):
        relative = path.relative_to(out).as_posix()
        head = _head_tags(path.read_text(encoding="utf-8"))
        url = BASE_URL + relative.removesuffix("index.html")
        assert head["canonical"] == url and head["description"], relative
    home = _head_tags((out / "index.html").read_text(encoding="utf-8"))
    assert home["feeds"].split() == [f"{BASE_URL}feed.xml"]  # feed readers find the site's feed from home
    player = _head_tags((out / "players" / "virgil-van-dijk.html").read_text(encoding="utf-8"))
    assert "Virgil van Dijk" in player["description"] and "og:title" not in player
    club = _head_tags((out / "clubs" / "liverpool" / "index.html").read_text(encoding="utf-8"))
    assert club["feeds"].split() == [f"{BASE_URL}clubs/liverpool/feed.xml"]
    article = next(out.glob("2017/08/*.html"))
    tags = _head_tags(article.read_text(encoding="utf-8"))
    # a shared article's card takes its title from og:title and its text from the description
    assert tags["og:type"] == "article" and tags["og:url"] == tags["canonical"] and tags["og:title"]
    assert "Southampton → Liverpool" in tags["description"]


def test_pages_essentials(site: SiteConfig) -> None:
    out = site.out_dir
    assert (out / ".nojekyll").is_file()
    assert (out / "CNAME").read_text(encoding="utf-8") == "rumours.example.com\n"
    # the 404 page is served at any depth, so none of its links may be relative to where it is
    links = html_links((out / "404.html").read_text(encoding="utf-8"))
    assert links and all(link.startswith((BASE_PATH, BASE_URL)) for link in links)


def test_open_data_matches_the_pages(site: SiteConfig) -> None:
    out = site.out_dir
    players = json.loads((out / "api" / "players.json").read_text(encoding="utf-8"))
    assert players["version"] == 2
    page_names = {re.search(r"<h1>(.*?)</h1>", p.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
                  for p in (out / "players").glob("*.html") if p.name != "index.html"}
    assert {entry["name"].replace("'", "&#39;") for entry in players["players"]
            if "/players/" in entry["url"]} == page_names  # the rest link to their newest rumour
    assert not (out / "api" / "players").exists()  # every rumour is in its month's file only
    month_files = {}
    for entry in players["players"]:
        assert entry["url"].startswith(BASE_URL)
        # his rumours are those of the months his entry names that name him
        rumours = []
        for month in entry["months"]:
            records = month_files.setdefault(month, json.loads(
                (out / "api" / "rumours" / f"{month}.json").read_text(encoding="utf-8"))["rumours"])
            rumours += [r for r in records if entry["name"] in r["players"] or
                        any(m["player"] == entry["name"] for m in r["moves"])]
        assert len(rumours) == entry["rumours"], entry["name"]
        if "/players/" not in entry["url"]:
            newest = max(r["date"] for r in rumours)
            assert entry["url"] in [r["url"] for r in rumours if r["date"] == newest]
            continue
        page = (out / output_path(entry["url"][len(BASE_URL):])).read_text(encoding="utf-8")
        for rumour in rumours:
            assert (out / output_path(rumour["url"][len(BASE_URL):])).is_file()
            assert f'href="{rumour["url"].removeprefix("https://example.github.io")}"' in page  # pages link by path
    van_dijk = next(e for e in players["players"] if e["slug"] == "virgil-van-dijk")
    seed = next(r for month in van_dijk["months"] for r in month_files[month] if "refused to budge" in r["title"])
    move = next(m for m in seed["moves"] if (m["player"], m["to"]) == ("Virgil van Dijk", "Liverpool"))
    assert {key: move[key] for key in ("from", "fee", "status")} == {
        "from": "Southampton", "fee": {"text": "£60m", "currency": "GBP", "millions": 60.0},
        "status": "faded"}  # no article reports it done, and the newest is from 2019
    assert 0 < move["confidence"] <= 1 and "Liverpool" in move["evidence"]  # how sure, and the sentence read
    clubs = json.loads((out / "api" / "clubs.json").read_text(encoding="utf-8"))
    assert {entry["name"] for entry in clubs["clubs"]} >= {"Liverpool", "Southampton", "Lazio"}
    rumours = json.loads((out / "api" / "rumours.json").read_text(encoding="utf-8"))
    assert rumours["rumours"] == sum(month["rumours"] for month in rumours["months"]) == len(DEVSET) + 1
    for month in rumours["months"]:
        records = json.loads((out / month["data"][len(BASE_URL):]).read_text(encoding="utf-8"))["rumours"]
        page = (out / output_path(month["url"][len(BASE_URL):])).read_text(encoding="utf-8")
        assert len(records) == month["rumours"] == page.count("<li><time>")


def test_workflow_deploys_with_the_official_pages_actions() -> None:
    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on") or workflow.get(True)  # YAML 1.1 reads a bare `on` as true
    assert "main" in triggers["push"]["branches"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert {"actions/checkout", "actions/setup-python", "actions/configure-pages",
            "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    build_step = next(step["run"] for step in steps if "run" in step and "make site" in step["run"])
    assert "--base-url ${{ steps.pages.outputs.base_url }}" in build_step
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_site"
    deploy = next(job for job in workflow["jobs"].values() if any(
        step.get("uses", "").startswith("actions/deploy-pages") for step in job["steps"]))
    assert deploy["environment"]["name"] == "github-pages" and deploy["needs"] == "build"


@pytest.mark.parametrize(("line", "message"), [
    ('time_zone = "Mars/Olympus"', "time_zone: 'Mars/Olympus' is not a time zone name"),
    ('cname = "https://rumours.example.com/"', "cname: 'https://rumours.example.com/' is not a bare host name"),
    ("feed_entries = 0", "feed_entries: must be a whole number of at least 1"),
])
def test_bad_publishing_settings_are_named(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "site.toml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as raised:
        load_config(tmp_path)
    assert str(tmp_path / "site.toml") in str(raised.value)
