"""The archive's table of completed transfers, `data/transfers.csv` beside `seeds/`.

Header `player,from_club,to_club,date,fee,kind`; club names are made canonical with the
gazetteer, so they match the names the articles are indexed under.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from site_gen.errors import Problem
from site_gen.extract import Fee, Gazetteer, parse_fee

TRANSFERS_FILE = Path("data") / "transfers.csv"
COLUMNS = ["player", "from_club", "to_club", "date", "fee", "kind"]
KINDS = ("permanent", "loan", "free")


@dataclass(frozen=True, slots=True)
class Transfer:
    """A completed transfer, names canonical as in the archive."""

    player: str
    from_club: str | None
    to_club: str
    date: dt.date
    fee: Fee | None
    kind: str



def load_transfers(source_dir: Path, gazetteer: Gazetteer, problems: list[Problem]) -> list[Transfer]:
    """The site's completed transfers; every bad row becomes a problem naming file and line."""
    path = source_dir / TRANSFERS_FILE
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(path, f"cannot be read as UTF-8 text: {error}"))
        return []
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != COLUMNS:
        problems.append(Problem(path, f"the header must be {','.join(COLUMNS)}, not "
                                      f"{','.join(reader.fieldnames or [])}", 1))
        return []
    transfers: list[Transfer] = []
    for row in reader:
        line = reader.line_num
        try:
            transfers.append(_transfer(row, gazetteer))
        except ValueError as error:
            problems.append(Problem(path, f"{error}; row skipped", line))
    return transfers


def _transfer(row: dict[str, str], gazetteer: Gazetteer) -> Transfer:
    values = {key: (value or "").strip() for key, value in row.items() if key in COLUMNS}
    if not values["player"] or not values["to_club"]:
        raise ValueError("player and to_club are required")
    try:
        date = dt.date.fromisoformat(values["date"])
    except ValueError:
        raise ValueError(f"date {values['date']!r} is not a date (YYYY-MM-DD)") from None
    if values["kind"] not in KINDS:
        raise ValueError(f"kind {values['kind']!r} must be one of {', '.join(KINDS)}")
    return Transfer(values["player"], gazetteer.club_name(values["from_club"]) if values["from_club"] else None,
                    gazetteer.club_name(values["to_club"]), date, parse_fee(values["fee"]) if values["fee"] else None,
                    values["kind"])
