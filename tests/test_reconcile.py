"""The archive-wide pass: one name per player, roles across articles, a player's club at a date.
Every record here is made up for the test."""

from __future__ import annotations

import datetime as dt
import random

from site_gen.extract import Extraction, Move
from site_gen.extract.reconcile import ClubNews, DatedRecord, reconcile
from site_gen.extract.records import Affiliation

DAY = dt.date(2024, 7, 1)


def _item(key: str, days: int = 0, players: tuple[str, ...] = (), moves: tuple[Move, ...] = (),
          staff: tuple[str, ...] = (), affiliations: tuple[Affiliation, ...] = (),
          fixed: frozenset[str] = frozenset()) -> DatedRecord:
    record = Extraction("t", players=players, moves=moves, staff=staff, affiliations=affiliations)
    return DatedRecord(key, DAY + dt.timedelta(days=days), record, fixed)


def _players(items: list[DatedRecord], **options: object) -> list[tuple[str, ...]]:
    reading = reconcile(items, **options)  # type: ignore[arg-type]
    return [reading.apply(item).players for item in items]


def test_short_form_and_surname_alone_join_the_full_name() -> None:
    items = [_item("a", 0, ("Matthew Doherty",)), _item("b", 5, ("Matthew Doherty",)),
             _item("c", 9, ("Matt Doherty",)), _item("d", 20, ("Doherty",))]
    assert _players(items) == [("Matthew Doherty",)] * 4


def test_accents_jr_and_transliteration_are_one_player() -> None:
    items = [_item("a", 0, ("Jonas Müller",)), _item("b", 1, ("Jonas Müller",)), _item("c", 2, ("Jonas Mueller",)),
             _item("d", 3, ("Marcus Silva Jr",)), _item("e", 4, ("Marcus Silva",)), _item("f", 5, ("Marcus Silva",))]
    assert _players(items) == [("Jonas Müller",)] * 3 + [("Marcus Silva",)] * 3


def test_a_one_letter_slip_joins_the_spelling_the_archive_uses_far_more() -> None:
    items = [_item("a", 0, ("Tomas Brannigan",)), _item("b", 3, ("Tomas Brannigan",)),
             _item("c", 6, ("Tomas Branigan",))]
    assert _players(items) == [("Tomas Brannigan",)] * 3
    # one to one is no majority: two players may really be called that
    assert _players(items[1:]) == [("Tomas Brannigan",), ("Tomas Branigan",)]


def test_different_given_names_stay_different_players() -> None:
    items = [_item("a", 0, ("Jordan Henderson",)), _item("b", 0, ("Dean Henderson",))]
    assert _players(items) == [("Jordan Henderson",), ("Dean Henderson",)]


def test_a_surname_shared_by_two_players_of_the_time_is_left_alone() -> None:
    items = [_item("a", 0, ("Jordan Henderson",)), _item("b", 0, ("Dean Henderson",)), _item("c", 2, ("Henderson",))]
    assert _players(items)[2] == ("Henderson",)


def test_named_as_staff_in_two_articles_is_no_player_anywhere() -> None:
    items = [_item("a", 0, staff=("Roberto Ventura",)), _item("b", 4, staff=("Roberto Ventura",)),
             _item("c", 8, ("Roberto Ventura", "Kai Lund"),
                   (Move("Roberto Ventura", None, "Everton"), Move("Kai Lund", None, "Everton")))]
    reading = reconcile(items)
    revised = reading.apply(items[2])
    assert revised.players == ("Kai Lund",) and [m.player for m in revised.moves] == ["Kai Lund"]


def test_an_editors_fields_and_spellings_are_left_alone() -> None:
    items = [_item("a", 0, ("Matthew Doherty",)), _item("b", 1, ("Matthew Doherty",)),
             _item("c", 2, ("Matt Doherty",), fixed=frozenset({"players"}))]
    assert _players(items)[2] == ("Matt Doherty",)
    assert _players(items[:2] + [_item("c", 2, ("Matt Doherty",))], fixed_names=frozenset({"Matt Doherty"}))[2] \
        == ("Matt Doherty",)


def test_the_origin_comes_from_what_the_archive_said_of_him_near_that_date() -> None:
    items = [_item("a", 0, ("Kai Lund",), affiliations=(Affiliation("Kai Lund", "Sevilla"),)),
             _item("b", 30, ("Kai Lund",), (Move("Kai Lund", None, "Everton"),)),
             _item("c", 60, ("Kai Lund",), (Move("Kai Lund", None, "Everton", stage="done"),)),
             _item("d", 90, ("Kai Lund",), (Move("Kai Lund", None, "Roma"),))]
    reading = reconcile(items)
    origins = [tuple(m.from_club for m in reading.apply(item).moves) for item in items]
    assert origins == [(), ("Sevilla",), ("Sevilla",), ("Everton",)]  # after the done move he is Everton's


def test_a_transfers_table_says_where_he_was() -> None:
    items = [_item("a", 0, ("Kai Lund",), (Move("Kai Lund", None, "Roma"),))]
    news = [ClubNews("Kai Lund", "Ajax", DAY - dt.timedelta(days=200), joined=True)]
    assert reconcile(items, news).apply(items[0]).moves[0].from_club == "Ajax"
    # news long gone says nothing
    old = [ClubNews("Kai Lund", "Ajax", DAY - dt.timedelta(days=2000), joined=True)]
    assert reconcile(items, old).apply(items[0]).moves[0].from_club is None


def test_the_result_does_not_depend_on_the_order_of_the_articles() -> None:
    items = [_item("a", 0, ("Matthew Doherty",), affiliations=(Affiliation("Matthew Doherty", "Wolves"),)),
             _item("b", 5, ("Matthew Doherty",)), _item("c", 9, ("Matt Doherty",), (Move("Matt Doherty", None, "Spurs"),)),
             _item("d", 20, ("Doherty",), (Move("Doherty", None, "Everton"),)), _item("e", 21, staff=("Kai Lund",))]
    expected = {item.key: reconcile(items).apply(item) for item in items}
    shuffled = items[:]
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        reading = reconcile(shuffled)
        assert {item.key: reading.apply(item) for item in shuffled} == expected


def test_mo_is_a_short_form_of_mohamed() -> None:
    items = [_item("a", 0, ("Mohamed Sallah",)), _item("b", 5, ("Mohamed Sallah",)), _item("c", 9, ("Mo Sallah",))]
    assert _players(items) == [("Mohamed Sallah",)] * 3
