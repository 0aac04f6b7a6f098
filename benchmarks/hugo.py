"""Hugo's minimal site over the same articles, timed in the same run: the yardstick the build is held to.

Each raw article becomes a Hugo page (its first sentence as the title, its date, its body as
Markdown) under `content/posts/`, with minimal templates (a page, a paginated list, the home
page). Hugo is Debian's `hugo` package where installed (`apt install hugo`); without it the
figures are left out with a line saying so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

_RAW = re.compile(r"\s*date\s+(\d{4}-\d\d-\d\d)\s*")
_LAYOUTS = {
    "_default/baseof.html": "<!doctype html><html><head><meta charset=utf-8><title>{{ .Title }}</title></head>"
                            "<body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><time>{{ .Date.Format \"2006-01-02\" }}"
                            "</time>{{ .Content }}{{ end }}\n",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}"
                          "<p><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></p>{{ end }}{{ end }}\n",
    "index.html": "{{ define \"main\" }}{{ range first 20 .Site.RegularPages }}"
                  "<p><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></p>{{ end }}{{ end }}\n",
}


def hugo_version() -> str | None:
    """Hugo's own version line, or None where it is not installed."""
    if shutil.which("hugo") is None:
        return None
    done = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def make_hugo_site(seeds: Path, root: Path) -> Path:
    """A minimal Hugo site holding the raw articles of `seeds`."""
    site = root / "hugo-site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    for relative, text in _LAYOUTS.items():
        (site / "layouts" / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / relative).write_text(text, encoding="utf-8")
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Rumours"\n'
                                    'disableKinds = ["RSS", "sitemap", "taxonomy", "term"]\n', encoding="utf-8")
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        header = _RAW.match(text)
        if header is None:
            continue
        body = text[header.end():].strip()
        title = body.split(". ", 1)[0][:80].replace('"', "'")
        (posts / f"{path.stem}.md").write_text(f'---\ntitle: "{title}"\ndate: {header.group(1)}\n---\n\n{body}\n',
                                               encoding="utf-8")
    return site


def hugo_build_seconds(site: Path) -> float:
    """Wall time of one cold `hugo` build of `site` (its output folder removed first)."""
    shutil.rmtree(site / "public", ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(["hugo", "--quiet", "--source", str(site)], check=True, capture_output=True)
    return time.perf_counter() - started
