"""Which rumours came true, judged from the archive's own reports (and a transfers table if there is one).

Only published moves count: a move held back for review never gives or takes a verdict.

A player completes at most one permanent move per transfer window. The archive's reports of a
window are settled first, in date order, per player:
- a report that he joined a club (stage `done`) is a completion; so is an agreed deal (stage
  `agreed`) that nothing later in the window undoes: a later report of his completion elsewhere,
  or of the move called off (a collapse, a refusal: stage `off`);
- a move that says again a deal he completed in an earlier window (its fee, or the deal itself,
  agreed or done, from the same club) is history cited again ("his £60m move from
  Southampton"), not a new move: it has no verdict, no fee point and no place in his story (a
  bare report of him joining the same club again, as a loan made permanent, is a new move);
- two completions left standing in one window (joined two clubs, or agreed with two), or a move
  reported done and then called off, are a contradiction the archive cannot settle: those moves
  get no verdict, and `site-gen review` lists them (`Outcomes.unsettled`).

A rumoured move of a player to a club is then decided by what came after it:
- a row of `data/transfers.csv` within `outcome_months` of it (the table wins where it speaks):
  his move to that club, *came true*; his move to another, *did not happen*;
- else his completion to that club later in the rumour's window, or in a later one within
  `outcome_months`: *came true*, dated when it was done (or agreed);
- a report that it was called off, or his completion elsewhere later in the same window: *did
  not happen*.
A report of the deal itself (agreed or done) is decided by that deal.
With none of these, it stays *open* while its transfer window is open, and has *faded* once the
next window has started: nobody reported it done, nor called off. Where the table and the archive
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
from site_gen.extract import STAGES, Fee, Move
from site_gen.model import Article
from site_gen.site.windows import transfer_window
from site_gen.urls import slugify

CAME_TRUE, DID_NOT, OPEN, FADED = "came true", "did not happen", "open", "faded"
#: What a completion reported only by the archive is called where a table would give a kind of deal.
REPORTED = "reported"
#: The kind of a completion the archive reports only as agreed (no report of it done, and none undoing it).
AGREED = "agreed"
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


@dataclass(frozen=True, slots=True)
class Unsettled:
    """A report the archive contradicts and cannot settle: it gets no verdict, and `site-gen review`
    lists it for an editor (or data/transfers.csv) to settle."""

    #: the article's file name, as the review and corrections.yaml name it
    file: str
    route: str
    move: Move
    #: the other reports in the contradiction, as (file, move)
    rivals: tuple[tuple[str, Move], ...]
    reason: str


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
    #: moves that cite a completed deal again (same key as `statuses`): not new moves
    history: set[tuple[str, str, str]] = field(default_factory=set)
    #: contradictions the archive cannot settle, for the review (their moves have no status)
    unsettled: list[Unsettled] = field(default_factory=list)


@dataclass(slots=True)
class _Link:
    """A player's link with a club in one window, as the rumours of it are read in date order."""

    club: str
    stage: str
    status: str | None
    proof: Transfer | None


@dataclass(frozen=True, slots=True)
class _Report:
    """One published move of a player to a club, where the archive reports it."""

    date: dt.date
    club: str  # slug
    window: str
    move: Move
    article: Article
    route: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.route, slugify(self.move.player), self.club)


@dataclass(slots=True)
class _Settled:
    """What the archive's reports of one player come to, window by window."""

    #: window → club slug → his completion there (done, or agreed and not undone)
    completions: dict[str, dict[str, Transfer]] = field(default_factory=dict)
    #: (date, club slug) of every move reported called off
    offs: list[tuple[dt.date, str]] = field(default_factory=list)
    #: window → clubs whose reports contradict each other there
    clashes: dict[str, set[str]] = field(default_factory=dict)
    #: the first report of each completion reported done
    done: list[Transfer] = field(default_factory=list)
    #: completions reported done in windows the table settles, for the table's disagreements
    disputed: list[Transfer] = field(default_factory=list)


