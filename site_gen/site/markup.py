"""Article bodies to safe HTML: raw text is escaped, Markdown is rendered then sanitised."""

from __future__ import annotations

from html import escape

import markdown
import nh3

from site_gen.model import BodyFormat

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
# With `raw_html` on, an editor's layout markup is kept too, but never anything that runs.
_RAW_HTML_TAGS = _ALLOWED_TAGS | {
    "aside", "caption", "dd", "del", "details", "div", "dl", "dt", "figcaption", "figure", "img", "ins", "kbd",
    "mark", "span", "summary", "time", "u",
}
_RAW_HTML_ATTRIBUTES = {**_ALLOWED_ATTRIBUTES, "img": {"src", "alt", "width", "height", "loading"},
                        "time": {"datetime"}, "*": {"class", "id", "lang", "title"}}
_SAFE_SCHEMES = {"http", "https", "mailto"}
_MARKDOWN = markdown.Markdown(extensions=["extra", "sane_lists", "smarty"], output_format="html")


def body_html(body_format: BodyFormat, text: str, raw_html: bool = False) -> str:
    """HTML for an article's body; nothing from the article can run script.

    Raw text is escaped paragraph by paragraph. Markdown is rendered, then
    cleaned: HTML an editor typed is stripped to Markdown's own tags unless
    `raw_html` allows layout tags; scripts, handlers and `javascript:` links go always.
    """
    if body_format == "text":
        # quotes need no escaping in text (only in attributes): "it's" stays five bytes, not ten
        return "\n".join(f"<p>{escape(paragraph, quote=False)}</p>" for paragraph in text.split("\n\n"))
    _MARKDOWN.reset()
    return sanitise(_MARKDOWN.convert(text), raw_html)


def sanitise(html: str, raw_html: bool = False) -> str:
    """Keep formatting and plain links; drop scripts, styles, handlers and unsafe URLs."""
    return nh3.clean(html, tags=_RAW_HTML_TAGS if raw_html else _ALLOWED_TAGS,
                     attributes=_RAW_HTML_ATTRIBUTES if raw_html else _ALLOWED_ATTRIBUTES,
                     url_schemes=_SAFE_SCHEMES, link_rel="nofollow noopener")
