"""The archive read as a whole, once every article is read: one name per player, roles that
hold across articles, and each player's club at a date (see `site_gen.extract.reconcile`).

Fields an editor set (front matter, `corrections.yaml`) are left as they are, and the spellings
`corrections.yaml` chooses are never changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping, Sequence

from site_gen.content.corrections import Corrections
from site_gen.content.transfers import Transfer
from site_gen.digests import fingerprint
from site_gen.extract.reconcile import ClubNews, DatedRecord, Reconciliation, reconcile
from site_gen.model import Article


@dataclass(frozen=True, slots=True)
class RememberedPass:
    """The last archive-wide pass: a digest of what it read, and what it found. The build cache
    keeps it, so a build after an edit that changes none of the pass's inputs (names, moves, staff,
    clubs: the usual edit) skips the pass, which takes seconds at 100,000 articles."""

    inputs: bytes
    reading: Reconciliation


@dataclass(frozen=True, slots=True)
class ReconciledArticles:
    """The articles as the archive reads them, and a digest of what changed in each record that did."""

    articles: tuple[Article, ...]
    #: file name → digest of the revised players and moves (files whose record is unchanged are absent)
    revisions: Mapping[str, str]
    #: the pass, for the next build
    remembered: RememberedPass


@dataclass(frozen=True, slots=True)
class ArchiveReading:
    """The articles as the archive-wide pass sees them, and what it read of them together."""

    items: tuple[DatedRecord, ...]
    #: what the pass found, with a digest of what it read (for the next build)
    remembered: RememberedPass

    @property
    def reading(self) -> Reconciliation:
        return self.remembered.reading


def read_archive(articles: Sequence[Article], transfers: Sequence[Transfer] = (),
                 corrections: Corrections | None = None, remembered: RememberedPass | None = None) -> ArchiveReading:
    """Read the articles together: the table's transfers add to what they say of players' clubs,
    and the spellings `corrections.yaml` chooses are fixed. `remembered` is the last build's pass,
    used again if it read the same."""
    items = tuple(DatedRecord(article.path.name, article.date, article, frozenset(article.editor_fields))
                  for article in articles)
    news: list[ClubNews] = []
    for transfer in transfers:
        if transfer.from_club:
            news.append(ClubNews(transfer.player, transfer.from_club, transfer.date - dt.timedelta(days=1)))
        news.append(ClubNews(transfer.player, transfer.to_club, transfer.date, joined=True))
    fixed = frozenset((corrections or Corrections()).player_names.values())
    # everything the pass reads, in an order that is the same in every process (sets sorted)
    # (of a move, only what the pass reads: a reworded sentence changes a move's evidence, not the pass)
    said = fingerprint((tuple((item.key, item.date, sorted(item.fixed), item.record.players,
                               tuple((move.player, move.from_club, move.to_club, move.stage)
                                     for move in item.record.moves),
                               item.record.staff, item.record.affiliations) for item in items),
                        news, sorted(fixed)))
    if remembered is not None and remembered.inputs == said:
        reading = remembered.reading
    else:
        reading = reconcile(items, news, fixed)
    return ArchiveReading(items, RememberedPass(said, reading))


def reconcile_articles(articles: Sequence[Article], transfers: Sequence[Transfer] = (),
                       corrections: Corrections | None = None,
                       remembered: RememberedPass | None = None) -> ReconciledArticles:
    """Every article with the archive's names, without staff taken for players, and with the
    origins the archive knows filled in."""
    archive = read_archive(articles, transfers, corrections, remembered)
    items, reading = archive.items, archive.reading
    revised: list[Article] = []
    revisions: dict[str, str] = {}
    for item, article in zip(items, articles):
        record = reading.apply(item)
        assert isinstance(record, Article)
        if record is not article:
            revisions[article.path.name] = fingerprint((record.players, record.moves)).hex()
        revised.append(record)
    return ReconciledArticles(tuple(revised), revisions, archive.remembered)
