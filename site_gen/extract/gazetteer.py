"""Football knowledge the extractor looks names up in, loaded from `site_gen/extract/data/`.

The data is YAML an editor can read and extend (see `site_gen/extract/data/README.md`);
this module only turns it into look-up tables keyed by `fold()`ed text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml
from text_unidecode import unidecode

DATA_DIR = Path(__file__).parent / "data"

try:  # the C loader is ten times faster; fall back where PyYAML has no libyaml
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = yaml.SafeLoader

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SAINT = re.compile(r"\bst\.\s*")


@functools.lru_cache(maxsize=1 << 19)
def fold(text: str) -> str:
    """A look-up key: ASCII, lower case, no apostrophes, words split by one space.

    "St.Mary's", "St Mary’s" and "st marys" all fold to "st marys";
    "Atlético" and "Atletico" to "atletico"; "Brighton & Hove" to "brighton and hove".
    """
    text = unidecode(text).lower().replace("'", "").replace("&", " and ")
    text = _SAINT.sub("st ", text)
    return _NON_ALNUM.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Club:
    """A club and every name the press calls it by."""

    name: str
    country: str = ""
    league: str = ""
    aliases: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    stadiums: tuple[str, ...] = ()
    city: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Gazetteer:
    """Look-up tables, every key `fold()`ed. Hashed by identity, so results can be cached per gazetteer."""

    clubs: dict[str, Club]
    #: folded form → canonical names of the clubs it may mean (several = ambiguous)
    club_forms: dict[str, tuple[str, ...]]
    #: forms that are also ordinary words ("Real", "Forest"): trusted only when
    #: the club is named plainly elsewhere in the same article
    risky_forms: frozenset[str]
    #: folded outlet name or alias → canonical outlet name
    outlets: dict[str, str]
    #: outlets written with a small first letter ("talkSPORT", "dpa"), as written → canonical name
    lower_outlets: dict[str, str]
    countries: frozenset[str]
    demonyms: dict[str, str]
    regions: frozenset[str]
    competitions: frozenset[str]
    bodies: frozenset[str]
    staff_roles: frozenset[str]
    #: folded name of a well-known manager, executive, agent or pundit → first year not a player
    staff_names: dict[str, int]
    #: the most words any form has, to bound look-ahead
    longest_form: int
    #: folded outlet forms written in capitals ("AS", "YEP", "MEN"): outlets only when so written,
    #: since "As", "Yep" and "Men" are words
    cased_outlets: frozenset[str] = frozenset()
    #: the risky forms of the clubs taken from open data: small clubs far from the British press, whose
    #: one-word names ("Sousa", "Celik") are far more often players' surnames, so that only a phrase
    #: such as "Brazilian side" or the full name elsewhere makes them clubs
    open_risky_forms: frozenset[str] = frozenset()

    def club_name(self, name: str) -> str:
        """The canonical name for any plain name or alias; unknown names as written."""
        names = self.club_forms.get(fold(name), ())
        return names[0] if len(names) == 1 else name.strip()

    def outlet_name(self, name: str) -> str:
        """The outlet's one canonical name for any spelling ("Sportsmail" → "Daily Mail"); unknown as written."""
        key = fold(name)
        key = key[4:] if key.startswith("the ") else key
        return self.outlets.get(key, name.strip())


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(item) for item in value if item)


def _load_yaml(name: str) -> Any:
    path = DATA_DIR / name
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_YamlLoader)


