"""An editor's fixes: corrections.yaml for the whole archive, and `site-gen ingest`."""

from __future__ import annotations

import json
from typing import Callable

import pytest
from click.testing import CliRunner

from site_gen.build import build
from site_gen.cli import main
from site_gen.config import SiteConfig
from site_gen.errors import ConfigError

SiteFactory = Callable[..., SiteConfig]

ARTICLE = (" date 2019-07-03 Arsenal want striker Kasper Lindqvist from Ajax, while Harold Penn watches on."
           "\n\nThe Gunners could pay £30m. The Dutch side rate Lindqvist highly.")


def player_pages(config) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.stem for p in (config.out_dir / "players").glob("*.html") if p.name != "index.html"}


def test_corrections_fix_names_for_the_whole_archive(make_site: SiteFactory) -> None:
    config = make_site({"001_a.txt": ARTICLE}, player_page_rumours=1)
    build(config)
    assert "harold-penn" in player_pages(config)
    (config.source_dir / "corrections.yaml").write_text(
        "not_players: [Harold Penn]\n"
        "player_names: {Kasper Lindqvist: Kasper Lindqvist-Holm}\n"
        "articles:\n  001_a.txt: {tags: [striker, corrected]}\n", encoding="utf-8")
    build(config)
    assert player_pages(config) == {"kasper-lindqvist-holm"}
    assert (config.out_dir / "tags/corrected/index.html").is_file()


