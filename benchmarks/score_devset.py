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
    return 0


if __name__ == "__main__":
    sys.exit(main())
