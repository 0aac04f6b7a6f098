"""`site-gen review`: the records an editor should check first, as a table or CSV, and the
corrections written back from that CSV into `corrections.yaml`.

The CSV has a `correction` column. Fill it in and apply the file:
- `players`: the article's players, separated by ";" (or empty to keep them);
- `moves`: the article's moves, "Player: From -> To (stage)" separated by ";" (all it publishes:
  a held move written here is published, and the article's other held moves are dropped);
- `source`: the outlet or reporter;
- `name`: the spelling the whole archive should use for the name in `value`;
- any field, `not a player`: the person in `value` is never a player.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from site_gen.content.archive import read_archive
from site_gen.content.corrections import Corrections
from site_gen.content.editing import corrections_document
from site_gen.content.transfers import Transfer
from site_gen.errors import ConfigError
from site_gen.extract import Move
from site_gen.extract.review import MOVE_TEXT, Doubt, doubts, move_text, ordered
from site_gen.model import Article
from site_gen.site.outcomes import judge

COLUMNS = ("file", "field", "value", "reason", "confidence", "evidence", "correction")


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying a review file changed in `corrections.yaml`."""

    articles: int
    names: int
    not_players: int


def review(articles: Sequence[Article], transfers: Sequence[Transfer] = (),
           corrections: Corrections | None = None, outcome_months: int = 12) -> list[Doubt]:
    """The doubtful fields of every article, read as the build reads the archive: what the site
    shows, by calibrated confidence, lowest first, then the held moves, likeliest first. Moves whose
    outcomes the archive contradicts and cannot settle (shown without a verdict) are among them."""
    archive = read_archive(articles, transfers, corrections)
    records = [record for item in archive.items if isinstance(record := archive.reading.apply(item), Article)]
    unsettled = [Doubt(u.file, "moves", move_text(u.move), f"no verdict: {u.reason}",
                       _rival_confidence(u.move, [move for _, move in u.rivals]), u.move.evidence)
                 for u in judge(records, transfers, outcome_months).unsettled]
    said = {(d.key, d.value) for d in unsettled}  # their rows say why; a plain "published" row would repeat them
    found = [d for d in doubts(archive.items, archive.reading) if d.reason != "published" or (d.key, d.value) not in said]
    return ordered(found + unsettled)


def _rival_confidence(move: Move, rivals: Sequence[Move]) -> float:
    """How likely a report is the right one when it and its strongest rival cannot both be: its
    confidence and the rival's, weighed against each other (two sure reports: one half each)."""
    if not rivals:
        return move.confidence
    mine = min(max(move.confidence, 0.01), 0.99)
    theirs = min(max(max(r.confidence for r in rivals), 0.01), 0.99)
    return mine * (1 - theirs) / (mine * (1 - theirs) + theirs * (1 - mine))


def as_table(found: Sequence[Doubt], limit: int) -> str:
    """The first `limit` doubts as aligned text columns; under a move's row, the sentence it was read from."""
    header = ("confidence", "file", "field", "value", "why")
    rows = [(f"{d.confidence:.2f}", d.key, d.field, d.value, d.reason) for d in found[:limit]]
    widths = [min(40, max(len(row[i]) for row in (header, *rows))) for i in range(4)]
    lines = []
    for row, doubt in zip((header, *rows), (None, *found[:limit])):
        lines.append("  ".join(cell[:widths[i]].ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row)))
        if doubt is not None and doubt.evidence:
            lines.append(f"{'':{widths[0]}}  “{_one_line(doubt.evidence)}”")
    return "\n".join(lines)


def _one_line(text: str, length: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


def as_csv(found: Sequence[Doubt]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for d in found:
        writer.writerow((d.key, d.field, d.value, d.reason, f"{d.confidence:.2f}", " ".join(d.evidence.split()), ""))
    return out.getvalue()


def apply_review(csv_path: Path, source_dir: Path) -> Applied:
    """Write the corrections filled in a review CSV into the archive's `corrections.yaml`
    (made if missing; its other entries, comments and layout are kept)."""
    try:
        rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ConfigError(f"{csv_path}: cannot be read as a review file: {error}") from error
    if rows and "correction" not in rows[0]:
        raise ConfigError(f"{csv_path}: no 'correction' column (export one with site-gen review --csv)")
    with corrections_document(source_dir) as data:
        return _apply_rows(rows, csv_path, data)


def _apply_rows(rows: list[dict[str, str]], csv_path: Path, data: Any) -> Applied:
    articles: dict[str, dict[str, Any]] = data["articles"]
    names: dict[str, str] = data["player_names"]
    not_players: list[str] = data["not_players"]
    changed_articles: set[str] = set()
    changed_names = added_not_players = 0
    for line, row in enumerate(rows, start=2):
        correction = (row.get("correction") or "").strip()
        if not correction:
            continue
        field, value, file = (row.get("field") or "").strip(), (row.get("value") or "").strip(), row.get("file") or ""
        where = f"{csv_path}:{line}"
        if correction.lower() == "not a player":
            person = value.split("→")[-1].split(":")[0].strip()
            if person and person not in not_players:
                not_players.append(person)
                added_not_players += 1
        elif field == "name":
            names[value.split("→")[0].strip()] = correction
            changed_names += 1
        elif field in ("players", "clubs", "tags"):
            articles.setdefault(file, {})[field] = [part.strip() for part in correction.split(";") if part.strip()]
            changed_articles.add(file)
        elif field == "source":
            articles.setdefault(file, {})["source"] = correction
            changed_articles.add(file)
        elif field == "moves":
            moves = []
            for part in filter(None, (p.strip() for p in correction.split(";"))):
                match = MOVE_TEXT.match(part)
                if match is None:
                    raise ConfigError(f"{where}: a move is written 'Player: From -> To (stage)', not {part!r}")
                moves.append({"player": match["player"].strip(), "from": match["from"].strip(" ?") or None,
                              "to": match["to"].strip(" ?") or None, "stage": match["stage"] or "interest"})
            articles.setdefault(file, {})["moves"] = moves
            changed_articles.add(file)
        else:
            raise ConfigError(f"{where}: cannot apply a correction to field {field!r}")
    return Applied(len(changed_articles), changed_names, added_not_players)
