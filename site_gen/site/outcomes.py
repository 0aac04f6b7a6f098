"""Which rumours came true, judged from the archive's own reports (and a transfers table if there is one).

A rumoured move of a player to a club is decided by the first of these after it:
- a report that he joined that club (a move at stage `done`), or a row of `data/transfers.csv`
  saying so: it *came true*, dated when it was done;
- a report that the move was called off (stage `off`), or his done move to another club in the
  same transfer window (with a table: any move to another club within `outcome_months`): it
  *did not happen*.
With neither, it stays *open* while its transfer window is open, and has *faded* once the next
window has started: nobody reported it done, nor called off. Where the table and the archive
disagree, the table wins and the disagreement is listed for `site-gen check`.

Time is counted only up to the newest date the archive knows, so a build depends on its inputs
alone, not on the day it runs.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from site_gen import urls
from site_gen.content.transfers import Transfer
from site_gen.extract import STAGES
from site_gen.model import Article
from site_gen.site.windows import transfer_window
from site_gen.urls import slugify

CAME_TRUE, DID_NOT, OPEN, FADED = "came true", "did not happen", "open", "faded"
#: What a completion reported only by the archive is called where a table would give a kind of deal.
REPORTED = "reported"
_Z95 = 1.959964  # the normal quantile of a two-sided 95 % interval
_STAGE_RANK = {stage: rank for rank, stage in enumerate(STAGES)}
#: How much a rumour's outcome says of its window's story: a move that came true outranks the rest.
_SETTLES = {FADED: 0, OPEN: 1, DID_NOT: 2, CAME_TRUE: 3}


@dataclass(frozen=True, slots=True)
class Verdict:
    """Where a rumoured player went after his first rumour, and how close the rumoured fees were."""

    transfers: tuple[Transfer, ...]
    #: mean of |rumoured − real| over his rumours that came true with both fees known (millions)
    fee_error: float | None = None
    fee_error_share: float | None = None  # the same, as a share of the real fee


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """An outlet's (or credited reporter's) rumours and how they turned out."""

    name: str
    slug: str
    articles: tuple[Article, ...]
    came_true: int
    did_not: int
    faded: int
    open: int
    #: for its moves that came true: days between its first report and the completion
    days_early: tuple[int, ...] = ()

    @property
    def decided(self) -> int:
        """Rumours with an outcome: came true, did not happen, or faded with the window."""
        return self.came_true + self.did_not + self.faded

    @property
    def hit_rate(self) -> float | None:
        return self.came_true / self.decided if self.decided else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The Wilson 95 % interval of the hit rate (honest for small counts)."""
        n = self.decided
        if not n:
            return None
        p = self.came_true / n
        centre = (p + _Z95 ** 2 / (2 * n)) / (1 + _Z95 ** 2 / n)
        half = _Z95 * math.sqrt(p * (1 - p) / n + _Z95 ** 2 / (4 * n * n)) / (1 + _Z95 ** 2 / n)
        return max(0.0, centre - half), min(1.0, centre + half)

    @property
    def median_days_early(self) -> float | None:
        return statistics.median(self.days_early) if self.days_early else None


@dataclass(frozen=True, slots=True)
class LinkStory:
    """A player linked with a club in one transfer window: how far it got, and what happened."""

    player_slug: str
    club: str
    window: str
    #: the furthest stage reported in the window
    stage: str
    status: str | None
    #: for a move that came true: the first outlet to report it, when, and when it was done
    first_source: str | None = None
    first_date: dt.date | None = None
    done: dt.date | None = None

    @property
    def days_before(self) -> int | None:
        return (self.done - self.first_date).days if self.done and self.first_date else None


@dataclass
class Outcomes:
    """Statuses of every rumoured move (by article route, player slug, club slug), outlets, verdicts."""

    statuses: dict[tuple[str, str, str], str] = field(default_factory=dict)
    #: the completion that made a move come true (a table row, or the archive's report as one)
    proofs: dict[tuple[str, str, str], Transfer] = field(default_factory=dict)
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    #: player slug → his links with clubs, window by window (newest window first)
    stories: dict[str, list[LinkStory]] = field(default_factory=dict)
    #: completions (table or archive) by the window they were done in, newest first
    completed: dict[str, list[Transfer]] = field(default_factory=dict)
    #: where the transfers table and the archive's reports disagree, one line each
    disagreements: list[str] = field(default_factory=list)
    as_of: dt.date | None = None


@dataclass(slots=True)
class _Link:
    """A player's link with a club in one window, as the rumours of it are read in date order."""

    club: str
    stage: str
    status: str
    proof: Transfer | None


