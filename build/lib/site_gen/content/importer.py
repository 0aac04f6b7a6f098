"""Turn public transfer tables into the archive's `data/transfers.csv`, club names made canonical.

Reads tables in the shape of Transfermarkt-derived data sets such as ewenme/transfers
(`club_name, player_name, club_involved_name, fee, transfer_movement, transfer_period,
year`): each row is a transfer seen from one club's side, so the same transfer may come
twice and is written once. The table gives a window, not a day: summer moves are dated
1 July and winter ones 15 January of the row's year.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_gen.errors import SourceError
from site_gen.extract import Gazetteer, fold
from site_gen.content.transfers import COLUMNS

NEEDED = ("club_name", "player_name", "club_involved_name", "fee", "transfer_movement", "transfer_period", "year")
_DAY = {"summer": "07-01", "winter": "01-15"}
#: "Clubs" that are no club: a player leaving for these has not transferred anywhere.
_NO_CLUB = frozenset({"without club", "retired", "career break", "unknown", "ban", "suspended", "?"})
_MONEY = re.compile(r"^([£€$])\s?(\d+(?:\.\d+)?)\s?(m|th\.?|k)$", re.I)


@dataclass
class Imported:
    """The rows for transfers.csv, and the club names that matched no club of the gazetteer."""

    rows: list[dict[str, str]] = field(default_factory=list)
    unmatched: dict[str, int] = field(default_factory=dict)  # name as written → rows it was in
    skipped: int = 0  # returns from loan, moves to no club ("Retired"), rows without a window


def import_table(path: Path, gazetteer: Gazetteer, imported: Imported | None = None) -> Imported:
    """Add one table's transfers to `imported` (a new one if None)."""
    imported = imported or Imported()
    try:
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(path, f"cannot be read as UTF-8 text: {error}") from None
    missing = [column for column in NEEDED if column not in (reader.fieldnames or [])]
    if missing:
        raise SourceError(path, f"not a transfer table: no column {', '.join(missing)}", 1)
    seen = {(r["player"], r["from_club"], r["to_club"], r["date"]) for r in imported.rows}
    for row in reader:
        fee_text = (row["fee"] or "").strip()
        period = (row["transfer_period"] or "").strip().lower()
        if "end of loan" in fee_text.lower() or period not in _DAY or not (row["year"] or "").strip().isdigit() \
                or not row["club_involved_name"] or not row["player_name"] \
                or row["club_involved_name"].strip().lower() in _NO_CLUB:
            imported.skipped += 1
            continue
        own, other = _club(row["club_name"], gazetteer, imported), _club(row["club_involved_name"], gazetteer, imported)
        origin, destination = (other, own) if row["transfer_movement"].strip() == "in" else (own, other)
        kind = "loan" if "loan" in fee_text.lower() else "free" if "free" in fee_text.lower() else "permanent"
        record = {"player": row["player_name"].strip(), "from_club": origin, "to_club": destination,
                  "date": f"{row['year'].strip()}-{_DAY[period]}", "fee": _fee(fee_text), "kind": kind}
        key = (record["player"], origin, destination, record["date"])
        if key not in seen:
            seen.add(key)
            imported.rows.append(record)
    return imported


def _club(name: str, gazetteer: Gazetteer, imported: Imported) -> str:
    """The archive's name for a club; names it does not know are kept as written, and counted."""
    name = name.strip()
    if fold(name) not in gazetteer.club_forms:
        imported.unmatched[name] = imported.unmatched.get(name, 0) + 1
    return gazetteer.club_name(name)


def _fee(text: str) -> str:
    """"€12.00m" → "€12m", "€910Th." → "€0.91m"; words ("loan transfer", "?", "-") → no fee."""
    match = _MONEY.match(text.replace(",", ""))
    if not match:
        return ""
    symbol, number, unit = match.group(1), float(match.group(2)), match.group(3).lower()
    millions = number if unit == "m" else number / 1000
    return f"{symbol}{millions:.2f}".rstrip("0").rstrip(".") + "m"


def write_transfers(imported: Imported, target: Path) -> None:
    """Write `data/transfers.csv` (sorted by date, then player), replacing it whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(imported.rows, key=lambda r: (r["date"], r["player"], r["to_club"])))
