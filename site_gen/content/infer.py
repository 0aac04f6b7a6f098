"""Turn a `SourceText` into an `Article`: front matter an editor wrote wins, prose fills the gaps."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from site_gen.content.corrections import Corrections
from site_gen.errors import SourceError
from site_gen.extract import STAGES, Extraction, Fee, Gazetteer, Move, extract, load_gazetteer, parse_fee, tidy_name
from site_gen.extract.records import Affiliation
from site_gen.model import LEAD_LENGTH, Article, BodyFormat, SourceText
from site_gen.urls import slugify

SLUG_LENGTH = 40
#: Front-matter keys an article may carry; anything else is reported.
KNOWN_KEYS = frozenset({"date", "title", "slug", "format", "players", "clubs", "moves", "moves_to_review", "fees",
                        "source", "tags", "staff", "affiliations", "moves_rejected", "moves_confirmed",
                        "moves_added"})
#: Keys that correct single moves, each a list of moves named by player and destination.
MOVE_FIXES = ("moves_rejected", "moves_confirmed", "moves_added")
#: With all of these in front matter the prose is not read at all (`site-gen ingest` writes them all).
WHOLE_RECORD = frozenset({"title", "players", "clubs", "moves", "moves_to_review", "fees", "source", "tags",
                          "staff", "affiliations"})
#: Body formats a curated file may declare: `text` is paragraphs shown as written, as raw articles are.
BODY_FORMATS = ("markdown", "text")
#: Fields the archive-wide pass may revise when inferred, and leaves alone when an editor set them.
EDITOR_FIELDS = frozenset({"players", "moves"})


def make_article(source: SourceText, gazetteer: Gazetteer | None = None) -> Article:
    """The record of one article file: its front matter, then inference from the prose for what the
    front matter leaves out; raise `SourceError` for unusable front matter. The editor's
    `corrections.yaml` is applied afterwards (`apply_corrections`), so that a build keeps what the
    prose gave whatever the corrections say, and a correction reads no prose again. A caller passing
    `gazetteer` passes it already extended by the corrections' club names (once per build, so the
    extractor's caches keep working).
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    front = source.front_matter
    _check_keys(source)
    assert source.date is not None
    # a whole record in front matter (an ingested archive) leaves nothing to infer: the prose is not read
    inferred = Extraction(title="") if WHOLE_RECORD <= front.keys() else extract(source.body, source.date, gaz)
    return _record(source, gaz, inferred)


def apply_corrections(article: Article, corrections: Corrections | None, gazetteer: Gazetteer) -> Article:
    """The record with the editor's `corrections.yaml` applied: the file's entry under `articles:`
    (for the fields the file's own front matter leaves out), then the archive-wide spellings and
    non-players. The same record when nothing applies."""
    if corrections is None:
        return article
    entry = {key: value for key, value in corrections.entry_for(article.path.name).items()
             if key not in article.front_keys}
    if entry:
        source = SourceText(article.path, article.date, article.body, article.body_format, front_matter=entry)
        _check_keys(source)
        article = _record(source, gazetteer, article, previous=article)
    if not corrections.touches(article.players + tuple(m.player for m in article.moves + article.held_moves)
                               + tuple(link.player for link in article.affiliations)):
        return article
    return replace(article, players=corrections.fix_players(article.players),
                   moves=_fixed_moves(corrections, article.moves),
                   held_moves=_fixed_moves(corrections, article.held_moves),
                   affiliations=tuple(replace(link, player=fixed[0]) for link in article.affiliations
                                      if (fixed := corrections.fix_players((link.player,)))))


def _check_keys(source: SourceText) -> None:
    unknown = sorted(set(source.front_matter) - KNOWN_KEYS)
    if unknown:
        raise SourceError(source.path, f"unknown front-matter key(s): {', '.join(unknown)} "
                                       f"(known: {', '.join(sorted(KNOWN_KEYS))})", source.key_lines.get(unknown[0], 1))


def _record(source: SourceText, gaz: Gazetteer, base: Extraction, previous: Article | None = None) -> Article:
    """The record of `source`'s front matter, with `base` for what it leaves out: the prose's reading
    for a file, or the file's record (`previous`) for a corrections entry laid over it."""
    front = source.front_matter
    assert source.date is not None
    title = _text(source, "title") or base.title
    if _text(source, "slug"):
        # a slug an editor (or `ingest`) wrote is kept whole; one made from a headline is cut short
        slug, explicit = slugify(_text(source, "slug")), True
    elif previous is not None and (previous.explicit_slug or "title" not in front):
        slug, explicit = previous.slug, previous.explicit_slug
    else:
        slug, explicit = slugify(title, max_length=SLUG_LENGTH) or slugify(source.path.stem) or "article", False
    moves, held = _fix_moves(source, gaz, _moves(source, gaz, "moves", base.moves),
                             # moves read with too little confidence to publish, for `site-gen review` only; an
                             # editor who sets the moves has decided them all, so none is held back then (unless
                             # he lists some so)
                             _moves(source, gaz, "moves_to_review", ()) if "moves" in front else base.held_moves)
    return Article(
        path=source.path,
        slug=slug,
        date=source.date,
        title=title,
        body=source.body,
        lead=previous.lead if previous is not None else " ".join(source.body.split())[:LEAD_LENGTH],
        body_format=_body_format(source),
        explicit_slug=explicit,
        players=_names(source, "players", tidy_name, base),
        clubs=_names(source, "clubs", gaz.club_name, base),
        moves=moves,
        held_moves=held,
        fees=tuple(parse_fee(text) for text in _list(source, "fees")) if "fees" in front else base.fees,
        source=_source(source, gaz, base),
        tags=tuple(dict.fromkeys(slugify(tag) for tag in _list(source, "tags") if slugify(tag)))
        if "tags" in front else base.tags,
        staff=tuple(dict.fromkeys(map(tidy_name, _list(source, "staff")))) if "staff" in front else base.staff,
        affiliations=_affiliations(source, gaz, base),
        editor_fields=tuple(sorted(EDITOR_FIELDS.intersection(front).union(previous.editor_fields if previous else ())
                                   .union(("moves",) if front.keys() & set(MOVE_FIXES) else ()))),
        front_keys=previous.front_keys if previous is not None else tuple(sorted(front)),
    )