def judge(articles: Sequence[Article], transfers: Iterable[Transfer] = (), months: int = 12) -> Outcomes:
    """Every rumoured move's status, each outlet's record, each player's story and verdict."""
    ordered = sorted(articles, key=lambda a: (a.date, a.slug))
    table: dict[str, list[Transfer]] = defaultdict(list)
    for transfer in sorted(transfers, key=lambda t: t.date):
        table[slugify(transfer.player)].append(transfer)
    dates = [a.date for a in ordered] + [t.date for ts in table.values() for t in ts]
    outcomes = Outcomes(as_of=max(dates) if dates else None)
    reports: dict[str, list[_Report]] = defaultdict(list)
    for article in ordered:
        route = urls.article_route(article.date, article.slug)
        window = transfer_window(article.date)[0]
        for move in article.moves:  # published moves only: a held move never gives or takes a verdict
            if move.to_club and slugify(move.player):
                reports[slugify(move.player)].append(
                    _Report(article.date, slugify(move.to_club), window, move, article, route))
    settled = {player: _settle(found, table.get(player, []), outcomes) for player, found in reports.items()}
    outcomes.disagreements = _disagreements(settled, table)
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
        source = slugify(article.source) if article.source else ""
        if source:
            names.setdefault(source, article.source or "")
            members[source].append(article)
    for player, found in reports.items():
        for report in found:
            move, article, club, window = report.move, report.article, report.club, report.window
            key = report.key
            if key in outcomes.history:
                continue  # a deal done before, cited again: not a rumour of a move
            first_report.setdefault((player, club), (article.date, article.source))
            status, proof = _decide(report, table.get(player, []), settled[player], span, as_of_window)
            if status is not None:
                outcomes.statuses[key] = status
            if proof is not None:
                outcomes.proofs[key] = proof
                if move.fee and move.fee.millions and proof.fee and proof.fee.millions \
                        and move.fee.currency == proof.fee.currency and proof.kind != AGREED:
                    errors[player].append((abs(move.fee.millions - proof.fee.millions), proof.fee.millions))
            link = links.setdefault((player, club, window), _Link(move.to_club or "", move.stage, status, proof))
            if _STAGE_RANK[move.stage] > _STAGE_RANK[link.stage] and link.stage != "done":
                link.stage = move.stage
            if _SETTLES.get(status or "", -1) >= _SETTLES.get(link.status or "", -1):  # came true wins
                link.status, link.proof = status, proof or link.proof
            source = slugify(article.source) if article.source else ""
            if status is None or move.stage in ("done", "off") or not source:
                continue  # a report of a deal done or called off is no prediction: outlets are not scored on it
            if proof is not None and (proof.date < article.date or
                                      (proof.kind == AGREED and proof.date == article.date)):
                continue  # reported once agreed or done: it foretold nothing (an agreement proves only itself)
            tallies[source][status] += 1
            if status == CAME_TRUE and proof is not None:
                early[source].append((proof.date - article.date).days)
    for slug, articles_of in members.items():
        counts = tallies[slug]
        outcomes.sources[slug] = SourceRecord(
            names[slug], slug, tuple(sorted(articles_of, key=lambda a: (-a.date.toordinal(), a.slug))),
            counts[CAME_TRUE], counts[DID_NOT], counts[FADED], counts[OPEN], tuple(early[slug]))
    outcomes.stories = _stories(links, first_report)
    outcomes.completed = _completed(settled, table)
    outcomes.verdicts = _verdicts(ordered, table, settled, errors, outcomes.history)
    return outcomes


