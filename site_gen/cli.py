"""The `site-gen` command: parse options, call the pipeline, report. No logic of its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import click

from site_gen import __version__
from site_gen.build import build as build_site
from site_gen.build import extract_files, review_archive
from site_gen.check import check_inputs, check_output
from site_gen.config import load_config
from site_gen.content.corrections import CORRECTIONS_FILE, archive_gazetteer, load_corrections
from site_gen.content.curate import ingest_archive
from site_gen.content.importer import Imported, import_table, write_transfers
from site_gen.content.records import article_record
from site_gen.content.review import apply_review, as_csv, as_table
from site_gen.content.transfers import TRANSFERS_FILE
from site_gen.errors import SiteError
from site_gen.output.parallel import default_jobs
from site_gen.output.progress import for_terminal
from site_gen.output.theme import copy_default_files, default_files
from site_gen.starter import start_archive

F = TypeVar("F", bound=Callable[..., Any])


def source_option(help: str) -> Callable[[F], F]:
    """`--source DIR`: the archive's folder, which must exist; every other path is relative to it."""
    return click.option("--source", "source_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
                        default=Path("."), show_default=True, help=help)


def out_option(help: str) -> Callable[[F], F]:
    """`--out DIR`: the built site's folder, relative to where the command runs."""
    return click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None, help=help)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="site-gen")
def main() -> None:
    """Build and preview a football transfer-rumour archive.

    Start one with `site-gen init FOLDER`. Every path is relative to the archive's
    folder (--source, default: the current one), so commands work from anywhere.

    Exit codes: 0 done; 1 the input or the site has a problem (the message says
    which file); 2 a wrong option or a missing folder.
    """


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Add the starter files to a folder that is not empty.")
def init(folder: Path, force: bool) -> None:
    """Start a new archive in FOLDER: an example article, settings, corrections, a Pages workflow."""
    try:
        written = start_archive(folder, force)
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for path in written:
        click.echo(f"  wrote {path}")
    click.echo(f"Started an archive in {folder}. Next: site-gen serve --source {folder}")


@main.group()
def theme() -> None:
    """The default theme: list its files, or copy them into your archive to edit."""


@theme.command("list")
def theme_list() -> None:
    """Every file of the default theme, as named in an archive."""
    for name in default_files():
        click.echo(name)


@theme.command("copy")
@source_option("The archive's folder: files go to its templates/ and static/.")
@click.option("--force", is_flag=True, help="Overwrite files the archive already has.")
@click.argument("names", nargs=-1)
def theme_copy(source_dir: Path, force: bool, names: tuple[str, ...]) -> None:
    """Copy default theme files (all, or those NAMES, e.g. player.html style.css) into the archive.

    A copy in the archive's templates/ or static/ wins over the default, file by file.
    """
    try:
        copied = copy_default_files(source_dir, names, force)
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    for path in copied:
        click.echo(f"  copied {path}")
    click.echo(f"Copied {len(copied)} file(s)" + ("" if force else "; files already there were kept (use --force)"))


@main.command()
@source_option("The archive's folder: seeds/, site.toml and any own templates/ and static/.")
@out_option("Output folder (default: SOURCE/_site, or out_dir in site.toml).")
@click.option("--base-url", default=None, help="Where the site will live, e.g. https://user.github.io/repo/.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on any warning, building nothing.")
@click.option("--no-cache", is_flag=True, help="Build cold: ignore the cache of the last build (and rewrite it).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to read and render with (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only (no progress either).")
def build(source_dir: Path, out_dir: Path | None, base_url: str | None, strict: bool, no_cache: bool,
          jobs: int | None, quiet: bool) -> None:
    """Build the site from seeds/ into the output folder."""
    try:
        config = load_config(source_dir, out_dir=out_dir, base_url=base_url)
        report = build_site(config, strict=strict, use_cache=not no_cache, jobs=jobs or default_jobs(),
                            progress=for_terminal(quiet))
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for note in () if quiet else report.notes:
        click.echo(f"note: {note}", err=True)
    if not quiet:
        click.echo(f"Built {report.articles} article(s) into {config.out_dir}: {report.pages} pages and files "
                   f"({report.rendered} rendered, the rest unchanged) in {report.seconds:.2f} s"
                   + (f", {len(report.warnings)} warning(s)" if report.warnings else ""))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--source", "source_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Apply this archive's corrections.yaml and data/transfers.csv, as a build does.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def extract(as_json: bool, source_dir: Path | None, files: tuple[Path, ...]) -> None:
    """Print the record inferred from each article file (front matter wins).

    Several files are read together, as one archive: names, roles and clubs are
    reconciled across them, as a build does across the whole archive.
    """
    try:
        found = extract_files(files, source_dir)
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for problem in found.problems:
        click.echo(f"error: {problem}", err=True)
    for article in found.articles:
        record = article_record(article)
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(f"{article.path}\n" + "\n".join(f"  {key}: {value}" for key, value in record.items()
                                                       if key != "file"))
    if found.problems:
        sys.exit(1)


