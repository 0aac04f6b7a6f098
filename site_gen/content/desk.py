"""The editor's desk: one correction asked for from the preview, checked, then written into
`corrections.yaml` as the plain entry an editor could have typed (see the README's corrections).

Everything that comes in is checked before anything is written: the article is a file of the
archive's `seeds/` named as it is there (no path), a stage is one of `STAGES`, names, clubs, fees
and outlets are short single-line text. A request that fails a check writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from site_gen.content.editing import corrections_document
from site_gen.content.load import load_source
from site_gen.errors import SourceError
from site_gen.extract import STAGES

#: What the desk can do, and the fields each asks for (beyond `action`).
ACTIONS: Mapping[str, tuple[str, ...]] = {
    "reject": ("file", "player"),
    "confirm": ("file", "player"),
    "add": ("file", "player", "to"),
    "edit": ("file", "player", "to", "new_to"),
    "merge": ("name", "into"),
    "not_player": ("name",),
    "source": ("file", "outlet"),
}
#: Fields that may be given besides the required ones.
OPTIONAL = ("to", "from", "stage", "fee", "new_player", "new_from", "new_stage", "new_fee")
_TEXT_LIMIT = 120


class DeskError(ValueError):
    """A request the desk refuses, with what is wrong in it."""


@dataclass(frozen=True, slots=True)
class DeskRequest:
    """One checked correction."""

    action: str
    fields: Mapping[str, str]


def checked_request(raw: object, seeds_dir: Path) -> DeskRequest:
    """The request as the desk will apply it; `DeskError` naming what is wrong."""
    if not isinstance(raw, dict):
        raise DeskError("a request is a JSON object with an 'action'")
    action = str(raw.get("action"))
    if action not in ACTIONS:
        raise DeskError(f"'action' must be one of {', '.join(ACTIONS)}")
    unknown = sorted(set(raw) - {"action", *ACTIONS[action], *OPTIONAL})
    if unknown:
        raise DeskError(f"unknown field(s) for {action}: {', '.join(unknown)}")
    fields: dict[str, str] = {}
    for name in (*ACTIONS[action], *OPTIONAL):
        value = raw.get(name)
        if value is None or value == "":
            if name in ACTIONS[action]:
                raise DeskError(f"{action} needs '{name}'")
            continue
        fields[name] = _text(name, value)
    for name in ("stage", "new_stage"):
        if name in fields and fields[name] not in STAGES:
            raise DeskError(f"'{name}' must be one of {', '.join(STAGES)}, not {fields[name]!r}")
    if "file" in fields:
        _check_file(fields["file"], seeds_dir)
    if action == "source" and fields["file"].endswith(".md"):
        try:
            own = "source" in load_source(seeds_dir / fields["file"]).front_matter
        except SourceError:
            own = False
        if own:  # the file's own front matter wins over corrections.yaml: an entry there would change nothing
            raise DeskError(f"{fields['file']} sets its own 'source' in its front matter: change it there")
    return DeskRequest(action, fields)


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise DeskError(f"'{name}' must be text")
    text = value.strip()
    if len(text) > _TEXT_LIMIT or any(ord(char) < 32 or char == "\x7f" for char in text):
        raise DeskError(f"'{name}' must be one line of at most {_TEXT_LIMIT} characters")
    return text


def _check_file(name: str, seeds_dir: Path) -> None:
    """An article of the archive, by its name in `seeds/`: nothing outside it, nothing hidden."""
    if "/" in name or "\\" in name or name.startswith(".") or not name.endswith((".txt", ".md")):
        raise DeskError(f"'file' must name an article in seeds/ (a .txt or .md file there), not {name!r}")
    if not (seeds_dir / name).is_file():
        raise DeskError(f"no article {name!r} in seeds/")


def apply_request(request: DeskRequest, source_dir: Path) -> str:
    """Write the correction into `corrections.yaml`; what was done, in a few words."""
    fields = request.fields
    with corrections_document(source_dir) as data:
        if request.action == "merge":
            data["player_names"][fields["name"]] = fields["into"]
            return f"{fields['name']} is now written {fields['into']}"
        if request.action == "not_player":
            if fields["name"] not in data["not_players"]:
                data["not_players"].append(fields["name"])
            return f"{fields['name']} is no player"
        entry = data["articles"].setdefault(fields["file"], {})
        if request.action == "source":
            entry["source"] = fields["outlet"]
            return f"credited to {fields['outlet']}"
        named = {"player": fields["player"], "to": fields.get("to")}  # (no "to": a move to no club named)
        if request.action == "reject":
            _append(entry, "moves_rejected", named)
            return f"{fields['player']} to {fields.get('to') or 'no club'}: rejected"
        if request.action == "confirm":
            _append(entry, "moves_confirmed", named)
            return f"{fields['player']} to {fields.get('to') or 'no club'}: confirmed"
        if request.action == "add":
            _append(entry, "moves_added", _move(fields, ""))
            return f"{fields['player']} to {fields['to']}: added"
        # edit: the move as it was is rejected, the move as it should be added
        _append(entry, "moves_rejected", named)
        _append(entry, "moves_added", _move(fields, "new_"))
        return f"{fields['player']} to {fields['to']}: corrected"


def _move(fields: Mapping[str, str], prefix: str) -> dict[str, str]:
    """A move as corrections.yaml writes it; an edit keeps what it does not change."""
    move = {"player": fields.get(f"{prefix}player") or fields["player"]}
    origin = fields.get(f"{prefix}from") or fields.get("from")
    if origin:
        move["from"] = origin
    move["to"] = fields.get(f"{prefix}to") or fields["to"]
    fee = fields.get(f"{prefix}fee") or fields.get("fee")
    if fee:
        move["fee"] = fee
    move["stage"] = fields.get(f"{prefix}stage") or fields.get("stage") or "interest"
    return move


def _append(entry: Any, key: str, move: Mapping[str, str | None]) -> None:
    """Add a move to one of an article's lists, once."""
    listed = entry.setdefault(key, [])
    if dict(move) not in [dict(item) for item in listed]:
        listed.append(dict(move))
