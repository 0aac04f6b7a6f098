"""The preview server, over real HTTP on loopback: serving, live reload, rebuilds and build errors."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import Callable, Iterator

import pytest
import yaml
from tornado.websocket import WebSocketClientConnection, websocket_connect

from site_gen.config import SiteConfig

SiteFactory = Callable[..., SiteConfig]

BASE = "/repo/"
SEED_PAGE = "2017/08/virgil-van-dijk-has-refused-to-budge-in.html"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(port: int, path: str) -> tuple[int, str, dict[str, str]]:
    """(status, body, headers) of a GET, redirects not followed."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8"), dict(error.headers)


def wait_for(port: int, path: str, condition: object, seconds: float = 15) -> tuple[int, str]:
    """Poll until `condition(status, body)` holds; fail with the last response if it never does."""
    deadline = time.monotonic() + seconds
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        try:
            status, body, _ = fetch(port, path)
            last = (status, body)
            if condition(status, body):  # type: ignore[operator]
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{path} never met the condition; last response {last[0]}: {last[1][:300]}")


@pytest.fixture
def server(make_site: SiteFactory, seed_text: str) -> Iterator[tuple[SiteConfig, int]]:
    config = make_site({"000_seed.txt": seed_text}, base_url=f"https://example.github.io{BASE}")
    (config.source_dir / "site.toml").unlink()  # minified pages, the default: live reload finds </head> all the same
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "site_gen", "serve", "--source", str(config.source_dir), "--out", str(config.out_dir),
         "--base-url", f"https://example.github.io{BASE}", "--port", str(port), "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(port, BASE, lambda status, body: status == 200)
        yield config, port
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serves_the_site_under_its_base_path(server: tuple[SiteConfig, int]) -> None:
    config, port = server
    status, body, headers = fetch(port, BASE + SEED_PAGE)
    assert status == 200 and "Virgil van Dijk" in body
    assert headers["Content-Type"].startswith("text/html")
    assert "livereload.js" in body  # injected into what is served...
    assert "livereload" not in (config.out_dir / SEED_PAGE).read_text(encoding="utf-8")  # ...not on disk
    assert fetch(port, "/")[0] == 302
    assert fetch(port, BASE.rstrip("/"))[2]["Location"] == BASE
    css = next((config.out_dir / "static").glob("*.css")).name
    status, _, headers = fetch(port, f"{BASE}static/{css}")
    assert status == 200 and headers["Content-Type"].startswith("text/css")


def test_unknown_urls_get_the_site_404_page(server: tuple[SiteConfig, int]) -> None:
    _, port = server
    for path in (BASE + "no/such/page/", "/elsewhere/", BASE + "../../etc/passwd", BASE + ".site-gen"):
        status, body, _ = fetch(port, path)
        assert status == 404, path
        assert "Page not found" in body


async def _watching(port: int) -> WebSocketClientConnection:
    """A live-reload connection as a browser showing the seed's page makes it."""
    socket = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    socket.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    while json.loads(await socket.read_message() or "{}").get("command") != "hello":
        pass
    socket.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}{BASE}{SEED_PAGE}"}))
    return socket


def test_saving_an_article_rebuilds_and_signals_reload(server: tuple[SiteConfig, int]) -> None:
    config, port = server

    async def edit_and_listen() -> dict[str, object]:
        socket = await _watching(port)
        await asyncio.sleep(0.5)  # the server registers the page as waiting for reloads
        seed = next(config.seeds_dir.glob("*.txt"))
        seed.write_text(seed.read_text(encoding="utf-8").replace("68 appearances", "99 appearances"),
                        encoding="utf-8")
        while True:
            message = json.loads(await asyncio.wait_for(socket.read_message(), 15) or "{}")
            if message.get("command") == "reload":
                socket.close()
                return message

    assert asyncio.run(edit_and_listen())["command"] == "reload"
    wait_for(port, BASE + SEED_PAGE, lambda status, body: status == 200 and "99 appearances" in body)