def _fixed_moves(fixes: Corrections, moves: tuple[Move, ...]) -> tuple[Move, ...]:
    """The moves with the editor's spellings, without the people he says are no players."""
    return tuple(replace(move, player=fixed[0]) for move in moves if (fixed := fixes.fix_players((move.player,))))


def _body_format(source: SourceText) -> BodyFormat:
    declared = source.front_matter.get("format")
    if declared is None:
        return source.body_format
    if declared not in BODY_FORMATS:
        raise SourceError(source.path, f"front-matter key 'format' must be one of {', '.join(BODY_FORMATS)}, "
                                       f"not {declared!r}", source.key_lines.get("format", 1))
    return "text" if declared == "text" else "markdown"


def _source(source: SourceText, gaz: Gazetteer, inferred: Extraction) -> str | None:
    """The outlet credited: front matter's (`source: null`, or empty, says none is), else the inferred one."""
    if "source" not in source.front_matter:
        return inferred.source
    written = _text(source, "source")
    return gaz.outlet_name(written) if written else None


def _affiliations(source: SourceText, gaz: Gazetteer, inferred: Extraction) -> tuple[Affiliation, ...]:
    value = source.front_matter.get("affiliations")
    if value is None:
        return inferred.affiliations
    if not isinstance(value, dict) or not all(isinstance(club, str) for club in value.values()):
        raise SourceError(source.path, "front-matter key 'affiliations' must map players to the club each is at "
                                       "(e.g. affiliations: {Wesley Hoedt: Lazio})", source.key_lines.get("affiliations", 1))
    return tuple(Affiliation(tidy_name(str(player)), gaz.club_name(club)) for player, club in value.items())


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


def _moves(source: SourceText, gaz: Gazetteer, key: str, inferred: tuple[Move, ...]) -> tuple[Move, ...]:
    value = source.front_matter.get(key)
    if value is None:
        return inferred
    line = source.key_lines.get(key, 1)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise SourceError(source.path, f"front-matter key {key!r} must be a list of mappings with "
                                       "player, from, to, fee and stage", line)
    moves = []
    for item in value:
        player = str(item.get("player") or "").strip()
        if not player:
            raise SourceError(source.path, f"every move in front matter ({key!r}) needs a 'player'", line)
        fee: Fee | None = parse_fee(str(item["fee"])) if item.get("fee") else None
        raw_stage = item.get("stage")
        stage = "off" if raw_stage is False else str(raw_stage or "interest").strip().lower()  # YAML reads off as false
        if stage not in STAGES:
            raise SourceError(source.path, f"move stage {stage!r} must be one of {', '.join(STAGES)}", line)
        confidence = item.get("confidence", 1.0)
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
            raise SourceError(source.path, f"move confidence {confidence!r} must be a number from 0 to 1", line)
        moves.append(Move(tidy_name(player), _club(gaz, item.get("from")), _club(gaz, item.get("to")), fee, stage,
                          # a move an editor typed (no confidence of the build's) is his: checked
                          float(confidence), str(item.get("evidence") or ""),
                          item.get("checked", "confidence" not in item) is True))
    return tuple(moves)


def _fix_moves(source: SourceText, gaz: Gazetteer, moves: tuple[Move, ...],
               held: tuple[Move, ...]) -> tuple[tuple[Move, ...], tuple[Move, ...]]:
    """The moves (published, held) with an editor's single-move fixes: `moves_rejected` are never
    shown, `moves_confirmed` are published and marked checked, `moves_added` are published, checked,
    in place of any move of the same player to the same club."""
    front = source.front_matter
    if not front.keys() & set(MOVE_FIXES):
        return moves, held

    def key(move: Move) -> tuple[str, str]:
        return slugify(move.player), slugify(move.to_club or "")

    rejected = {key(move) for move in _moves(source, gaz, "moves_rejected", ())}
    confirmed = {key(move) for move in _moves(source, gaz, "moves_confirmed", ())}
    added = [replace(move, checked=True) for move in _moves(source, gaz, "moves_added", ())]
    replaced = rejected | {key(move) for move in added}
    published = [replace(move, checked=True) if key(move) in confirmed else move
                 for move in moves if key(move) not in replaced]
    published += [replace(move, checked=True) for move in held if key(move) in confirmed - replaced]
    published += added
    return tuple(published), tuple(move for move in held if key(move) not in replaced | confirmed)


def _club(gaz: Gazetteer, value: Any) -> str | None:
    return gaz.club_name(str(value)) if value else None


def _kind(value: Any) -> str:
    return {"str": "text", "list": "a list", "dict": "a mapping", "bool": "true/false",
            "int": "a number", "float": "a number"}.get(type(value).__name__, type(value).__name__)
