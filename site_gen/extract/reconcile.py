"""The archive read as a whole: one name per player, roles that hold across articles, and a
player's club at a date.

One article may say "Matt Doherty", another "Matthew Doherty", a third only "Doherty", a fourth
"Dohertty"; one names a man as a pundit in passing and another takes him for a player; one says
"the Sevilla defender X" and the next reports his move without saying where from. Read alone,
each article is right as far as it goes; read together, the archive knows better. This pass runs
after every article is read: it is linear in the number of names and moves, and its result does
not depend on the order of the articles.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from site_gen.extract.gazetteer import fold
from site_gen.extract.records import Extraction, Move

#: How long a player's club, as last said, is taken to hold without other news.
CLUB_HOLDS = dt.timedelta(days=550)
#: How far ahead a later article's "the Sevilla defender X" is taken to say where he was.
CLUB_LOOKS_BACK = dt.timedelta(days=120)
#: Within this many days of an article, a surname alone stands for the one player who has it.
SURNAME_REACH = dt.timedelta(days=400)
#: An article counts a person as staff in this many articles before he stops being a player anywhere.
STAFF_ARTICLES = 2

_SUFFIX = re.compile(r"(?:,?\s+(?:jr\.?|junior|snr\.?|senior|ii|iii))$", re.I)
#: Short forms of given names that are not simply the start of the long form.
_SHORT_FORMS = {
    "bill": "william", "billy": "william", "bob": "robert", "bobby": "robert", "dick": "richard",
    "jack": "john", "jim": "james", "jimmy": "james", "jamie": "james", "ned": "edward", "ted": "edward",
    "tony": "anthony", "harry": "henry", "hank": "henry", "peggy": "margaret", "pepe": "jose",
    "paco": "francisco", "nacho": "ignacio", "kike": "enrique", "chema": "jose", "sasha": "alexander",
    "sacha": "alexander", "andy": "andrew", "drew": "andrew", "liam": "william", "mikey": "michael",
    "sandy": "alexander", "zak": "zachary", "zac": "zachary", "olly": "oliver", "ollie": "oliver",
    "kit": "christopher", "topher": "christopher", "steve": "stephen", "stevie": "stephen",
    "mo": "mohamed",
}
#: a given name → its short forms ("william" → "bill", "billy", "liam")
_LONG_FORMS = {long: [short for short, of in _SHORT_FORMS.items() if of == long] for long in set(_SHORT_FORMS.values())}


@dataclass(frozen=True, slots=True)
class DatedRecord:
    """One article's record as the archive-wide pass sees it."""

    #: a stable name for the article (its file name): ties between equal dates go by it
    key: str
    date: dt.date
    record: Extraction
    #: fields an editor set, which the pass leaves alone ("players", "moves")
    fixed: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClubNews:
    """Word of a player's club on a date: `at` he was there; `joined` he moved there that day."""

    player: str
    club: str
    date: dt.date
    joined: bool = False


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """What the archive as a whole says: how each name is spelt, who is no player, who was where."""

    #: a spelling as written → the name the archive uses (only names that change)
    names: Mapping[str, str] = field(default_factory=dict)
    #: every spelling (as written, and as the archive writes it) of the people the archive counts
    #: as staff, not players
    staff_spellings: frozenset[str] = frozenset()
    #: folded canonical name → where he was said to be, by date: (date, joined that day, club), kept as
    #: plain tuples because they sort by themselves and there are a few hundred thousand at 100,000
    #: articles; and their dates alone (for bisecting)
    news: Mapping[str, tuple[tuple[dt.date, bool, str], ...]] = field(default_factory=dict)
    news_dates: Mapping[str, tuple[dt.date, ...]] = field(default_factory=dict)
    #: folded surname → canonical full names with it, and the dates each is written about
    by_surname: Mapping[str, tuple[tuple[str, tuple[dt.date, ...]], ...]] = field(default_factory=dict)

    def name(self, written: str, date: dt.date) -> str:
        """The archive's name for a player as one article writes him."""
        known = self.names.get(written)
        if known is not None:
            return known
        return written if " " in written else self._surname(written, date) or written

    def _surname(self, word: str, date: dt.date) -> str | None:
        """The one player with this surname written about near this date, if there is exactly one."""
        near = [name for name, dates in self.by_surname.get(_loose(word), ())
                if _near(dates, date, SURNAME_REACH)]
        return near[0] if len(near) == 1 else None

    def club_at(self, player: str, date: dt.date, other_than: str | None = None) -> str | None:
        """The club the archive last placed a player at on a date (not `other_than`, where he is going)."""
        key = _loose(player)
        news = self.news.get(key, ())
        if not news:
            return None
        position = bisect.bisect_right(self.news_dates[key], date)
        for said_on, joined, club in reversed(news[:position]):
            if date - said_on > CLUB_HOLDS:
                break
            if club == other_than:
                if joined and said_on < date:
                    return None  # he already joined the club he is said to be going to: say nothing
                continue  # (on the day itself, it is this very move)
            return club
        for said_on, joined, club in news[position:]:
            if said_on - date > CLUB_LOOKS_BACK:
                break
            if not joined and club != other_than:
                return club
        return None

    def apply(self, item: DatedRecord) -> Extraction:
        """The record with the archive's names, without staff, and with missing origins filled in."""
        record = item.record
        date = item.date
        known = self.names.get
        staff = self.staff_spellings
        players, moves = record.players, record.moves
        if "players" not in item.fixed:
            named = [known(p) or (p if " " in p else self._surname(p, date) or p) for p in players]
            if named != list(players) or (staff and not staff.isdisjoint(named)):
                players = tuple(dict.fromkeys(name for name in named if name not in staff))
        if "moves" not in item.fixed and moves:
            kept = []
            changed = renamed = False
            for move in moves:
                written = move.player
                player = known(written) or (written if " " in written else self._surname(written, date) or written)
                if player in staff:
                    changed = renamed = True
                    continue
                origin = move.from_club or self.club_at(player, date, move.to_club)
                if player != written or origin != move.from_club:
                    renamed = renamed or player != written
                    move = dataclasses.replace(move, player=player, from_club=origin)  # confidence, evidence kept
                    changed = True
                kept.append(move)
            if changed:  # names joined may make two moves one
                moves = tuple(_unique_moves(kept) if renamed else kept)
        if players is record.players and moves is record.moves:
            return record
        return dataclasses.replace(record, players=players, moves=moves)  # (a subclass stays itself)