def test_news_in_an_article_shows_its_page_then_reloads_again_with_the_lists(server: tuple[SiteConfig, int]) -> None:
    config, port = server
    month = BASE + "archive/2017/08/"
    assert "£70m" not in fetch(port, month)[1]

    async def edit_and_listen() -> list[tuple[float, str, str]]:
        socket = await _watching(port)
        try:  # a reload the watcher sends as it starts is not this save's; nor any within its pause between reloads
            while True:
                await asyncio.wait_for(socket.read_message(), 1)
        except asyncio.TimeoutError:
            pass
        seed = next(config.seeds_dir.glob("*.txt"))
        seed.write_text(seed.read_text(encoding="utf-8").replace("£60m", "£70m"), encoding="utf-8")
        seen = []  # (when, the article page, the month's list) at each reload
        while len(seen) < 2:
            message = json.loads(await asyncio.wait_for(socket.read_message(), 20) or "{}")
            if message.get("command") == "reload":
                seen.append((time.monotonic(), fetch(port, BASE + SEED_PAGE)[1], fetch(port, month)[1]))
        socket.close()
        return seen

    (first, page, _), (second, page_after, listed) = asyncio.run(edit_and_listen())
    assert "£70m" in page  # the first reload brings the edited page
    assert "£70m" in page_after and "£70m" in listed  # the second, the lists that show it
    assert second > first


def test_build_error_shows_in_the_browser_and_clears_after_the_fix(server: tuple[SiteConfig, int]) -> None:
    config, port = server
    template = config.templates_dir / "article.html"
    good = template.read_text(encoding="utf-8")
    template.write_text(good.replace("{% block main %}", "{% block main %}{% if %}", 1), encoding="utf-8")
    status, body = wait_for(port, BASE + SEED_PAGE, lambda status, body: "site-gen-error" in body)
    assert status == 200 and "Virgil van Dijk" in body  # the last good page stays on screen...
    assert "could not be rebuilt" in body and "templates/article.html:3" in body  # ...under a panel saying why
    assert "livereload.js" in body  # so that the page reloads by itself after the fix
    other_status, other_body, _ = fetch(port, BASE + "clubs/liverpool/")
    assert other_status == 200 and "site-gen-error" in other_body  # every page says so
    template.write_text(good, encoding="utf-8")
    wait_for(port, BASE + SEED_PAGE, lambda status, body: status == 200 and "site-gen-error" not in body
             and "Virgil van Dijk" in body)


