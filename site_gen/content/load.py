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
#: Far more than any article (a long feature is about 50 kB); a bigger file is a mistake.
MAX_BYTES = 5_000_000
#: Dates outside these bounds are typing mistakes ("2071" for "2017"): football transfers
#: began with professionalism, and an archive holds articles already published.
EARLIEST = dt.date(1885, 1, 1)
FUTURE_GRACE = dt.timedelta(days=1)  # time zones: "today" elsewhere may be tomorrow here


def load_source(path: Path, data: bytes | None = None) -> SourceText:
    """Read and split one article (from `data` if the caller read it); raise `SourceError` naming the file and line."""
    text = _decode(path, read_bytes(path) if data is None else data)
    if not text.strip():
        raise SourceError(path, "the file is empty")
    if path.suffix == ".md":
        return _load_markdown(path, text)
    return _load_raw(path, text)


#: python-frontmatter's own boundary: the body is what follows the second such line.
_FRONT_MATTER_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)


def load_body(path: Path) -> str:
    """An article's body alone, as `load_source` gives it, without parsing its front matter again
    (a build reads bodies twice: once for the record, once for the article's own page)."""
    text = _decode(path, read_bytes(path))
    if path.suffix != ".md":
        return _load_raw(path, text).body
    text = text.strip()
    if not _FRONT_MATTER_BOUNDARY.match(text):
        return load_source(path).body  # no front matter: let the full reading say what is wrong
    return _FRONT_MATTER_BOUNDARY.split(text, 2)[2].strip()


def read_bytes(path: Path) -> bytes:
    """The file's bytes; refuse unreadable files and ones far too big to be an article."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(path, f"is {size / 1e6:.1f} MB, more than the {MAX_BYTES / 1e6:.0f} MB an article "
                                    "may be (is it really an article?)")
        return path.read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot be read: {error.strerror or error}") from error


def _decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(path, "is not UTF-8 text (save it as UTF-8)", line) from error
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(path, "holds NUL bytes, so it is not a text file (remove them or the file)", line)
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
        # Where the broken construct began ("[" left open) says more than where parsing gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None  # the YAML text starts on the '---' line
        problem = getattr(error, "problem", None) or str(error)
        raise SourceError(path, f"invalid YAML front matter: {problem} (check quotes, colons and indents)",
                          line) from error
    except Exception as error:  # front-matter handlers raise their own types; report, never crash
        raise SourceError(path, f"unreadable front matter: {error}", 1) from error
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
        key_lines={key: line for key in metadata if (line := _key_line(text, key))},
    )


def parse_date(value: object, path: Path, line: int | None) -> dt.date:
    """A calendar date from `YYYY-MM-DD` text or a YAML date; explain what is wrong."""
    if isinstance(value, dt.datetime):
        return check_date_range(value.date(), path, line)
    if isinstance(value, dt.date):
        return check_date_range(value, path, line)
    text = str(value).strip()
    if not _ISO_DATE.fullmatch(text):
        raise SourceError(path, f"date {text!r} is not in the form YYYY-MM-DD", line)
    try:
        date = dt.date.fromisoformat(text)
    except ValueError as error:
        raise SourceError(path, f"date {text!r} does not exist ({error})", line) from error
    return check_date_range(date, path, line)


def check_date_range(date: dt.date, path: Path, line: int | None) -> dt.date:
    """Refuse dates no published article can have: in the future, or before professional football."""
    if date > dt.date.today() + FUTURE_GRACE:
        raise SourceError(path, f"date {date.isoformat()} is in the future (a typing mistake?)", line)
    if date < EARLIEST:
        raise SourceError(path, f"date {date.isoformat()} is before {EARLIEST.year}, earlier than any "
                                "transfer (a typing mistake?)", line)
    return date


def normalise_paragraphs(text: str) -> str:
    """Paragraphs stripped of surrounding space, joined by exactly one blank line."""
    paragraphs = (" ".join(part.split()) for part in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _key_line(text: str, key: str) -> int | None:
    """The 1-based line where a front-matter key is set, for messages."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None
