"""Plain JSON-ready shapes of records: the stable interface of `site-gen extract --json`."""

from __future__ import annotations

from typing import Any

from site_gen.extract import Move
from site_gen.model import Article


def move_record(move: Move) -> dict[str, Any]:
    """One move as plain data, with how sure the build is of it and the sentence it was read from."""
    return {"player": move.player, "from": move.from_club, "to": move.to_club,
            "fee": move.fee.text if move.fee else None, "stage": move.stage,
            "confidence": round(move.confidence, 3), "evidence": move.evidence, "checked": move.checked}


def article_record(article: Article) -> dict[str, Any]:
    """One article as plain data; keys and their meaning are kept stable."""
    return {
        "file": str(article.path),
        "date": article.date.isoformat(),
        "title": article.title,
        "players": list(article.players),
        "clubs": list(article.clubs),
        "moves": [move_record(move) for move in article.moves],
        "moves_to_review": [move_record(move) for move in article.held_moves],
        "fees": [fee.text for fee in article.fees],
        "source": article.source,
        "tags": list(article.tags),
    }
