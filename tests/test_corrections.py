"""An editor's fixes: corrections.yaml for the whole archive, and `site-gen ingest`."""

from __future__ import annotations

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
