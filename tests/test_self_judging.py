"""The archive judges itself: outcomes from its own later reports, with no transfers table, checked
against expectations worked out by hand. Every article is written for the test."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from site_gen.build import build
from site_gen.cli import main
from site_gen.config import SiteConfig
from site_gen.site.outcomes import CAME_TRUE, DID_NOT, FADED, OPEN

SiteFactory = Callable[..., SiteConfig]


def _report(date: str, player: str, to: str, stage: str, source: str) -> str:
    return (f"---\ndate: {date}\ntitle: {player} to {to}, {stage} ({source}, {date})\nplayers: [{player}]\n"
            f"clubs: [{to}]\nmoves:\n  - {{player: {player}, to: {to}, stage: {stage}}}\nsource: {source}\n---\n\n"
            f"{player} and {to}: {stage}, says {source}.\n")


ARTICLES = {
    # a done report after the rumours (P1), and one before them (P2)
    "a1.md": _report("2022-06-01", "Piet Aalders", "Everton", "interest", "Daily Alpha"),
    "a2.md": _report("2022-07-01", "Piet Aalders", "Everton", "talks", "Weekly Beta"),
    "a3.md": _report("2022-07-20", "Piet Aalders", "Everton", "done", "Gazette Gamma"),
    "a4.md": _report("2022-08-05", "Piet Aalders", "Everton", "interest", "Daily Alpha"),
    "a5.md": _report("2022-01-10", "Bram Bakker", "Fulham", "done", "Gazette Gamma"),
    "a6.md": _report("2022-06-15", "Bram Bakker", "Fulham", "interest", "Daily Alpha"),
    # two suitors, one of which completes
    "b1.md": _report("2022-07-02", "Cas Claes", "Leeds United", "bid", "Daily Alpha"),
    "b2.md": _report("2022-07-03", "Cas Claes", "Burnley", "interest", "Weekly Beta"),
    "b3.md": _report("2022-07-25", "Cas Claes", "Leeds United", "done", "Gazette Gamma"),
    # a collapse, then a completion in another window
    "c1.md": _report("2022-06-10", "Daan Dekker", "Wolverhampton Wanderers", "talks", "Daily Alpha"),
    "c2.md": _report("2022-07-10", "Daan Dekker", "Wolverhampton Wanderers", "off", "Weekly Beta"),
    "c3.md": _report("2023-01-15", "Daan Dekker", "Wolverhampton Wanderers", "agreed", "Daily Alpha"),
    "c4.md": _report("2023-01-28", "Daan Dekker", "Wolverhampton Wanderers", "done", "Gazette Gamma"),
    # a loan, then a permanent move
    "d1.md": _report("2022-08-01", "Eli Evers", "Everton", "interest", "Daily Alpha"),
    "d2.md": _report("2022-08-20", "Eli Evers", "Everton", "done", "Gazette Gamma"),
    "d3.md": _report("2023-01-05", "Eli Evers", "Everton", "talks", "Weekly Beta"),
    "d4.md": _report("2023-06-30", "Eli Evers", "Everton", "done", "Gazette Gamma"),
    # a move still open: the newest article (e2) is in the same window
    "e1.md": _report("2023-07-01", "Finn Faber", "Brentford", "interest", "Weekly Beta"),
    "e2.md": "---\ndate: 2023-08-30\ntitle: Quiet deadline day\nmoves: []\nsource: Gazette Gamma\n---\n\nNothing.\n",
}
EXPECTED = {
    ("2022-06-01", "Piet Aalders", "Everton"): CAME_TRUE,
    ("2022-07-01", "Piet Aalders", "Everton"): CAME_TRUE,
    ("2022-07-20", "Piet Aalders", "Everton"): CAME_TRUE,  # the report of the deal itself
    ("2022-08-05", "Piet Aalders", "Everton"): FADED,  # after he joined: no later report, window closed
    ("2022-01-10", "Bram Bakker", "Fulham"): CAME_TRUE,
    ("2022-06-15", "Bram Bakker", "Fulham"): FADED,  # the done report was before this rumour
    ("2022-07-02", "Cas Claes", "Leeds United"): CAME_TRUE,
    ("2022-07-03", "Cas Claes", "Burnley"): DID_NOT,  # he joined Leeds in the same window
    ("2022-07-25", "Cas Claes", "Leeds United"): CAME_TRUE,
    ("2022-06-10", "Daan Dekker", "Wolverhampton Wanderers"): DID_NOT,  # called off before the later deal
    ("2022-07-10", "Daan Dekker", "Wolverhampton Wanderers"): DID_NOT,
    ("2023-01-15", "Daan Dekker", "Wolverhampton Wanderers"): CAME_TRUE,
    ("2023-01-28", "Daan Dekker", "Wolverhampton Wanderers"): CAME_TRUE,
    ("2022-08-01", "Eli Evers", "Everton"): CAME_TRUE,  # the loan
    ("2022-08-20", "Eli Evers", "Everton"): CAME_TRUE,
    ("2023-01-05", "Eli Evers", "Everton"): CAME_TRUE,  # the permanent move, next summer
    ("2023-06-30", "Eli Evers", "Everton"): CAME_TRUE,
    ("2023-07-01", "Finn Faber", "Brentford"): OPEN,
}


def _statuses(config: SiteConfig) -> dict[tuple[str, str, str], str]:
    found = {}
    for path in (config.out_dir / "api" / "rumours").glob("*.json"):
        for rumour in json.loads(path.read_text(encoding="utf-8"))["rumours"]:
            for move in rumour["moves"]:
                found[(rumour["date"], move["player"], move["to"])] = move["status"]
    return found


@pytest.fixture
def judged(make_site: SiteFactory) -> SiteConfig:
    config = make_site(ARTICLES, min_sample=3, base_url="https://example.org/rumours/")
    assert build(config).warnings == ()
    return config


def test_each_rumour_is_judged_from_the_archives_own_later_reports(judged: SiteConfig) -> None:
    assert _statuses(judged) == EXPECTED


def _text(path: Path) -> str:
    """A page's words: tags become spaces, runs of spaces one."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_outlets_get_counts_a_wilson_interval_and_days_early(judged: SiteConfig) -> None:
    # Daily Alpha's predictions: a1 true, a4 faded, a6 faded, b1 true, c1 not, c3 true, d1 true: 4 of 7;
    # days early: 49 (a1), 23 (b1), 13 (c3), 19 (d1) → median 21. Weekly Beta: a2 true, b2 not, d3 true,
    # e1 open (c2, a report of the collapse, is no prediction): 2 of 3. Gamma only reported deals done.
    page = (judged.out_dir / "sources" / "index.html").read_text(encoding="utf-8")
    ranked, unranked = page.split("<caption>Too few decided rumours to rank")
    names = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', ranked)
    assert names == ["Weekly Beta", "Daily Alpha"]  # 67 % over 3 decided, then 57 % over 7
    assert "Gazette Gamma" in unranked
    alpha = _text(judged.out_dir / "sources" / "daily-alpha" / "index.html")
    assert "4 of 7 decided rumours came true: a hit rate of 57% (95% interval 25–84%)" in alpha
    assert "Days early (median) 21 " in alpha
    assert "2 of them faded with no report either way; 0 are still open" in alpha
    beta = _text(judged.out_dir / "sources" / "weekly-beta" / "index.html")
    assert "2 of 3 decided rumours came true: a hit rate of 67% (95% interval 21–94%)" in beta
    for slug in ("daily-alpha", "weekly-beta", "gazette-gamma"):  # every outlet has a page and a feed
        feed = (judged.out_dir / "sources" / slug / "feed.xml").read_text(encoding="utf-8")
        assert "<entry>" in feed


