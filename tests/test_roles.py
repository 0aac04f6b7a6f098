"""Unit tests for `site_gen.extract.roles.classify_people`: telling players from other people.

Managers, pundits and journalists are not players; a position word makes one;
the name forms of one person ("Tomas Brannigan" ... "Brannigan") are joined and
listed once under the fullest form. `classify_people` returns the players'
canonical names in order of first mention and sets `person` and `player` on every
person mention. Every sentence here was written for these tests; the people are
invented except one well-known pundit, used to check the gazetteer's staff list.
"""

from __future__ import annotations

from site_gen.extract import load_gazetteer
from site_gen.extract.mentions import Mention, find_mentions, surnames_over_clubs
from site_gen.extract.roles import classify_people
from site_gen.extract.text import plain_typography, sentences


def _classify(body: str, year: int | None = None, staff_roles: frozenset[str] | None = None,
              staff_names: dict[str, int] | None = None) -> tuple[list[str], list[Mention]]:
    """Players found in `body` and its person mentions, read as `extract()` reads them.

    `staff_roles` and `staff_names` default to empty, so only the built-in cues speak.
    """
    text = plain_typography(body)
    spans = sentences(text)
    mentions = surnames_over_clubs(find_mentions(text, spans, load_gazetteer()))
    players = classify_people(text, mentions, staff_roles or frozenset(), staff_names, year, spans)
    return players, [m for m in mentions if m.kind == "person"]


def _roles(people: list[Mention]) -> list[tuple[str, str, bool]]:
    """(as written, person meant, is a player) for each person mention, in text order."""
    return [(m.text, m.person, m.player) for m in people]


def test_manager_title_before_the_name_is_not_a_player() -> None:
    players, people = _classify("Manager Dario Feltrin wants a new striker. Striker Tomas Brannigan scored twice.")
    assert players == ["Tomas Brannigan"]
    assert _roles(people) == [("Dario Feltrin", "Dario Feltrin", False), ("Tomas Brannigan", "Tomas Brannigan", True)]


def test_possessive_side_or_men_marks_a_manager_and_his_surname_later() -> None:
    players, people = _classify("Dario Feltrin's side lost again. Feltrin wants a new striker.")
    assert players == []
    assert _roles(people) == [("Dario Feltrin", "Dario Feltrin", False), ("Feltrin", "Dario Feltrin", False)]
    men, _ = _classify("Dario Feltrin's men were beaten at home. Tomas Brannigan scored their only goal.")
    assert men == ["Tomas Brannigan"]


def test_position_word_makes_a_player() -> None:
    players, people = _classify("Striker Tomas Brannigan scored twice on Saturday.")
    assert players == ["Tomas Brannigan"]
    assert people[0].player is True


def test_pundit_quoted_is_not_a_player() -> None:
    players, _ = _classify("Pundit Gary Holloway said the deal was done. Tomas Brannigan is wanted by Everton.")
    assert players == ["Tomas Brannigan"]


def test_pundit_described_after_the_name_is_not_a_player() -> None:
    players, _ = _classify(
        "Gary Holloway, the Sky Sports pundit, said the deal was close. Tomas Brannigan is wanted by Everton.")
    assert players == ["Tomas Brannigan"]


def test_journalist_who_wrote_is_not_a_player() -> None:
    players, people = _classify("Journalist Gary Holloway wrote that a bid was coming.")
    assert players == []
    assert people[0].player is False


def test_bare_surname_needs_a_player_cue() -> None:
    without_cue, _ = _classify("Brannigan said nothing about it.")
    with_cue, _ = _classify("Brannigan is wanted by Everton.")
    assert without_cue == []
    assert with_cue == ["Brannigan"]


def test_full_name_then_surname_is_one_player() -> None:
    players, people = _classify("Winger Tomas Brannigan impressed again. Brannigan has scored nine goals.")
    assert players == ["Tomas Brannigan"]
    assert _roles(people) == [("Tomas Brannigan", "Tomas Brannigan", True), ("Brannigan", "Tomas Brannigan", True)]


def test_surname_first_then_full_name_is_one_player_under_the_full_name() -> None:
    players, people = _classify("Brannigan is wanted by Everton. Winger Tomas Brannigan scored again.")
    assert players == ["Tomas Brannigan"]
    assert [m.person for m in people] == ["Tomas Brannigan", "Tomas Brannigan"]


def test_name_with_particles_joins_its_shorter_form() -> None:
    players, people = _classify("Defender Jens Van Der Berg is a target. Van Der Berg has scored twice.")
    assert players == ["Jens van der Berg"]
    assert [m.person for m in people] == ["Jens van der Berg", "Jens van der Berg"]


def test_players_come_in_order_of_first_mention() -> None:
    players, _ = _classify(
        "Midfielder Aled Corrigan and striker Tomas Brannigan are both wanted. Corrigan would cost less.")
    assert players == ["Aled Corrigan", "Tomas Brannigan"]