def _add_club(entry: dict[str, Any], clubs: dict[str, Club], add: Callable[[str, str], None],
              risky: set[str]) -> None:
    """File one club entry under every form it is written in; forms that are words go to `risky`."""
    club = Club(
        name=str(entry["name"]),
        country=str(entry.get("country") or ""),
        league=str(entry.get("league") or ""),
        aliases=_strings(entry.get("aliases")),
        nicknames=_strings(entry.get("nicknames")),
        stadiums=_strings(entry.get("stadiums")),
        city=str(entry.get("city") or ""),
    )
    clubs[club.name] = club
    add(club.name, club.name)
    if entry.get("risky_name"):
        risky.add(fold(club.name))
    for form in club.aliases + _strings(entry.get("periphrases")):
        add(form, club.name)
    for form in _strings(entry.get("risky_aliases")):
        add(form, club.name)
        risky.add(fold(form))
    for form in club.nicknames:
        add(form, club.name)
        # "the Reds" is also written "Reds"; both forms mean the same clubs
        bare = re.sub(r"^(?:the|The)\s+", "", form)
        if bare != form:
            add(bare, club.name)
            risky.add(fold(bare))
    for form in club.stadiums:
        add(form, club.name)
        bare = re.sub(r"^(?:the|The)\s+", "", form)
        if bare != form:  # "the Valley" is a ground; "Valley" alone may be anything
            add(bare, club.name)
            risky.add(fold(bare))


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Build the tables once per process from the packaged YAML files."""
    clubs: dict[str, Club] = {}
    forms: dict[str, list[str]] = {}
    risky: set[str] = set()

    def add(form: str, club_name: str) -> None:
        key = fold(form)
        if key and club_name not in forms.setdefault(key, []):
            forms[key].append(club_name)
        if key.endswith(" united") and not key.startswith("the "):
            add(form[: -len("United")] + "Utd", club_name)  # "Leeds Utd", as the press shortens it

    hand_cities: set[str] = set()
    # clubs.yaml is written by hand; clubs_open.yaml is generated from open data (tools/build_open_clubs.py)
    # and never repeats a form of a hand-written club
    open_risky: set[str] = set()
    for source in ("clubs.yaml", "clubs_open.yaml"):
        for entry in _load_yaml(source) or []:
            if source == "clubs.yaml" and entry.get("city"):
                hand_cities.add(fold(str(entry["city"])))
            _add_club(entry, clubs, add, open_risky if source == "clubs_open.yaml" else risky)
    risky |= open_risky

    outlets: dict[str, str] = {}
    lower_outlets: dict[str, str] = {}
    cased: set[str] = set()
    for entry in _load_yaml("outlets.yaml") or []:
        name = str(entry["name"])
        for form in (name, *_strings(entry.get("aliases"))):
            key = fold(form)
            bare = key[4:] if key.startswith("the ") else key
            if key != bare:
                outlets.setdefault(key, name)  # "the Athletic", "the i": an outlet with "the" before it
            if len(bare) > 2 or key == bare:
                outlets.setdefault(bare, name)
            if form[:1].islower() and " " not in form and not form.startswith("the "):
                lower_outlets.setdefault(form, name)  # "talkSPORT", "dpa": found as written
            if re.sub(r"^(?:the|The) ", "", form).replace(" ", "").isupper():
                cased.add(bare)

    others = _load_yaml("non_clubs.yaml") or {}

    def folded(key: str) -> frozenset[str]:
        return frozenset(fold(item) for item in _strings(others.get(key)))

    demonyms = {fold(k): str(v) for k, v in (others.get("demonyms") or {}).items()}
    # Clubs' home cities are places, not people ("his family in Rio de Janeiro").
    cities = frozenset(hand_cities)
    club_forms = {key: tuple(names) for key, names in forms.items()}
    return Gazetteer(
        clubs=clubs,
        club_forms=club_forms,
        risky_forms=frozenset(risky),
        open_risky_forms=frozenset(open_risky),
        outlets=outlets,
        lower_outlets=lower_outlets,
        countries=folded("countries"),
        demonyms=demonyms,
        regions=folded("regions") | cities,
        competitions=folded("competitions"),
        bodies=folded("bodies"),
        staff_roles=folded("staff_roles"),
        staff_names={fold(str(name)): int(year) for name, year in ((_load_yaml("people.yaml") or {}).get("staff")
                                                                    or {}).items()},
        longest_form=max((key.count(" ") + 1 for key in [*club_forms, *outlets]), default=1),
        cased_outlets=frozenset(cased),
    )
