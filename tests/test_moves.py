"""Unit tests for `site_gen.extract.moves.find_moves`: who is said to be going where, from where, for how much.

Each passage runs through the same steps as `extract()` (sentences, mentions,
clubs, players, fees) and the moves are compared whole. Where the current code
reads a sentence wrongly the test is a strict xfail naming the limit. Every
sentence here was written for these tests; the players are invented.
"""

from __future__ import annotations

import pytest

from site_gen.extract import Fee, Move, find_fees, load_gazetteer
from site_gen.extract.mentions import find_mentions, resolve_clubs, surnames_over_clubs
from site_gen.extract.moves import find_moves
from site_gen.extract.roles import classify_people
from site_gen.extract.text import plain_typography, sentences

PLAYER = "Tomas Brannigan"


def _moves(body: str, year: int | None = None) -> list[Move]:
    """The moves `body` reports, read as `extract()` reads them."""
    gaz = load_gazetteer()
    text = plain_typography(body)
    spans = sentences(text)
    mentions = surnames_over_clubs(find_mentions(text, spans, gaz))
    resolve_clubs(mentions)
    players = classify_people(text, mentions, gaz.staff_roles, gaz.staff_names, year, spans)
    return find_moves(text, spans, mentions, players, find_fees(text))


def _gbp(text: str, millions: float) -> Fee:
    return Fee(text=text, currency="GBP", millions=millions)


def _routes(moves: list[Move]) -> list[tuple[str, str | None, str | None]]:
    """(player, from, to) of each move, fees left out."""
    return [(m.player, m.from_club, m.to_club) for m in moves]


def test_join_from_for_a_fee() -> None:
    moves = _moves("Tomas Brannigan is set to join Everton from Southampton for £30m.")
    assert moves == [Move(PLAYER, "Southampton", "Everton", _gbp("£30m", 30.0), "agreed")]


def test_buyer_agrees_a_fee_with_the_seller() -> None:
    moves = _moves("Everton have agreed a fee with Southampton for Tomas Brannigan.")
    assert moves == [Move(PLAYER, "Southampton", "Everton", None, "agreed")]


def test_direction_follows_the_words_not_the_order_of_the_clubs() -> None:
    moves = _moves("Southampton have agreed a fee with Everton for Tomas Brannigan.")
    assert moves == [Move(PLAYER, "Everton", "Southampton", None, "agreed")]


def test_leaving_with_no_destination() -> None:
    moves = _moves("Tomas Brannigan is set to leave Southampton this summer.")
    assert moves == [Move(PLAYER, "Southampton", None, None)]


def test_seller_first_buyer_second() -> None:
    assert _routes(_moves("Southampton are ready to sell Tomas Brannigan to Everton.")) == [
        (PLAYER, "Southampton", "Everton")]
    assert _routes(_moves("Southampton have rejected a bid from Everton for Tomas Brannigan.")) == [
        (PLAYER, "Southampton", "Everton")]


def test_left_one_club_for_another() -> None:
    assert _routes(_moves("Tomas Brannigan left Southampton for Everton.")) == [(PLAYER, "Southampton", "Everton")]


def test_club_before_a_position_word_is_the_players_own() -> None:
    assert _routes(_moves("Southampton striker Tomas Brannigan is a target for Everton.")) == [
        (PLAYER, "Southampton", "Everton")]
    # his own club alone says nothing of a move
    assert _moves("Southampton striker Tomas Brannigan scored twice.") == []


def test_later_sentence_about_the_same_player_adds_origin_and_fee() -> None:
    moves = _moves("Everton target Tomas Brannigan. The 24-year-old would cost £30m from Southampton.")
    assert moves == [Move(PLAYER, "Southampton", "Everton", _gbp("£30m", 30.0))]


def test_fee_goes_to_the_club_that_offered_it_and_not_a_second_suitor() -> None:
    moves = _moves("Tomas Brannigan is wanted by Everton for £30m. Leeds are also keen on Brannigan.")
    assert moves == [Move(PLAYER, None, "Everton", _gbp("£30m", 30.0)), Move(PLAYER, None, "Leeds United", None)]


def test_currency_conversion_is_not_a_second_fee() -> None:
    # the bracketed pounds figure is nearer Everton; it must still not be taken as the fee
    moves = _moves("Tomas Brannigan could cost €35m (£30m), and Everton are keen to sign him.")
    assert moves == [Move(PLAYER, None, "Everton", Fee(text="€35m", currency="EUR", millions=35.0))]


def test_wages_are_not_a_fee() -> None:
    moves = _moves("Tomas Brannigan, who earns £80,000-a-week, is set to join Everton.")
    assert moves == [Move(PLAYER, None, "Everton", None, "agreed")]


def test_no_player_no_moves() -> None:
    assert _moves("Manager Dario Feltrin wants a striker and Everton are keen to spend £30m.") == []


def test_wanted_by_two_coordinated_clubs() -> None:
    assert _routes(_moves("Tomas Brannigan is wanted by Everton and Leeds.")) == [
        (PLAYER, None, "Everton"), (PLAYER, None, "Leeds United")]


