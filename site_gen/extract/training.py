"""Learn the move model's weights from hand-annotated articles (a development tool, not a build step).

    python -m site_gen.extract.training ../shared/devset/tune --scorer ../shared/devset/score.py

Needs the `train` extra (scikit-learn). The annotated set is read at run time and never copied:
only the learned weights, which name features (cue words, distances), are written to
`site_gen/extract/data/move_model.json`. The publishing threshold is chosen on out-of-fold
predictions (each article scored by a model that never saw it), as the lowest probability at
which published moves reach the wanted strict precision.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import dataclasses
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Callable, Sequence

from site_gen.extract.gazetteer import fold, load_gazetteer
from site_gen.extract.reading import read_article
from site_gen.extract.records import STAGES
from site_gen.extract.weighing import Candidate, LogisticWeights, MoveModel, Weighed, calibrated, candidates, rivals_off, stage_features, weigh_candidates

_RAW = re.compile(r"^\s*date\s+(\d{4}-\d\d-\d\d)\s?", re.S)
#: The stage model is regularised less than the pair models (it has fewer, denser features).
STAGE_STRENGTH = 2.5
MODEL_PATH = Path(__file__).parent / "data" / "move_model.json"


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate pair of one article, with what the annotation says of it."""

    article: str
    candidate: Candidate
    #: the annotation has a move of this player to this club
    moves_to: bool
    #: the annotation has a move of this player from this club
    is_origin: bool
    #: the annotation gives this player a move with an origin (else nothing says what his club is)
    origin_known: bool
    #: the annotated stage of this player's move to this club, if there is one
    stage: str | None
    #: what the stage model reads of the candidate
    stage_features: frozenset[str]
    #: the origins (scorer's club keys; "" for none stated) of the annotated moves of this player to this club
    truth_origins: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Naming:
    """The scorer's own name comparisons, so training labels agree with how moves are judged."""

    player_key: Callable[[str], str]
    club_key: Callable[[str], str]


def plain_naming() -> Naming:
    """Names compared accent- and case-blind, as the project's own sets need."""
    return Naming(player_key=fold, club_key=fold)


def load_scorer(path: Path) -> Naming:
    spec = importlib.util.spec_from_file_location("devset_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load the scorer")
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Naming(player_key=module.norm, club_key=module.club_key)


def _same_player(ours: str, theirs: str, naming: Naming) -> bool:
    a, b = naming.player_key(ours), naming.player_key(theirs)
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    return bool(wa and wb) and wa[-1] == wb[-1] and (len(wa) == 1 or len(wb) == 1 or wa[0][0] == wb[0][0])


def examples(folder: Path, naming: Naming) -> list[Example]:
    """Every candidate of every annotated article in `folder` (`articles/` and `truth.jsonl`)."""
    gaz = load_gazetteer()
    made: list[Example] = []
    truth_file = folder / "truth.jsonl" if (folder / "truth.jsonl").exists() else folder / "gold.jsonl"
    for line in truth_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        truth = json.loads(line)
        raw = (folder / "articles" / truth["file"]).read_text(encoding="utf-8")
        match = _RAW.match(raw)
        date = dt.date.fromisoformat(match.group(1)) if match else None
        body = raw[match.end():] if match else raw
        reading = read_article(body, date, gaz)
        for candidate in candidates(reading, date.year if date else None):
            his = [m for m in truth["moves"] if _same_player(candidate.player, m["player"], naming)]
            to_key = naming.club_key(candidate.club) if candidate.club else ""
            matching = [m for m in his if (naming.club_key(m["to"]) if m.get("to") else "") == to_key]
            made.append(Example(
                article=truth["file"], candidate=candidate, moves_to=bool(matching),
                is_origin=bool(candidate.club) and any(m.get("from") and naming.club_key(m["from"]) == to_key
                                                       for m in his),
                origin_known=any(m.get("from") for m in his),
                stage=matching[0].get("stage", "").lower() or None if matching else None,
                stage_features=stage_features(reading.text, candidate),
                truth_origins=tuple(naming.club_key(m["from"]) if m.get("from") else "" for m in matching)))
    return made


