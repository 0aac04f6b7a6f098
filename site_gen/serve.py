"""`site-gen serve`: build, serve the output under its base path, rebuild and reload on change.

The `livereload` package watches the inputs and tells open browsers to reload;
it adds its script to pages as they are served, never to the files on disk.
A save that changes what lists show of an article shows its page first, then builds the rest
in the background and reloads again. A build error does not stop the server: the browser shows
it until a good save.
"""

from __future__ import annotations

import html
import json
import mimetypes
import secrets
from importlib import resources
import socket
import threading
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote, urlsplit

import click
from livereload import Server
from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

from site_gen.build import KeptPlan, build, edited_pages_first, review_archive
from site_gen.output.cache import BuildCache, cache_folder
from site_gen.output.write import built_id
from site_gen.config import CONFIG_FILE, SiteConfig
from site_gen.content.corrections import CORRECTIONS_FILE
from site_gen.content.desk import apply_request, checked_request
from site_gen.content.records import move_record
from site_gen.desk.page import review_page
from site_gen.model import Article
from site_gen import urls
from site_gen.errors import SiteError
from site_gen.urls import SiteUrls
from site_gen.watching import EventWatcher

StartResponse = Callable[[str, list[tuple[str, str]]], object]


class Preview:
    """The preview's state: what to build, and the last build's error if it failed."""

    def __init__(self, config: SiteConfig, quiet: bool = False, desk: bool = True) -> None:
        self.config = config
        self.quiet = quiet
        #: the editor's desk's secret for this run: a write must carry it (none: the desk is off)
        self.token = secrets.token_urlsafe(24) if desk else ""
        self._routes: tuple[object, dict[str, Article]] = (None, {})
        self.error: str | None = None
        self.base_path = SiteUrls(config.base_url).base_path
        #: kept in memory between rebuilds, so each one redoes only what the last save changed;
        #: written to disk when the preview stops (a save need not wait for it)
        self.cache = BuildCache(cache_folder(config.out_dir), "", site_id=built_id(config.out_dir),
                                write_through=False)
        #: the last full build's maker: a save that rewords articles renders their pages only
        self.kept = KeptPlan()
        #: a build runs in the background after an edited page was shown first; saves meanwhile wait
        self._guard = threading.Lock()
        self._catching_up = False
        self._again = False

    def rebuild(self) -> int:
        """Build; on failure keep serving the last good site and remember the error. Returns how
        many pages and files were rendered."""
        try:
            report = build(self.config, cache=self.cache, in_place=True, kept=self.kept)
        except SiteError as error:
            self.error = str(error)
            click.echo(f"error: {error}", err=True)
            return 0
        self.error = None
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        if not self.quiet:
            click.echo(f"Rebuilt {report.articles} article(s): {report.rendered} of {report.pages} pages and files "
                       f"rendered in {report.seconds:.2f} s")
        return report.rendered

    def saved(self, changed: Iterable[Path] | None, reload: Callable[[], object]) -> threading.Thread | None:
        """Articles were saved (`changed`: which, if the watcher says). Show their pages at once
        when that is all a browser needs to see them (`edited_pages_first`), then build the rest in
        a thread that calls `reload` when done, and return it; else build now. A save while that
        thread builds waits for it, and it builds again."""
        with self._guard:
            if self._catching_up:
                self._again = True
                return None
            first = 0
            if changed is not None and self.error is None:
                try:
                    first = edited_pages_first(self.config, self.cache, self.kept, list(changed))
                except SiteError:
                    first = 0  # the build that follows says what is wrong
            if not first:
                self.rebuild()
                return None
            self._catching_up = True
        worker = threading.Thread(target=self._catch_up, args=(reload,), name="site-gen-catch-up", daemon=True)
        worker.start()
        return worker

    def _catch_up(self, reload: Callable[[], object]) -> None:
        """Build the rest after pages shown first, again while saves came meanwhile; then reload."""
        while True:
            self.rebuild()
            with self._guard:
                if not self._again:
                    self._catching_up = False
                    break
                self._again = False
        reload()

    def watched(self) -> list[Path]:
        """Everything a change to which changes the site."""
        source = self.config.source_dir
        return [self.config.seeds_dir, self.config.templates_dir, self.config.static_dir,
                source / CONFIG_FILE, source / CORRECTIONS_FILE]

    def app(self, environ: dict[str, object], start_response: StartResponse) -> Iterable[bytes]:
        """WSGI: the built files under the base path, or the 404 page; while the last build failed,
        HTML pages carry a panel saying why (the last good site stays on screen)."""
        path = str(environ.get("PATH_INFO") or "/")
        if path == self.base_path + DESK_PATH:
            return self._desk(environ, start_response)
        if self.token and path == self.base_path + "_review":
            return self._review(start_response)
        if self.token and path in (self.base_path + "_desk.js", self.base_path + "_desk.css"):
            asset = path.rsplit("_", 1)[1]
            kind = "text/javascript" if asset.endswith(".js") else "text/css"
            return _respond(start_response, "200 OK", (resources.files("site_gen.desk") / asset).read_bytes(),
                            f"{kind}; charset=utf-8")
        if self.error is not None and not (self.config.out_dir / "index.html").is_file():
            return _respond(start_response, "500 Internal Server Error", _error_page(self.error))  # nothing good yet
        if path + "/" == self.base_path or (path == "/" and self.base_path != "/"):
            return _redirect(start_response, self.base_path)
        if not path.startswith(self.base_path):
            return self._not_found(start_response)
        out_dir = self.config.out_dir.resolve()
        target = (out_dir / unquote(path[len(self.base_path):])).resolve()
        if not target.is_relative_to(out_dir):
            return self._not_found(start_response)
        if target.is_dir():
            if not path.endswith("/"):
                return _redirect(start_response, path + "/")
            target = target / "index.html"
        if not target.is_file() or any(part.startswith(".") for part in target.relative_to(out_dir).parts):
            return self._not_found(start_response)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/xml", "application/json", "application/javascript"):
            kind += "; charset=utf-8"
        body = target.read_bytes()
        if self.error is not None and kind.startswith("text/html"):
            body = _with_error_panel(body, self.error)
        if self.token and kind.startswith("text/html"):  # the preview's own pages may write through the desk
            body = body.replace(b"</head>", self._desk_head(path[len(self.base_path):]).encode(), 1)
        return _respond(start_response, "200 OK", body, kind)

    def _desk_head(self, route: str) -> str:
        """What the desk adds to a page's head: the run's token, its script and style, and on an
        article's page the article's record as the last build read it."""
        added = (f'<meta name="site-gen-desk" content="{self.token}">'
                 f'<link rel="stylesheet" href="{self.base_path}_desk.css">'
                 f'<script src="{self.base_path}_desk.js" defer></script>')
        article = self._articles().get(route)
        if article is not None:
            record = {"file": article.path.name, "players": list(article.players), "source": article.source,
                      "moves": [move_record(move) for move in article.moves]
                      + [{**move_record(move), "held": True} for move in article.held_moves]}
            added += ('<script type="application/json" id="site-gen-record">'
                      + json.dumps(record, ensure_ascii=False).replace("</", "<\\/") + "</script>")
        return added + "</head>"

    def _articles(self) -> dict[str, Article]:
        """The last build's articles by their page's route (made again after each build)."""
        maker = self.kept.maker
        if maker is None:
            return {}
        if self._routes[0] is not maker:
            self._routes = (maker, {urls.article_route(article.date, article.slug): article
                                    for article in maker.index.articles})
        return self._routes[1]

    def _review(self, start_response: StartResponse) -> Iterable[bytes]:
        """The desk's Review page: the doubts of `site-gen review` as the archive reads now."""
        try:
            found = review_archive(self.config, self.cache)  # the preview's records: no article read again
        except SiteError as error:
            return _respond(start_response, "500 Internal Server Error", _error_page(str(error)))
        pages = {article.path.name: self.base_path + route for route, article in self._articles().items()}
        return _respond(start_response, "200 OK", review_page(found, pages, self.base_path, self.token))

    def _desk(self, environ: dict[str, object], start_response: StartResponse) -> Iterable[bytes]:
        """The editor's desk: a correction posted as JSON by a page of this preview, written into
        corrections.yaml; the watcher then rebuilds and reloads. Only from this machine, only with
        this run's token (which only pages served here carry), and only what passes the checks."""
        if not self.token:
            return self._not_found(start_response)
        if environ.get("REQUEST_METHOD") != "POST":
            return _answer(start_response, "405 Method Not Allowed", {"ok": False, "error": "POST a correction"})
        if not _from_this_machine(environ):
            return _answer(start_response, "403 Forbidden", {"ok": False, "error": "the desk answers this machine only"})
        given = str(environ.get("HTTP_X_SITE_GEN_TOKEN") or "")
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return _answer(start_response, "403 Forbidden",
                           {"ok": False, "error": "no valid desk token: post from a page of this preview"})
        try:
            length = int(str(environ.get("CONTENT_LENGTH") or 0))
        except ValueError:
            length = -1
        if not 0 < length <= DESK_BODY_LIMIT:
            return _answer(start_response, "400 Bad Request", {"ok": False, "error": "a correction is a small JSON body"})
        stream = environ["wsgi.input"]
        try:
            raw = json.loads(stream.read(length).decode("utf-8"))  # type: ignore[attr-defined]
            request = checked_request(raw, self.config.seeds_dir)
            message = apply_request(request, self.config.source_dir)
        except (ValueError, UnicodeDecodeError) as error:  # DeskError and bad JSON
            return _answer(start_response, "400 Bad Request", {"ok": False, "error": str(error)})
        except SiteError as error:  # corrections.yaml itself unreadable
            return _answer(start_response, "409 Conflict", {"ok": False, "error": str(error)})
        if not self.quiet:
            click.echo(f"Desk: {message} ({CORRECTIONS_FILE})")
        return _answer(start_response, "200 OK", {"ok": True, "message": message})

    def _not_found(self, start_response: StartResponse) -> Iterable[bytes]:
        page = self.config.out_dir / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        return _respond(start_response, "404 Not Found", body)


