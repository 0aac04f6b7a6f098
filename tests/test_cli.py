"""The `site-gen` command line: options, messages and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from click.testing import CliRunner

from site_gen.cli import main
from site_gen.config import SiteConfig

SiteFactory = Callable[..., SiteConfig]


def test_build_prints_summary(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000.txt": seed_text, "001_bad.txt": " date 2017-13-01 x"})
    result = CliRunner().invoke(main, ["build", "--source", str(config.source_dir), "--out", str(config.out_dir)])
    assert result.exit_code == 0, result.output
    assert "Built 1 article(s)" in result.stdout and "1 warning(s)" in result.stdout
    assert "001_bad.txt:1: date '2017-13-01' does not exist" in result.stderr
    assert (config.out_dir / "index.html").is_file()


def test_build_strict_fails_with_status_1(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000.txt": seed_text, "001_bad.txt": "no date"})
    result = CliRunner().invoke(main, ["build", "--strict", "--source", str(config.source_dir),
                                       "--out", str(config.out_dir)])
    assert result.exit_code == 1
    assert "001_bad.txt" in result.stderr
    assert not config.out_dir.exists()


def test_usage_errors_exit_2() -> None:
    result = CliRunner().invoke(main, ["build", "--no-such-option"])
    assert result.exit_code == 2


def test_missing_seeds_folder_is_reported(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--source", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "seeds" in result.stderr and "not found" in result.stderr


def test_extract_json_interface(project_root: Path) -> None:
    seed = next((project_root / "seeds").glob("000_*.txt"))
    result = CliRunner().invoke(main, ["extract", "--json", str(seed)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert set(record) == {"file", "date", "title", "players", "clubs", "moves", "moves_to_review", "fees", "source",
                           "tags"}
    assert record["date"] == "2017-08-02"
    moves = record["moves"] + record["moves_to_review"]  # published, and held back for the review
    assert moves and all(set(move) == {"player", "from", "to", "fee", "stage", "confidence", "evidence", "checked"}
                         for move in moves)
    assert all(0 <= move["confidence"] <= 1 and move["evidence"] in record_text(seed) for move in moves)
    assert {(move["player"], move["to"]) for move in moves} >= {("Virgil van Dijk", "Liverpool"),
                                                                ("Wesley Hoedt", "Southampton")}


def record_text(path: Path) -> str:
    """An article's text with its spaces folded, as evidence quotes it."""
    return " ".join(path.read_text(encoding="utf-8").split())
