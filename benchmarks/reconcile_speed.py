"""Speed of the archive-wide pass (names, roles, clubs across articles) at archive sizes.

    python benchmarks/reconcile_speed.py [--count 10000 100000]

Makes records of its own (no corpus needed): players drawn from a pool with spelling
variants, staff, appositions and moves, spread over ten years; times `reconcile()` (the pass
over the archive) and `apply()` over every record, each best of three.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import time

from site_gen.extract import Extraction, Move
from site_gen.extract.reconcile import DatedRecord, reconcile
from site_gen.extract.records import Affiliation

GIVEN = ["Tomas", "Kai", "Jonas", "Matthew", "Luca", "Mateo", "Callum", "Rhys", "Ethan", "Nico", "Jan", "Ivan"]
SYLLABLES = ["bran", "ni", "gan", "lund", "mül", "ler", "do", "her", "ty", "ri", "ba", "deo", "fal", "ken", "rath",
             "o", "du", "ya", "cal", "lo", "way", "kow", "al", "ski", "sil", "va", "hen", "der", "son", "ka", "for"]
CLUBS = ["Arsenal", "Chelsea", "Everton", "Fulham", "Sevilla", "Roma", "Ajax", "Porto", "Celtic", "Lazio"]


def make_records(count: int, seed: int) -> list[DatedRecord]:
    chance = random.Random(seed)
    surnames = {"".join(chance.choice(SYLLABLES) for _ in range(chance.randint(2, 3))).capitalize()
                for _ in range(max(50, count // 20))}
    pool = [f"{chance.choice(GIVEN)} {surname}" for surname in sorted(surnames)]
    start = dt.date(2015, 1, 1)
    records = []
    for number in range(count):
        names = chance.sample(pool, 3)
        written = [name if chance.random() > 0.1 else name.split()[-1] for name in names]
        moves = tuple(Move(name, None if chance.random() < 0.5 else chance.choice(CLUBS), chance.choice(CLUBS),
                           stage=chance.choice(["interest", "talks", "done"])) for name in written[:2])
        record = Extraction("t", players=tuple(written), moves=moves, staff=(f"Coach {number % 300}",),
                            affiliations=(Affiliation(written[2], chance.choice(CLUBS)),))
        records.append(DatedRecord(f"{number:06d}.txt", start + dt.timedelta(days=number * 3650 // count), record))
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    for count in options.count:
        records = make_records(count, options.seed)
        best_pass = best_apply = float("inf")
        for _ in range(3):
            gc.disable()  # as in a build, which pauses the collector while it makes many small objects
            started = time.perf_counter()
            reading = reconcile(records)
            read = time.perf_counter()
            changed = sum(reading.apply(item) is not item.record for item in records)
            best_pass, best_apply = min(best_pass, read - started), min(best_apply, time.perf_counter() - read)
            gc.enable()
        print(f"{count:>8,} records: the pass {best_pass:.2f} s, applied to every record {best_apply:.2f} s "
              f"({changed:,} revised)")


if __name__ == "__main__":
    main()
