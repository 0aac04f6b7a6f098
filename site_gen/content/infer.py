"""Turn a `SourceText` into an `Article`: front matter an editor wrote wins, prose fills the gaps."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from site_gen.content.corrections import Corrections
from site_gen.errors import SourceError
from site_gen.extract import STAGES, Extraction, Fee, Gazetteer, Move, extract, load_gazetteer, parse_fee, tidy_name
from site_gen.model import LEAD_LENGTH, Article, SourceText
from site_gen.urls import slugify

SLUG_LENGTH = 40
#: Front-matter keys an article may carry; anything else is reported.
KNOWN_KEYS = frozenset({"date", "title", "slug", "players", "clubs", "moves", "fees", "source", "tags"})
#: Fields the archive-wide pass may revise when inferred, and leaves alone when an editor set them.
EDITOR_FIELDS = frozenset({"players", "moves"})


def make_article(source: SourceText, gazetteer: Gazetteer | None = None,
                 corrections: Corrections | None = None) -> Article:
    """The full record of one article; raise `SourceError` for unusable front matter.

    Precedence, strongest first: the file's front matter, the editor's
    `corrections.yaml` entry for this file, then inference from the prose.
    A caller passing `gazetteer` passes it already extended by the corrections
    (once per build, so the extractor's caches keep working).
    """
    fixes = corrections or Corrections()
    gaz = gazetteer if gazetteer is not None else fixes.extend(load_gazetteer())
    extra = fixes.articles.get(source.path.name)
    if extra:
        source = replace(source, front_matter={**extra, **source.front_matter})
    front = source.front_matter
    unknown = sorted(set(front) - KNOWN_KEYS)
    if unknown:
        raise SourceError(source.path, f"unknown front-matter key(s): {', '.join(unknown)} "
                                       f"(known: {', '.join(sorted(KNOWN_KEYS))})", source.key_lines.get(unknown[0], 1))
    assert source.date is not None
    inferred = extract(source.body, source.date, gaz)
    title = _text(source, "title") or inferred.title
    slug = slugify(_text(source, "slug") or title, max_length=SLUG_LENGTH)
    if not slug:
        slug = slugify(source.path.stem) or "article"
    return Article(
        path=source.path,
        slug=slug,
        date=source.date,
        title=title,
        body=source.body,
        lead=" ".join(source.body.split())[:LEAD_LENGTH],
        body_format=source.body_format,
        explicit_slug=bool(_text(source, "slug")),
        players=fixes.fix_players(_names(source, "players", tidy_name, inferred)),
        clubs=_names(source, "clubs", gaz.club_name, inferred),
        moves=tuple(replace(move, player=fixed[0]) for move in _moves(source, gaz, inferred)
                    if (fixed := fixes.fix_players((move.player,)))),
        # moves read with too little confidence to publish, for `site-gen review` only; an editor who
        # sets the moves has decided them all, so none is held back then
        held_moves=() if "moves" in front else tuple(
            replace(move, player=fixed[0]) for move in inferred.held_moves
            if (fixed := fixes.fix_players((move.player,)))),
        fees=tuple(parse_fee(text) for text in _list(source, "fees")) if "fees" in front else inferred.fees,
        source=gaz.outlet_name(_text(source, "source")) if front.get("source") else inferred.source,
        tags=tuple(dict.fromkeys(slugify(tag) for tag in _list(source, "tags") if slugify(tag)))
        if "tags" in front else inferred.tags,
        staff=inferred.staff,
        affiliations=tuple(replace(link, player=fixed[0]) for link in inferred.affiliations
                           if (fixed := fixes.fix_players((link.player,)))),
        editor_fields=tuple(sorted(EDITOR_FIELDS.intersection(front))),
    )


def _text(source: SourceText, key: str) -> str:
    value = source.front_matter.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise SourceError(source.path, f"front-matter key {key!r} must be text, not {_kind(value)}",
                          source.key_lines.get(key, 1))
    return str(value).strip()


def _list(source: SourceText, key: str) -> list[str]:
    value = source.front_matter.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) for item in value):
        raise SourceError(source.path, f"front-matter key {key!r} must be a list of names "
                                       f"(e.g. {key}: [A, B]), not {_kind(value)}", source.key_lines.get(key, 1))
    return [str(item).strip() for item in value if str(item).strip()]


def _names(source: SourceText, key: str, canonical: Callable[[str], str], inferred: Extraction) -> tuple[str, ...]:
    if key not in source.front_matter:
        return getattr(inferred, key)
    return tuple(dict.fromkeys(canonical(name) for name in _list(source, key)))


def _moves(source: SourceText, gaz: Gazetteer, inferred: Extraction) -> tuple[Move, ...]:
    value = source.front_matter.get("moves")
    if value is None:
        return inferred.moves
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise SourceError(source.path, "front-matter key 'moves' must be a list of mappings with "
                                       "player, from, to, fee and stage", source.key_lines.get("moves", 1))
    moves = []
    for item in value:
        player = str(item.get("player") or "").strip()
        if not player:
            raise SourceError(source.path, "every move in front matter needs a 'player'",
                              source.key_lines.get("moves", 1))
        fee: Fee | None = parse_fee(str(item["fee"])) if item.get("fee") else None
        raw_stage = item.get("stage")
        stage = "off" if raw_stage is False else str(raw_stage or "interest").strip().lower()  # YAML reads off as false
        if stage not in STAGES:
            raise SourceError(source.path, f"move stage {stage!r} must be one of {', '.join(STAGES)}",
                              source.key_lines.get("moves", 1))
        moves.append(Move(tidy_name(player), _club(gaz, item.get("from")), _club(gaz, item.get("to")), fee, stage))
    return tuple(moves)


def _club(gaz: Gazetteer, value: Any) -> str | None:
    return gaz.club_name(str(value)) if value else None


def _kind(value: Any) -> str:
    return {"str": "text", "list": "a list", "dict": "a mapping", "bool": "true/false",
            "int": "a number", "float": "a number"}.get(type(value).__name__, type(value).__name__)
