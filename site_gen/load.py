"""Read one article file into a `SourceText`: raw dated text or Markdown + YAML.

Raw format: optional leading white space, `date YYYY-MM-DD`, then the body,
which may start on the same line; paragraphs are split by blank lines.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from site_gen.errors import SourceError
from site_gen.model import SourceText

_RAW_HEADER = re.compile(r"\s*date\s+(\S+)[ \t]*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def load_source(path: Path) -> SourceText:
    """Read and split one article; raise `SourceError` naming the file and line."""
    text = _read_text(path)
    if not text.strip():
        raise SourceError(path, "the file is empty")
    if path.suffix == ".md":
        return _load_markdown(path, text)
    return _load_raw(path, text)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot be read: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(path, "is not UTF-8 text (save it as UTF-8)", line) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _load_raw(path: Path, text: str) -> SourceText:
    header = _RAW_HEADER.match(text)
    if not header:
        raise SourceError(path, "no 'date YYYY-MM-DD' at the start of the file", 1)
    line = text.count("\n", 0, header.start(1)) + 1
    date = parse_date(header.group(1), path, line)
    body = normalise_paragraphs(text[header.end():])
    if not body:
        raise SourceError(path, "the article has a date but no text", line)
    return SourceText(path=path, date=date, body=body, body_format="text")


def _load_markdown(path: Path, text: str) -> SourceText:
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for '---'
        problem = getattr(error, "problem", None) or str(error)
        raise SourceError(path, f"invalid YAML front matter: {problem}", line) from error
    if not isinstance(post.metadata, dict):
        raise SourceError(path, "front matter must be a mapping of keys to values", 2)
    metadata: dict[str, Any] = {str(key): value for key, value in post.metadata.items()}
    raw_date = metadata.get("date")
    if raw_date is None:
        raise SourceError(path, "front matter has no 'date: YYYY-MM-DD'", 1)
    date = parse_date(raw_date, path, _key_line(text, "date"))
    return SourceText(
        path=path,
        date=date,
        body=post.content.strip(),
        body_format="markdown",
        front_matter=metadata,
    )


def parse_date(value: object, path: Path, line: int | None) -> dt.date:
    """A calendar date from `YYYY-MM-DD` text or a YAML date; explain what is wrong."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not _ISO_DATE.fullmatch(text):
        raise SourceError(path, f"date {text!r} is not in the form YYYY-MM-DD", line)
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise SourceError(path, f"date {text!r} does not exist ({error})", line) from error


def normalise_paragraphs(text: str) -> str:
    """Paragraphs stripped of surrounding space, joined by exactly one blank line."""
    paragraphs = (" ".join(part.split()) for part in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _key_line(text: str, key: str) -> int | None:
    """The 1-based line where a front-matter key is set, for messages."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None
