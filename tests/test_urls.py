"""Slugs, routes and base URLs: the one module that makes addresses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_gen.errors import ConfigError
from site_gen.urls import SiteUrls, article_route, output_path, paged_route, player_route, slugify


@pytest.mark.parametrize(("a", "b"), [
    ("Virgil Van Dijk", "Virgil van Dijk"),
    ("Martin Ødegaard", "Martin Odegaard"),
    ("N’Golo Kanté", "N'Golo Kante"),
])
def test_spellings_of_one_name_share_a_slug(a: str, b: str) -> None:
    assert slugify(a) == slugify(b)


def test_slug_shapes() -> None:
    assert slugify("Virgil van Dijk") == "virgil-van-dijk"
    assert slugify("St Mary's") == "st-marys"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("%2e%2e/secret") == "2e-2e-secret"


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéø' ", min_size=1, max_size=14), min_size=1, max_size=12),
       st.integers(min_value=8, max_value=60))
def test_a_cut_slug_keeps_every_word_up_to_the_limit(words: list[str], limit: int) -> None:
    whole = slugify(" ".join(words))
    cut = slugify(" ".join(words), max_length=limit)
    assert len(cut) <= limit
    assert whole.startswith(cut)  # no word skipped to fit a later, shorter one
    if cut != whole and "-" in whole[:limit + 1]:
        assert whole[len(cut)] == "-"  # ends at a word's end


def test_a_headline_slug_does_not_skip_a_long_word() -> None:
    headline = "Chelsea confirm the signing of Callum Brierley from Southampton on a six-year contract"
    assert slugify(headline, max_length=60) == "chelsea-confirm-the-signing-of-callum-brierley-from"


def test_base_url_with_sub_path() -> None:
    site = SiteUrls("https://user.github.io/archive")
    assert site.base_path == "/archive/"
    assert site.url("clubs/x/") == "/archive/clubs/x/"
    assert site.url(player_route("x")) == "/archive/players/x.html"
    assert site.absolute("clubs/x/") == "https://user.github.io/archive/clubs/x/"


def test_plain_base_path() -> None:
    assert SiteUrls("/").url("") == "/"
    assert SiteUrls("archive").url("tags/") == "/archive/tags/"


@pytest.mark.parametrize("bad", ["ftp://host/x/", "https:///nohost", "/x/?q=1"])
def test_bad_base_urls_are_refused(bad: str) -> None:
    with pytest.raises(ConfigError):
        SiteUrls(bad)


def test_routes_to_files() -> None:
    assert output_path("") == "index.html"
    assert output_path("clubs/x/") == "clubs/x/index.html"
    assert output_path(player_route("x")) == "players/x.html"
    assert output_path(article_route(dt.date(2019, 1, 5), "x")) == "2019/01/x.html"
    assert paged_route(player_route("x"), 2) == "players/x/page/2.html"
    assert output_path("404.html") == "404.html"
    assert paged_route("tags/loan/", 1) == "tags/loan/"
    assert paged_route("tags/loan/", 3) == "tags/loan/page/3/"
