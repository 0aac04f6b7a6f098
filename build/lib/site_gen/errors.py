"""The project's own error types: every problem names where it was found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input that a build reports and goes on past: file, line, message."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class SiteError(Exception):
    """Base of every error site_gen reports to a user (never a bare traceback)."""


class ConfigError(SiteError):
    """The site configuration or a command-line option is invalid."""


class SourceError(SiteError):
    """One input file is unusable; the message reads `path:line: problem`."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.problem = Problem(Path(path), message, line)
        super().__init__(str(self.problem))

    @property
    def path(self) -> Path:
        return self.problem.path

    @property
    def line(self) -> int | None:
        return self.problem.line

    @property
    def message(self) -> str:
        return self.problem.message


class BuildError(SiteError):
    """The site could not be built (templates, output folder); nothing was replaced."""
