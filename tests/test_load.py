"""Reading article files: the raw dated format and Markdown with front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen.errors import SourceError
from site_gen.content.load import load_body, load_source


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_raw_article_date_and_paragraphs(tmp_path: Path) -> None:
    path = write(tmp_path, "001_ab.txt", " date 2019-01-15 First paragraph here.\n\nSecond one.\n\n\n\n  Third.  \n")
    source = load_source(path)
    assert source.date == dt.date(2019, 1, 15)
    assert source.body == "First paragraph here.\n\nSecond one.\n\nThird."
    assert source.body_format == "text"
    assert source.front_matter == {}


def test_seed_article_loads(seed_text: str, tmp_path: Path) -> None:
    source = load_source(write(tmp_path, "000_seed.txt", seed_text))
    assert source.date == dt.date(2017, 8, 2)
    assert source.body.startswith("Virgil Van Dijk has refused to budge")
    assert source.body.count("\n\n") == 8  # nine paragraphs, runs of blank lines folded


@pytest.mark.parametrize("content", [
    b"\xef\xbb\xbf date 2019-01-15 Body text.\r\n\r\nMore.\r\n",  # BOM and CRLF
    b" date 2019-01-15 Body text.\r\rMore.\r",  # old Mac line ends
    b"\tdate\t2019-01-15\tBody text.   \n \t \nMore.\t\n",  # tabs and trailing spaces
])
def test_harmless_oddities_are_accepted(tmp_path: Path, content: bytes) -> None:
    source = load_source(write(tmp_path, "x.txt", content))
    assert source.date == dt.date(2019, 1, 15)
    assert source.body == "Body text.\n\nMore."


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "curated.md", "---\ndate: 2020-07-01\ntitle: A curated story\nplayers: [A B]\n---\n\nHello *world*.\n")
    source = load_source(path)
    assert source.date == dt.date(2020, 7, 1)
    assert source.body_format == "markdown"
    assert source.front_matter["title"] == "A curated story"
    assert source.body == "Hello *world*."


@pytest.mark.parametrize(("content", "message", "line"), [
    ("", "empty", None),
    ("Just some words without a date.", "no 'date YYYY-MM-DD'", 1),
    (" date 2017-02-30 Body.", "does not exist", 1),
    (" date 02/08/2017 Body.", "not in the form YYYY-MM-DD", 1),
    ("\n\n date 2017-08-02   \n\n", "no text", 3),
])
def test_bad_raw_articles_name_file_and_line(tmp_path: Path, content: str, message: str, line: int | None) -> None:
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(SourceError) as caught:
        load_source(path)
    assert message in str(caught.value)
    assert caught.value.path == path
    assert caught.value.line == line
    assert str(caught.value).startswith(str(path))


def test_invalid_yaml_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", "---\ndate: 2020-01-01\ntitle: [unclosed\n---\nBody\n")
    with pytest.raises(SourceError) as caught:
        load_source(path)
    assert "invalid YAML front matter" in str(caught.value)
    assert caught.value.line is not None and caught.value.line >= 3


def test_not_utf8_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.txt", " date 2019-01-15 Caf\xe9 talk.".encode("latin-1"))
    with pytest.raises(SourceError, match="not UTF-8"):
        load_source(path)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=200),
       spaces=st.sampled_from(["", "\n", "\n\n  ", " \t\n"]), dashes=st.sampled_from(["---", "----", "--- "]))
def test_a_body_read_alone_is_the_body_read_with_its_record(tmp_path: Path, body: str, spaces: str,
                                                            dashes: str) -> None:
    """Article pages read bodies again without their front matter: the same text as the full reading."""
    markdown = write(tmp_path, "001_a.md", f"{spaces}---\ndate: 2019-01-15\ntitle: A\n{dashes}\n{body}{spaces}")
    assert load_body(markdown) == load_source(markdown).body
    if body.strip():
        raw = write(tmp_path, "001_a.txt", f" date 2019-01-15 {body}")
        assert load_body(raw) == load_source(raw).body
