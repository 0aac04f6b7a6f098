"""Starting an archive anywhere: `init`, the default theme in the box, paths relative to the
archive's folder, an empty archive, and the package's two systems kept apart."""

from __future__ import annotations

import ast
import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_gen import digests
from site_gen.check import check_output
from site_gen.cli import main
from site_gen.config import SiteConfig
from site_gen.output.theme import DEFAULT_THEME

PROJECT = Path(__file__).resolve().parent.parent
SEED = next((PROJECT / "seeds").glob("000_*.txt"))


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_init_makes_an_archive_that_builds_from_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    status, output = _run("init", "A")
    assert status == 0, output
    archive = tmp_path / "A"
    for name in ("seeds/001_example.txt", "site.toml", "corrections.yaml", ".github/workflows/pages.yml",
                 ".gitignore", "README.md", "requirements.txt"):
        assert (archive / name).is_file(), name
    shutil.copy(SEED, archive / "seeds" / SEED.name)
    monkeypatch.chdir(tmp_path / "elsewhere")
    status, output = _run("build", "--source", "../A", "--quiet")
    assert status == 0, output
    assert not (tmp_path / "elsewhere" / "_site").exists()  # the site goes beside its sources, not here
    site = archive / "_site"
    assert (site / "clubs" / "liverpool" / "index.html").is_file()
    assert list(site.glob("20*/*/fulham-are-closing-in-on-tomasz.html"))  # the example article
    assert check_output(site) == []
    status, output = _run("check", "--source", "../A")  # check finds the built site from here too
    assert status == 0 and "No built site" not in output and "No problems found" in output


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    status, output = _run("init", str(tmp_path))
    assert status == 1 and "not empty" in output and "--force" in output
    assert not (tmp_path / "site.toml").exists()
    status, _ = _run("init", str(tmp_path), "--force")
    assert status == 0 and (tmp_path / "site.toml").is_file()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_starter_settings_file_names_every_setting(tmp_path: Path) -> None:
    assert _run("init", str(tmp_path))[0] == 0
    text = (tmp_path / "site.toml").read_text(encoding="utf-8")
    for setting in dataclasses.fields(SiteConfig):
        if setting.name != "source_dir":
            assert f"# {setting.name} = " in text, setting.name


def test_an_empty_archive_builds_a_home_page_saying_so(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    result = CliRunner().invoke(main, ["build", "--source", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "no search index" in result.output
    site = tmp_path / "_site"
    assert "No articles yet" in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "pagefind").exists()
    assert check_output(site) == []  # the search page does not point at an index that is not there


def test_a_folder_with_only_seeds_builds_with_the_default_theme(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    status, output = _run("build", "--source", str(tmp_path), "--quiet")
    assert status == 0, output
    site = tmp_path / "_site"
    for name in ("style.css", "search.js", "favicon.svg"):
        assert (site / "static" / name).read_bytes() == (DEFAULT_THEME.static / name).read_bytes()
    assert check_output(site) == []


def test_a_site_overrides_the_default_theme_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "templates").mkdir()
    (tmp_path / "static").mkdir()
    footer = (DEFAULT_THEME.templates / "base.html").read_text(encoding="utf-8").replace(
        "</body>", "<p id=\"own-footer\">Our own footer</p></body>")
    (tmp_path / "templates" / "base.html").write_text(footer, encoding="utf-8")
    (tmp_path / "static" / "style.css").write_text("body { color: teal; }\n", encoding="utf-8")
    assert _run("build", "--source", str(tmp_path), "--quiet")[0] == 0
    site = tmp_path / "_site"
    club = (site / "clubs" / "liverpool" / "index.html").read_text(encoding="utf-8")
    assert "<p id=own-footer>Our own footer" in club  # the site's base.html, under the default club.html (minified)
    assert "<h2>Timeline</h2>" in club
    assert (site / "static" / "style.css").read_text(encoding="utf-8") == "body { color: teal; }\n"
    assert (site / "static" / "search.js").read_bytes() == (DEFAULT_THEME.static / "search.js").read_bytes()


def test_theme_copy_copies_named_files_and_keeps_edited_ones(tmp_path: Path) -> None:
    status, output = _run("theme", "copy", "--source", str(tmp_path), "player.html", "style.css")
    assert status == 0, output
    copied = tmp_path / "templates" / "player.html"
    assert copied.read_bytes() == (DEFAULT_THEME.templates / "player.html").read_bytes()
    assert (tmp_path / "static" / "style.css").is_file()
    assert not (tmp_path / "templates" / "base.html").exists()
    copied.write_text("edited", encoding="utf-8")
    assert _run("theme", "copy", "--source", str(tmp_path), "player.html")[0] == 0
    assert copied.read_text(encoding="utf-8") == "edited"  # kept without --force
    status, output = _run("theme", "copy", "--source", str(tmp_path), "nosuch.html")
    assert status == 2 and "nosuch.html" in output
    status, output = _run("theme", "list")
    assert status == 0 and "templates/player.html" in output.split() and "static/style.css" in output.split()


def test_out_dir_in_site_toml_is_relative_to_the_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "archive"
    (archive / "seeds").mkdir(parents=True)
    shutil.copy(SEED, archive / "seeds" / SEED.name)
    (archive / "site.toml").write_text('out_dir = "public"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("build", "--source", "archive", "--quiet")[0] == 0
    assert (archive / "public" / "index.html").is_file() and not (tmp_path / "public").exists()


def test_a_missing_source_folder_is_a_usage_error(tmp_path: Path) -> None:
    status, output = _run("build", "--source", str(tmp_path / "nowhere"))
    assert status == 2 and "nowhere" in output


def test_the_extraction_library_imports_nothing_else_of_the_package() -> None:
    library = PROJECT / "site_gen" / "extract"
    for path in library.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
            for name in names:
                assert not name.startswith("site_gen") or name.startswith("site_gen.extract"), f"{path}: {name}"


def test_the_code_fingerprint_covers_subpackages_and_their_data(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site_gen"
    shutil.copytree(PROJECT / "site_gen", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(digests, "_PACKAGE", package)
    before = digests.code_fingerprint()
    assert digests.code_fingerprint() == before
    for changed in ("site/people.py", "extract/data/clubs.yaml", "output/render.py"):
        with (package / changed).open("a", encoding="utf-8") as handle:
            handle.write("\n# changed\n")
        after = digests.code_fingerprint()
        assert after != before, changed
        before = after


def test_with_no_base_url_what_needs_a_full_address_is_left_out_and_said_once(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    result = CliRunner().invoke(main, ["build", "--source", str(tmp_path)])
    assert result.exit_code == 0 and result.output.count("no base URL") == 1
    site = tmp_path / "_site"
    assert 'rel="canonical"' not in (site / "index.html").read_text(encoding="utf-8")
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")
    assert not (site / "sitemap.xml").exists()
    with_url = CliRunner().invoke(main, ["build", "--source", str(tmp_path), "--base-url", "https://example.org/a/"])
    assert "no base URL" not in with_url.output
    assert 'rel="canonical" href="https://example.org/a/"' in (site / "index.html").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/a/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