def test_a_correction_reads_no_prose_again(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Corrections are laid over the records as read: changing them re-reads no article, and the
    site is the one a cold build makes."""
    from site_gen.content import infer

    config = make_site({"001_a.txt": ARTICLE, "002_b.txt": ARTICLE.replace("2019-07-03", "2019-07-04")},
                       player_page_rumours=1)
    build(config)
    read_again: list[str] = []
    real = infer.extract
    monkeypatch.setattr(infer, "extract", lambda body, *rest: read_again.append(body) or real(body, *rest))
    (config.source_dir / "corrections.yaml").write_text(
        "not_players: [Harold Penn]\nplayer_names: {Kasper Lindqvist: Kasper Lindqvist-Holm}\n"
        "articles:\n  002_b.txt: {source: The Sun, tags: [corrected]}\n", encoding="utf-8")
    build(config)
    assert read_again == []
    assert player_pages(config) == {"kasper-lindqvist-holm"}
    assert (config.out_dir / "tags/corrected/index.html").is_file()
    assert (config.out_dir / "sources/the-sun/index.html").is_file()


def test_single_moves_are_rejected_confirmed_and_added(make_site: SiteFactory) -> None:
    """An editor names single moves by player and destination: a rejected one is never shown, a
    confirmed one (even one held back as unsure) is published and marked checked, an added one is
    published, checked; the rest stay as read."""
    article = (" date 2019-07-03 Everton are weighing up a move for Lyon winger Tomas Varenne, and Fulham "
               "have also asked about him.\n\nLeeds United want Ajax striker Kasper Lindqvist.")
    config = make_site({"001_a.txt": article}, player_page_rumours=1)
    build(config)

    def moves() -> dict[tuple[str, str], dict[str, object]]:
        month = json.loads((config.out_dir / "api/rumours/2019-07.json").read_text(encoding="utf-8"))
        return {(m["player"], m["to"]): m for rumour in month["rumours"] for m in rumour["moves"]}

    assert ("Tomas Varenne", "Everton") in moves() and not any(m["checked"] for m in moves().values())
    (config.source_dir / "corrections.yaml").write_text(
        "articles:\n  001_a.txt:\n"
        "    moves_rejected: [{player: Tomas Varenne, to: Everton}]\n"
        "    moves_confirmed: [{player: Tomas Varenne, to: Fulham}]\n"
        "    moves_added: [{player: Tomas Varenne, from: Lyon, to: Brentford, stage: bid, fee: £20m}]\n",
        encoding="utf-8")
    build(config)
    found = moves()
    assert ("Tomas Varenne", "Everton") not in found
    assert found[("Tomas Varenne", "Fulham")]["checked"] is True
    added = found[("Tomas Varenne", "Brentford")]
    assert added["checked"] is True and added["stage"] == "bid" and added["fee"]["text"] == "£20m"
    assert found[("Kasper Lindqvist", "Leeds United")]["checked"] is False  # the rest as read
    page = (config.out_dir / "players/tomas-varenne.html").read_text(encoding="utf-8")
    assert "checked" in page and "Lyon → Everton" not in page and "Lyon → Brentford" in page
    review = CliRunner().invoke(main, ["review", "--csv", "--source", str(config.source_dir)])
    assert "Brentford" not in review.output and "Fulham" not in review.output  # checked: no doubt left


def test_corrections_add_club_names(make_site: SiteFactory) -> None:
    config = make_site({"001_a.txt": " date 2019-07-03 The Riverside Lads want winger Sam Ode."})
    build(config)
    assert not (config.out_dir / "clubs/fulham").exists()
    (config.source_dir / "corrections.yaml").write_text("club_names: {the Riverside Lads: Fulham}\n", encoding="utf-8")
    build(config)
    assert (config.out_dir / "clubs/fulham/index.html").is_file()


def test_bad_corrections_file_is_reported(make_site: SiteFactory) -> None:
    config = make_site({"001_a.txt": ARTICLE})
    (config.source_dir / "corrections.yaml").write_text("not_players: Harold\nnicknames: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        build(config)
    assert "corrections.yaml" in str(caught.value)
    assert "not_players must be a list" in str(caught.value) and "'nicknames'" in str(caught.value)


def test_ingest_writes_curated_markdown_that_the_build_prefers(make_site: SiteFactory) -> None:
    config = make_site({"001_a.txt": ARTICLE}, player_page_rumours=1)
    result = CliRunner().invoke(main, ["ingest", "--source", str(config.source_dir)])
    assert result.exit_code == 0, result.output
    curated = config.seeds_dir / "001_a.md"
    text = curated.read_text(encoding="utf-8")
    assert text.startswith("---\ndate: 2019-07-03\n") and "Kasper Lindqvist" in text
    curated.write_text(text.replace("Kasper Lindqvist", "Kasper Lindkvist"), encoding="utf-8")
    report = build(config)
    assert report.articles == 1  # the .md replaces the .txt, no duplicate
    assert "kasper-lindkvist" in player_pages(config)
    again = CliRunner().invoke(main, ["ingest", "--source", str(config.source_dir)])
    assert "1 already curated" in again.stdout
    assert "Lindkvist" in curated.read_text(encoding="utf-8")  # the editor's work is not overwritten


def _invented_archive(count: int) -> dict[str, str]:
    """Raw articles of invented players, in which several share a date and an opening sentence (so an
    inferred headline, and with it a URL, is shared), with names that reconcile across articles."""
    buyers = ["Arsenal", "Everton", "Leeds United", "Fulham", "Brentford"]
    sellers = ["Ajax", "Benfica", "Lyon", "Porto"]
    articles = {}
    for number in range(count):
        player = f"Tomas Varen{'abcdefg'[number % 7]}"
        buyer, seller = buyers[number % len(buyers)], sellers[number % len(sellers)]
        date = f"2021-07-{1 + number % 3:02d}"
        opening = ("Transfer news: the latest from the window." if number % 4 == 0 else
                   f"{buyer} are closing in on {seller} striker {player}, according to the Guardian.")
        later = (f"{player.split()[-1]} scored 12 goals last season. {buyer} have offered £{10 + number}m, "
                 f"and manager Sam Kerr said: \"He's the one we want -- no doubt.\"")
        articles[f"{number:03d}_{number * 7919:x}.txt"] = f" date {date} {opening}\n\n{later}\n\nMore to follow."
    return articles


def test_ingest_round_trips_the_whole_archive(make_site: SiteFactory, rendered_files) -> None:  # type: ignore[no-untyped-def]
    """Raw archive → ingest → raw files removed → build: the same pages and open data, no article lost
    (articles whose inferred headlines share a URL included)."""
    config = make_site(_invented_archive(24), player_page_rumours=1)
    raw = build(config)
    assert raw.articles == 24 and not raw.problems
    before = {path.relative_to(config.out_dir): path.read_bytes() for path in rendered_files(config.out_dir)}
    result = CliRunner().invoke(main, ["ingest", "--source", str(config.source_dir)])
    assert result.exit_code == 0 and "Wrote 24 curated article(s)" in result.output, result.output
    for path in config.seeds_dir.glob("*.txt"):
        path.unlink()
    curated = build(config, use_cache=False)
    assert curated.articles == 24 and not curated.problems
    after = {path.relative_to(config.out_dir): path.read_bytes() for path in rendered_files(config.out_dir)}
    assert sorted(after) == sorted(before)
    assert [path for path in before if before[path] != after[path]] == []


def test_a_whole_record_in_front_matter_is_not_read_from_the_prose(make_site: SiteFactory) -> None:
    """With every field in front matter the body is shown, never read: what it says changes no field."""
    front = ("---\ndate: 2021-07-01\ntitle: A quiet day\nformat: text\nplayers: []\nclubs: []\nmoves: []\n"
             "moves_to_review: []\nfees: []\nsource: null\ntags: []\nstaff: []\naffiliations: {}\n---\n\n")
    config = make_site({"001_a.md": front + "Arsenal have signed striker Kasper Lindqvist from Ajax for £30m.\n"})
    build(config, use_cache=False)
    assert not (config.out_dir / "players").exists() or player_pages(config) == set()
    page = (config.out_dir / "2021" / "07" / "a-quiet-day.html").read_text(encoding="utf-8")
    assert "Kasper Lindqvist from Ajax for £30m." in page  # shown as written: a text body, no Markdown


def test_the_desk_will_not_write_what_a_file_overrides(make_site: SiteFactory) -> None:
    """A curated file's own front matter wins over corrections.yaml: the desk says so rather than
    write an entry that would change nothing."""
    from site_gen.content.desk import DeskError, checked_request

    config = make_site({"001_a.md": "---\ndate: 2019-07-03\nsource: The Times\n---\nArsenal want Joel Marsden.\n",
                        "002_b.md": "---\ndate: 2019-07-03\n---\nArsenal want Joel Marsden.\n"})
    with pytest.raises(DeskError, match="front matter"):
        checked_request({"action": "source", "file": "001_a.md", "outlet": "The Sun"}, config.seeds_dir)
    assert checked_request({"action": "source", "file": "002_b.md", "outlet": "The Sun"}, config.seeds_dir).fields
