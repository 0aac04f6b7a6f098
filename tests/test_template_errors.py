"""Template mistakes are reported as `templates/NAME:LINE: message (while rendering PATH)`, wherever
Jinja raises them: a loop, a macro, a filter, an extended or included template, Python inside a filter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_gen.cli import main
from site_gen.output.theme import DEFAULT_THEME

SEED = next((Path(__file__).resolve().parent.parent / "seeds").glob("000_*.txt"))


def _site(tmp_path: Path, template: str, find: str, replace: str) -> Path:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "site.toml").write_text("player_page_rumours = 1\n", encoding="utf-8")  # Van Dijk's page too
    (tmp_path / "templates").mkdir()
    source = (DEFAULT_THEME.templates / template).read_text(encoding="utf-8")
    assert find in source, f"{find!r} is no longer in {template}"
    (tmp_path / "templates" / template).write_text(source.replace(find, replace, 1), encoding="utf-8")
    return tmp_path


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize("template, find, replace, message", [
    ("player.html", "{% for w in items %}", "{% for w in items %}{{ nosuchvar }}", "'nosuchvar' is undefined"),
    ("_macros.html", '{% macro links(items, sep=", ", here=None, elsewhere={}) -%}',
     '{% macro links(items, sep=", ", here=None, elsewhere={}) -%}{{ nomacro }}',
     "'nomacro' is undefined"),
    ("player.html", "<h1>{{ name }}</h1>", "<h1>{{ name | round }}</h1>", "TypeError"),
    ("player.html", "<dd>{{ count }}</dd>", "<dd>{{ count + 'x' }}</dd>", "TypeError"),
    ("base.html", "</footer>", "{{ nosuchbase }}</footer>", "'nosuchbase' is undefined"),
    ("player.html", "{% block main %}", "{% block main %}{% if %}", "Expected an expression"),
])
def test_each_template_error_names_file_and_line(tmp_path: Path, template: str, find: str, replace: str,
                                                 message: str) -> None:
    site = _site(tmp_path, template, find, replace)
    marker = replace.replace(find, "").split("}")[0] or replace
    line = _line_of(site / "templates" / template, marker if marker.strip() else replace)
    result = CliRunner().invoke(main, ["build", "--source", str(site), "--jobs", "1", "--quiet"])
    assert result.exit_code == 1
    error = result.output.strip().splitlines()[0]
    assert error.startswith(f"error: templates/{template}:{line}: "), error
    assert message in error and "(while rendering " in error