def test_extra_staff_roles_add_to_the_built_in_ones() -> None:
    body = "The club's groundsman Dario Feltrin said the pitch was ready."
    assert _classify(body)[0] == ["Dario Feltrin"]  # two words and no cue: a player by default
    assert _classify(body, staff_roles=frozenset({"groundsman"}))[0] == []


def test_known_staff_names_count_from_their_year() -> None:
    body = "Dario Feltrin scored twice."
    staff = {"dario feltrin": 2015}
    assert _classify(body, year=2010, staff_names=staff)[0] == ["Dario Feltrin"]
    assert _classify(body, year=2015, staff_names=staff)[0] == []
    assert _classify(body, year=None, staff_names=staff)[0] == []  # undated: staff


def test_known_staff_name_matches_its_last_two_words() -> None:
    staff = {"alves matteo": 2012}
    assert _classify("Pedro Alves Matteo said the deal was close.", year=2020, staff_names=staff)[0] == []
    assert _classify("Pedro Alves Matteo said the deal was close.", year=2020)[0] == ["Pedro Alves Matteo"]


def test_gazetteer_pundit_is_staff_in_a_recent_article() -> None:
    gaz = load_gazetteer()
    body = "Gary Neville said the deal was close to being done."
    assert _classify(body, year=2022, staff_roles=gaz.staff_roles, staff_names=gaz.staff_names)[0] == []
    assert _classify(body, year=2022)[0] == ["Gary Neville"]  # without the list, nothing says otherwise


def test_a_free_agent_is_a_player() -> None:
    players, _ = _classify("Fulham are weighing up a move for free agent Tomas Brannigan.")
    assert players == ["Tomas Brannigan"]


def test_words_that_only_start_like_a_cue_say_nothing() -> None:
    players, _ = _classify("Fulham signed Lucas Dorne as Tomas Brannigan reportedly arrived at Leeds.")
    assert players == ["Lucas Dorne", "Tomas Brannigan"]


def test_a_title_in_a_clause_after_the_name_is_someone_elses() -> None:
    players, _ = _classify("Tomas Brannigan may start, although manager Dario Feltrin prefers Lucas Dorne.")
    assert "Tomas Brannigan" in players and "Dario Feltrin" not in players
    players, _ = _classify("Tomas Brannigan, manager Dario Feltrin's first signing, scored twice.")
    assert "Tomas Brannigan" in players and "Dario Feltrin" not in players


def test_urging_meeting_the_press_or_speaking_of_the_winger_is_a_managers_or_pundits_part() -> None:
    players, _ = _classify("Gary Holloway has urged Leeds striker Tomas Brannigan, 23, to leave the club.")
    assert players == ["Tomas Brannigan"]
    players, _ = _classify("Dario Feltrin also speaks to the media this afternoon.")
    assert players == []
    players, _ = _classify("Dario Feltrin has made it clear that the winger does not have a future.")
    assert players == []


def test_what_is_said_of_a_list_holds_for_each_name() -> None:
    players, _ = _classify("Fulham want to sign midfielders Tavinho and Ruizinho from Santos.")
    assert players == ["Tavinho", "Ruizinho"]
    players, _ = _classify("The fee puts him behind Tomas Brannigan, Lucas Dorne and Tavinho.")
    assert players == ["Tomas Brannigan", "Lucas Dorne", "Tavinho"]
    players, _ = _classify("He could join Dario Feltrin (left) and Piet Almers's squad.")
    assert players == []


def test_a_place_before_a_list_is_no_player() -> None:
    players, _ = _classify("Tomas Brannigan joined Fulham. At Oakvale, Lucas Dorne will link up with him.")
    assert "Oakvale" not in players


def test_a_middle_name_alone_is_the_full_name() -> None:
    players, people = _classify("Fulham signed midfielder Mamadou Ousmane Kone. Ousmane has played 200 games.")
    assert players == ["Mamadou Ousmane Kone"]
    assert people[-1].person == "Mamadou Ousmane Kone"


def test_a_name_opening_a_clause_after_a_list_is_not_in_it() -> None:
    players, _ = _classify("That is three after Tomas Brannigan and Lucas Dorne, and Feltrin says more will come.")
    assert players == ["Tomas Brannigan", "Lucas Dorne"]


def test_a_free_agent_said_after_the_name_is_no_agent() -> None:
    players, _ = _classify("Fulham confirmed the signing of Tomas Brannigan. Brannigan was a free agent after leaving Derby.")
    assert players == ["Tomas Brannigan"]


def test_a_cue_before_an_owner_reaches_the_name() -> None:
    players, _ = _classify("PSG are close to signing Brazil's Tavinho for a record fee.")
    assert players == ["Tavinho"]


def test_a_player_posting_on_social_media_is_still_a_player() -> None:
    players, _ = _classify('Tomas Brannigan posted "farewell" on Instagram before his move to Juventus.')
    assert players == ["Tomas Brannigan"]


def test_no_list_without_an_and() -> None:
    players, _ = _classify("Despite the arrival of Tomas Brannigan, Feltrin still believes the squad is short.")
    assert players == ["Tomas Brannigan"]