def reconcile(items: Sequence[DatedRecord], news: Iterable[ClubNews] = (),
              fixed_names: frozenset[str] = frozenset()) -> Reconciliation:
    """Read the archive as a whole. `news` adds what an outside table says of players' clubs;
    `fixed_names` are spellings an editor chose, which are never changed."""
    ordered = sorted(items, key=lambda item: (item.date, item.key))
    written: dict[str, int] = defaultdict(int)  # a spelling → articles using it
    dates: dict[str, list[dt.date]] = defaultdict(list)
    staff_articles: dict[str, int] = defaultdict(int)
    for item in ordered:
        record = item.record
        date = item.date
        for name in record.players:
            written[name] += 1
            dates[name].append(date)
        for move in record.moves:
            if move.player not in record.players:  # a mover the article does not list (an editor's moves)
                written[move.player] += 1
                dates[move.player].append(date)
        for name in record.staff:
            staff_articles[name] += 1
    playing: dict[str, int] = defaultdict(int)
    for name, count in written.items():
        playing[_loose(name)] += count
    staff: dict[str, int] = defaultdict(int)
    for name, count in staff_articles.items():
        staff[_loose(name)] += count
    names = _spellings(written, fixed_names)
    not_players = frozenset(key for key, count in staff.items()
                            if count >= STAFF_ARTICLES and count >= playing.get(key, 0))
    staff_spellings = frozenset(spelling for name in written for spelling in (name, names.get(name, name))
                                if not_players and _loose(spelling) in not_players)
    by_surname: dict[str, list[tuple[str, list[dt.date]]]] = defaultdict(list)
    canonical_dates: dict[str, list[dt.date]] = defaultdict(list)
    for name, seen in dates.items():
        canonical = names.get(name, name)
        if " " in canonical.strip():
            canonical_dates[canonical].extend(seen)
    for canonical, seen in canonical_dates.items():
        by_surname[_loose(_surname_of(canonical))].append((canonical, sorted(seen)))
    partial = Reconciliation(names=names, staff_spellings=staff_spellings, by_surname={
        key: tuple((name, tuple(seen)) for name, seen in sorted(found)) for key, found in by_surname.items()})
    # a timeline of clubs is only needed for players some move of whom does not say where from
    named = partial.name
    wanted = {_loose(named(move.player, item.date)) for item in ordered for move in item.record.moves
              if not move.from_club}
    timeline: dict[str, list[tuple[dt.date, bool, str]]] = defaultdict(list)
    for said in news:
        if (key := _loose(named(said.player, said.date))) in wanted:
            timeline[key].append((said.date, said.joined, said.club))
    for item in ordered:
        date = item.date
        for link in item.record.affiliations:
            if (key := _loose(named(link.player, date))) in wanted:
                timeline[key].append((date, False, link.club))
        for move in item.record.moves:
            if (key := _loose(named(move.player, date))) not in wanted:
                continue
            if move.from_club:
                timeline[key].append((date, False, move.from_club))
            if move.to_club and move.stage == "done":
                timeline[key].append((date, True, move.to_club))
    ordered_news = {key: tuple(sorted(found)) for key, found in timeline.items()}
    return dataclasses.replace(partial, news=ordered_news, news_dates={
        key: tuple(said_on for said_on, _, _ in found) for key, found in ordered_news.items()})


