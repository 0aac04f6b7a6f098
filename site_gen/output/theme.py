"""Where a site's templates and static files come from: its own folders first, then the default theme.

The default theme ships inside the package (`site_gen/theme/`, copied there from the project's
top-level `templates/` and `static/` when the package is built), so a folder holding only
`seeds/` builds. A site overrides it file by file, as MkDocs' `custom_dir` and Hugo's lookup
order do: `templates/player.html` in the site replaces that one template and nothing else.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from site_gen.errors import ConfigError

_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class ThemeFolders:
    """One theme's `templates/` and `static/` folders (either may be missing)."""

    templates: Path
    static: Path

    def folders(self) -> tuple[Path, Path]:
        return self.templates, self.static


def _default_theme() -> ThemeFolders:
    packaged = _PACKAGE / "theme"
    if (packaged / "templates").is_dir():  # an installed package
        return ThemeFolders(packaged / "templates", packaged / "static")
    return ThemeFolders(_PACKAGE.parent / "templates", _PACKAGE.parent / "static")  # a source checkout


#: The theme every site falls back on.
DEFAULT_THEME = _default_theme()


@dataclass(frozen=True, slots=True)
class Theme:
    """The folders templates and static files are looked up in, the site's own first."""

    template_dirs: tuple[Path, ...]
    static_dirs: tuple[Path, ...]

    @classmethod
    def for_site(cls, templates_dir: Path, static_dir: Path) -> Theme:
        """The site's folders (where they exist) in front of the default theme's."""
        return cls(_layered(templates_dir, DEFAULT_THEME.templates), _layered(static_dir, DEFAULT_THEME.static))

    def static_files(self) -> dict[str, Path]:
        """Each static file's name (relative, with `/`) and the file that wins: the site's over the default."""
        found: dict[str, Path] = {}
        for folder in reversed(self.static_dirs):  # the default first, so the site's own replace its files
            for path in sorted(folder.rglob("*")):
                relative = path.relative_to(folder)
                if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                    found[relative.as_posix()] = path
        return dict(sorted(found.items()))


def _layered(own: Path, default: Path) -> tuple[Path, ...]:
    if own.is_dir() and own.resolve() != default.resolve():
        return (own, default)
    return (default,)


def default_files() -> dict[str, Path]:
    """Every file of the default theme by its name in a site: `templates/…` and `static/…`."""
    files: dict[str, Path] = {}
    for kind, folder in (("templates", DEFAULT_THEME.templates), ("static", DEFAULT_THEME.static)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[f"{kind}/{path.relative_to(folder).as_posix()}"] = path
    return files


def copy_default_files(site_dir: Path, names: tuple[str, ...] = (), force: bool = False) -> list[Path]:
    """Copy default theme files into a site for editing: all of them, or those named
    (`player.html`, `templates/player.html`, `style.css`). Existing files are kept unless `force`."""
    available = default_files()
    chosen: dict[str, Path] = {}
    for name in names or tuple(available):
        matches = [key for key in available if name in (key, key.split("/", 1)[1])]
        if not matches:
            raise ConfigError(f"the default theme has no file {name!r} (see 'site-gen theme list')")
        chosen.update((key, available[key]) for key in matches)
    copied: list[Path] = []
    for key, path in chosen.items():
        target = site_dir / key
        if target.exists() and not force:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        copied.append(target)
    return copied
