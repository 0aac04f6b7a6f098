"""Bad input never stops a build silently or half-way: each problem is named, good articles still built."""

from __future__ import annotations

import datetime as dt
import hashlib
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import html5lib
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen.build import build
from site_gen.cli import main
from site_gen.config import SiteConfig, load_config
from site_gen.errors import BuildError, ConfigError, SourceError
from site_gen.content.infer import make_article
from site_gen.content.load import MAX_BYTES, load_source
from site_gen.output.cache import cache_folder
from site_gen.output import write as write_module
from site_gen.output.write import StagedOutput

SiteFactory = Callable[..., SiteConfig]

SEED_PAGE = "2017/08/virgil-van-dijk-has-refused-to-budge-in.html"
NEXT_YEAR = (dt.date.today() + dt.timedelta(days=400)).isoformat()

BAD_ARTICLES = [
    # (file name, content, words the message must hold, line)
    ("empty.txt", "", "empty", None),
    ("blank.txt", "  \n\n \t\n", "empty", None),
    ("nodate.txt", "Liverpool want a striker.", "no 'date YYYY-MM-DD'", 1),
    ("impossible.txt", " date 2017-02-30 Liverpool want a striker.", "does not exist", 1),
    ("future.txt", f" date {NEXT_YEAR} Liverpool want a striker.", "in the future", 1),
    ("ancient.txt", " date 1066-10-14 Harold wants a striker.", "before 1885", 1),
    ("latin1.txt", " date 2019-01-15 Caf\xe9 talk about Liverpool.".encode("latin-1"), "not UTF-8", 1),
    ("nul.txt", b" date 2019-01-15 Liverpool\n\nwant \x00 a striker.", "NUL bytes", 3),
    ("bad-yaml.md", "---\ndate: 2020-01-01\ntitle: [unclosed\n---\nBody\n", "invalid YAML front matter", 3),
    ("no-date.md", "---\ntitle: Undated\n---\nBody\n", "no 'date: YYYY-MM-DD'", 1),
    ("not-a-date.md", "---\ntitle: Soon\ndate: next week\n---\nBody\n", "not in the form YYYY-MM-DD", 3),
    ("players-text.md", "---\ndate: 2020-01-01\nplayers: Harry Kane\n---\nBody\n", "'players' must be a list", 3),
    ("title-list.md", "---\ndate: 2020-01-01\ntitle: [a, b]\n---\nBody\n", "'title' must be text", 3),
    ("unknown-key.md", "---\ndate: 2020-01-01\nplayer: Harry Kane\n---\nBody\n", "unknown front-matter key(s): player", 3),
    ("moves-text.md", "---\ndate: 2020-01-01\nmoves: Kane to Bayern\n---\nBody\n", "'moves' must be a list", 3),
]


@pytest.mark.parametrize(("name", "content", "message", "line"), BAD_ARTICLES, ids=[a[0] for a in BAD_ARTICLES])
def test_bad_article_is_named_and_the_rest_is_built(make_site: SiteFactory, seed_text: str, name: str,
                                                    content: str | bytes, message: str, line: int | None) -> None:
    config = make_site({"000_seed.txt": seed_text, name: content})
    report = build(config)
    where = f"{config.seeds_dir / name}:{line}:" if line else f"{config.seeds_dir / name}:"
    assert [w for w in report.warnings if w.startswith(where) and message in w], report.warnings
    assert report.articles == 1
    assert (config.out_dir / SEED_PAGE).is_file()


