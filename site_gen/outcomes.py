"""Which rumours came true: completed transfers against rumoured moves, per rumour, outlet and player.

Completed transfers are an input, `data/transfers.csv` beside `seeds/`, with the header
`player,from_club,to_club,date,fee,kind`. A rumoured move of a player to a club *came
true* if he joined that club (on loan or for good) within `outcome_months` of the
rumour; it *did not* if he joined another club in that time, or the time ran out with
no move; otherwise it is still *open*. Time is counted up to the newest date the
archive knows (its latest article or transfer), so a build's result depends on its
inputs only, not on the day it runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from site_gen import urls
from site_gen.errors import SourceError
from site_gen.fees import parse_fee
from site_gen.gazetteer import Gazetteer
from site_gen.model import Article, Fee
from site_gen.urls import slugify

TRANSFERS_FILE = Path("data") / "transfers.csv"
COLUMNS = ["player", "from_club", "to_club", "date", "fee", "kind"]
KINDS = ("permanent", "loan", "free")
CAME_TRUE, DID_NOT, OPEN = "came true", "did not happen", "open"


@dataclass(frozen=True, slots=True)
class Transfer:
    """A completed transfer, names canonical as in the archive."""

    player: str
    from_club: str | None
    to_club: str
    date: dt.date
    fee: Fee | None
    kind: str


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


def load_transfers(source_dir: Path, gazetteer: Gazetteer, warnings: list[str]) -> list[Transfer]:
    """The site's completed transfers; every bad row becomes a warning naming file and line."""
    path = source_dir / TRANSFERS_FILE
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        warnings.append(str(SourceError(path, f"cannot be read as UTF-8 text: {error}")))
        return []
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != COLUMNS:
        warnings.append(str(SourceError(path, f"the header must be {','.join(COLUMNS)}, not "
                                              f"{','.join(reader.fieldnames or [])}", 1)))
        return []
    transfers: list[Transfer] = []
    for row in reader:
        line = reader.line_num
        try:
            transfers.append(_transfer(row, gazetteer))
        except ValueError as error:
            warnings.append(str(SourceError(path, f"{error}; row skipped", line)))
    return transfers


def _transfer(row: dict[str, str], gazetteer: Gazetteer) -> Transfer:
    values = {key: (value or "").strip() for key, value in row.items() if key in COLUMNS}
    if not values["player"] or not values["to_club"]:
        raise ValueError("player and to_club are required")
    try:
        date = dt.date.fromisoformat(values["date"])
    except ValueError:
        raise ValueError(f"date {values['date']!r} is not a date (YYYY-MM-DD)") from None
    if values["kind"] not in KINDS:
        raise ValueError(f"kind {values['kind']!r} must be one of {', '.join(KINDS)}")
    return Transfer(values["player"], gazetteer.club_name(values["from_club"]) if values["from_club"] else None,
                    gazetteer.club_name(values["to_club"]), date, parse_fee(values["fee"]) if values["fee"] else None,
                    values["kind"])


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
