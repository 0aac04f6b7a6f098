"""Synthetic rumour articles in the raw format, for the benchmarks: the project makes its own, so
the benchmarks run in a fresh clone with nothing beside it.

    python benchmarks/corpus.py --count 1000 --out DIR [--seed 1] [--truth truth.jsonl]

Each article is a few paragraphs of invented gossip about invented players at real clubs (the
gazetteer's), dated over ten years, credited to a real outlet name; `--truth` writes the players
and clubs each article names. The prose is made from templates: it is for timing, not for
judging extraction (the hand-written sets in tests/ are for that).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "site_gen" / "extract" / "data"

GIVEN = ["Tomas", "Kai", "Jonas", "Luca", "Mateo", "Callum", "Rhys", "Ethan", "Nico", "Jan", "Ivan", "Oskar",
         "Matteo", "Youssef", "Kwame", "Sindre", "Dario", "Hugo", "Lars", "Emil", "Bruno", "Ruben", "Sami", "Leon"]
SYLLABLES = ["bran", "ni", "gan", "lund", "kor", "ler", "do", "her", "ty", "ri", "ba", "deo", "fal", "ken", "rath",
             "o", "du", "ya", "cal", "lo", "way", "kow", "al", "ski", "sil", "va", "hen", "der", "son", "ka", "for",
             "mar", "tin", "vel", "ez", "ber", "go", "stad"]
POSITIONS = ["striker", "winger", "midfielder", "centre-back", "left-back", "goalkeeper", "forward", "defender"]
OUTLETS = ["Sky Sports", "the Guardian", "the Mirror", "BBC Sport", "the Times", "Marca", "L'Equipe", "Bild"]
OPENINGS = [
    "{buyer} are closing in on {seller} {position} {player}, according to {outlet}.",
    "{buyer} have opened talks with {seller} over a move for {position} {player}.",
    "{seller} have rejected a {fee} bid from {buyer} for {player}, {outlet} reports.",
    "{player} is set to join {buyer} from {seller} for {fee} after agreeing personal terms.",
    "{buyer} are monitoring {seller}'s {position} {player} ahead of the window.",
]
MIDDLES = [
    "The {age}-year-old has scored {goals} goals this season and has two years left on his contract.",
    "{seller} value {surname} at around {fee} and are in no hurry to sell.",
    "{rival} are also keen on {surname}, but {buyer} are thought to be in pole position.",
    "{surname} is understood to favour a move, having been left out of the squad at the weekend.",
    "A medical could take place later this week if the clubs reach an agreement.",
]


def _clubs() -> list[str]:
    entries = yaml.safe_load((DATA / "clubs.yaml").read_text(encoding="utf-8"))
    return sorted(str(entry["name"]) for entry in entries if entry.get("league"))


def make_corpus(count: int, out: Path, seed: int = 1, truth: Path | None = None) -> list[Path]:
    """Write `count` articles into `out` (made if missing); return their paths."""
    chance = random.Random(seed)
    clubs = _clubs()
    surnames = sorted({"".join(chance.choice(SYLLABLES) for _ in range(chance.randint(2, 3))).capitalize()
                       for _ in range(max(200, count // 5))})
    out.mkdir(parents=True, exist_ok=True)
    start = dt.date(2014, 1, 1)
    paths, rows = [], []
    for number in range(count):
        player = f"{chance.choice(GIVEN)} {chance.choice(surnames)}"
        buyer, seller, rival = chance.sample(clubs, 3)
        values = {"player": player, "surname": player.split()[-1], "buyer": buyer, "seller": seller, "rival": rival,
                  "position": chance.choice(POSITIONS), "outlet": chance.choice(OUTLETS),
                  "fee": f"£{chance.randint(2, 90)}m", "age": chance.randint(18, 33), "goals": chance.randint(0, 25)}
        paragraphs = [chance.choice(OPENINGS).format(**values)]
        paragraphs += [line.format(**values) for line in chance.sample(MIDDLES, 3)]
        date = start + dt.timedelta(days=(number * 3650) // max(1, count))
        name = f"{number:06d}_{chance.getrandbits(64):016x}.txt"
        path = out / name
        path.write_text(f" date {date.isoformat()} " + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
        named_clubs = [club for club in (buyer, seller, rival) if club in " ".join(paragraphs)]
        rows.append({"file": name, "players": [player], "clubs": named_clubs})
    if truth is not None:
        truth.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--truth", type=Path)
    options = parser.parse_args()
    make_corpus(options.count, options.out, options.seed, options.truth)


if __name__ == "__main__":
    main()