def test_beaten_a_rival_to_the_signing() -> None:
    """The club that won the race is the buyer; the one it beat wanted him too, and lost out (with
    no fee: the sum named is the winner's)."""
    moves = _moves("Everton have beaten Leeds to the signing of Tomas Brannigan from Southampton for £20m.")
    assert _routes(moves) == [(PLAYER, "Southampton", "Everton"), (PLAYER, "Southampton", "Leeds United")]
    assert [m.fee.text if m.fee else None for m in moves] == ["£20m", None]
    assert moves[1].stage == "off"
    assert _routes(_moves("Everton pipped Leeds United to the signature of Tomas Brannigan.")) == [
        (PLAYER, None, "Everton"), (PLAYER, None, "Leeds United")]
    # a match report's "beat" is no race for a player
    assert _routes(_moves("Everton beat Leeds 2-0, and Tomas Brannigan scored twice.")) == []


def test_swapped_one_club_for_another() -> None:
    assert _routes(_moves("Tomas Brannigan swapped Southampton for Everton.")) == [(PLAYER, "Southampton", "Everton")]
    assert _routes(_moves("Tomas Brannigan exchanged Celtic for Sevilla last week.")) == [(PLAYER, "Celtic", "Sevilla")]


def test_stage_is_the_furthest_the_article_reports() -> None:
    assert [m.stage for m in _moves("Everton are keen on Tomas Brannigan.")] == ["interest"]
    assert [m.stage for m in _moves("Everton have opened talks with Southampton over Tomas Brannigan.")] == ["talks"]
    assert [m.stage for m in _moves("Everton are preparing a bid for Tomas Brannigan.")] == ["talks"]
    assert [m.stage for m in _moves("Everton have had a £30m bid for Tomas Brannigan rejected.")] == ["bid"]
    assert [m.stage for m in _moves("Tomas Brannigan is due to have a medical at Everton.")] == ["agreed"]
    assert [m.stage for m in _moves("Tomas Brannigan has completed his move to Everton.")] == ["done"]
    assert [m.stage for m in _moves("Everton have pulled out of the race for Tomas Brannigan.")] == ["off"]


def test_each_suitor_keeps_its_own_stage() -> None:
    moves = _moves("Tomas Brannigan has joined Everton. Leeds pulled out of the race for Brannigan last week.")
    assert {(m.to_club, m.stage) for m in moves} == {("Everton", "done"), ("Leeds United", "off")}


def test_history_is_not_a_completed_move() -> None:
    moves = _moves("Everton are keen on Tomas Brannigan, who joined Southampton from Celtic in 2019.")
    assert [(m.to_club, m.stage) for m in moves] == [("Everton", "interest")]


def test_a_club_letting_players_go_is_a_move_to_nowhere_yet_for_each() -> None:
    moves = _moves("Southampton are ready to offload Tomas Brannigan and Kai Lund this summer.")
    assert sorted(_routes(moves)) == [("Kai Lund", "Southampton", None), (PLAYER, "Southampton", None)]


def test_suitors_admiring_him_together_are_each_a_move() -> None:
    moves = _moves("Tomas Brannigan is also admired by Leicester City and West Ham United.")
    assert _routes(moves) == [(PLAYER, None, "Leicester City"), (PLAYER, None, "West Ham United")]


def test_a_club_in_his_past_is_not_where_he_is_leaving_from() -> None:
    moves = _moves("Everton want Tomas Brannigan, who came over from Celtic for next to nothing.")
    assert _routes(moves) == [(PLAYER, None, "Everton")]
    moves = _moves("Everton want Tomas Brannigan, who came through Celtic's academy.")
    assert _routes(moves) == [(PLAYER, None, "Everton")]


def test_a_bidder_named_after_from_is_the_destination() -> None:
    moves = _moves("Southampton turned down a late bid of around £10m from Everton for Tomas Brannigan.")
    assert _routes(moves) == [(PLAYER, "Southampton", "Everton")]


def test_sold_to_a_described_club() -> None:
    moves = _moves("Southampton sold Tomas Brannigan to Premier League rivals Everton last week.")
    assert _routes(moves) == [(PLAYER, "Southampton", "Everton")]


def test_more_suitors_in_a_sentence_that_does_not_name_him() -> None:
    moves = _moves("Everton want Tomas Brannigan. Leeds and Fulham are also keen.")
    assert sorted(_routes(moves), key=str) == [(PLAYER, None, "Everton"), (PLAYER, None, "Fulham"),
                                            (PLAYER, None, "Leeds United")]


def test_players_told_they_can_leave_are_each_leaving() -> None:
    moves = _moves("Tomas Brannigan and Kai Lund can both leave if acceptable offers arrive.")
    assert sorted(_routes(moves)) == [("Kai Lund", None, None), (PLAYER, None, None)]


def test_the_club_he_is_on_loan_at_is_not_the_one_that_owns_him() -> None:
    moves = _moves("Everton want Tomas Brannigan, the Southampton striker on loan at Millwall this season.")
    assert _routes(moves) == [(PLAYER, "Southampton", "Everton")]


def test_a_new_contract_from_his_own_club_is_no_move() -> None:
    assert _moves("Southampton will offer Tomas Brannigan a new five-year contract.") == []
