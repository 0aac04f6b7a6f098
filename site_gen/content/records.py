"""Plain JSON-ready shapes of records: the stable interface of `site-gen extract --json`."""

from __future__ import annotations

from typing import Any

from site_gen.model import Article


def article_record(article: Article) -> dict[str, Any]:
    """One article as plain data; keys and their meaning are kept stable."""
    return {
        "file": str(article.path),
        "date": article.date.isoformat(),
        "title": article.title,
        "players": list(article.players),
        "clubs": list(article.clubs),
        "moves": [{"player": m.player, "from": m.from_club, "to": m.to_club,
                   "fee": m.fee.text if m.fee else None, "stage": m.stage} for m in article.moves],
        "fees": [fee.text for fee in article.fees],
        "source": article.source,
        "tags": list(article.tags),
    }