def _logistic(rows: Sequence[frozenset[str]], labels: Sequence[object], strength: float, seen: int
              ) -> dict[str, LogisticWeights]:
    """Logistic regression over sets of feature names (names in fewer than `seen` rows left out): the
    weights by label, whose highest score wins (two labels: the first's are all nought)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for row in rows:
        for feature in row:
            counts[feature] = counts.get(feature, 0) + 1
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{f: 1 for f in row if counts[f] >= seen} for row in rows])
    model = LogisticRegression(C=strength, max_iter=3000)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    classes = [str(label) for label in model.classes_]
    found = {label: LogisticWeights(
        weights={name: round(float(w), 5) for name, w in zip(names, model.coef_[row]) if abs(w) > 1e-4},
        bias=round(float(model.intercept_[row]), 5)) for row, label in enumerate(classes[-len(model.coef_):])}
    return {classes[0]: LogisticWeights({}, 0.0), **found} if len(classes) == 2 else found


def _fit(train: Sequence[Example], label: Callable[[Example], bool], strength: float) -> LogisticWeights:
    """A logistic model of `label` over the candidates' features (features seen once are left out)."""
    return _logistic([e.candidate.features for e in train], [label(e) for e in train], strength, 2)["True"]


def fit_stages(train: Sequence[Example], strength: float) -> dict[str, LogisticWeights]:
    """One softmax model of the annotated stage over the stage features of the moves found."""
    moves = [e for e in train if e.stage in STAGES]
    if len({e.stage for e in moves}) < 2:
        return {}  # nothing to tell apart: the rules' stages stand
    return _logistic([e.stage_features for e in moves], [e.stage for e in moves], strength, 4)


def fit_model(train: Sequence[Example], strength: float, publish_at: float = 0.5, review_at: float = 0.2
              ) -> MoveModel:
    return MoveModel(destination=_fit(train, lambda e: e.moves_to, strength),
                     origin=_fit([e for e in train if e.origin_known], lambda e: e.is_origin, strength),
                     publish_at=publish_at, review_at=review_at, stages=fit_stages(train, strength * STAGE_STRENGTH))


@dataclass(frozen=True, slots=True)
class Judged:
    """A candidate as a model weighed it, and whether publishing it would be right."""

    weighed: Weighed
    #: right strictly (player, origin and destination)
    strict: bool
    #: right in player and destination
    moves_to: bool
    article: str
    #: the stage read is the annotated one (None when the move is not annotated)
    stage_right: bool | None = None

    @property
    def confidence(self) -> float:
        return self.weighed.confidence


def judge(data: Sequence[Example], model: MoveModel, naming: Naming) -> list[Judged]:
    """Weigh each article's candidates as the build would, and mark what would be right."""
    by_article: dict[str, list[Example]] = {}
    for example in data:
        by_article.setdefault(example.article, []).append(example)
    judged: list[Judged] = []
    for article, examples_of in by_article.items():
        label = {id(e.candidate): e for e in examples_of}
        weighed = weigh_candidates([e.candidate for e in examples_of], model)
        stages = rivals_off(weighed, [model.stage_of(label[id(item.candidate)].stage_features) or "interest"
                                      for item in weighed])
        for item, stage in zip(weighed, stages):
            example = label[id(item.candidate)]
            origin = naming.club_key(item.origin) if item.origin else ""
            strict = any(not truth or truth == origin for truth in example.truth_origins)
            judged.append(Judged(item, strict, example.moves_to, article,
                                 None if example.stage is None else stage == example.stage))
    return judged


def out_of_fold(data: list[Example], strength: float, naming: Naming, folds: int = 5,
                extra: Sequence[Example] = ()) -> list[Judged]:
    """Every candidate weighed by models trained on the other folds' articles, then calibrated by a
    calibration fitted on the other folds' weighings."""
    fold_of = _folds(data, folds)
    judged = out_of_fold_raw(data, strength, naming, folds, extra)
    calibrated: list[Judged] = []
    for part in range(folds):
        calibration = fit_calibration([j for j in judged if fold_of[j.article] != part])
        for item in judged:
            if fold_of[item.article] == part:
                calibrated.append(dataclasses.replace(item, weighed=_calibrated(item.weighed, calibration)))
    return calibrated


def _folds(data: Sequence[Example], folds: int) -> dict[str, int]:
    """Each article's fold: whole articles go to one fold, so no article is scored by a model it trained."""
    return {name: index % folds for index, name in enumerate(sorted({e.article for e in data}))}


def out_of_fold_raw(data: list[Example], strength: float, naming: Naming, folds: int = 5,
                    extra: Sequence[Example] = ()) -> list[Judged]:
    """Every candidate weighed by models trained on the other folds' articles (and `extra`, which is
    only ever trained on), with no calibration."""
    fold_of = _folds(data, folds)
    judged: list[Judged] = []
    for part in range(folds):
        model = fit_model([e for e in data if fold_of[e.article] != part] + list(extra), strength)
        judged += judge([e for e in data if fold_of[e.article] == part], model, naming)
    return judged


