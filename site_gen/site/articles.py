"""One page per article: its record as a card, and its body as safe HTML."""

from __future__ import annotations

import functools
from typing import Iterator

from site_gen import urls
from site_gen.model import Article, Page
from site_gen.site.maker import PageMaker
from site_gen.content.read import article_text
from site_gen.site.markup import body_html
from site_gen.site.views import ArticleValues

#: Longest page description (search engines show about this much).
SUMMARY_LENGTH = 160


def article_pages(maker: PageMaker) -> Iterator[Page]:
    for article in maker.index.articles:
        yield article_page(maker, article)


def article_page(maker: PageMaker, article: Article, whole: str | None = None) -> Page:
    """An article's page (`whole`: the digest of its record, if not the maker's)."""
    return maker.page(urls.article_route(article.date, article.slug), "article.html", article.title,
                      maker.whole_key(article, whole), functools.partial(_article_values, maker, article),
                      summary(article), kind="article")


def summary(article: Article) -> str:
    """A line saying what an article reports: its moves, else the start of its text."""
    moves = [f"{m.player}: {m.from_club or '?'} → {m.to_club or '?'}" + (f" ({m.fee.text})" if m.fee else "")
             for m in article.moves]
    text = "; ".join(moves) if moves else article.lead
    text += f". Source: {article.source}." if moves and article.source else ""
    return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _article_values(maker: PageMaker, article: Article) -> ArticleValues:
    return {"article": maker.card(article), "body": body_html(article.body_format, article_text(article),
                                                              maker.config.raw_html),
            "month": maker.month(article.date.year, article.date.month),
            "elsewhere": {maker.player(name).name: url for name in article.players
                          if (url := maker.other_rumour(name, article))}}
