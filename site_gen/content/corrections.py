"""An editor's fixes to inference for the whole archive, from `corrections.yaml`.

    not_players: [Manuel Pellegrino]            # people who are never players
    player_names: {Virgil Van Dijk: Virgil van Dijk}   # any spelling → the one to show
    club_names: {the Toffees: Everton}          # extra names, nicknames, stadiums for a club
    articles:                                   # front matter for one article, by file name
      000_e7628b25063be3d4.txt: {players: [Virgil van Dijk, Wesley Hoedt]}

Front matter written in an article file still wins over `articles:` here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

import yaml

from site_gen.digests import fingerprint
from site_gen.errors import ConfigError
from site_gen.extract import Gazetteer, fold, load_gazetteer
from site_gen.urls import slugify

CORRECTIONS_FILE = "corrections.yaml"
_KEYS = ("not_players", "player_names", "club_names", "articles")


@dataclass(frozen=True, slots=True)
class Corrections:
    """Fixes keyed for look-up: player slugs, folded club names, article file names."""

    not_players: frozenset[str] = frozenset()
    player_names: Mapping[str, str] = field(default_factory=dict)
    club_names: Mapping[str, str] = field(default_factory=dict)
    articles: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def entry_for(self, file_name: str) -> Mapping[str, Any]:
        """The front matter `articles:` gives a file; an entry for `X.txt` also holds for the `X.md`
        that `site-gen ingest` made of it."""
        found = self.articles.get(file_name)
        if found is None and file_name.endswith(".md"):
            found = self.articles.get(file_name[:-3] + ".txt")
        return found or {}

    def touches(self, names: tuple[str, ...]) -> bool:
        """Whether any of these player names is respelt or declared no player."""
        return bool(self.player_names or self.not_players) and any(
            (key := slugify(name)) in self.player_names or key in self.not_players for name in names)

    def digest_for(self, file_name: str, players: tuple[str, ...]) -> str:
        """A digest of the corrections that apply to one article whose record names these players
        (as read): a page showing the article changes when this does."""
        entry = self.entry_for(file_name)
        if not entry and not self.touches(players):
            return ""
        touching = sorted((slugify(name), self.player_names.get(slugify(name), ""), slugify(name) in self.not_players)
                          for name in players)
        return fingerprint((sorted(entry.items(), key=lambda item: item[0]), touching)).hex()[:16]

    def extraction_digest(self) -> str:
        """A digest of what the corrections change in extraction itself (club names the gazetteer
        learns): only this empties the cache of records, as the prose must be read again."""
        return fingerprint(sorted(self.club_names.items())).hex()[:16] if self.club_names else ""

    def fix_players(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """Drop declared non-players and respell names, keeping first-mention order."""
        # (a name declared no player by either spelling: as written, or as the editor respelt it)
        respelt = ((name, self.player_names.get(slugify(name), name)) for name in names)
        return tuple(dict.fromkeys(shown for name, shown in respelt
                                   if slugify(name) not in self.not_players and slugify(shown) not in self.not_players))

    def extend(self, gazetteer: Gazetteer) -> Gazetteer:
        """The gazetteer with the editor's extra club names added (theirs win)."""
        if not self.club_names:
            return gazetteer
        forms = dict(gazetteer.club_forms)
        forms.update({key: (club,) for key, club in self.club_names.items()})
        return replace(gazetteer, club_forms=forms,
                       longest_form=max(gazetteer.longest_form, *(k.count(" ") + 1 for k in forms)))


def archive_gazetteer(corrections: Corrections | None) -> Gazetteer:
    """The packaged gazetteer with this archive's own club names added (made once per command, so the
    extractor's caches keep working)."""
    return (corrections or Corrections()).extend(load_gazetteer())


def load_corrections(source_dir: Path) -> Corrections:
    """Read `corrections.yaml` if present; report every problem with file and key."""
    path = source_dir / CORRECTIONS_FILE
    if not path.is_file():
        return Corrections()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must be a mapping with keys {', '.join(_KEYS)}")
    problems = [f"{path}: unknown key {key!r} (known: {', '.join(_KEYS)})" for key in data if key not in _KEYS]
    not_players = data.get("not_players") or []
    if not isinstance(not_players, list):
        problems.append(f"{path}: not_players must be a list of names")
        not_players = []
    mappings = {}
    for key in ("player_names", "club_names", "articles"):
        value = data.get(key) or {}
        if not isinstance(value, dict) or (key == "articles" and not all(isinstance(v, dict) for v in value.values())):
            problems.append(f"{path}: {key} must be a mapping" + (" of file name to front matter" if key == "articles" else ""))
            value = {}
        mappings[key] = value
    if problems:
        raise ConfigError("\n".join(problems))
    return Corrections(
        not_players=frozenset(slugify(str(name)) for name in not_players),
        player_names={slugify(str(k)): str(v) for k, v in mappings["player_names"].items()},
        club_names={fold(str(k)): str(v) for k, v in mappings["club_names"].items()},
        articles={str(k): v for k, v in mappings["articles"].items()},
    )