def _settle(reports: list[_Report], table: list[Transfer], outcomes: Outcomes) -> _Settled:
    """Settle one player's reports window by window (see the module's docstring); history cited
    again goes to `outcomes.history`, contradictions to `outcomes.unsettled`."""
    settled = _Settled()
    by_window: dict[str, list[_Report]] = defaultdict(list)
    for report in reports:
        by_window[report.window].append(report)
    earlier: list[Transfer] = []  # his completions in the windows before, table's and archive's
    table_windows = {transfer_window(t.date)[0] for t in table}
    for window in sorted(by_window, key=_window_order):
        before = [t for t in table if _window_order(transfer_window(t.date)[0]) < _window_order(window)] + earlier
        fresh = []
        for report in by_window[window]:
            move = report.move
            # an earlier deal's fee, or the deal itself (agreed or done, from the same club), said
            # again: history cited (a bare link to his club, or a loan made permanent, is left be)
            cited = any(slugify(t.to_club) == report.club and t.kind != "loan"
                        and (_same_fee(move.fee, t.fee)
                             or (move.stage in ("agreed", "done") and move.from_club is not None
                                 and t.from_club is not None and slugify(t.from_club) == slugify(move.from_club)))
                        for t in before)
            if cited:
                outcomes.history.add(report.key)
            else:
                fresh.append(report)
        state: dict[str, str] = {}  # club → "agreed", "done", "off" or "clash" (done, then called off)
        first: dict[str, _Report] = {}
        for report in fresh:
            club, stage, now = report.club, report.move.stage, state.get(report.club)
            if stage == "done" and now not in ("done", "clash"):
                state[club], first[club] = "done", report
            elif stage == "agreed" and now in (None, "off"):
                state[club], first[club] = "agreed", report
            elif stage == "off":
                settled.offs.append((report.date, club))
                if now == "done":
                    state[club] = "clash"
                elif now in (None, "agreed"):
                    state[club] = "off"
        for club, now in state.items():  # an agreement is undone by a later completion elsewhere
            if now == "agreed" and any(state[other] == "done" and first[other].date > first[club].date
                                       for other in state if other != club):
                state[club] = "off"
        if window in table_windows:  # the table says what he did that window: it settles the reports
            settled.disputed += [_completion(first[club], REPORTED) for club, now in state.items() if now == "done"]
            continue
        standing = {club for club, now in state.items() if now in ("agreed", "done")}
        clash = {club for club, now in state.items() if now == "clash"} | (standing if len(standing) > 1 else set())
        if clash:
            settled.clashes[window] = clash
            _unsettled(outcomes, [r for r in fresh if r.club in clash and r.move.stage in ("agreed", "done", "off")],
                       window, len(standing) > 1)
        completions = settled.completions.setdefault(window, {})
        for club in standing - clash:
            done = _completion(first[club], REPORTED if state[club] == "done" else AGREED)
            completions[club] = done
            earlier.append(done)
            if done.kind == REPORTED:
                settled.done.append(done)
    return settled


def _completion(report: _Report, kind: str) -> Transfer:
    move = report.move
    return Transfer(move.player, move.from_club, move.to_club or report.club, report.date, move.fee, kind)


def _unsettled(outcomes: Outcomes, reports: list[_Report], window: str, two_clubs: bool) -> None:
    """List a window's contradicting reports for the review."""
    name = window.replace("-", " ").capitalize()
    for report in reports:
        # the reports that cannot be right if this one is: another club's completion, or for one
        # club, a report of it done against one of it called off
        rivals = tuple((r.article.path.name, r.move) for r in reports if _rivals(report, r, two_clubs))
        player = report.move.player
        if two_clubs:
            clubs = sorted({r.move.to_club or "" for r in reports})
            reason = (f"{player} reported joining or agreeing to join {' and '.join(clubs)} in {name}: "
                      "one permanent move a window, and nothing later settles which")
        else:
            reason = f"{player} reported joining {report.move.to_club}, then the move called off, in {name}"
        outcomes.unsettled.append(Unsettled(report.article.path.name, report.route, report.move, rivals, reason))


def _same_fee(one: Fee | None, other: Fee | None) -> bool:
    """Whether a fee is another said again (the same amount, or the same words)."""
    if one is None or other is None:
        return False
    if one.millions is not None and other.millions is not None:
        return one.millions == other.millions and one.currency == other.currency
    return one.text.casefold() == other.text.casefold()


def _rivals(one: _Report, other: _Report, two_clubs: bool) -> bool:
    """Whether two reports of a contradiction cannot both be right."""
    off = (one.move.stage == "off", other.move.stage == "off")
    if two_clubs:
        return one.club != other.club and not any(off)
    return one.club == other.club and off[0] != off[1]


