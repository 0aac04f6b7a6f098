"""Unit tests for `site_gen.extract.mentions`: finding clubs, outlets and people in prose.

Covers `find_mentions` (full names, nicknames, outlets named after clubs, longest
name first, possessives, people), `surnames_over_clubs`, `resolve_clubs` and the
`Mention` dataclass. Every sentence here was written for these tests; the player
and manager names are invented.
"""

from __future__ import annotations

import pytest

from site_gen.extract import load_gazetteer
from site_gen.extract.mentions import Mention, find_mentions, resolve_clubs, surnames_over_clubs
from site_gen.extract.text import plain_typography, sentences


def _mentions(body: str) -> tuple[str, list[Mention]]:
    """The text as the extractor reads it and every mention found in it (nothing resolved yet)."""
    text = plain_typography(body)
    return text, find_mentions(text, sentences(text), load_gazetteer())


def _resolved(body: str) -> tuple[list[Mention], list[str]]:
    """Mentions after the same steps `extract()` runs, with the canonical clubs in order."""
    _, found = _mentions(body)
    mentions = surnames_over_clubs(found)
    return mentions, resolve_clubs(mentions)


def _of_kind(mentions: list[Mention], kind: str) -> list[Mention]:
    return [m for m in mentions if m.kind == kind]


def test_club_by_full_name_points_back_into_the_text() -> None:
    text, found = _mentions("Liverpool are keen on a new defender.")
    assert len(found) == 1
    club = found[0]
    assert (club.kind, club.text, club.clubs, club.sentence) == ("club", "Liverpool", ("Liverpool",), 0)
    assert text[club.start:club.end] == "Liverpool"


def test_unambiguous_nickname_with_the_is_its_club() -> None:
    mentions, clubs = _resolved("The Gunners are weighing up a January bid.")
    assert [(m.kind, m.text, m.clubs) for m in mentions] == [("club", "The Gunners", ("Arsenal",))]
    assert clubs == ["Arsenal"]


def test_shared_nickname_is_resolved_by_a_plain_mention_of_the_club() -> None:
    # "the Reds" is Liverpool, Nottingham Forest, Aberdeen and more; naming Liverpool settles it
    mentions, clubs = _resolved("The Reds want a new defender. Liverpool have the money to pay for one.")
    reds = mentions[0]
    assert (reds.kind, reds.text, reds.clubs) == ("club", "The Reds", ("Liverpool",))
    assert clubs == ["Liverpool"]


def test_shared_nickname_alone_is_not_taken_as_any_club() -> None:
    text, found = _mentions("The Saints have rejected a second bid.")
    saints = found[0]
    assert saints.kind == "club" and {"Southampton", "St Johnstone"} <= set(saints.clubs)
    assert resolve_clubs(found) == []
    assert saints.kind == "other"  # demoted rather than guessed


def test_newspaper_named_after_a_club_is_an_outlet_not_the_club() -> None:
    mentions, clubs = _resolved("According to the Liverpool Echo, Everton are close to a deal.")
    outlets = _of_kind(mentions, "outlet")
    assert [m.text for m in outlets] == ["Liverpool Echo"]
    assert clubs == ["Everton"]
    assert all("Liverpool" not in m.clubs for m in mentions)
    # the same city's club named beside its paper is still found
    both, both_clubs = _resolved("The Liverpool Echo says Liverpool are close to a deal.")
    assert [(m.kind, m.text) for m in both] == [("outlet", "Liverpool Echo"), ("club", "Liverpool")]
    assert both_clubs == ["Liverpool"]


def test_longest_known_name_wins() -> None:
    text, found = _mentions("Manchester United and Manchester City both watched him.")
    assert [(m.text, m.clubs) for m in found] == [
        ("Manchester United", ("Manchester United",)), ("Manchester City", ("Manchester City",))]
    assert [text[m.start:m.end] for m in found] == ["Manchester United", "Manchester City"]
    # the city alone is a place, not a club
    _, clubs = _resolved("Manchester United are keen. Manchester was wet all week.")
    assert clubs == ["Manchester United"]


