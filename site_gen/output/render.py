"""The Jinja2 environment and `render()`: a page's values in, HTML text out."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import jinja2
import minify_html
from jinja2 import meta

from site_gen import __version__, urls
from site_gen.config import SiteConfig
from site_gen.digests import fingerprint
from site_gen.errors import BuildError
from site_gen.output.write import PatchedOutput, StagedOutput
from site_gen.model import JSON_OUTPUT, TEXT_OUTPUT, Page
from site_gen.urls import SiteUrls


class _UnindentingLoader(jinja2.FileSystemLoader):
    """Templates with each line's leading indentation dropped: it is for the template's reader, and
    written out it would be a few hundred bytes on every page of the site. Lines are kept, so error
    line numbers stay right (a `<pre>` in a template loses its indentation too)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        return _INDENT.sub("", source), filename, uptodate


_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates by name and source checksum, for the life of the process (the preview
    makes a Renderer per rebuild) and in `folder` if given (each `build` is a process of its own):
    compiling the theme cost a fifth of a second a build."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is None and self.folder is not None:
            try:
                compiled = (self.folder / f"template-{bucket.key}.jinja").read_bytes()
            except OSError:
                return
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # ignored by Jinja if the source's checksum or Python differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                fresh = self.folder / f".template-{bucket.key}.{os.getpid()}.new"
                fresh.write_bytes(compiled)
                os.replace(fresh, self.folder / f"template-{bucket.key}.jinja")  # whole, or not at all
            except OSError:
                pass  # compiled again next time


_COMPILED: dict[Path | None, _CompiledTemplates] = {}