def _spellings(written: Mapping[str, int], fixed: frozenset[str]) -> dict[str, str]:
    """Spelling → the archive's spelling, for names that are one person written several ways."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    one_word: dict[str, list[str]] = defaultdict(list)
    for name in written:
        if " " in name.strip():
            groups[(_loose(_given_of(name)), _loose(_surname_of(name)))].append(name)
        else:
            one_word[_loose(name)].append(name)  # "Rodrigão", "Rodrigao": one player
    # 1. the same name but for accents, case, "Jr" or transliteration
    same: dict[tuple[str, str], str] = {}
    for key, members in groups.items():
        same[key] = _preferred(members, written, fixed)
    renamed = {name: same[key] for key, members in groups.items() for name in members if name != same[key]}
    for members in one_word.values():
        chosen = _preferred(members, written, fixed)
        renamed.update({name: chosen for name in members if name != chosen})
    # 2. a short form of the given name, or one letter wrong in the surname of a rarer spelling
    by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    near_surnames: dict[str, set[str]] = defaultdict(set)  # a surname with a letter dropped → surnames
    for given, surname in same:
        by_surname[surname].append((given, surname))
        for variant in (surname, *_deletions(surname)):
            near_surnames[variant].add(surname)
    weight = {key: sum(written[name] for name in groups[key]) for key in groups}
    givens_of = {surname: {given for given, _ in keys} for surname, keys in by_surname.items()}
    near_givens = _NearGivens({given for given, _ in same})
    slipped: dict[str, list[str]] = {}  # a surname → the others one slip from it (found once per surname)
    for key in sorted(same, key=lambda k: (weight[k], k)):
        given, surname = key
        if same[key] in fixed:
            continue
        mine = weight[key]
        # only a commoner spelling (or as common, with a longer given name) can take a name over
        candidates = [other for other in ((their_given, surname) for their_given in near_givens.of(given)
                                          if their_given in givens_of[surname])
                      if (weight[other] > mine or (weight[other] == mine and len(other[0]) > len(given))) and (
                          _same_given(given, other[0]) or (len(given) >= 4 and weight[other] >= 2 * mine
                                                           and _one_slip(given, other[0])))]
        if len(surname) >= 5:
            if surname not in slipped:
                slipped[surname] = sorted({near for variant in (surname, *_deletions(surname))
                                           for near in near_surnames[variant]} - {surname})
            candidates += [(given, near) for near in slipped[surname]
                           if given in givens_of[near] and weight[(given, near)] >= 2 * mine]
        if not candidates:
            continue
        target = same[max(candidates, key=lambda other: (weight[other], len(other[0]), other))]
        target = renamed.get(target, target)
        for name in groups[key]:
            renamed[name] = target
    # a chain (a → b → c) ends at its last name
    for name, target in list(renamed.items()):
        seen = {name}
        while target in renamed and target not in seen:
            seen.add(target)
            target = renamed[target]
        renamed[name] = target
    return {name: target for name, target in renamed.items() if name != target}


class _NearGivens:
    """Every given name in the archive, indexed so that those `_same_given` as one, or one slip
    from it, are found without comparing it with all the others (a busy archive's common
    surnames have dozens of given names each, and comparing every pair was most of the pass)."""

    def __init__(self, givens: set[str]) -> None:
        self._givens = givens
        self._by_start: dict[str, list[str]] = defaultdict(list)  # its first three letters or more → givens
        self._by_slip: dict[str, list[str]] = defaultdict(list)  # it, or it with a letter dropped → givens
        for given in sorted(givens):
            for end in range(3, len(given) + 1):
                self._by_start[given[:end]].append(given)
            for variant in {given, *_deletions(given)}:
                self._by_slip[variant].append(given)
        self._found: dict[str, frozenset[str]] = {}

    def of(self, given: str) -> frozenset[str]:
        """The given names that may be `given`'s person (more than may: the caller checks), not it."""
        found = self._found.get(given)
        if found is None:
            near = set(self._by_start.get(given, ()) if len(given) >= 3 else ())  # longer, starting with it
            near.update(given[:end] for end in range(3, len(given)) if given[:end] in self._givens)  # its starts
            near.update(form for form in (_SHORT_FORMS.get(given), *_LONG_FORMS.get(given, ())) if form in self._givens)
            for variant in {given, *_deletions(given)}:
                near.update(self._by_slip.get(variant, ()))
            near.discard(given)
            found = self._found[given] = frozenset(near)
        return found


