"""Synthetic rumour articles in the raw format, for the benchmarks: the project makes its own, so
the benchmarks run in a fresh clone with nothing beside it.

    python benchmarks/corpus.py --count 1000 --out DIR [--seed 1] [--truth truth.jsonl]

Each article is invented gossip about invented players at real clubs (the gazetteer's), dated
over ten years, credited to a real outlet name, and about as long as a real one (some 2,500
characters in a dozen paragraphs, a second player in about a third of them); `--truth` writes the
players and clubs each article names. The prose is made from templates: it is for timing, not for
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
SECONDS = [
    "{buyer} have also asked about {seller} {position} {other}, who could move the other way.",
    "Should {surname} leave, {seller} have identified {rival} {position} {other} as a replacement.",
]
BACKGROUND = [
    "The club's recruitment staff have watched him several times this season, most recently in midweek.",
    "Talks are said to be cordial, although the two sides remain some way apart on the structure of the payments.",
    "His agent has held informal discussions with a number of clubs in recent weeks, according to people close to the player.",
    "The manager is keen to strengthen his squad before the window closes and has been handed a budget to do so.",
    "Any deal is likely to include add-ons linked to appearances and trophies, as well as a sell-on clause.",
    "The player is thought to be open to the move, having made it clear he wants regular first-team football.",
    "A loan with an obligation to buy has been floated as a way of spreading the cost over two seasons.",
    "Supporters have been critical of the club's transfer business so far, with only one senior signing made.",
    "He was a regular for his country's youth teams and made his senior international debut two years ago.",
    "The selling club would prefer to complete their own incoming business before agreeing to any departure.",
    "Scouts from several clubs were in the stands at the weekend, when he played the full ninety minutes.",
    "The board is understood to be reluctant to sanction a deal of that size for a player with one year left.",
    "Personal terms are not expected to be a problem, with a five-year contract on the table.",
    "The player's representatives are expected to travel for further talks in the coming days.",
    "Both clubs declined to comment when approached on Monday evening.",
    "The fee would make him one of the most expensive signings in the club's history.",
    "Injuries in defence have forced the manager to play out of position players for much of the autumn.",
    "It remains to be seen whether the selling club will accept payment in instalments.",
    "His form has dipped since the turn of the year, but his underlying numbers remain among the best in the league.",
    "A release clause in his contract becomes active at the end of the season.",
    "The club's sporting director travelled abroad last week to hold face-to-face talks with the player's family.",
    "Several other targets have been discussed internally, but he remains at the top of the list.",
    "The squad returns from its winter training camp at the end of the week.",
    "Financial fair play rules mean the buying club may need to sell before they can buy.",
    "Sources close to the negotiations say an agreement could be reached within days rather than weeks.",
    "He has two assists in his last three appearances and was named man of the match on Saturday.",
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
        other = f"{chance.choice(GIVEN)} {chance.choice(surnames)}"
        buyer, seller, rival = chance.sample(clubs, 3)
        values = {"player": player, "surname": player.split()[-1], "buyer": buyer, "seller": seller, "rival": rival,
                  "other": other, "position": chance.choice(POSITIONS), "outlet": chance.choice(OUTLETS),
                  "fee": f"£{chance.randint(2, 90)}m", "age": chance.randint(18, 33), "goals": chance.randint(0, 25)}
        paragraphs = [chance.choice(OPENINGS).format(**values)]
        paragraphs += [line.format(**values) for line in chance.sample(MIDDLES, 3)]
        named_players = [player]
        if chance.random() < 0.35:
            paragraphs.append(chance.choice(SECONDS).format(**values))
            named_players.append(other)
        background = chance.sample(BACKGROUND, chance.randint(18, 24))
        paragraphs += [" ".join(background[at:at + 2]) for at in range(0, len(background), 2)]
        date = start + dt.timedelta(days=(number * 3650) // max(1, count))
        name = f"{number:06d}_{chance.getrandbits(64):016x}.txt"
        path = out / name
        path.write_text(f" date {date.isoformat()} " + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
        named_clubs = [club for club in (buyer, seller, rival) if club in " ".join(paragraphs)]
        rows.append({"file": name, "players": named_players, "clubs": named_clubs})
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
