"""Site configuration: defaults, `site.toml`, then command-line overrides.

Every problem is collected and reported at once, naming the file and key.
"""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from site_gen.errors import ConfigError
from site_gen.output.theme import Theme
from site_gen.urls import normalise_base_url

CONFIG_FILE = "site.toml"
ORDERS = ("newest-first", "oldest-first")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything a build needs to know besides the articles themselves."""

    #: Folder holding `seeds/`, `site.toml` and, where it overrides the default theme, `templates/` and `static/`.
    source_dir: Path = Path(".")
    #: Where the site is written; replaced whole, only when a build succeeds. In `site.toml`, relative
    #: to the site's folder (default `_site` there); on the command line, to the current directory.
    out_dir: Path = Path("_site")
    #: "/" for a local preview; "https://user.github.io/repo/" for a project site.
    base_url: str = "/"
    title: str = "Transfer Rumour Archive"
    description: str = "Every transfer rumour, by player, club, month and tag."
    language: str = "en-GB"
    #: Items per page on every paginated list.
    per_page: int = 50
    #: Order of every list of rumours: "newest-first" or "oldest-first".
    order: str = "newest-first"
    #: Keep an editor's HTML markup in Markdown bodies (scripts, event handlers and
    #: unsafe links are removed all the same); off, only Markdown's own formatting is kept.
    raw_html: bool = False
    #: Where the archive's dates are: feeds give each article its date at midnight there.
    time_zone: str = "Europe/London"
    #: Entries in each Atom feed (the site's, each club's and each outlet's): the newest ones.
    feed_entries: int = 10
    #: Rumours a player needs for a page of his own. Named in fewer, his name links to his newest
    #: rumour, and there to the one before: most players of a busy archive are named once or
    #: twice, and a page each is a large share of its upload.
    player_page_rumours: int = 3
    #: Give every player a published move is about (at any stage, from interest to done) a page of
    #: his own, however few rumours name him; `player_page_rumours` then counts only for players
    #: merely named. Off, only `player_page_rumours` (or a verdict) makes a page.
    player_page_moves: bool = True
    #: Rumours a tag's page lists, the newest: a tag such as "loan" is on thousands, and listing
    #: them all would be a large share of the upload; search finds the older ones.
    tag_page_rumours: int = 50
    #: Rumours an outlet's page lists, the newest, with its whole record above them: a busy
    #: outlet has thousands; search finds the older ones.
    source_page_rumours: int = 50
    #: A rumoured move came true if the player joined that club within this many months.
    outcome_months: int = 12
    #: Outlets with fewer decided rumours than this are listed, but not ranked by hit rate.
    min_sample: int = 5
    #: Write the Pagefind search index (about a millisecond per article, player and club page).
    search: bool = True
    #: Write pages without the quotes, closing tags and spaces HTML can do without: a twentieth
    #: of the upload. Off, pages are as the templates write them, easier to read as source.
    minify_html: bool = True
    #: A custom domain for GitHub Pages ("rumours.example.com"), written to the site's CNAME file.
    cname: str = ""

    @property
    def seeds_dir(self) -> Path:
        return self.source_dir / "seeds"

    @property
    def templates_dir(self) -> Path:
        return self.source_dir / "templates"

    @property
    def static_dir(self) -> Path:
        return self.source_dir / "static"

    @property
    def theme(self) -> Theme:
        """The site's own templates and static files in front of the default theme's."""
        return Theme.for_site(self.templates_dir, self.static_dir)


_SETTABLE = {f.name: f for f in fields(SiteConfig) if f.name != "source_dir"}


def load_config(source_dir: Path, **overrides: Any) -> SiteConfig:
    """Read `site.toml` from `source_dir` (if any) and apply non-None overrides."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    config_path = source_dir / CONFIG_FILE
    if config_path.is_file():
        try:
            values = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{config_path}: {error}") from error
        for key in sorted(set(values) - set(_SETTABLE)):
            problems.append(f"{config_path}: unknown key {key!r} (known: {', '.join(_SETTABLE)})")
            del values[key]
        if isinstance(values.get("out_dir"), str):
            values["out_dir"] = source_dir / values["out_dir"]  # as MkDocs reads site_dir: beside the config
    values.update({key: value for key, value in overrides.items() if value is not None})
    config = SiteConfig(source_dir=source_dir, out_dir=source_dir / "_site")
    for key, value in values.items():
        try:
            config = replace(config, **{key: _check(key, value)})
        except ConfigError as error:
            problems.append(f"{config_path}: {key}: {error}")
    if problems:
        raise ConfigError("\n".join(problems))
    return config


def _check(key: str, value: Any) -> Any:
    """Coerce one setting to its declared type or explain why it cannot be."""
    if key == "out_dir":
        if not isinstance(value, (str, Path)) or not str(value):
            raise ConfigError(f"must be a folder name, not {value!r}")
        return Path(value)
    if key == "base_url":
        return normalise_base_url(str(value))
    if key in ("per_page", "feed_entries", "player_page_rumours", "tag_page_rumours", "source_page_rumours",
               "outcome_months", "min_sample"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"must be a whole number of at least 1, not {value!r}")
        return value
    if key in ("raw_html", "search", "minify_html", "player_page_moves"):
        if not isinstance(value, bool):
            raise ConfigError(f"must be true or false, not {value!r}")
        return value
    if not isinstance(value, str):
        raise ConfigError(f"must be text, not {value!r}")
    if key == "time_zone":
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"{value!r} is not a time zone name such as 'Europe/London' or 'UTC'") from None
    if key == "order" and value not in ORDERS:
        raise ConfigError(f"must be one of {', '.join(map(repr, ORDERS))}, not {value!r}")
    if key == "cname" and value and not _HOST.fullmatch(value):
        raise ConfigError(f"{value!r} is not a bare host name such as 'rumours.example.com' "
                          "(no scheme, path or port)")
    return value


_HOST = re.compile(r"(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
