"""The source of an article: the outlet (or, failing one, reporter) credited, by its one canonical name.

Every sentence here is invented (invented players and reporters, real clubs and outlets).
"""

from __future__ import annotations

import pytest

from site_gen.extract import extract
from site_gen.extract.gazetteer import load_gazetteer
from site_gen.urls import slugify


@pytest.mark.parametrize(("text", "source"), [
    # credits, before or after the outlet's name
    ("Fulham want Joel Marsden, according to the Telegraph.", "The Telegraph"),
    ("Telegraph Sport understands Fulham want Joel Marsden.", "The Telegraph"),
    ("Sportsmail understands Burnley have bid for Joel Marsden.", "Daily Mail"),
    ("As Sportsmail revealed last week, Burnley want Joel Marsden.", "Daily Mail"),
    ("MailOnline reports that Burnley want Joel Marsden.", "Daily Mail"),
    ("The Sun claim Burnley want Joel Marsden.", "The Sun"),
    ("Burnley want Joel Marsden, as revealed by SunSport on Monday.", "The Sun"),
    ("The Athletic's Jo Frame says Burnley want Joel Marsden.", "The Athletic"),
    ("Burnley want Joel Marsden, reports Spanish newspaper Marca.", "Marca"),
    ("Real Madrid want Joel Marsden, according to Spanish outlet Diario Sport.", "Diario Sport"),
    ("Sky Sports Germany reporter Jan Ohlsen has shared an update on Joel Marsden.", "Sky Sports Germany"),
    ("The Daily Star, via Le Parisien, claim PSG want Joel Marsden.", "Daily Star"),
    ("The PA news agency understands Burnley want Joel Marsden.", "Press Association"),
    # an unnamed source speaking to an outlet is a credit; a named speaker is not
    ("A source close to the deal told the Press Association that Joel Marsden will sign.", "Press Association"),
    # gossip columns and press reviews
    ("Burnley want Joel Marsden. (Daily Mirror)\nLeeds eye Tom Adeyemi.", "Daily Mirror"),
    ("Burnley want Joel Marsden.(Scottish Sun), external\n", "The Scottish Sun"),
    ("DAILY MIRROR\nBurnley want Joel Marsden.\nTHE TIMES\nLeeds eye Tom Adeyemi.", "Daily Mirror"),
    ("Burnley want Joel Marsden.\nFull story: Daily Mirror", "Daily Mirror"),
    # outlets listed together share the credit; the first is the source
    ("CalcioNews, Calciomercato.com and Tuttosport are all saying Milan want Joel Marsden.", "CalcioNews"),
    # an outlet the gazetteer does not know, named as one
    ("If Turkish news outlet Gunes is to be believed, Celtic have agreed a fee for Joel Marsden.", "Gunes"),
    # outlets no table knows, credited as only outlets are (invented names)
    ("Burnley want Joel Marsden, according to Gazeta Norte.", "Gazeta Norte"),
    ("According to O Vigia, Porto have rejected a bid for Joel Marsden.", "O Vigia"),
    ("The Evening Bugle report that Burnley want Joel Marsden.", "Evening Bugle"),
    ("Leeds made an offer on Tuesday. The Courier understands Burnley want Joel Marsden.", "Courier"),
    ("Burnley are watching him, and the Clarion has been led to believe a deal is close for Joel Marsden.",
     "Clarion"),
    ("As Kickblatt revealed last week, Burnley want Joel Marsden.", "Kickblatt"),
    ("Burnley want Joel Marsden. Sportsblad reported that Leeds were keen too.", "Sportsblad"),
    # an outlet credited comes before a reporter credited; a reporter only when no outlet is
    ("Jo Frame reports Burnley want Joel Marsden, and Marca says Leeds do too.", "Marca"),
    ("Burnley want Joel Marsden, according to journalist Jo Frame.", "Jo Frame"),
    ("Burnley have agreed a fee for Joel Marsden.\nSource: @JoFrame", "Jo Frame"),
    # a newspaper named after a club's city is an outlet
    ("The Liverpool Echo reports that Everton want Joel Marsden.", "Liverpool Echo"),
])
def test_the_outlet_credited_is_the_source(text: str, source: str) -> None:
    assert extract(text).source == source


