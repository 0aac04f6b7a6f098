"""Build `site_gen/extract/data/clubs_open.yaml` from openfootball/clubs (CC0).

Not part of the package: run by hand when the source data changes, then review the diff.

    .venv/bin/python tools/build_open_clubs.py ../shared/data/openfootball-clubs

Why a second file: `clubs.yaml` is written by hand (nicknames, periphrases, canonical names as
British journalism writes them); this one adds the long tail of clubs the press names in passing
("a loanee from Eupen", "the clash with Shkendija") with their official and short names. A club
already in `clubs.yaml` (by any of its names) is left out, and no form of an existing club, outlet,
country, region or competition is reused, so the hand-written data always wins.

Risk: a one-word form ("Eupen", "Wits", "Bloemfontein") or a form that is a town's name is marked
risky: the extractor then trusts it only with a club cue around it or the plain name elsewhere.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from site_gen.extract.gazetteer import DATA_DIR, fold  # noqa: E402

#: legal-form and sports-club abbreviations that British copy drops ("KAS Eupen" → "Eupen")
LEGAL = {"fc", "afc", "cf", "sc", "pfc", "fk", "sk", "kas", "as", "bk", "if", "ff", "ik", "cd", "ud", "sd", "ca",
         "ac", "kv", "krc", "kaa", "rsc", "k", "r", "nk", "hnk", "gnk", "ks", "kf", "mfk", "sfc", "jk", "fcsb",
         "cs", "acs", "csm", "sv", "tsv", "vfl", "vfb", "sg", "ssc", "ss", "us", "asd", "ssd", "ogc", "rc", "sco",
         "esc", "ea", "gd", "cp", "ec", "se", "cr"}
#: whole-name words that make a team something other than a men's first team
SKIP_WORDS = {"women", "ladies", "femenino", "feminin", "frauen", "u19", "u21", "u23", "reserves", "ii", "b"}
#: countries whose folder names differ from their English names
COUNTRY_NAMES = {"bosnia-n-herzegovina": "Bosnia and Herzegovina", "latvija": "Latvia",
                 "trinidad-n-tobago": "Trinidad and Tobago", "congo-dr": "DR Congo", "macedonia": "North Macedonia",
                 "usa": "United States", "czech-republic": "Czech Republic"}


def parse(path: Path) -> list[dict]:
    """The clubs of one `*.clubs.txt` file: name, city, stadium, aliases."""
    clubs: list[dict] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("="):
            continue
        if line.lstrip().startswith("|"):
            if clubs:
                clubs[-1]["aliases"] += [a.strip() for a in line.strip()[1:].split("|") if a.strip()]
            continue
        if raw[:1].isspace():
            continue
        fields = [f.strip() for f in line.split(",")]
        club = {"official": fields[0], "city": "", "stadium": "", "aliases": []}
        for field in fields[1:]:
            if field.startswith("@"):
                club["stadium"] = field[1:].strip()
            elif field and not field.isdigit():
                club["city"] = re.sub(r"\s*\(.*|\s*›.*", "", field).strip()
        # "AmaZulu\tDurban": a tab separates a name from its city
        if "\t" in club["official"]:
            club["official"], city = club["official"].split("\t", 1)
            club["city"] = club["city"] or city.strip()
        clubs.append(club)
    return clubs


def press_name(official: str) -> str:
    """The name as British copy writes it: legal-form abbreviations dropped, no accents kept out
    of the look-up (the loader folds them), as written otherwise."""
    words = official.split()
    while len(words) > 1 and fold(words[0]) in LEGAL:
        words = words[1:]
    while len(words) > 1 and fold(words[-1]) in LEGAL | {"1893", "1896", "1899", "1900", "1904", "1905"}:
        words = words[:-1]
    return " ".join(words)


def usable(form: str) -> bool:
    """Forms worth looking up: no table abbreviations, years, or long official names."""
    key = fold(form)
    if " " not in key and len(key) <= 3 and not form.isupper():
        return False  # "Van", "Ajo": a particle or a word more often than a club
    return bool(key) and "." not in form and not any(w in SKIP_WORDS for w in key.split()) \
        and len(key.split()) <= 5 and not key.isdigit() and len(key) > 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path, help="the openfootball-clubs folder")
    parser.add_argument("--out", type=Path, default=DATA_DIR / "clubs_open.yaml")
    args = parser.parse_args()

    hand = yaml.safe_load((DATA_DIR / "clubs.yaml").read_text(encoding="utf-8"))
    taken: set[str] = set()
    for entry in hand:
        for key in ("aliases", "risky_aliases", "nicknames", "stadiums", "periphrases"):
            taken |= {fold(str(f)) for f in entry.get(key) or []}
        taken.add(fold(entry["name"]))
    others = yaml.safe_load((DATA_DIR / "non_clubs.yaml").read_text(encoding="utf-8"))
    blocked = {fold(str(x)) for key in ("countries", "regions", "competitions", "bodies") for x in others.get(key) or []}
    blocked |= {fold(str(k)) for k in others.get("demonyms") or {}}
    for entry in yaml.safe_load((DATA_DIR / "outlets.yaml").read_text(encoding="utf-8")):
        blocked |= {fold(str(f)) for f in [entry["name"], *(entry.get("aliases") or [])]}

    found: list[dict] = []
    for path in sorted(args.source.glob("*/*/*.clubs.txt")):
        country = COUNTRY_NAMES.get(path.parent.name, path.parent.name.replace("-", " ").title())
        for club in parse(path):
            club["country"] = country
            club["name"] = press_name(club["official"])
            found.append(club)

    cities = {fold(c["city"]) for c in found if c["city"]} | {fold(e.get("city") or "") for e in hand}
    names = Counter(fold(c["name"]) for c in found)
    out: list[dict] = []
    seen_names: set[str] = set()
    for club in found:
        forms = [club["name"], club["official"], *club["aliases"]]
        forms += [press_name(a) for a in club["aliases"]]
        keys = {fold(f) for f in forms}
        if keys & taken or any(fold(w) in SKIP_WORDS for w in club["official"].split()):
            continue  # already written by hand, or not a men's first team
        name = club["name"] if names[fold(club["name"])] == 1 and usable(club["name"]) else club["official"]
        if fold(name) in seen_names or fold(name) in blocked or not usable(name):
            continue
        seen_names.add(fold(name))
        aliases, risky = [], []
        for form in dict.fromkeys(forms):
            key = fold(form)
            if form == name or not usable(form) or key in blocked or key == fold(name):
                continue
            (risky if _risky(form, cities) else aliases).append(form)
        entry: dict = {"name": name, "country": club["country"]}
        if club["city"]:
            entry["city"] = club["city"]
        if aliases:
            entry["aliases"] = list(dict.fromkeys(aliases))
        if risky:
            entry["risky_aliases"] = list(dict.fromkeys(r for r in risky if fold(r) not in {fold(a) for a in aliases}))
        if club["stadium"] and fold(club["stadium"]) not in taken and len(club["stadium"].split()) > 1:
            entry["stadiums"] = [club["stadium"]]
        if _risky(name, cities):
            entry["risky_name"] = True
        out.append(entry)

    # a form two generated clubs share stays (the extractor treats it as ambiguous), but a form that
    # is another generated club's name is dropped from the aliases
    canon = {fold(e["name"]) for e in out}
    for entry in out:
        for key in ("aliases", "risky_aliases"):
            if key in entry:
                entry[key] = [f for f in entry[key] if fold(f) not in canon] or None
                if entry[key] is None:
                    del entry[key]
    header = ("# Generated by tools/build_open_clubs.py from openfootball/clubs (CC0 1.0) @ ae38002;\n"
              "# do not edit by hand: fix clubs.yaml (which wins) or the script. See README.md.\n")
    text = yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
    args.out.write_text(header + text, encoding="utf-8")
    print(f"{len(out)} clubs written to {args.out}", file=sys.stderr)


def _risky(form: str, cities: set[str]) -> bool:
    """A one-word form, a town's name or an acronym may be a word, a place or a person."""
    key = fold(form)
    return " " not in key or key in cities or (form.replace(" ", "").isupper() and len(key) <= 4)


if __name__ == "__main__":
    main()