def test_a_players_story_says_who_reported_it_first_and_how_early(judged: SiteConfig) -> None:
    story = _text(judged.out_dir / "players" / "piet-aalders.html").split("The story so far")[1]
    assert "Everton : done came true — first reported by Daily Alpha, 49 days before it was done" in story
    claes = _text(judged.out_dir / "players" / "cas-claes.html").split("The story so far")[1]
    assert "Burnley : linked did not happen" in claes and "Leeds United : done came true" in claes


def test_home_shows_this_windows_completions_and_the_outlets_right_most_often(judged: SiteConfig) -> None:
    home = _text(judged.out_dir / "index.html")
    assert "Came true this window Eli Evers to Everton 30 June" in home
    assert "Right most often Weekly Beta 67% of 3 Daily Alpha 57% of 7" in home  # by hit rate


def test_feed_entries_carry_stage_and_outcome(judged: SiteConfig) -> None:
    feed = (judged.out_dir / "clubs" / "burnley" / "feed.xml").read_text(encoding="utf-8")
    assert re.search(r"Cas Claes: [^<;]+ → Burnley \(interest, did not happen\)", feed)


def test_a_table_that_disagrees_wins_and_check_lists_both(make_site: SiteFactory) -> None:
    config = make_site({
        "f1.md": _report("2022-07-01", "Gus Geel", "Arsenal", "interest", "Daily Alpha"),
        "f2.md": _report("2022-07-28", "Gus Geel", "Arsenal", "done", "Gazette Gamma"),
    })
    (config.source_dir / "data").mkdir()
    (config.source_dir / "data" / "transfers.csv").write_text(
        "player,from_club,to_club,date,fee,kind\nGus Geel,Ajax,Chelsea,2022-07-30,£20m,permanent\n", encoding="utf-8")
    build(config)
    assert _statuses(config)[("2022-07-01", "Gus Geel", "Arsenal")] == DID_NOT  # the table: he joined Chelsea
    result = CliRunner().invoke(main, ["check", "--source", str(config.source_dir), "--out", str(config.out_dir)])
    assert "disagreement: Gus Geel: the archive reports him joining Arsenal on 2022-07-28; " \
           "the transfers table says Chelsea on 2022-07-30 (the table wins)" in result.output