def _decide(report: _Report, table: list[Transfer], settled: _Settled, span: dt.timedelta,
            as_of_window: str) -> tuple[str | None, Transfer | None]:
    """The status of one rumour (None where the archive contradicts itself), and the completion
    that made it come true."""
    date, club, window = report.date, report.club, report.window
    # his moves in the table from the rumour on (for a report of the deal agreed or done, from the
    # start of its window: it reports that deal)
    reporting = report.move.stage in ("agreed", "done")
    joined = [t for t in table if date <= t.date <= date + span
              or (reporting and t.date < date and transfer_window(t.date)[0] == window)]
    if joined:  # the table wins where it speaks
        to_club = next((t for t in joined if slugify(t.to_club) == club), None)
        if to_club is not None:
            return CAME_TRUE, to_club
        return DID_NOT, None
    if club in settled.clashes.get(window, ()):
        return None, None  # the archive contradicts itself: no verdict until it is settled
    # his completions that window from the rumour on (a report of the deal itself: any)
    here = {slug: t for slug, t in settled.completions.get(window, {}).items()
            if t.date >= date or (reporting and slug == club)}
    if club in here:
        return CAME_TRUE, here[club]
    if report.move.stage == "off":
        return DID_NOT, None  # the article itself reports the move called off
    if here:
        return DID_NOT, None  # he completed a move elsewhere that window, after this rumour
    later = sorted([(t.date, 0, slug, t) for w, found in settled.completions.items()
                    if _window_order(w) > _window_order(window) for slug, t in found.items()]
                   + [(when, 1, slug, None) for when, slug in settled.offs if when > date],
                   key=lambda e: (e[0], e[1]))
    for when, _, slug, transfer in later:
        if slug != club or when > date + span:
            continue
        return (CAME_TRUE, transfer) if transfer is not None else (DID_NOT, None)
    return (OPEN, None) if window == as_of_window else (FADED, None)


def _disagreements(settled: dict[str, _Settled], table: dict[str, list[Transfer]]) -> list[str]:
    """Completions the archive reports that the table, where it knows the player, says otherwise."""
    found = []
    for player, reading in sorted(settled.items()):
        rows = table.get(player)
        if not rows:
            continue
        for done in sorted(reading.done + reading.disputed, key=lambda t: t.date):
            near = [t for t in rows if abs((t.date - done.date).days) <= 120]
            if not any(slugify(t.to_club) == slugify(done.to_club) for t in near):
                said = "; ".join(f"{t.to_club} on {t.date}" for t in near) or "no move near that date"
                found.append(f"{done.player}: the archive reports him joining {done.to_club} "
                             f"on {done.date}; the transfers table says {said} (the table wins)")
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


def _completed(settled: dict[str, _Settled], table: dict[str, list[Transfer]]) -> dict[str, list[Transfer]]:
    """Every completion by window, the table's where it knows the player, else the archive's
    reports of deals done (an agreement alone is not listed as done)."""
    by_window: dict[str, list[Transfer]] = defaultdict(list)
    for player in sorted(set(settled) | set(table)):
        found = table.get(player) or (settled[player].done if player in settled else [])
        for transfer in found:
            by_window[transfer_window(transfer.date)[0]].append(transfer)
    return {window: sorted(found, key=lambda t: (-t.date.toordinal(), t.player))
            for window, found in sorted(by_window.items(), key=lambda kv: _window_order(kv[0]), reverse=True)}


def _verdicts(articles: Sequence[Article], table: dict[str, list[Transfer]], settled: dict[str, _Settled],
              errors: dict[str, list[tuple[float, float]]], history: set[tuple[str, str, str]]) -> dict[str, Verdict]:
    first_rumour: dict[str, dt.date] = {}
    for article in articles:
        for name in (*article.players, *(m.player for m in article.moves)):
            first_rumour.setdefault(slugify(name), article.date)
    verdicts = {}
    for slug, first in first_rumour.items():
        moves = table.get(slug) or (settled[slug].done if slug in settled else [])
        after = tuple(t for t in moves if t.date >= first)
        if after:
            pairs = errors.get(slug, [])
            verdicts[slug] = Verdict(
                after, round(sum(e for e, _ in pairs) / len(pairs), 2) if pairs else None,
                round(sum(e / real for e, real in pairs) / len(pairs), 3) if pairs else None)
    return verdicts
