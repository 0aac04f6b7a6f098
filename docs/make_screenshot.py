"""Make docs/player-page.png, the README's screenshot: the busiest player of a synthetic archive.

    .venv/bin/python docs/make_screenshot.py [--count 1500] [--player SLUG]

The archive is made by ../shared/bench/make_corpus.py (fictional players and clubs).
Needs what the browser tests need (Debian's chromium and Playwright for Python).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from site_gen.build import build
from site_gen.config import load_config

PROJECT = Path(__file__).resolve().parents[1]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--player", help="the player's slug (default: the one with most rumoured fees)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "site"
        for folder in ("templates", "static"):
            shutil.copytree(PROJECT / folder, source / folder)
        subprocess.run([sys.executable, str(PROJECT.parent / "shared" / "bench" / "make_corpus.py"), "--count",
                        str(args.count), "--out", str(source / "seeds"), "--seed", "1"], check=True, capture_output=True)
        config = load_config(source, out_dir=Path(scratch) / "out")
        build(config)
        player = args.player or _busiest(config.out_dir)
        handler = functools.partial(_Quiet, directory=str(config.out_dir))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 1250})
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/players/{player}/")
            page.screenshot(path=str(PROJECT / "docs" / "player-page.png"))
            browser.close()
        httpd.shutdown()


def _busiest(out: Path) -> str:
    """The player with most rumoured fees, from the site's open data."""
    def fees(entry: dict[str, str]) -> int:
        rumours = json.loads((out / "api" / "players" / f"{entry['slug']}.json").read_text(encoding="utf-8"))["rumours"]
        return sum(1 for rumour in rumours for move in rumour["moves"] if move["fee"])
    players = json.loads((out / "api" / "players.json").read_text(encoding="utf-8"))["players"]
    top = sorted(players, key=lambda entry: -entry["rumours"])[:40]
    return max(top, key=fees)["slug"]


if __name__ == "__main__":
    main()
