"""The move model: what it reads of (player, club) pairs, how it splits published from held moves,
and that the training tool learns weights that publish what annotated articles say."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from site_gen.extract import extract
from site_gen.extract.reading import read_article
from site_gen.extract.weighing import (LogisticWeights, MoveModel, candidates, load_move_model, model_from_json,
                                       stage_features, weigh)

DATE = dt.date(2024, 7, 1)


def _candidates(text: str):  # type: ignore[no-untyped-def]
    reading = read_article(text, DATE)
    return reading, candidates(reading, DATE.year)


def _model(destination: dict[str, float], publish_at: float = 0.5, stages: dict[str, dict[str, float]] | None = None,
           origin: dict[str, float] | None = None) -> MoveModel:
    return MoveModel(destination=LogisticWeights(destination, 0.0), origin=LogisticWeights(origin or {}, -5.0),
                     publish_at=publish_at, review_at=0.1,
                     stages={name: LogisticWeights(weights, 0.0) for name, weights in (stages or {}).items()})


def test_pairs_named_together_are_candidates_with_their_evidence() -> None:
    text = "Brentford are keen on Lyon winger Tomas Varenne. Varenne scored twice on Saturday."
    reading, found = _candidates(text)
    pairs = {(c.player, c.club): c for c in found}
    assert ("Tomas Varenne", "Brentford") in pairs and ("Tomas Varenne", "Lyon") in pairs
    brentford = pairs[("Tomas Varenne", "Brentford")]
    start, end = brentford.evidence
    assert reading.text[start:end].startswith("Brentford are keen on")
    assert "cb1:^" in brentford.features and "pc:b1:winger" not in brentford.features


def test_a_past_club_is_never_the_origin() -> None:
    found = extract("Former Chelsea and Arsenal striker Tomas Varenne has been linked with Leeds United, "
                    "who are keen on the 29-year-old.", DATE)
    moves = found.moves + found.held_moves
    assert [m.to_club for m in moves if m.to_club == "Leeds United"] == ["Leeds United"]
    assert all(m.from_club not in ("Chelsea", "Arsenal") for m in moves)


def test_the_threshold_splits_published_from_held() -> None:
    text = "Brentford are keen on Lyon winger Tomas Varenne."
    reading, _ = _candidates(text)

    def weighed(publish_at: float):  # type: ignore[no-untyped-def]
        return weigh(reading, DATE.year, _model({"rule": 3.0, "no-rule": -3.0}, publish_at))

    sure, unsure = weighed(0.5), weighed(0.999)
    assert [(m.player, m.to_club) for m in sure.published] == [("Tomas Varenne", "Brentford")]
    assert not unsure.published and [(m.player, m.to_club) for m in unsure.held] == [("Tomas Varenne", "Brentford")]
    move = sure.published[0]
    assert 0.5 <= move.confidence < 1.0 and move.evidence == text


def test_a_stage_no_word_says_needs_a_sure_model() -> None:
    """A stage no word near the pair calls it is read only where the stage model is sure of it, and a
    done deal needs it surer than any other stage; with a word for it, the model's choice stands."""
    text = "Brentford have run the rule over Lyon winger Tomas Varenne."
    reading, found = _candidates(text)
    pair = next(c for c in found if c.club == "Brentford")
    features = stage_features(reading.text, pair)

    def leaning(stage: str, weight: float) -> str | None:
        model = _model({}, stages={"done": {}, "interest": {}, "talks": {}} | {stage: {"w:rule": weight}})
        return model.stage_of(features)

    # shares of 0.55 (between the two bars) and 0.998
    assert leaning("talks", 0.9) == "talks"
    assert leaning("done", 0.9) == "interest"
    assert leaning("done", 9.0) == "done"
    said = "Brentford have completed the signing of Lyon winger Tomas Varenne."
    reading, found = _candidates(said)
    pair = next(c for c in found if c.club == "Brentford")
    assert _model({}, stages={"done": {"w:completed": 0.1}, "interest": {}, "talks": {}}).stage_of(
        stage_features(reading.text, pair)) == "done"


def test_the_shipped_model_reads_plain_reports() -> None:
    model = load_move_model()
    assert model is not None and 0.5 < model.publish_at < 1.0 and model.stages
    found = extract("Leeds United are on the verge of signing Benfica striker Tomas Varenne for £12m.", DATE)
    assert [(m.player, m.from_club, m.to_club) for m in found.moves] == [("Tomas Varenne", "Benfica", "Leeds United")]
    history = extract("Tomas Varenne, who joined Everton from Celtic in 2014, scored twice on Saturday.", DATE)
    assert not history.moves


def test_the_model_survives_its_json_form() -> None:
    model = load_move_model()
    assert model is not None
    from site_gen.extract.training import to_json
    again = model_from_json(json.loads(json.dumps(to_json(model))))
    _, found = _candidates("Leeds United are on the verge of signing Benfica striker Tomas Varenne.")
    for candidate in found:
        assert again.pair_odds(candidate.features) == pytest.approx(model.pair_odds(candidate.features))


def test_training_learns_from_annotated_articles(tmp_path: Path) -> None:
    """Trained on a few invented annotated articles, the model publishes the moves they annotate."""
    pytest.importorskip("sklearn")
    from site_gen.extract.training import examples, fit_model, plain_naming
    clubs = ["Leeds United", "Fulham", "Brentford", "Everton", "Burnley", "Watford"]
    players = ["Tomas Varenne", "Pieter Holm", "Anders Kjaer", "Luca Ferrante", "Jonas Brede", "Marco Tellini"]
    (tmp_path / "articles").mkdir()
    lines = []
    for index, (player, buyer) in enumerate((p, c) for p in players for c in clubs[:3]):
        seller = clubs[3 + index % 3]
        name = f"a{index:02d}.txt"
        (tmp_path / "articles" / name).write_text(
            f" date 2024-07-0{1 + index % 9} {buyer} are keen on {seller} striker {player}. "
            f"{player} played against Watford on Saturday.\n", encoding="utf-8")
        lines.append(json.dumps({"file": name, "moves": [
            {"player": player, "from": seller, "to": buyer, "stage": "interest"}]}))
    (tmp_path / "truth.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = examples(tmp_path, plain_naming())
    assert any(e.moves_to for e in found) and any(not e.moves_to for e in found)
    model = fit_model(found, strength=1.0)
    _, fresh = _candidates("Burnley are keen on Fulham striker Erik Solberg. Solberg played against Watford.")
    odds = {c.club: model.pair_odds(c.features) for c in fresh}
    assert odds["Burnley"][0] > 0.5 > odds["Watford"][0]  # the buyer, not the opponent
    assert odds["Fulham"][1] > odds["Burnley"][1]  # and the seller is his club
