"""The desk's Review page: the doubts of `site-gen review`, least sure first, each with its sentence,
the controls that settle it, and a link to its article's page (where the desk edits and adds)."""

from __future__ import annotations

import json
from html import escape
from typing import Mapping, Sequence

from site_gen.extract.review import MOVE_TEXT, Doubt



def review_page(doubts: Sequence[Doubt], pages: Mapping[str, str], base_path: str, token: str) -> bytes:
    """The page, for the preview only (`pages`: each article file's page address)."""
    rows = "".join(_row(doubt, pages.get(doubt.key)) for doubt in doubts)
    left = f"{len(doubts)} doubt{'s' if len(doubts) != 1 else ''} left"
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
            f"<title>Review · {left}</title>"
            f'<meta name="site-gen-desk" content="{escape(token)}">'
            f'<link rel="stylesheet" href="{base_path}_desk.css">'
            f'<script src="{base_path}_desk.js" defer></script></head>'
            f'<body><main><aside class="desk desk-review" aria-label="Review"><h1>Review: {left}</h1>'
            f"<p>Least sure first: what the site shows, then the moves held back as unsure. "
            f'<a href="{base_path}">Back to the site</a></p>'
            f'<ol class="desk-doubts">{rows}</ol><p class="desk-status" role="status" aria-live="polite"></p>'
            f"</aside></main></body></html>").encode("utf-8")


def _row(doubt: Doubt, page: str | None) -> str:
    what = escape(f"{doubt.field}: {doubt.value}" if doubt.value else doubt.field)
    sure = f"{100 * doubt.confidence:.0f}% sure"
    evidence = f"<blockquote>{escape(doubt.evidence)}</blockquote>" if doubt.evidence else ""
    opened = f' <a href="{escape(page)}">open the article</a>' if page else ""
    return (f"<li><span><b>{what}</b> — {escape(doubt.reason)} ({sure}); {escape(doubt.key)}{opened}</span>"
            f"{evidence}{''.join(_controls(doubt))}</li>")


def _controls(doubt: Doubt) -> list[str]:
    """Buttons that settle the doubt, each carrying the correction it asks the desk for."""
    if doubt.field == "moves" and (move := MOVE_TEXT.match(doubt.value)):
        named = {"file": doubt.key, "player": move["player"].strip(),
                 "to": "" if move["to"] == "?" else move["to"]}
        return [_button("Confirm", {"action": "confirm", **named}, doubt.value),
                _button("Reject", {"action": "reject", **named}, doubt.value)]
    if doubt.field == "players":
        return [_button("Not a player", {"action": "not_player", "name": doubt.value}, doubt.value)]
    if doubt.field == "name" and "→" in doubt.value:
        written, shown = (part.strip() for part in doubt.value.split("→", 1))
        return [_button(f"Write as {shown}", {"action": "merge", "name": written, "into": shown}, doubt.value)]
    return []


def _button(label: str, request: Mapping[str, str], about: str) -> str:
    return (f'<button type="button" data-desk="{escape(json.dumps(request, ensure_ascii=False))}" '
            f'aria-label="{escape(label)}: {escape(about)}">{escape(label)}</button>')