class PortInUse(SiteError):
    """The port asked for is taken (by another preview, or anything else)."""


#: Where the desk listens, under the site's base path; and the most a correction may weigh.
DESK_PATH = "_desk"
DESK_BODY_LIMIT = 16_384
_LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _from_this_machine(environ: dict[str, object]) -> bool:
    """A request from loopback, to a loopback address (no other site's page, even through a name
    that resolves here), from a page of a loopback origin if it says where it comes from."""
    if str(environ.get("REMOTE_ADDR") or "") not in _LOOPBACK[:2]:
        return False
    host = urlsplit(f"//{environ.get('HTTP_HOST') or ''}").hostname
    origin = str(environ.get("HTTP_ORIGIN") or "")
    return host in _LOOPBACK and (not origin or urlsplit(origin).hostname in _LOOPBACK)


def _answer(start_response: StartResponse, status: str, value: dict[str, object]) -> list[bytes]:
    return _respond(start_response, status, json.dumps(value).encode("utf-8"), "application/json; charset=utf-8")


def free_port(host: str, port: int) -> int:
    """`port` if it can be listened on (a free one for 0); `PortInUse` if it is taken."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortInUse(f"port {port} on {host} is already in use ({error.strerror}); "
                            "choose another with --port, or --port 0 for any free one") from None
        return int(probe.getsockname()[1])


def serve(config: SiteConfig, host: str, port: int, open_browser: bool = False, quiet: bool = False,
          desk: bool = True) -> None:
    """Build, then serve and watch until interrupted; `PortInUse` before anything else if the port is taken."""
    port = free_port(host, port)
    preview = Preview(config, quiet, desk)
    preview.rebuild()
    # livereload drops a reload signal within this many seconds of the last one (3 by default): an
    # editor's saves, and the desk's corrections, may come quicker, and the watcher already gathers the
    # events of one save into one run
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0.0
    watcher = EventWatcher()
    server = Server(app=preview.app, watcher=watcher)

    def articles_saved(changed: list[str] | None = None) -> None:  # the watcher passes the changed files
        loop = IOLoop.current()  # the server's: the watcher runs in it
        articles = None if changed is None else [Path(path) for path in changed if not Path(path).name.startswith(".")]
        if articles == []:
            return  # an editor's or the desk's temporary file, already renamed over the article
        preview.saved(articles, lambda: loop.add_callback(LiveReloadHandler.reload_waiters))

    seeds, *rest = preview.watched()
    server.watch(str(seeds / "**" / "*"), articles_saved)
    for path in rest:
        server.watch(str(path), preview.rebuild)
    click.echo(f"Serving {config.out_dir} at http://{host}:{port}{preview.base_path} (Ctrl+C stops)")
    try:
        server.serve(host=host, port=port, debug=False, restart_delay=0,
                     open_url_delay=0.5 if open_browser else None)
    finally:
        watcher.stop()
        preview.cache.flush()  # the next `build` starts warm


def _respond(start_response: StartResponse, status: str, body: bytes,
             kind: str = "text/html; charset=utf-8") -> list[bytes]:
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])
    return [body]


def _redirect(start_response: StartResponse, location: str) -> list[bytes]:
    start_response("302 Found", [("Location", location), ("Content-Length", "0")])
    return [b""]


def _with_error_panel(page: bytes, message: str) -> bytes:
    """The last good page with a panel over it saying why the site could not be rebuilt."""
    panel = ("<div id=\"site-gen-error\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;z-index:9999;"
             "max-height:50vh;overflow:auto;background:#fee;color:#600;border-top:3px solid #c00;padding:1rem;"
             "font:14px/1.4 system-ui,sans-serif\"><strong>The site could not be rebuilt; this is the last good "
             f"version.</strong><pre style=\"white-space:pre-wrap;margin:.5rem 0 0\">{html.escape(message)}</pre>"
             "<p style=\"margin:.5rem 0 0\">Fix it and save: this panel clears by itself.</p></div>")
    marker = page.rfind(b"</body>")
    encoded = panel.encode("utf-8")
    return page[:marker] + encoded + page[marker:] if marker != -1 else page + encoded


def _error_page(message: str) -> bytes:
    """A page saying what broke; it carries a head so that live reload clears it after the fix."""
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title>"
            "</head><body style=\"font-family:system-ui,sans-serif;margin:2rem;max-width:60rem\">"
            "<h1>The site could not be built</h1><pre style=\"white-space:pre-wrap;background:#fee;"
            f"padding:1rem\">{html.escape(message)}</pre><p>Fix it and save: this page reloads by itself.</p>"
            "</body></html>").encode("utf-8")
