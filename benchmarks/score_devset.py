"""Score extraction on real annotated articles with the dev set's own scorer, as the project is judged.

    python benchmarks/score_devset.py [--devset ../shared/devset] [--parts tune check]

Each part (`tune/`, `check/`) is read as one archive by `site-gen extract --json`, then scored by
the set's `score.py`: once for the moves the site publishes (`moves`), once for every move read
(`--all-moves`: published and held for the review). Also prints the publishing threshold and how
fast the part was read. The set is read where it lies, at run time, and never copied; without it
the benchmark says so and stops. Score `check/` once per round of work, after the last change.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import importlib.util
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_DEVSET = PROJECT.parent / "shared" / "devset"


def site_gen_command() -> list[str]:
    """`site-gen` from the environment running this script."""
    script = Path(sys.executable).parent / "site-gen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "site_gen"]


def score_part(devset: Path, part: str, show_misses: bool) -> None:
    articles = sorted((devset / part / "articles").glob("*.txt"))
    truth = devset / part / "truth.jsonl"
    with tempfile.TemporaryDirectory() as folder:
        predicted = Path(folder) / f"{part}.jsonl"
        started = time.perf_counter()
        with predicted.open("w", encoding="utf-8") as out:
            subprocess.run(site_gen_command() + ["extract", "--json", *map(str, articles)], stdout=out, check=True)
        seconds = time.perf_counter() - started
        print(f"== {part}: {len(articles)} articles read in {seconds:.2f} s (whole command, start-up included)")
        for extra in ([], ["--all-moves"]):
            label = "every move read (published and held)" if extra else "published moves"
            print(f"-- {label}")
            command = [sys.executable, str(devset / "score.py"), str(predicted), str(truth), "--min-f1", "0", *extra]
            if show_misses and not extra:
                command.append("--misses")
            subprocess.run(command, check=False)


_MOVE_ROW = re.compile(r"^(?P<player>[^:]+): (?P<from>.*?) → (?P<to>.*?) \((?P<stage>\w+)\)$")


def review_finds_errors(devset: Path, part: str) -> None:
    """Where `site-gen review` puts the published moves that are wrong: the share of them in the
    first fifth of its rows (the review is there to find them fast)."""
    scorer = _load_scorer(devset)
    truth = {}
    for line in (devset / part / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            truth[record["file"]] = record["moves"]
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        seeds.mkdir()
        for article in (devset / part / "articles").glob("*.txt"):
            shutil.copy(article, seeds / article.name)
        found = subprocess.run(site_gen_command() + ["review", "--csv", "--source", folder], capture_output=True,
                               text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(found)))

    def right(file: str, player: str, origin: str, destination: str) -> bool:
        for move in truth.get(file, []):
            if scorer.norm(move["player"]) != scorer.norm(player):
                continue
            if scorer._side(move.get("to")) != scorer._side(None if destination == "?" else destination):
                continue
            if not move.get("from") or scorer._side(move["from"]) == scorer._side(None if origin == "?" else origin):
                return True
        return False

    wrong_at = []
    published = 0
    for index, row in enumerate(rows):
        match = _MOVE_ROW.match(row["value"]) if row["field"] == "moves" else None
        if match is None or row["reason"].startswith("held back"):
            continue
        published += 1
        if not right(Path(row["file"]).name, match["player"], match["from"], match["to"]):
            wrong_at.append(index)
    fifth = len(rows) / 5
    early = sum(1 for index in wrong_at if index < fifth)
    print(f"-- review: {len(rows)} rows; {published} published moves listed, {len(wrong_at)} of them wrong; "
          f"{early} of the wrong ones ({early / max(1, len(wrong_at)):.0%}) in the first fifth of the rows")


def unseen_outlets(devset: Path, part: str) -> None:
    """Source accuracy with every outlet the part's annotation credits struck from the gazetteer: how the
    credit finder does on outlets it has never heard of, as a further real archive will name some."""
    import datetime as dt

    from site_gen.extract import extract, load_gazetteer

    scorer = _load_scorer(devset)
    truth = [json.loads(line) for line in (devset / part / "truth.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    credited = {scorer.outlet_key(record["source"]) for record in truth if record.get("source")}
    known = load_gazetteer()
    blind = dataclasses.replace(
        known, outlets={form: name for form, name in known.outlets.items() if scorer.outlet_key(name) not in credited},
        lower_outlets={form: name for form, name in known.lower_outlets.items()
                       if scorer.outlet_key(name) not in credited})
    right = asked = invented = 0
    for record in truth:
        raw = (devset / part / "articles" / record["file"]).read_text(encoding="utf-8")
        dated = re.match(r"\s*date (\d{4}-\d\d-\d\d)\s?", raw)
        body, date = (raw[dated.end():], dt.date.fromisoformat(dated.group(1))) if dated else (raw, None)
        found = extract(body, date, blind).source
        if record.get("source"):
            asked += 1
            right += scorer.outlet_key(found) == scorer.outlet_key(record["source"])
        elif found:
            invented += 1
    print(f"-- source with the {len(credited)} outlets credited struck from the gazetteer: "
          f"accuracy {right / max(1, asked):.3f} ({right}/{asked}); a source given where none is credited: {invented}")


def _load_scorer(devset: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("devset_score", devset / "score.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--parts", nargs="+", default=["tune"], choices=["tune", "check"])
    parser.add_argument("--misses", action="store_true", help="list what was missed (tune only: never read check's)")
    args = parser.parse_args(argv)
    if not (args.devset / "score.py").exists():
        print(f"skipped: no dev set at {args.devset} (it lies beside the clone, in ../shared/devset)")
        return 0
    from site_gen.extract.weighing import load_move_model

    model = load_move_model()
    if model is not None:
        print(f"publishing threshold: confidence >= {model.publish_at:.3f} (review from {model.review_at:.3f})")
    for part in args.parts:
        score_part(args.devset, part, args.misses and part == "tune")
        review_finds_errors(args.devset, part)
        unseen_outlets(args.devset, part)
    return 0


if __name__ == "__main__":
    sys.exit(main())