class Renderer:
    """Templates from the site's `templates/` folder, then the default theme's; strict about undefined names."""

    def __init__(self, config: SiteConfig, search_index: bool | None = None, compiled: Path | None = None) -> None:
        """`search_index`: whether the site has a search index to link to (default: the `search`
        setting); `compiled`: a folder to keep compiled templates in between builds (the cache's)."""
        theme = config.theme
        #: (folder, how messages name it), in lookup order
        self.template_dirs = tuple((folder, "templates" if folder == config.templates_dir else
                                    "templates (default theme)") for folder in theme.template_dirs)
        self.environment = jinja2.Environment(
            loader=_UnindentingLoader(theme.template_dirs),
            autoescape=jinja2.select_autoescape(["html", "xml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # one Renderer per build: templates cannot change under it
            bytecode_cache=_COMPILED.setdefault(compiled, _CompiledTemplates(compiled)),
        )
        site_urls = SiteUrls(config.base_url)
        self.environment.globals.update(
            site={"title": config.title, "description": config.description, "language": config.language,
                  "generator": f"site_gen {__version__}"},
            nav={"home": site_urls.url(urls.home_route()), "players": site_urls.url(urls.PLAYERS_ROUTE),
                 "clubs": site_urls.url(urls.CLUBS_ROUTE), "tags": site_urls.url(urls.TAGS_ROUTE),
                 "archive": site_urls.url(urls.ARCHIVE_ROUTE), "data": site_urls.url(urls.RUMOURS_DATA_ROUTE),
                 "windows": site_urls.url(urls.WINDOWS_ROUTE), "sources": site_urls.url(urls.SOURCES_ROUTE), "search": site_urls.url(urls.SEARCH_ROUTE)},
            asset=_asset_urls(theme.static_files(), site_urls),
            site_feed=site_urls.absolute(urls.feed_route(urls.home_route())),
            search_index=config.search if search_index is None else search_index,
        )
        self.minify = config.minify_html  # (page digests hold every setting, this one included)
        self._fingerprints: dict[str, str] = {}
        self._once: dict[tuple[str, str], str] = {}
        self.environment.globals["once"] = self._render_once

    def _render_once(self, key: str, macro: jinja2.runtime.Macro, *args: object) -> str:
        """`{{ once(a.url, row, a) }}`: a macro's output for `key`, made once per build.

        An article's list line looks the same on most lists it is on (home, month, outlet
        pages); rendering it once instead of on each is a good part of a cold build.
        Calls are told apart by macro name and key, so the key must stand for the arguments.
        """
        memo = (macro.name, key)
        html = self._once.get(memo)
        if html is None:
            html = self._once[memo] = macro(*args)
        return html

    def fingerprint(self, name: str) -> str:
        """A digest of everything template `name` renders with: its source, the sources of the
        templates it extends, includes or imports, and the globals (site settings, asset URLs).

        A page whose values and template fingerprint are unchanged renders to the same bytes,
        so a template edit re-renders exactly the pages that use it.
        """
        cached = self._fingerprints.get(name)
        if cached is not None:
            return cached
        if name in (JSON_OUTPUT, TEXT_OUTPUT):
            return f"{name}/{__version__}"  # made by code, which the cache's code fingerprint covers
        # the settings the templates see; functions (Jinja's own, `once`) print with their address
        values = sorted((key, value) for key, value in self.environment.globals.items() if not callable(value))
        digest = hashlib.sha256(repr(values).encode())
        for source_name, source in self._closure(name):
            digest.update(f"{source_name}\0{source}\0".encode())
        self._fingerprints[name] = digest.hexdigest()
        return self._fingerprints[name]

    def _closure(self, name: str) -> list[tuple[str, str]]:
        """(name, source) of the template and every template it refers to, each once, sorted."""
        loader = self.environment.loader
        assert loader is not None
        seen: dict[str, str] = {}
        pending = [name]
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            try:
                source = loader.get_source(self.environment, current)[0]
                references = _references(source)
            except jinja2.TemplateNotFound:
                seen[current] = "\0missing"  # render() reports it
                continue
            except jinja2.TemplateSyntaxError:
                seen[current] = source  # render() reports it, with file and line
                continue
            seen[current] = source
            if None in references:  # a name computed at render time: it may be any template
                pending.extend(self.environment.list_templates())
            pending.extend(ref for ref in references if ref is not None)
        return sorted(seen.items())

    def render(self, page: Page) -> str:
        """The text of one output; template mistakes become a `BuildError` naming file and line.

        Open data (template `JSON_OUTPUT`) is written as JSON and plain text (`TEXT_OUTPUT`)
        as it is, without a template.
        """
        if page.template == JSON_OUTPUT:
            return json.dumps(page.context, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact
        if page.template == TEXT_OUTPUT:
            return str(page.context["text"])
        try:
            template = self.environment.get_template(page.template)
            text = template.render(page.context)
        except jinja2.TemplateSyntaxError as error:
            raise BuildError(f"templates/{error.name or page.template}:{error.lineno}: {error.message} "
                             f"(while rendering {page.path})") from error
        except jinja2.TemplateNotFound as error:
            raise BuildError(f"template {error.name!r} not found (needed for {page.path})") from error
        except jinja2.UndefinedError as error:
            raise BuildError(f"{self._where(error, page)}: {error.message} (while rendering {page.path})") from error
        except Exception as error:  # a filter or expression in a template failed: say where
            raise BuildError(f"{self._where(error, page)}: {type(error).__name__}: {error} "
                             f"(while rendering {page.path})") from error
        return minified(text) if self.minify and page.path.endswith(".html") else text

    def _where(self, error: BaseException, page: Page) -> str:
        """`templates/name.html:line` of the innermost template frame in the traceback."""
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            for folder, label in self.template_dirs:
                if frame.filename.startswith(str(folder.resolve())):
                    relative = Path(frame.filename).relative_to(folder.resolve()).as_posix()
                    return f"{label.replace('templates', 'templates/' + relative, 1)}:{frame.lineno}"
        return f"templates/{page.template}"


@functools.lru_cache(maxsize=256)
def _references(source: str) -> tuple[str | None, ...]:
    """Templates a template's source extends, includes or imports (None: a name computed at render time).

    Parsed once per process whatever the Renderer (the preview makes one per rebuild): every
    Renderer parses with Jinja's default syntax, which is all this reads."""
    return tuple(meta.find_referenced_templates(_PARSER.parse(source)))


_PARSER = jinja2.Environment()


def _asset_urls(static_files: dict[str, Path], site_urls: SiteUrls) -> dict[str, str]:
    """URL of every static file, with a content hash so browsers never keep a stale copy."""
    assets: dict[str, str] = {}
    for relative, path in static_files.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        assets[relative] = f"{site_urls.url('static/' + relative)}?v={digest}"
    return assets


def minified(html: str) -> str:
    """A page without what HTML lets it leave out (quotes around plain attribute values, closing
    tags such as `</p>` and `</li>`, spaces between blocks), by minify-html. The head is left as
    written: the preview's live reload looks for `</head>` to add its script before."""
    head, end, body = html.partition("</head>")
    return head + end + minify_html.minify(body) if end else minify_html.minify(html)


def digest_of(settings: str, renderer: Renderer, page: Page) -> bytes:
    """The settings, the template set and the page's inputs: equal ones make the same file."""
    return fingerprint((settings, renderer.fingerprint(page.template), page.inputs))


@dataclass
class RenderedShare:
    """What one process did of the pages: their fingerprints, and how many it rendered, in how long."""

    fingerprints: dict[str, bytes] = field(default_factory=dict)
    rendered: int = 0
    render_seconds: float = 0.0
    write_seconds: float = 0.0


def render_share(plan: Callable[[], Iterable[Page]], settings: str, renderer: Renderer,
                 last_pages: dict[str, bytes], output: StagedOutput | PatchedOutput, share: int, shares: int,
                 tick: Callable[[int], None]) -> RenderedShare:
    """Plan every page; of every `shares`-th, starting at `share`, keep the last build's file
    where its fingerprint is unchanged and render the rest."""
    done = RenderedShare()
    for number, page in enumerate(plan()):
        if number % shares != share:
            continue
        digest = digest_of(settings, renderer, page)
        done.fingerprints[page.path] = digest
        tick(1)
        if last_pages.get(page.path) == digest and output.reuse(page.path):
            continue
        clock = time.perf_counter()
        text = renderer.render(page)
        written = time.perf_counter()
        output.write_text(page.path, text)
        done.render_seconds += written - clock
        done.write_seconds += time.perf_counter() - written
        done.rendered += 1
    return done