def test_possessive_club_drops_the_apostrophe_s() -> None:
    text, found = _mentions("Southampton's defender Tomas Brannigan is wanted.")
    club = found[0]
    assert (club.kind, club.text, club.clubs) == ("club", "Southampton", ("Southampton",))
    assert text[club.start:club.end] == "Southampton"
    assert text[club.end:club.end + 2] == "'s"
    # a curly apostrophe reads the same once the typography is plain
    _, curly = _mentions("Southampton\u2019s defender Tomas Brannigan is wanted.")
    assert [(m.kind, m.text) for m in curly] == [("club", "Southampton"), ("person", "Tomas Brannigan")]


def test_person_name_with_folded_words_and_possessive() -> None:
    text, found = _mentions("Meanwhile Tomas Brannigan scored twice. Dario Feltrin's side lost.")
    people = _of_kind(found, "person")
    assert [(m.text, m.words, m.sentence) for m in people] == [
        ("Tomas Brannigan", ("tomas", "brannigan"), 0), ("Dario Feltrin", ("dario", "feltrin"), 1)]
    assert text[people[1].start:people[1].end] == "Dario Feltrin"


def test_club_name_as_surname_becomes_the_person() -> None:
    _, found = _mentions("Marco Valencia has impressed. Valencia has been a target for Everton.")
    assert [(m.kind, m.text) for m in found][:2] == [("person", "Marco Valencia"), ("club", "Valencia")]
    mentions = surnames_over_clubs(found)
    bare = mentions[1]
    assert (bare.kind, bare.words, bare.clubs) == ("person", ("valencia",), ())
    assert resolve_clubs(mentions) == ["Everton"]


def test_club_name_stays_a_club_when_no_one_has_it_as_surname() -> None:
    mentions, clubs = _resolved("Tomas Brannigan is wanted by Everton. Valencia are keen too.")
    assert clubs == ["Everton", "Valencia"]
    assert [m.kind for m in mentions] == ["person", "club", "club"]


def test_resolve_clubs_keeps_first_mention_order_and_canonical_names() -> None:
    # "Leeds" is an alias of Leeds United; Everton is named twice but listed once
    _, clubs = _resolved("Everton and Leeds want a striker. Everton have money.")
    assert clubs == ["Everton", "Leeds United"]


def test_risky_alias_needs_a_plain_mention() -> None:
    alone, clubs_alone = _resolved("United are keen on a new striker.")
    assert clubs_alone == [] and alone[0].kind == "other"
    backed, clubs_backed = _resolved("United are keen on a new striker. Manchester United have money.")
    assert clubs_backed == ["Manchester United"]
    assert (backed[0].kind, backed[0].clubs) == ("club", ("Manchester United",))


def test_mention_defaults_and_slots() -> None:
    mention = Mention("club", 0, 9, 0, "Liverpool")
    assert (mention.clubs, mention.risky, mention.words, mention.person, mention.player) == ((), False, (), "", False)
    with pytest.raises(AttributeError):
        mention.colour = "red"  # type: ignore[attr-defined]


def test_position_word_before_a_name_whose_surname_is_a_club() -> None:
    _, found = _mentions("Midfielder Marco Valencia has impressed.")
    assert [(m.kind, m.text) for m in found] == [("person", "Marco Valencia")]
    _, found = _mentions("Meanwhile Valencia have impressed.")
    assert [(m.kind, m.text) for m in found] == [("club", "Valencia")]


# Clubs from open data, risky names read from the words around them (invented sentences).

def test_a_risky_club_name_needs_a_club_cue_or_the_plain_name() -> None:
    assert _resolved("Tomas Hrdlik joined from Reading last summer.")[1] == ["Reading"]
    assert _resolved("Nice striker Paolo Vencato is wanted by Fulham.")[1] == ["Nice", "Fulham"]
    assert _resolved("Reading the contract, Vencato smiled.")[1] == []
    assert _resolved("He spent a week in Nice with his family.")[1] == []


