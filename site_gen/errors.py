"""The project's own error types: every problem names where it was found."""

from __future__ import annotations

from pathlib import Path


class SiteError(Exception):
    """Base of every error site_gen reports to a user (never a bare traceback)."""


class ConfigError(SiteError):
    """The site configuration or a command-line option is invalid."""


class SourceError(SiteError):
    """One input file is unusable; the message reads `path:line: problem`."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class BuildError(SiteError):
    """The site could not be built (templates, output folder); nothing was replaced."""