@pytest.mark.parametrize("text", [
    # an outlet named, not credited
    'Former Everton striker Dan Holt told Sky Sports: "Joel Marsden would suit Burnley."',
    "Speaking to talkSPORT, Dan Holt said Burnley should sign Joel Marsden.",
    "Burnley boss Sam Kerr told the Lancashire Telegraph that Joel Marsden is a fine player.",
    "Welcome to the Liverpool ECHO's live blog. Everton want Joel Marsden.",
    "Burnley's game with Leeds is live on Sky Sports. Burnley want Joel Marsden.",
    "The striker is represented by the firm Star Talent Management (STM), who were with him when he signed.",
    # an agency's dateline opens its own copy; it credits nobody
    "London (AFP) - Burnley have signed Joel Marsden from Leeds United.",
    # words that are spelt like an outlet in capitals
    'As if that were not enough, Burnley want Joel Marsden. "As good as anyone," said Sam Kerr.',
    "Yep, Burnley want Joel Marsden.",
    # a club's own announcement, a manager revealing his plans, a report from nobody named
    "Burnley have confirmed the signing of Joel Marsden on their official website.",
    "Sam Kerr has revealed Burnley want Joel Marsden, according to reports.",
    # a person's words, or words that only look like a credit
    "Dan Holt claimed Burnley want Joel Marsden.",
    "Sam Kerr has revealed Burnley are in talks for Joel Marsden.",
    "Early reports suggested Burnley want Joel Marsden. Further reports claim Leeds do too.",
    "According to Joel Marsden's agent, Burnley have made an offer.",
])
def test_no_outlet_credited_no_source(text: str) -> None:
    assert extract(text).source is None


def test_one_outlet_has_one_name_whatever_the_spelling() -> None:
    gaz = load_gazetteer()
    spellings = {
        "The Sun": ["Sun", "the Sun", "SunSport", "The Sun on Sunday"],
        "The Telegraph": ["Telegraph", "The Daily Telegraph", "Daily Telegraph", "Telegraph Sport"],
        "Daily Mail": ["Mail", "MailOnline", "Mail Online", "Sportsmail", "Mail Sport"],
        "The Athletic": ["The Athletic", "the Athletic"],
        "BBC Sport": ["BBC", "the BBC", "BBC Sport"],
        "Press Association": ["PA Media", "PA news agency", "the PA news agency", "Press Association Sport"],
    }
    for name, forms in spellings.items():
        assert {gaz.outlet_name(form) for form in forms} == {name}
        assert {slugify(gaz.outlet_name(form)) for form in forms} == {slugify(name)}  # one outlet page


def test_outlet_names_are_whole() -> None:
    """No outlet is shown clipped ("Sun", "Athletic", "Telegraph")."""
    names = set(load_gazetteer().outlets.values())
    assert {"The Sun", "The Athletic", "The Telegraph", "The Times", "The Guardian"} <= names
    assert not names & {"Sun", "Athletic", "Telegraph", "Times", "Guardian", "Independent", "Mirror"}


@pytest.mark.parametrize(("text", "players"), [
    # a former player quoted is a pundit
    ("Former Leeds and Wales striker Dan Holt said Burnley should sign Joel Marsden.", ("Joel Marsden",)),
    ("Burnley must sign Joel Marsden, says former Spurs and Fulham defender Dan Holt.", ("Joel Marsden",)),
    # journalists: an outlet's man, a byline closing a paragraph
    ("According to the Telegraph's Jo Frame, Burnley want Joel Marsden.", ("Joel Marsden",)),
    ("Burnley want Joel Marsden.\nJo Frame\nLeeds want Tom Adeyemi.", ("Joel Marsden", "Tom Adeyemi")),
    # family, referees, photographers, staff leaving a job
    ("Joel Marsden's wife, Anna Marsden, has been seen in Madrid.", ("Joel Marsden",)),
    ("Jo Frame will referee the game. Burnley want Joel Marsden.", ("Joel Marsden",)),
    ("Burnley want Joel Marsden (Photo by Jo Frame/Getty Images)", ("Joel Marsden",)),
    ("Dan Holt has resigned as Burnley chairman. Burnley want Joel Marsden.", ("Joel Marsden",)),
    # words before a name are no part of it; a club after two names in a list is a club
    ("Signing Marsden would be a coup for Burnley, who also like Tom Adeyemi.", ("Marsden", "Tom Adeyemi")),
    ("Like Marsden, Tom Adeyemi is wanted by Burnley.", ("Marsden", "Tom Adeyemi")),
    ("Outs: Joel Marsden Burnley £2m; Tom Adeyemi Leeds (loan)", ("Joel Marsden", "Tom Adeyemi")),
    # an outlet no table knows, or its writer, credited with the news
    ("According to O Vigia, Porto have bid for Joel Marsden.", ("Joel Marsden",)),
    ("Tom Adeyemi understands that Porto have bid for Joel Marsden.", ("Joel Marsden",)),
    ("According to the Courier's Jo Frame, Porto have bid for Joel Marsden.", ("Joel Marsden",)),
    ("Regional newspaper Gazeta Norte says Porto have bid for Joel Marsden.", ("Joel Marsden",)),
])
def test_people_named_in_a_media_or_other_role_are_not_players(text: str, players: tuple[str, ...]) -> None:
    assert extract(text).players == players
