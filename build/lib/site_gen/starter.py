"""`site-gen init`: a ready archive in a new folder, with one example article to replace."""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path

from site_gen import __version__
from site_gen.errors import ConfigError

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
#: scaffold file → where it goes in a new archive
FILES = {
    "example-article.txt": "seeds/001_example.txt",
    "site.toml": "site.toml",
    "corrections.yaml": "corrections.yaml",
    "pages.yml": ".github/workflows/pages.yml",
    "gitignore": ".gitignore",
    "README.md": "README.md",
}


def start_archive(folder: Path, force: bool = False) -> list[Path]:
    """Write a new archive into `folder` (made if missing); refuse a non-empty one unless `force`.

    With `force`, the starter files replace files of the same name; nothing else is touched.
    """
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ConfigError(f"{folder}: the folder is not empty (use --force to add the starter files anyway)")
    written: list[Path] = []
    for name, target in FILES.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCAFFOLD / name, path)
        written.append(path)
    requirements = folder / "requirements.txt"
    requirements.write_text(_requirement(), encoding="utf-8")
    written.append(requirements)
    return written


def _requirement() -> str:
    """What the Pages workflow installs: where this copy of site_gen came from, if that can be reached from CI."""
    header = "# What the GitHub Pages workflow installs to build this archive.\n"
    try:
        origin = json.loads(metadata.distribution("site_gen").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        origin = {}
    vcs = origin.get("vcs_info")
    if vcs and origin.get("url", "").startswith("https://"):
        return f"{header}site_gen @ git+{origin['url']}@{vcs.get('commit_id', 'main')}\n"
    return (f"{header}# site_gen was installed here from a local folder; point this at a copy CI can reach,\n"
            f"# e.g. site_gen @ git+https://github.com/<owner>/site_gen@<tag>\n"
            f"site_gen=={__version__}\n")