@dataclass(frozen=True, slots=True)
class _Event:
    """Something that decides rumours of a player: he joined a club, or a move to a club was called off."""

    date: dt.date
    club: str  # slug
    kind: str  # "done" or "off"
    transfer: Transfer | None = None
    from_table: bool = False


def judge(articles: Sequence[Article], transfers: Iterable[Transfer] = (), months: int = 12) -> Outcomes:
    """Every rumoured move's status, each outlet's record, each player's story and verdict."""
    ordered = sorted(articles, key=lambda a: (a.date, a.slug))
    table: dict[str, list[Transfer]] = defaultdict(list)
    for transfer in sorted(transfers, key=lambda t: t.date):
        table[slugify(transfer.player)].append(transfer)
    reported = _reported_events(ordered)
    dates = [a.date for a in ordered] + [t.date for ts in table.values() for t in ts]
    outcomes = Outcomes(as_of=max(dates) if dates else None)
    outcomes.disagreements = _disagreements(reported, table)
    as_of_window = transfer_window(outcomes.as_of)[0] if outcomes.as_of else ""
    span = dt.timedelta(days=round(months * 30.44))
    tallies: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys((CAME_TRUE, DID_NOT, FADED, OPEN), 0))
    early: dict[str, list[int]] = defaultdict(list)
    names: dict[str, str] = {}
    members: dict[str, list[Article]] = defaultdict(list)
    errors: dict[str, list[tuple[float, float]]] = defaultdict(list)
    first_report: dict[tuple[str, str], tuple[dt.date, str | None]] = {}
    links: dict[tuple[str, str, str], _Link] = {}
    for article in ordered:
        route = urls.article_route(article.date, article.slug)
        source = slugify(article.source) if article.source else ""
        if source:
            names.setdefault(source, article.source or "")
            members[source].append(article)
        window = transfer_window(article.date)[0]
        for move in article.moves:
            if not move.to_club:
                continue  # leaving for nowhere in particular predicts nothing checkable
            player, club = slugify(move.player), slugify(move.to_club)
            first_report.setdefault((player, club), (article.date, article.source))
            status, proof = _decide(article.date, window, club, move.stage, table.get(player, []),
                                    reported.get(player, []), span, as_of_window)
            key = (route, player, club)
            outcomes.statuses[key] = status
            if proof is not None:
                outcomes.proofs[key] = proof
                if move.fee and move.fee.millions and proof.fee and proof.fee.millions \
                        and move.fee.currency == proof.fee.currency:
                    errors[player].append((abs(move.fee.millions - proof.fee.millions), proof.fee.millions))
            link = links.setdefault((player, club, window), _Link(move.to_club, move.stage, status, proof))
            if _STAGE_RANK[move.stage] > _STAGE_RANK[link.stage] and link.stage != "done":
                link.stage = move.stage
            if _SETTLES[status] >= _SETTLES[link.status]:  # what the window came to: came true wins
                link.status, link.proof = status, proof or link.proof
            if move.stage in ("done", "off"):
                continue  # a report of a deal done or called off is no prediction: outlets are not scored on it
            if source:
                tallies[source][status] += 1
                if status == CAME_TRUE and proof is not None:
                    early[source].append((proof.date - article.date).days)
    for slug, articles_of in members.items():
        counts = tallies[slug]
        outcomes.sources[slug] = SourceRecord(
            names[slug], slug, tuple(sorted(articles_of, key=lambda a: (-a.date.toordinal(), a.slug))),
            counts[CAME_TRUE], counts[DID_NOT], counts[FADED], counts[OPEN], tuple(early[slug]))
    outcomes.stories = _stories(links, first_report)
    outcomes.completed = _completed(reported, table)
    outcomes.verdicts = _verdicts(ordered, table, reported, errors)
    return outcomes


def _decide(date: dt.date, window: str, club: str, stage: str, table: list[Transfer], reported: list[_Event],
            span: dt.timedelta, as_of_window: str) -> tuple[str, Transfer | None]:
    """The status of one rumour, and the completion that made it come true."""
    joined = [t for t in table if date <= t.date <= date + span]
    if joined:  # the table wins where it speaks
        to_club = next((t for t in joined if slugify(t.to_club) == club), None)
        if to_club is not None:
            return CAME_TRUE, to_club
        return DID_NOT, None
    if stage == "off":
        return DID_NOT, None  # the article itself reports the move called off
    for event in reported:
        if event.date < date:
            continue
        if event.kind == "done" and event.club == club and (event.date > date or stage == "done"):
            return CAME_TRUE, event.transfer
        if event.kind == "off" and event.club == club and event.date > date:
            return DID_NOT, None
        if event.kind == "done" and event.club != club and transfer_window(event.date)[0] == window:
            return DID_NOT, None
    return (OPEN, None) if window == as_of_window else (FADED, None)