def _preferred(members: list[str], written: Mapping[str, int], fixed: frozenset[str]) -> str:
    """The spelling to keep: an editor's, else the commonest, then the one with accents, then the longest."""
    chosen = [name for name in members if name in fixed]
    if chosen:
        return chosen[0]
    return max(members, key=lambda name: (written[name], name != fold(name), not _SUFFIX.search(name), len(name),
                                          name))


def _same_given(short: str, long: str) -> bool:
    """Whether two given names can be one person's: equal, one the start of the other, or a known short form."""
    if short == long:
        return True
    if len(short) >= 3 and len(long) >= 3 and (long.startswith(short) or short.startswith(long)):
        return True
    return _SHORT_FORMS.get(short) == long or _SHORT_FORMS.get(long) == short


def _one_slip(a: str, b: str) -> bool:
    """Whether two words differ by one letter dropped, added or changed ("Mathias", "Matthias")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    return bool({a, *_deletions(a)} & {b, *_deletions(b)})


def _deletions(word: str) -> list[str]:
    """The word with each letter dropped in turn: two words one slip apart (a letter dropped,
    added, changed or two swapped) share one of these or the word itself."""
    return [word[:i] + word[i + 1:] for i in range(len(word))]


@functools.lru_cache(maxsize=1 << 19)
def _loose(name: str) -> str:
    """A name folded for comparing: no accents or case, no "Jr", transliterated umlauts ("ue" = "ü")."""
    folded = fold(_SUFFIX.sub("", name.strip()))
    return folded.replace("ue", "u").replace("oe", "o").replace("ae", "a")


def _surname_of(name: str) -> str:
    words = _SUFFIX.sub("", name.strip()).split()
    return words[-1] if words else name


def _given_of(name: str) -> str:
    words = _SUFFIX.sub("", name.strip()).split()
    return words[0] if len(words) > 1 else ""


def _near(dates: tuple[dt.date, ...], date: dt.date, reach: dt.timedelta) -> bool:
    position = bisect.bisect_left(dates, date - reach)
    return position < len(dates) and dates[position] <= date + reach


def _unique_moves(moves: Sequence[Move]) -> list[Move]:
    """Moves once each by player and destination, after names were joined (the first kept)."""
    seen: set[tuple[str, str | None]] = set()
    kept = []
    for move in moves:
        if (move.player, move.to_club) not in seen:
            seen.add((move.player, move.to_club))
            kept.append(move)
    return kept
