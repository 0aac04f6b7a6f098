"""Verdicts only from reported deals: agreed deals settled by later reports, one permanent move a
window, history cited again, contradictions left unsettled, and held moves that never count.

Records are built by hand (invented players, clubs and outlets), with the confidence and held-back
moves the extractor will fill in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Callable

from site_gen import urls
from site_gen.build import build
from site_gen.config import SiteConfig
from site_gen.content.transfers import Transfer
from site_gen.extract import Fee, Move
from site_gen.model import Article
from site_gen.site.index import build_index
from site_gen.site.outcomes import AGREED, CAME_TRUE, DID_NOT, FADED, OPEN, Outcomes, judge
from site_gen.urls import slugify

SiteFactory = Callable[..., SiteConfig]


def _move(player: str, to: str, stage: str = "interest", origin: str | None = None, fee: str | None = None,
          confidence: float = 1.0) -> Move:
    millions = float(fee.strip("£m")) if fee else None
    return Move(player, origin, to, Fee(fee, "GBP", millions) if fee else None, stage, confidence,
                f"{player} to {to}, {stage}.")


def _article(date: str, name: str, *moves: Move, held: tuple[Move, ...] = (), source: str = "Daily Alpha") -> Article:
    return Article(title=name, players=tuple(dict.fromkeys(m.player for m in (*moves, *held))),
                   moves=moves, held_moves=held, source=source, path=Path(f"{name}.md"), slug=name,
                   date=dt.date.fromisoformat(date), body="", body_format="markdown")


def _status(outcomes: Outcomes, article: Article, club: str, player: str | None = None) -> str | None:
    player = player or article.moves[0].player
    return outcomes.statuses.get((urls.article_route(article.date, article.slug), slugify(player), slugify(club)))


def test_an_agreed_deal_nothing_undoes_came_true_and_proves_only_itself() -> None:
    talks = _article("2022-07-01", "talks", _move("Ivo Brandt", "Fulham", "talks"))
    agreed = _article("2022-07-10", "agreed", _move("Ivo Brandt", "Fulham", "agreed", fee="£20m"),
                      source="Weekly Beta")
    outcomes = judge([talks, agreed])
    assert _status(outcomes, talks, "Fulham") == CAME_TRUE
    assert _status(outcomes, agreed, "Fulham") == CAME_TRUE
    proof = outcomes.proofs[(urls.article_route(agreed.date, agreed.slug), "ivo-brandt", "fulham")]
    assert proof.kind == AGREED and proof.date == agreed.date
    # the talks foretold it; the agreement itself foretold nothing and is not scored
    assert outcomes.sources["daily-alpha"].came_true == 1
    assert outcomes.sources["weekly-beta"].decided == 0
    assert "ivo-brandt" not in outcomes.verdicts  # an agreement alone is not "joined"


def test_a_later_completion_elsewhere_or_a_collapse_settles_an_agreement() -> None:
    agreed = _article("2022-07-01", "a", _move("Ivo Brandt", "Fulham", "agreed"))
    done = _article("2022-08-01", "b", _move("Ivo Brandt", "Burnley", "done", origin="Ajax"))
    outcomes = judge([agreed, done])
    assert _status(outcomes, agreed, "Fulham") == DID_NOT
    assert _status(outcomes, done, "Burnley") == CAME_TRUE
    assert [t.to_club for t in outcomes.verdicts["ivo-brandt"].transfers] == ["Burnley"]
    assert outcomes.unsettled == []
    # called off (a refusal, a collapse) after it was agreed
    agreed = _article("2022-07-01", "c", _move("Aldo Ferri", "Lille", "agreed"))
    refused = _article("2022-07-20", "d", _move("Aldo Ferri", "Lille", "off"))
    outcomes = judge([agreed, refused])
    assert _status(outcomes, agreed, "Lille") == DID_NOT and _status(outcomes, refused, "Lille") == DID_NOT
    assert "aldo-ferri" not in outcomes.verdicts and outcomes.unsettled == []


def test_two_completions_in_one_window_are_unsettled_and_go_to_the_review() -> None:
    rumour = _article("2022-06-01", "rumour", _move("Ivo Brandt", "Fulham", "talks"))
    one = _article("2022-07-01", "one", _move("Ivo Brandt", "Fulham", "done", confidence=0.9))
    other = _article("2022-07-05", "other", _move("Ivo Brandt", "Burnley", "done", confidence=0.7),
                     source="Weekly Beta")
    outcomes = judge([rumour, one, other])
    for article, club in ((rumour, "Fulham"), (one, "Fulham"), (other, "Burnley")):
        assert _status(outcomes, article, club) is None  # no verdict either way
    assert "ivo-brandt" not in outcomes.verdicts
    assert {(u.file, u.move.to_club) for u in outcomes.unsettled} == {("one.md", "Fulham"), ("other.md", "Burnley")}
    fulham = next(u for u in outcomes.unsettled if u.file == "one.md")
    assert [(file, move.to_club) for file, move in fulham.rivals] == [("other.md", "Burnley")]
    assert "Burnley and Fulham in Summer 2022" in fulham.reason
    # a two-club agreement no later report settles is unsettled too; a later completion settles it
    first = _article("2022-07-01", "x", _move("Aldo Ferri", "Lille", "agreed"))
    second = _article("2022-07-03", "y", _move("Aldo Ferri", "Nice", "agreed"))
    assert len(judge([first, second]).unsettled) == 2
    done = _article("2022-07-09", "z", _move("Aldo Ferri", "Nice", "done"))
    settled = judge([first, second, done])
    assert settled.unsettled == [] and _status(settled, first, "Lille") == DID_NOT
    assert _status(settled, second, "Nice") == CAME_TRUE


def test_a_deal_done_then_called_off_is_unsettled() -> None:
    done = _article("2022-07-01", "done", _move("Ivo Brandt", "Fulham", "done"))
    off = _article("2022-07-08", "off", _move("Ivo Brandt", "Fulham", "off"))
    outcomes = judge([done, off])
    assert _status(outcomes, done, "Fulham") is None and _status(outcomes, off, "Fulham") is None
    assert [u.file for u in outcomes.unsettled] == ["done.md", "off.md"]
    assert [file for file, _ in outcomes.unsettled[0].rivals] == ["off.md"]


def test_the_table_settles_what_the_archive_cannot() -> None:
    one = _article("2022-07-01", "one", _move("Ivo Brandt", "Fulham", "done"))
    other = _article("2022-07-05", "other", _move("Ivo Brandt", "Burnley", "done"))
    table = [Transfer("Ivo Brandt", "Ajax", "Burnley", dt.date(2022, 7, 4), None, "permanent")]
    outcomes = judge([one, other], table)
    assert outcomes.unsettled == []
    assert _status(outcomes, one, "Fulham") == DID_NOT and _status(outcomes, other, "Burnley") == CAME_TRUE


def test_a_deal_cited_again_in_a_later_window_is_not_a_new_move() -> None:
    done = _article("2018-01-10", "done", _move("Ivo Brandt", "Fulham", "done", origin="Ajax", fee="£60m"))
    rumour = _article("2018-07-01", "rumour", _move("Ivo Brandt", "Burnley", "talks", origin="Fulham"))
    # summer 2018: "Brandt, who joined Fulham from Ajax for £60m…" read as a done deal again
    cited = _article("2018-07-05", "cited", _move("Ivo Brandt", "Fulham", "done", origin="Ajax", fee="£60m"))
    index = build_index([done, rumour, cited])
    outcomes = index.outcomes
    assert _status(outcomes, cited, "Fulham") is None
    assert (urls.article_route(cited.date, cited.slug), "ivo-brandt", "fulham") in outcomes.history
    assert [t.date for t in outcomes.verdicts["ivo-brandt"].transfers] == [dt.date(2018, 1, 10)]
    assert _status(outcomes, rumour, "Burnley") == OPEN  # no completion elsewhere that window
    assert [s.window for s in outcomes.stories["ivo-brandt"] if s.club == "Fulham"] == ["january-2018"]
    assert index.club_players["fulham"]["ivo-brandt"].latest == dt.date(2018, 1, 10)
    # the same from the table: a fee cited again with a move to his club is history too
    table = [Transfer("Ivo Brandt", "Ajax", "Fulham", dt.date(2018, 1, 10), Fee("£60m", "GBP", 60.0), "permanent")]
    again = _article("2018-08-01", "again", _move("Ivo Brandt", "Fulham", "interest", fee="£60m"))
    linked = _article("2018-08-02", "linked", _move("Ivo Brandt", "Fulham", "interest"))
    outcomes = judge([again, linked], table)
    assert _status(outcomes, again, "Fulham") is None
    assert _status(outcomes, linked, "Fulham") == OPEN  # a mere link is left be


def test_a_fee_cited_again_is_no_point_on_the_fee_chart(make_site: SiteFactory) -> None:
    def curated(date: str, title: str, move: str) -> str:
        return f"---\ndate: {date}\ntitle: {title}\nplayers: [Ivo Brandt]\nmoves:\n  - {move}\n---\n\n{title}.\n"

    config = make_site({
        "001.md": curated("2018-01-02", "Fulham bid for Brandt", "{player: Ivo Brandt, from: Ajax, to: Fulham, "
                                                                 "fee: £50m, stage: bid}"),
        "002.md": curated("2018-01-10", "Brandt joins Fulham", "{player: Ivo Brandt, from: Ajax, to: Fulham, "
                                                               "fee: £60m, stage: done}"),
        "003.md": curated("2018-07-05", "Brandt recalls his move", "{player: Ivo Brandt, from: Ajax, to: Fulham, "
                                                                   "fee: £60m, stage: done}"),
    })
    build(config)
    page = (config.out_dir / "players" / "ivo-brandt.html").read_text(encoding="utf-8")
    chart = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert len(re.findall(r"<circle", chart)) == 2  # January's bid and completion, not July's citation
    verdict = re.sub(r"<[^>]+>", "", page.split('<section class="verdict"')[1].split("</section>")[0])
    assert verdict.count("Joined") == 1
    statuses = {r["title"]: [m["status"] for m in r["moves"]]
                for path in (config.out_dir / "api" / "rumours").glob("*.json")
                for r in json.loads(path.read_text(encoding="utf-8"))["rumours"]}
    assert statuses == {"Fulham bid for Brandt": [CAME_TRUE], "Brandt joins Fulham": [CAME_TRUE],
                        "Brandt recalls his move": [None]}


def test_held_moves_never_give_or_take_a_verdict() -> None:
    rumour = _article("2022-07-01", "rumour", _move("Ivo Brandt", "Fulham", "talks"))
    # a done deal elsewhere and a collapse, both held back: neither decides anything
    held = _article("2022-07-10", "held", held=(_move("Ivo Brandt", "Burnley", "done", confidence=0.2),
                                                _move("Ivo Brandt", "Fulham", "off", confidence=0.3)))
    outcomes = judge([rumour, held])
    assert _status(outcomes, rumour, "Fulham") == OPEN
    assert not any(key[0].endswith("/held.html") for key in outcomes.statuses)
    assert "ivo-brandt" not in outcomes.verdicts and outcomes.unsettled == []
    # nor a held completion to the club rumoured
    done_held = _article("2022-07-10", "done-held", held=(_move("Ivo Brandt", "Fulham", "done", confidence=0.2),))
    later = _article("2022-10-01", "later", _move("Aldo Ferri", "Nice"))  # the window has closed since
    assert _status(judge([rumour, done_held, later]), rumour, "Fulham") == FADED


def test_an_unsettled_move_shows_no_verdict_on_its_page(make_site: SiteFactory) -> None:
    def curated(date: str, title: str, club: str) -> str:
        return (f"---\ndate: {date}\ntitle: {title}\nplayers: [Ivo Brandt]\nmoves:\n"
                f"  - {{player: Ivo Brandt, from: Ajax, to: {club}, stage: done}}\nsource: Daily Alpha\n---\n\n"
                f"{title}.\n")

    config = make_site({"001.md": curated("2022-07-01", "Brandt joins Fulham", "Fulham"),
                        "002.md": curated("2022-07-05", "Brandt joins Burnley", "Burnley")})
    build(config)
    for page in config.out_dir.glob("2022/07/*.html"):
        moves = page.read_text(encoding="utf-8").split('class="moves"', 1)[1].split("</ul>", 1)[0]
        assert "done deal" in moves and 'class="o-' not in moves
    player = (config.out_dir / "players" / "ivo-brandt.html").read_text(encoding="utf-8")
    assert 'class="verdict"' not in player and "came true" not in player and "did not happen" not in player


def test_names_known_only_from_the_table_are_shown_but_not_linked(make_site: SiteFactory, crawl_site) -> None:  # type: ignore[no-untyped-def]
    config = make_site({"001.md": "---\ndate: 2022-07-01\ntitle: Arsenal want Gus Geel\nplayers: [Gus Geel]\n"
                                  "moves:\n  - {player: Gus Geel, to: Arsenal}\n---\n\nArsenal want Gus Geel.\n"})
    (config.source_dir / "data").mkdir()
    (config.source_dir / "data" / "transfers.csv").write_text(
        "player,from_club,to_club,date,fee,kind\nGus Geel,Ajax,Chelsea,2022-07-30,£20m,permanent\n"
        "Ole Olsen,Molde,Brann,2022-07-20,,permanent\n", encoding="utf-8")
    build(config)
    out = config.out_dir
    assert crawl_site(out).broken == []  # no page for Chelsea, Ajax or Ole Olsen: none is linked
    window = re.sub(r"\s+", " ", (out / "windows" / "summer-2022" / "index.html").read_text(encoding="utf-8"))
    assert '<a href="/players/gus-geel.html">Gus Geel</a> to Chelsea' in window and "Ole Olsen to Brann" in window
    verdict = (out / "players" / "gus-geel.html").read_text(encoding="utf-8").split('class="verdict"')[1]
    assert "Joined Chelsea from Ajax on" in re.sub(r"<[^>]+>", "", verdict) and "/clubs/chelsea/" not in verdict