def test_a_taken_port_is_one_line_and_exit_2(server: tuple[SiteConfig, int]) -> None:
    config, port = server
    done = subprocess.run([sys.executable, "-m", "site_gen", "serve", "--source", str(config.source_dir),
                           "--out", str(config.out_dir), "--port", str(port)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and f"port {port}" in done.stderr and "--port" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_port_0_picks_a_free_port_and_prints_it(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text})
    process = subprocess.Popen([sys.executable, "-m", "site_gen", "serve", "--source", str(config.source_dir),
                                "--out", str(config.out_dir), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        line = next(line for line in process.stdout if line.startswith("Serving"))
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        assert port > 0
        wait_for(port, "/", lambda status, body: status == 200 and "Virgil van Dijk" in body)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_preview_writes_its_cache_when_it_stops_and_build_starts_warm(make_site: SiteFactory, seed_text: str) -> None:
    from site_gen.build import build
    from site_gen.output.cache import cache_folder
    from site_gen.serve import Preview

    config = make_site({"000_seed.txt": seed_text})
    preview = Preview(config, quiet=True)
    preview.rebuild()
    cache_file = cache_folder(config.out_dir) / "cache.pickle"
    assert not cache_file.exists()  # a save does not wait for the cache to be written
    seed = config.seeds_dir / "000_seed.txt"
    seed.write_text(seed_text + "\n\nLiverpool are expected to complete the deal this week.", encoding="utf-8")
    preview.rebuild()
    assert not cache_file.exists()
    preview.cache.flush()  # as when the preview stops
    assert cache_file.is_file()
    report = build(config)
    assert report.rendered == 0  # warm: the cache describes the site in place


def _desk_token(port: int) -> str:
    """The token the preview's pages carry for the editor's desk."""
    page = fetch(port, BASE)[1]
    found = re.search(r'<meta name="?site-gen-desk"? content="?([\w-]+)', page)
    assert found, "the preview's pages carry the desk's token"
    return found.group(1)


def post(port: int, value: object, token: str | None, origin: str | None = None) -> tuple[int, dict[str, object]]:
    """(status, JSON answer) of a correction posted to the desk."""
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["X-Site-Gen-Token"] = token
    if origin is not None:
        headers["Origin"] = origin
    request = urllib.request.Request(f"http://127.0.0.1:{port}{BASE}_desk", data=json.dumps(value).encode(),
                                     headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_desk_refuses_what_it_must_and_writes_nothing(server: tuple[SiteConfig, int]) -> None:
    config, port = server
    corrections = config.source_dir / "corrections.yaml"
    corrections.write_text("# the editor's own notes\nnot_players: [Dan Holt]\n", encoding="utf-8")
    before = corrections.read_bytes()
    seed = next(config.seeds_dir.glob("*.txt")).name
    reject = {"action": "reject", "file": seed, "player": "Wesley Hoedt", "to": "Southampton"}
    token = _desk_token(port)
    refused = [
        post(port, reject, None),  # no token: another site's page cannot write
        post(port, reject, "not-the-token"),
        post(port, reject, token, origin="https://elsewhere.example"),
        post(port, {**reject, "action": "edit", "new_to": "Everton", "new_stage": "signed"}, token),  # no such stage
        post(port, {**reject, "file": "../site.toml"}, token),  # outside seeds/
        post(port, {**reject, "file": "000_nothing.txt"}, token),
        post(port, {**reject, "player": "Wesley\nHoedt"}, token),
        post(port, {"action": "delete_everything"}, token),
    ]
    assert [status for status, _ in refused] == [403, 403, 403, 400, 400, 400, 400, 400]
    assert all(answer["ok"] is False and answer["error"] for _, answer in refused)
    assert "stage" in str(refused[3][1]["error"]) and "seeds/" in str(refused[4][1]["error"])
    assert corrections.read_bytes() == before


def test_a_correction_from_the_desk_lands_in_corrections_yaml_and_the_page(server: tuple[SiteConfig, int]) -> None:
    config, port = server
    corrections = config.source_dir / "corrections.yaml"
    corrections.write_text("# the editor's own notes\nnot_players: [Dan Holt]\n", encoding="utf-8")
    seed = next(config.seeds_dir.glob("*.txt")).name
    token = _desk_token(port)
    month = BASE + "api/rumours/2017-08.json"
    assert "Chelsea" not in fetch(port, month)[1]
    # two corrections at once: both land
    answers: list[tuple[int, dict[str, object]]] = []
    workers = [threading.Thread(target=lambda value=value: answers.append(post(port, value, token))) for value in (
        {"action": "add", "file": seed, "player": "Virgil van Dijk", "from": "Southampton", "to": "Chelsea",
         "stage": "bid", "fee": "£55m"},
        {"action": "source", "file": seed, "outlet": "The Sun"})]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(status for status, _ in answers) == [200, 200], answers
    written = corrections.read_text(encoding="utf-8")
    assert written.startswith("# the editor's own notes") and "Dan Holt" in written  # the editor's file kept
    entry = yaml.safe_load(written)["articles"][seed]
    assert entry["source"] == "The Sun"
    assert entry["moves_added"] == [{"player": "Virgil van Dijk", "from": "Southampton", "to": "Chelsea",
                                     "fee": "£55m", "stage": "bid"}]
    _, body = wait_for(port, month, lambda status, body: "Chelsea" in body)
    added = next(move for rumour in json.loads(body)["rumours"] for move in rumour["moves"] if move["to"] == "Chelsea")
    assert added["checked"] is True and added["stage"] == "bid"


def test_no_edit_turns_the_desk_off(make_site: SiteFactory, seed_text: str) -> None:
    config = make_site({"000_seed.txt": seed_text}, base_url=f"https://example.github.io{BASE}")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "site_gen", "serve", "--source", str(config.source_dir), "--out", str(config.out_dir),
         "--base-url", f"https://example.github.io{BASE}", "--port", str(port), "-q", "--no-edit"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _, page = wait_for(port, BASE, lambda status, body: status == 200)
        assert "site-gen-desk" not in page
        status, _, _ = fetch(port, BASE + "_desk")
        assert status == 404
        assert fetch(port, BASE + "_review")[0] == 404
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_review_page_lists_the_doubts_and_settles_them(server: tuple[SiteConfig, int]) -> None:
    config, port = server
    status, page, _ = fetch(port, BASE + "_review")
    assert status == 200 and ("doubts left" in page or "doubt left" in page)
    left = int(re.search(r"Review: (\d+) doubts? left", page).group(1))  # type: ignore[union-attr]
    rejecting = re.search(r'data-desk="([^"]+)" aria-label="Reject: ([^"]+)"', page)
    assert rejecting, "a move listed with a button to reject it"
    request = json.loads(rejecting.group(1).replace("&quot;", '"').replace("&#x27;", "'"))
    assert request["action"] == "reject" and request["file"].endswith(".txt")
    assert f'href="{BASE}{SEED_PAGE}"' in page  # each doubt links to its article, where the desk edits
    status, answer = post(port, request, _desk_token(port))
    assert status == 200, answer
    wait_for(port, BASE + "_review", lambda status, body: f"Review: {left - 1} doubt" in body)
