"""Which rumours came true: completed transfers against rumoured moves, per rumour, outlet and player.

Completed transfers come from `data/transfers.csv` (see `content.transfers`). A rumoured move of a player to a club *came
true* if he joined that club (on loan or for good) within `outcome_months` of the
rumour; it *did not* if he joined another club in that time, or the time ran out with
no move; otherwise it is still *open*. Time is counted up to the newest date the
archive knows (its latest article or transfer), so a build's result depends on its
inputs only, not on the day it runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from site_gen import urls
from site_gen.content.transfers import Transfer
from site_gen.model import Article
from site_gen.urls import slugify

CAME_TRUE, DID_NOT, OPEN = "came true", "did not happen", "open"


@dataclass(frozen=True, slots=True)
class Verdict:
    """Where a rumoured player went after his first rumour, and how close the rumoured fees were."""

    transfers: tuple[Transfer, ...]
    #: mean of |rumoured − real| over his rumours that came true with both fees known (millions)
    fee_error: float | None = None
    fee_error_share: float | None = None  # the same, as a share of the real fee


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """An outlet's rumours and how they turned out."""

    name: str
    slug: str
    articles: tuple[Article, ...]
    came_true: int
    did_not: int
    open: int

    @property
    def decided(self) -> int:
        return self.came_true + self.did_not

    @property
    def hit_rate(self) -> float | None:
        return self.came_true / self.decided if self.decided else None


@dataclass
class Outcomes:
    """Statuses of every rumoured move (by article route, player slug, club slug), outlets, verdicts."""

    statuses: dict[tuple[str, str, str], str] = field(default_factory=dict)
    #: the transfer that made a move come true
    proofs: dict[tuple[str, str, str], Transfer] = field(default_factory=dict)
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    as_of: dt.date | None = None


def judge(articles: Sequence[Article], transfers: Iterable[Transfer], months: int) -> Outcomes:
    """Every rumoured move's status, each outlet's record and each rumoured player's verdict."""
    by_player: dict[str, list[Transfer]] = {}
    for transfer in sorted(transfers, key=lambda t: t.date):
        by_player.setdefault(slugify(transfer.player), []).append(transfer)
    dates = [a.date for a in articles] + [t.date for ts in by_player.values() for t in ts]
    outcomes = Outcomes(as_of=max(dates) if dates else None)
    tallies: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    members: dict[str, list[Article]] = {}
    errors: dict[str, list[tuple[float, float]]] = {}
    for article in sorted(articles, key=lambda a: (a.date, a.slug)):
        route = urls.article_route(article.date, article.slug)
        source = slugify(article.source) if article.source else ""
        if source:
            names.setdefault(source, article.source or "")
            members.setdefault(source, []).append(article)
        end = article.date + dt.timedelta(days=round(months * 30.44))
        for move in article.moves:
            if not move.to_club:
                continue  # a player said to be leaving, for nowhere in particular, predicts nothing checkable
            player, club = slugify(move.player), slugify(move.to_club)
            later = [t for t in by_player.get(player, []) if article.date <= t.date <= end]
            joined = next((t for t in later if slugify(t.to_club) == club), None)
            if joined:
                status = CAME_TRUE
                outcomes.proofs[(route, player, club)] = joined
                if move.fee and move.fee.millions and joined.fee and joined.fee.millions \
                        and move.fee.currency == joined.fee.currency:
                    errors.setdefault(player, []).append((abs(move.fee.millions - joined.fee.millions),
                                                          joined.fee.millions))
            elif later or (outcomes.as_of and outcomes.as_of > end):
                status = DID_NOT
            else:
                status = OPEN
            outcomes.statuses[(route, player, club)] = status
            if source:
                tallies.setdefault(source, [0, 0, 0])[(CAME_TRUE, DID_NOT, OPEN).index(status)] += 1
    for slug, articles_of in members.items():
        came_true, did_not, still_open = tallies.get(slug, (0, 0, 0))
        outcomes.sources[slug] = SourceRecord(names[slug], slug, tuple(sorted(articles_of, key=lambda a: (
            -a.date.toordinal(), a.slug))), came_true, did_not, still_open)
    first_rumour: dict[str, dt.date] = {}
    for article in articles:
        for name in (*article.players, *(m.player for m in article.moves)):
            slug = slugify(name)
            first_rumour[slug] = min(first_rumour.get(slug, article.date), article.date)
    for slug, first in first_rumour.items():
        after = tuple(t for t in by_player.get(slug, []) if t.date >= first)
        if after:
            pairs = errors.get(slug, [])
            outcomes.verdicts[slug] = Verdict(
                after, round(sum(e for e, _ in pairs) / len(pairs), 2) if pairs else None,
                round(sum(e / real for e, real in pairs) / len(pairs), 3) if pairs else None)
    return outcomes
