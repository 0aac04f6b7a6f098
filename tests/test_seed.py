"""The real article the project started from: what the build must read in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_gen.content.infer import make_article
from site_gen.content.load import load_source

PROJECT = Path(__file__).resolve().parent.parent


def seed_article():  # type: ignore[no-untyped-def]
    return make_article(load_source(next((PROJECT / "seeds").glob("000_*.txt"))))


def test_seed_record() -> None:
    article = seed_article()
    assert article.date == dt.date(2017, 8, 2)
    assert article.title.startswith("Virgil van Dijk has refused to budge")  # as the record spells him
    assert len(article.title) <= 80
    assert "Virgil van Dijk" in article.players
    assert {"Liverpool", "Southampton"} <= set(article.clubs)
    assert "£60m" in [fee.text for fee in article.fees]
    assert article.source == "Liverpool Echo"


def test_seed_has_no_manager_as_player() -> None:
    article = seed_article()
    assert not any("Pellegrino" in name or "Klopp" in name for name in article.players)


def test_seed_move() -> None:
    article = seed_article()
    van_dijk = [m for m in article.moves if m.player == "Virgil van Dijk"]
    assert [(m.from_club, m.to_club) for m in van_dijk] == [("Southampton", "Liverpool")]
    assert van_dijk[0].fee is not None and van_dijk[0].fee.text == "£60m"
