"""`site-gen ingest`: raw articles → curated Markdown with the inferred front matter.

An editor reviews and corrects records in bulk by editing the written `.md`
files; the build then prefers `X.md` to the `X.txt` it came from.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_gen.model import Article
from site_gen.content.records import article_record

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def curated_markdown(article: Article) -> str:
    """The article as Markdown: every record field in front matter, the body escaped."""
    record = article_record(article)
    front = {"date": article.date, "title": record["title"], "slug": article.slug,
             **{key: record[key] for key in ("players", "clubs", "moves", "fees", "source", "tags")}}
    body = article.body if article.body_format == "markdown" else _MARKDOWN_SPECIAL.sub(r"\\\1", article.body)
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{header}---\n\n{body}\n"


def ingest(article: Article, force: bool = False) -> Path | None:
    """Write `<stem>.md` beside a raw article; None if it exists and `force` is off."""
    target = article.path.with_suffix(".md")
    if target.exists() and not force:
        return None
    target.write_text(curated_markdown(article), encoding="utf-8")
    return target