def _reported_events(articles: Sequence[Article]) -> dict[str, list[_Event]]:
    """Each player's done and called-off moves as the archive reports them, in date order (the
    first report of a completion in a window dates it: a loan and a later permanent move are two)."""
    events: dict[str, list[_Event]] = defaultdict(list)
    done_seen: set[tuple[str, str, str]] = set()
    for article in articles:
        for move in article.moves:
            if not move.to_club or move.stage not in ("done", "off"):
                continue
            player, club = slugify(move.player), slugify(move.to_club)
            if move.stage == "done":
                seen = (player, club, transfer_window(article.date)[0])
                if seen in done_seen:
                    continue
                done_seen.add(seen)
                transfer = Transfer(move.player, move.from_club, move.to_club, article.date, move.fee, REPORTED)
                events[player].append(_Event(article.date, club, "done", transfer))
            else:
                events[player].append(_Event(article.date, club, "off"))
    return events


def _disagreements(reported: dict[str, list[_Event]], table: dict[str, list[Transfer]]) -> list[str]:
    """Completions the archive reports that the table, where it knows the player, says otherwise."""
    found = []
    for player, events in sorted(reported.items()):
        rows = table.get(player)
        if not rows:
            continue
        for event in events:
            if event.kind != "done" or event.transfer is None:
                continue
            near = [t for t in rows if abs((t.date - event.date).days) <= 120]
            if not any(slugify(t.to_club) == event.club for t in near):
                said = "; ".join(f"{t.to_club} on {t.date}" for t in near) or "no move near that date"
                found.append(f"{event.transfer.player}: the archive reports him joining {event.transfer.to_club} "
                             f"on {event.date}; the transfers table says {said} (the table wins)")
    return found


def _stories(links: dict[tuple[str, str, str], _Link],
             first_report: dict[tuple[str, str], tuple[dt.date, str | None]]) -> dict[str, list[LinkStory]]:
    stories: dict[str, list[LinkStory]] = defaultdict(list)
    for (player, club, window), link in links.items():
        done = link.proof.date if link.proof is not None and link.status == CAME_TRUE else None
        first_date, first_source = first_report.get((player, club), (None, None)) if done else (None, None)
        stories[player].append(LinkStory(player, link.club, window, link.stage, link.status, first_source,
                                         first_date, done))
    return {player: sorted(found, key=lambda s: (_window_order(s.window), s.club), reverse=True)
            for player, found in stories.items()}


def _window_order(slug: str) -> tuple[int, int]:
    season, _, year = slug.partition("-")
    return int(year or 0), 1 if season == "summer" else 0


def _completed(reported: dict[str, list[_Event]], table: dict[str, list[Transfer]]) -> dict[str, list[Transfer]]:
    """Every completion by window, the table's where it knows the player, else the archive's."""
    by_window: dict[str, list[Transfer]] = defaultdict(list)
    for player in sorted(set(reported) | set(table)):
        found = table.get(player) or [e.transfer for e in reported.get(player, []) if e.transfer is not None]
        for transfer in found:
            by_window[transfer_window(transfer.date)[0]].append(transfer)
    return {window: sorted(found, key=lambda t: (-t.date.toordinal(), t.player))
            for window, found in sorted(by_window.items(), key=lambda kv: _window_order(kv[0]), reverse=True)}


def _verdicts(articles: Sequence[Article], table: dict[str, list[Transfer]], reported: dict[str, list[_Event]],
              errors: dict[str, list[tuple[float, float]]]) -> dict[str, Verdict]:
    first_rumour: dict[str, dt.date] = {}
    for article in articles:
        for name in (*article.players, *(m.player for m in article.moves)):
            first_rumour.setdefault(slugify(name), article.date)
    verdicts = {}
    for slug, first in first_rumour.items():
        moves = table.get(slug) or [e.transfer for e in reported.get(slug, []) if e.transfer is not None]
        after = tuple(t for t in moves if t.date >= first)
        if after:
            pairs = errors.get(slug, [])
            verdicts[slug] = Verdict(
                after, round(sum(e for e, _ in pairs) / len(pairs), 2) if pairs else None,
                round(sum(e / real for e, real in pairs) / len(pairs), 3) if pairs else None)
    return verdicts