def fit_calibration(judged: Sequence[Judged]) -> tuple[float, ...]:
    """Weights turning a weighing's signals into the chance the move is strictly right."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit([j.weighed.signals() for j in judged], [j.strict for j in judged])
    return tuple(round(float(w), 5) for w in model.coef_[0]) + (round(float(model.intercept_[0]), 5),)


def _calibrated(item: Weighed, calibration: tuple[float, ...]) -> Weighed:
    *weights, bias = calibration
    return dataclasses.replace(item, confidence=calibrated(item, weights, bias))


@dataclass(frozen=True, slots=True)
class Operating:
    """What publishing at one threshold gives, on out-of-fold predictions."""

    threshold: float
    precision: float
    recall: float
    published: int
    #: player + destination F1 of everything at or above the threshold
    loose_f1: float


def operating_points(judged: Sequence[Judged], truth_moves: int) -> list[Operating]:
    """Strict precision and recall of the published moves at each threshold, highest first."""
    points: list[Operating] = []
    right = loose = 0
    for count, item in enumerate(sorted(judged, key=lambda j: -j.confidence), start=1):
        right += item.strict
        loose += item.moves_to
        points.append(Operating(item.confidence, right / count, right / truth_moves, count,
                                2 * loose / (count + truth_moves)))
    return points


def to_json(model: MoveModel) -> dict[str, object]:
    def part(weights: LogisticWeights) -> dict[str, object]:
        return {"bias": weights.bias, "weights": dict(sorted(weights.weights.items()))}
    return {"about": "Move model weights learned by site_gen.extract.training; see docs/extraction.md.",
            "publish_at": round(model.publish_at, 4), "review_at": round(model.review_at, 4),
            "origin_at": model.origin_at, "calibration": list(model.calibration),
            "stages": {stage: part(weights) for stage, weights in model.stages.items()}, "destination": part(model.destination), "origin": part(model.origin)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="annotated set: articles/ and truth.jsonl")
    parser.add_argument("--scorer", type=Path, help="the set's score.py, for its name comparisons "
                                                    "(default: accent- and case-blind)")
    parser.add_argument("--precision", type=float, default=0.92, help="strict precision wanted of published moves")
    parser.add_argument("--strength", type=float, default=0.2, help="inverse regularisation (C)")
    parser.add_argument("--extra", type=Path, nargs="*", default=[],
                        help="more annotated sets, only ever trained on (never scored)")
    parser.add_argument("--write", action="store_true", help=f"write the weights to {MODEL_PATH}")
    args = parser.parse_args(argv)
    naming = load_scorer(args.scorer) if args.scorer else plain_naming()
    data = examples(args.folder, naming)
    truth_moves = sum(len(json.loads(line)["moves"]) for line in
                      (args.folder / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())
    print(f"{len(data)} candidates, {sum(e.moves_to for e in data)} moves (player + to), "
          f"{sum(e.is_origin for e in data)} origins; {truth_moves} annotated moves", file=sys.stderr)
    extra = [example for folder in args.extra for example in examples(folder, naming)]
    judged = out_of_fold(data, args.strength, naming, extra=extra)
    points = operating_points(judged, truth_moves)
    eligible = [p for p in points if p.precision >= args.precision and p.published >= 20]
    publish_at = min((p.threshold for p in eligible), default=0.95)
    chosen = [p for p in points if p.threshold >= publish_at][-1]
    review = max(points, key=lambda p: p.loose_f1)
    for level in (0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1):
        at = [p for p in points if p.threshold >= level]
        if at:
            print(f"  p >= {level:.2f}: strict P {at[-1].precision:.3f} R {at[-1].recall:.3f} ({at[-1].published}) "
                  f"player+to F1 {at[-1].loose_f1:.3f}", file=sys.stderr)
    staged = [j.stage_right for j in judged if j.moves_to and j.stage_right is not None]
    print(f"stage right on {sum(staged)} of {len(staged)} moves found with the right destination "
          f"({sum(staged) / max(1, len(staged)):.3f}, out of fold)", file=sys.stderr)
    print(f"publish at {publish_at:.3f}: out-of-fold strict P {chosen.precision:.3f} R {chosen.recall:.3f}; "
          f"review from {review.threshold:.3f} (player+to F1 {review.loose_f1:.3f})", file=sys.stderr)
    if args.write:
        model = fit_model(data + extra, args.strength, publish_at, review.threshold)
        calibration = fit_calibration(out_of_fold_raw(data, args.strength, naming, extra=extra))
        model = dataclasses.replace(model, calibration=calibration)
        MODEL_PATH.write_text(json.dumps(to_json(model), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