def test_a_risky_club_name_listed_with_clubs_is_a_club() -> None:
    assert _resolved("Rangers, Derby, QPR and Bournemouth are monitoring Ola Brekke.")[1] == [
        "Rangers", "Derby County", "Queens Park Rangers", "Bournemouth"]


def test_open_data_clubs_are_found() -> None:
    clubs = _resolved("Kaizer Chiefs have signed Thabo Mokoena from Orlando Pirates, who beat Lokomotiv Plovdiv.")[1]
    assert clubs == ["Kaizer Chiefs", "Orlando Pirates", "Lokomotiv Plovdiv"]


def test_a_shared_short_name_follows_the_other_clubs_of_the_article() -> None:
    assert "Sporting CP" in _resolved("Benfica and Porto were busy, and Ruben Calado joined Sporting.")[1]
    assert _resolved("Arsenal want Sporting striker Ruben Calado.")[1] == ["Arsenal"]


def test_a_generic_short_name_needs_the_plain_club() -> None:
    assert _resolved("Norwich City are busy. City's offer for Tom Allery was rejected.")[1] == ["Norwich City"]
    assert _resolved("Everton matched City's offer for Tom Allery.")[1] == ["Everton"]


def test_an_unknown_club_after_a_national_side_phrase() -> None:
    mentions, clubs = _resolved("Leeds signed Anders Lundqvist from Swedish side Bromstad.")
    assert clubs == ["Leeds United", "Bromstad"]
    assert [m.text for m in _of_kind(mentions, "person")] == ["Anders Lundqvist"]


def test_phrases_and_contractions_are_no_people() -> None:
    mentions, _ = _resolved("It's a Golden Handshake for Marco Fenti, said your Paolo Vencatos.")
    assert [m.text for m in _of_kind(mentions, "person")] == ["Marco Fenti", "Paolo Vencato"]


def _people(body: str) -> list[str]:
    mentions, _ = _resolved(body)
    return [m.text for m in mentions if m.kind == "person"]


def test_page_furniture_and_foreign_articles_are_no_people() -> None:
    assert _people("Gossip Paper's view: a fine signing for Fulham.") == []
    assert _people("He won three titles with Los Merengues before leaving.") == []
    assert _people("He was named the U23s Player of the Year.") == []
    assert _people("Fans cheered. #WelcomeHome Le club est ravi.") == []
    assert _people("The Great Transfer Swindle of Leeds went on.") == []


def test_a_place_is_a_given_name_or_a_surname() -> None:
    assert _people("Fulham confirmed the signing of Devon Marrick on Monday.") == ["Devon Marrick"]
    assert _people("The squad: Tom Pellow, Robert Cornwall, Ian Dray.") == ["Tom Pellow", "Robert Cornwall",
                                                                            "Ian Dray"]


def test_will_is_a_given_name_inside_a_sentence_and_before_a_statement() -> None:
    assert _people("He will compete with Will Harrower for a place.") == ["Will Harrower"]
    assert _people("Will Harrower of Leeds has joined Fulham.") == ["Will Harrower"]
    assert _people("Will Harrower stay at Leeds?") == ["Harrower"]


def test_a_nickname_in_quotes_leaves_one_name() -> None:
    assert _people('Fulham own Javier "Chispa" Morenal now.') == ["Javier Morenal"]


def test_a_surname_read_with_a_club_is_split_when_the_article_names_him() -> None:
    mentions, clubs = _resolved("Wolves want Tiago Nunhes. The fee would make Nunhes Wolves' record signing.")
    assert [m.text for m in mentions if m.kind == "person"] == ["Tiago Nunhes", "Nunhes"]
    assert clubs == ["Wolverhampton Wanderers"]


def test_the_last_word_of_a_named_club_alone_is_the_club() -> None:
    assert _people("Kaizer Chiefs signed Tumi Dlomo. Chiefs' transfer ban ends in July.") == ["Tumi Dlomo"]


def test_formerly_of_names_a_club() -> None:
    mentions, clubs = _resolved("Tumi Dlomo, formerly of Ngezi Platinum in Zimbabwe, joined Chelsea.")
    assert "Ngezi Platinum" in clubs