@main.command("review")
@source_option("The archive's folder.")
@click.option("--csv", "as_csv_file", is_flag=True, help="Every doubt as CSV, with a column for corrections.")
@click.option("--limit", type=click.IntRange(min=1), default=40, show_default=True, help="Rows in the table.")
@click.option("--apply", "apply_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Write the corrections filled in a review CSV into corrections.yaml.")
def review_command(source_dir: Path, as_csv_file: bool, limit: int, apply_file: Path | None) -> None:
    """List the records to check first: least sure first, with why.

    Export with --csv, fill in the correction column in a spreadsheet, then
    apply it with --apply FILE: corrections go to corrections.yaml, and the next
    build uses them.
    """
    try:
        if apply_file is not None:
            applied = apply_review(apply_file, source_dir)
            click.echo(f"Wrote {source_dir / CORRECTIONS_FILE}: {applied.articles} article(s) corrected, "
                       f"{applied.names} spelling(s), {applied.not_players} non-player(s)")
            return
        found = review_archive(load_config(source_dir))
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    if as_csv_file:
        click.echo(as_csv(found), nl=False)
        return
    click.echo(as_table(found, limit))
    click.echo(f"{len(found)} field(s) to check" + (f"; the {limit} least sure shown (--csv for all)"
                                                      if len(found) > limit else ""))


@main.command("import-transfers")
@source_option("The site's folder: data/transfers.csv is written there.")
@click.argument("tables", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def import_transfers(source_dir: Path, tables: tuple[Path, ...]) -> None:
    """Make data/transfers.csv from public transfer tables (e.g. ewenme/transfers CSVs)."""
    try:
        gazetteer = archive_gazetteer(load_corrections(source_dir))
        imported = Imported()
        for table in tables:
            import_table(table, gazetteer, imported)
        write_transfers(imported, source_dir / TRANSFERS_FILE)
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for name, count in sorted(imported.unmatched.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"unmatched club: {name} ({count} row(s)); kept as written — map it under club_names "
                   "in corrections.yaml", err=True)
    click.echo(f"Wrote {len(imported.rows)} transfer(s) to {source_dir / TRANSFERS_FILE} "
               f"({imported.skipped} row(s) skipped: loan returns, moves to no club, no window; "
               f"{len(imported.unmatched)} club name(s) unmatched)")


@main.command()
@source_option("Folder holding seeds/ and corrections.yaml.")
@click.option("--force", is_flag=True, help="Overwrite curated .md files that already exist.")
def ingest(source_dir: Path, force: bool) -> None:
    """Write each raw seeds/*.txt as a curated .md holding its whole record.

    The archive is read as a build reads it, so a build of the curated files
    makes the same site without reading the prose again. Edit the .md files to
    correct records; the raw .txt files may then be removed.
    """
    try:
        done = ingest_archive(load_config(source_dir), force=force)
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for problem in done.problems:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"Wrote {len(done.written)} curated article(s); {done.already_curated} already curated "
               f"(use --force), {len(done.problems)} problem(s)")


@main.command()
@source_option("The archive's folder: seeds/, site.toml and any own templates/ and static/.")
@out_option("The built site to check (default: SOURCE/_site, or out_dir in site.toml).")
def check(source_dir: Path, out_dir: Path | None) -> None:
    """Check every input and the last built site; write nothing. Exit 1 on any problem."""
    try:
        config = load_config(source_dir, out_dir=out_dir)
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    checked = check_inputs(config)
    problems = list(checked.problems)
    for disagreement in checked.disagreements:
        click.echo(f"disagreement: {disagreement}", err=True)
    if config.out_dir.exists():
        problems += check_output(config.out_dir)
    else:
        click.echo(f"No built site at {config.out_dir}: checked the inputs only.")
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    click.echo(f"{len(problems)} problem(s) found" if problems else "No problems found")
    sys.exit(1 if problems else 0)


@main.command()
@source_option("The archive's folder: seeds/, site.toml and any own templates/ and static/.")
@out_option("Output folder (default: SOURCE/_site, or out_dir in site.toml).")
@click.option("--base-url", default=None, help="Serve under this URL's path, as deployed (e.g. .../repo/).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free one, printed).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a web browser.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("--no-edit", "no_edit", is_flag=True, help="Turn off the editor's desk (corrections from the pages).")
def serve(source_dir: Path, out_dir: Path | None, base_url: str | None, host: str, port: int,
          open_browser: bool, quiet: bool, no_edit: bool) -> None:
    """Build, serve with live reload, and rebuild whenever an input changes."""
    try:
        config = load_config(source_dir, out_dir=out_dir, base_url=base_url)
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    from site_gen.serve import PortInUse, serve as serve_site  # the web server loads for this command only
    try:
        serve_site(config, host, port, open_browser, quiet, desk=not no_edit)
    except PortInUse as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