def test_huge_file_is_refused_by_size(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text, "huge.txt": " date 2019-01-15 " + "Liverpool. " * (MAX_BYTES // 10)})
    report = build(config)
    assert any("huge.txt" in w and "MB" in w and "really an article" in w for w in report.warnings)
    assert (config.out_dir / SEED_PAGE).is_file()


def test_every_problem_is_reported_not_only_the_first(make_site: SiteFactory, seed_text: str) -> None:
    bad = {name: content for name, content, _, _ in BAD_ARTICLES}
    config = make_site({"000_seed.txt": seed_text, **bad})
    report = build(config)
    named = {Path(w.split(":", 1)[0]).name for w in report.warnings}
    assert named == set(bad)


def test_unreadable_file_is_reported(make_site: SiteFactory, seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_site({"000_seed.txt": seed_text, "locked.txt": " date 2019-01-15 Liverpool."})
    locked = config.seeds_dir / "locked.txt"
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:  # as chmod 000 would, but also when the tests run as root
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    report = build(config)
    assert any(w.startswith(f"{locked}: cannot be read: Permission denied") for w in report.warnings), report.warnings
    assert report.articles == 1


def test_same_url_twice_is_reported(make_site: SiteFactory) -> None:
    article = "---\ndate: 2020-01-01\nslug: same\n---\nBody\n"
    config = make_site({"a.md": article, "b.md": article})
    report = build(config)
    assert report.articles == 1
    assert any("b.md" in w and "same URL" in w and "a.md" in w for w in report.warnings)


def test_strict_fails_and_writes_nothing(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text, "empty.txt": ""})
    with pytest.raises(BuildError, match="empty"):
        build(config, strict=True)
    assert not config.out_dir.exists()


def test_unknown_configuration_key_is_named(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    (config.source_dir / "site.toml").write_text('titel = "Gossip"\nper_page = 0\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config.source_dir)
    assert "unknown key 'titel'" in str(caught.value) and "site.toml" in str(caught.value)
    assert "per_page" in str(caught.value)  # every problem, not only the first


@pytest.mark.parametrize(("template_line", "message"), [
    ("{{ 1 // 0 }}", "ZeroDivisionError"),
    ("{{ no_such_value }}", "'no_such_value' is undefined"),
    ("{% if %}", "Expected an expression"),
])
def test_broken_template_names_file_and_line_and_keeps_the_old_site(
        make_site: SiteFactory, seed_text: str, template_line: str, message: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    build(config)
    before = _snapshot(config.out_dir)
    template = config.templates_dir / "article.html"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(3, template_line)
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(config)
    assert "templates/article.html:4" in str(caught.value) and message in str(caught.value)
    assert _snapshot(config.out_dir) == before


def test_missing_seeds_folder_is_named(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    (config.seeds_dir / "000_seed.txt").unlink()
    config.seeds_dir.rmdir()
    with pytest.raises(SourceError, match="articles folder not found") as caught:
        build(config)
    assert caught.value.path == config.seeds_dir


# --- the parser under arbitrary input --------------------------------------------------------------

def _parse(data: bytes, suffix: str) -> None:
    """Load and infer one file: a record or the project's own error, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        try:
            article = make_article(load_source(path))
        except SourceError as error:
            assert str(error).startswith(str(path))
            return
        assert article.slug and article.date and article.title is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600), st.sampled_from([".txt", ".md"]))
def test_parser_survives_arbitrary_bytes(data: bytes, suffix: str) -> None:
    _parse(data, suffix)


_DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat)
_YAML_VALUES = st.one_of(st.text(max_size=30), st.integers(), st.lists(st.text(max_size=10), max_size=3),
                         st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2), st.none(),
                         st.booleans(), _DATES)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.builds(lambda date, body: f" date {date} {body}", _DATES, st.text(max_size=400)),
    st.builds(lambda date, body: f"date {date}\r\n{body}", st.text(max_size=12), st.text(max_size=200)),
))
def test_parser_survives_arbitrary_raw_text(text: str) -> None:
    _parse(text.encode("utf-8", "surrogatepass"), ".txt")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["date", "title", "slug", "players", "clubs", "moves", "fees", "source",
                                        "tags", "other"]), _YAML_VALUES, max_size=6),
       st.text(max_size=200))
def test_parser_survives_arbitrary_front_matter(front: dict[str, object], body: str) -> None:
    import yaml
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    _parse(text.encode("utf-8", "surrogatepass"), ".md")


# --- safe output ------------------------------------------------------------------------------------

HOSTILE_BODY = """Liverpool want <script>alert('body')</script> a striker.

Read <a href="javascript:alert('link')">this</a> and [that](javascript:alert('md')) and
<img src=x onerror="alert('img')"> then </textarea><textarea> and <style>body{display:none}</style>.

<iframe src="https://evil.example/"></iframe> [fine](https://example.com/ok)."""


@pytest.mark.parametrize("minify_html", [False, True])
@pytest.mark.parametrize("raw_html", [False, True])
def test_hostile_article_renders_inert(make_site: SiteFactory, raw_html: bool, minify_html: bool) -> None:
    config = make_site({
        "001_hostile.txt": f" date 2019-01-15 {HOSTILE_BODY}",
        "002_hostile.md": "---\ndate: 2019-01-16\ntitle: \"<script>alert('title')</script> Kane </textarea>\"\n"
                          "source: \"<b onmouseover=alert(1)>Mirror</b>\"\n"
                          f"tags: [\"<script>x</script>\"]\n---\n{HOSTILE_BODY}\n",
        "003_links.md": "---\ndate: 2019-01-17\ntitle: Links\n---\nRead [this](https://example.com/ok) "
                        "and [not this](javascript:alert('md')).\n",
    }, raw_html=raw_html, minify_html=minify_html)
    build(config)
    pages = [p for p in config.out_dir.rglob("*.html")]
    assert len(pages) > 5
    documents = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        document = documents[page] = html5lib.parse(text, namespaceHTMLElements=False)
        for script in document.findall(".//script"):  # only the site's own files (the search page's)
            assert not (script.text or "").strip() and script.get("src", "").startswith(("/static/", "/pagefind/")), page
        assert document.findall(".//iframe") == [], page
        assert document.findall(".//style") == [], page
        for element in document.iter():
            assert not any(name.lower().startswith("on") for name in element.attrib), (page, element.attrib)
            for name in ("href", "src"):
                assert not element.get(name, "").strip().lower().startswith("javascript:"), page
        assert "<textarea" not in text, page
    # the raw article's markup is shown as text, and the Markdown one's safe link kept
    raw = next(document for page, document in documents.items() if "2019/01/" in page.as_posix()
               and "textarea" in "".join(document.find("body").itertext()) and "kane" not in page.name)
    assert "</textarea><textarea>" in "".join(raw.find("body").itertext())
    links = next(documents[page] for page in documents if page.name == "links.html")
    hrefs = {link.text: link.get("href") for link in links.iter("a")}
    assert hrefs["this"] == "https://example.com/ok" and hrefs["not this"] is None  # kept, and made inert


@pytest.mark.parametrize("slug", ["../../outside", "/etc/passwd", "%2e%2e/%2e%2e/outside", "..\\..\\outside"])
def test_nothing_is_written_outside_the_output_folder(make_site: SiteFactory, tmp_path: Path, slug: str) -> None:
    config = make_site({"a.md": f"---\ndate: 2019-01-15\nslug: {slug!r}\ntitle: {slug!r}\n---\nBody\n"})
    before = {p for p in tmp_path.rglob("*")}
    build(config)
    written = {p for p in tmp_path.rglob("*")} - before
    cache = cache_folder(config.out_dir)  # the build's own cache, beside the site and never published
    assert written and all(p.is_relative_to(config.out_dir.resolve()) or p.is_relative_to(config.out_dir)
                           or p.is_relative_to(cache) for p in written)
    assert all(p.parent == cache for p in written if p.is_relative_to(cache) and p != cache)


@pytest.mark.parametrize("relative", ["../escape.html", "/etc/escape.html", "a/../../escape.html", "."])
def test_output_refuses_paths_that_escape(tmp_path: Path, relative: str) -> None:
    with StagedOutput(tmp_path / "out") as output, pytest.raises(BuildError, match="outside the output folder"):
        output.write_text(relative, "x")
    assert not (tmp_path / "escape.html").exists()


# --- interrupted builds -----------------------------------------------------------------------------

def test_killed_build_leaves_the_old_site_intact(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    build(config)
    before = _snapshot(config.out_dir)
    body = seed_text.split(" ", 3)[3]
    for number in range(1, 1500):  # enough that the build is still writing when it is killed
        day = dt.date(2015, 1, 1) + dt.timedelta(days=number)
        (config.seeds_dir / f"{number:04d}_copy.txt").write_text(f" date {day} Story {number}: {body}", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "site_gen", "build", "--source", str(config.source_dir),
                                "--out", str(config.out_dir), "--no-cache"],  # cold: a whole new site is staged
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    staging = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        staging = next(config.out_dir.parent.glob(f".{config.out_dir.name}.staging-*"), None)
        if staging and sum(1 for _ in staging.rglob("index.html")) > 50:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the build finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert staging is not None and staging.exists()  # killed half-way, staging left behind
    assert _snapshot(config.out_dir) == before  # ...and the site being served is untouched
    report = build(config)  # the next build tidies up and succeeds
    assert report.articles == 1500
    assert not staging.exists()


def test_killed_in_place_update_is_followed_by_a_whole_new_site(make_site: SiteFactory, seed_text: str,
                                                                tmp_path: Path) -> None:
    """A build with the cache updates the site in place; killed at any point, the next build must
    still give exactly what a cold build gives (the marker says the site was being patched)."""
    config = make_site({"000_seed.txt": seed_text})
    body = seed_text.split(" ", 3)[3]
    for number in range(1, 400):
        day = dt.date(2015, 1, 1) + dt.timedelta(days=number)
        (config.seeds_dir / f"{number:04d}_copy.txt").write_text(f" date {day} Story {number}: {body}", encoding="utf-8")
    build(config)
    for number in range(1, 400, 2):  # half the articles change: a long in-place update
        path = config.seeds_dir / f"{number:04d}_copy.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\n\nArsenal have also asked about him.", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "site_gen", "build", "--source", str(config.source_dir),
                                "--out", str(config.out_dir), "--jobs", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait()
    build(config)
    clean = load_config(config.source_dir, out_dir=tmp_path / "clean")
    build(clean, use_cache=False)
    built, cold = ({path: digest for path, digest in _snapshot(out).items() if path != ".site-gen"}
                   for out in (config.out_dir, clean.out_dir))  # the marker names the build that made it
    assert built == cold


def test_an_update_killed_while_swapping_in_search_partitions_is_followed_by_the_right_index(
        make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The partitions' manifest goes in after the partitions it describes: killed in between, the
    next build indexes them again rather than trusting a manifest for folders never swapped in."""
    config = make_site({"001_a.txt": " date 2017-08-01 Liverpool want Harry Brook from Leeds United.\n\nMore.",
                        "002_b.txt": " date 2019-01-05 Arsenal are keen on Tom Pike of Everton.\n\nMore."})
    build(config)
    (config.seeds_dir / "002_b.txt").write_text(" date 2019-01-05 Arsenal are keen on Tom Pike of Everton, "
                                                "who is valued at £20m.\n\nMore.", encoding="utf-8")

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # the process dies here
    monkeypatch.setattr(write_module, "_swap_folder", killed)
    with pytest.raises(KeyboardInterrupt):
        build(config)
    monkeypatch.undo()
    build(config)
    clean = load_config(config.source_dir, out_dir=tmp_path / "clean")
    build(clean, use_cache=False)
    built, cold = ({path: digest for path, digest in _snapshot(out).items() if path != ".site-gen"}
                   for out in (config.out_dir, clean.out_dir))
    assert built == cold


def test_build_killed_between_renames_is_recovered(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    build(config)
    before = _snapshot(config.out_dir)
    dead = config.out_dir.parent / f".{config.out_dir.name}.old-999999999"
    config.out_dir.rename(dead)  # as if killed after setting the old site aside
    with StagedOutput(config.out_dir):
        assert _snapshot(config.out_dir) == before  # put back before anything else happens
    assert not dead.exists()


# --- site-gen check -----------------------------------------------------------------------------------

def test_check_passes_a_good_site_and_writes_nothing(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    build(config)
    before = _snapshot(config.source_dir.parent)
    result = CliRunner().invoke(main, ["check", "--source", str(config.source_dir), "--out", str(config.out_dir)])
    assert result.exit_code == 0, result.output
    assert "No problems found" in result.output
    assert _snapshot(config.source_dir.parent) == before


def test_check_reports_bad_articles_templates_and_broken_links(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text}, base_url="https://example.github.io/archive/",
                       player_page_rumours=1)  # a page for Van Dijk, named in this one article
    (config.source_dir / "site.toml").write_text("player_page_rumours = 1\nminify_html = false\n", encoding="utf-8")  # for `check`
    build(config)
    (config.seeds_dir / "empty.txt").write_text("", encoding="utf-8")
    template = config.templates_dir / "player.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{% block main %}\n",
                                                                     "{% block main %}\n{{ missing_value }}\n"))
    (config.out_dir / "clubs" / "lazio" / "index.html").unlink()
    result = CliRunner().invoke(main, ["check", "--source", str(config.source_dir), "--out", str(config.out_dir)])
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.output
    assert "templates/player.html:4: 'missing_value' is undefined" in result.output
    assert f"{config.out_dir / SEED_PAGE}: broken link /archive/clubs/lazio/" in result.output


def test_check_without_a_built_site_checks_inputs(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    result = CliRunner().invoke(main, ["check", "--source", str(config.source_dir), "--out", str(config.out_dir)])
    assert result.exit_code == 0 and "inputs only" in result.output
    assert not config.out_dir.exists()


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its content."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_link_in_seeds_leading_outside_the_archive_is_skipped(make_site: SiteFactory, seed_text: str,
                                                                 tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere.txt"
    secret.write_text(" date 2020-01-01 A private note about Kai Lund joining Everton.", encoding="utf-8")
    config = make_site({"000_seed.txt": seed_text})
    (config.seeds_dir / "001_link.txt").symlink_to(secret)
    inside = config.source_dir / "drafts.txt"
    inside.write_text(" date 2020-02-01 Kai Lund is wanted by Everton.", encoding="utf-8")
    (config.seeds_dir / "002_inside.txt").symlink_to(inside)  # a link within the archive is read
    report = build(config)
    assert report.articles == 2
    assert any("001_link.txt" in w and "outside the archive; skipped" in w for w in report.warnings)
    assert not any("elsewhere" in p.read_text(encoding="utf-8") for p in config.out_dir.rglob("*.html"))


def test_the_next_build_clears_what_a_killed_build_left(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    build(config)
    leftover = config.out_dir.parent / f".{config.out_dir.name}.staging-999999"
    (leftover / "players").mkdir(parents=True)
    report = build(config)  # nothing changed: this build writes nothing, and still tidies up
    assert report.rendered == 0 and not leftover.exists()
