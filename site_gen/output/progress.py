"""Progress of a long build: a bar on a terminal, a line now and then otherwise, or nothing;
and the seconds each stage took.

The build calls `stage()` then `advance()`; which of these it talks to is the command line's choice.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator, Protocol, TextIO

from tqdm import tqdm


class Progress(Protocol):
    #: whether anything is shown (a build counts the pages it will render only for a progress that is)
    shows: bool

    def stage(self, name: str, total: int) -> None:
        """A stage of `total` steps begins (ending any previous one)."""

    def advance(self, count: int) -> None:
        """`count` more steps of the current stage are done."""

    def close(self) -> None:
        """The build is over."""


class NoProgress:
    """`--quiet`, and builds run from code: nothing shown."""

    shows = False

    def stage(self, name: str, total: int) -> None:
        pass

    def advance(self, count: int) -> None:
        pass

    def close(self) -> None:
        pass


class ProgressBar:
    """A tqdm bar on the terminal; it appears only for a stage that lasts over a second."""

    shows = True

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.bar: tqdm[None] | None = None

    def stage(self, name: str, total: int) -> None:
        self.close()
        self.bar = tqdm(total=total or None, desc=name, unit="", file=self.stream, delay=1.0, leave=False,
                        dynamic_ncols=True)

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class ProgressLines:
    """Plain lines for logs and CI: one every `every` seconds of a stage, none for a short build."""

    shows = True

    def __init__(self, stream: TextIO = sys.stderr, every: float = 5.0) -> None:
        self.stream = stream
        self.every = every
        self.name, self.total, self.done = "", 0, 0
        self.next_line = 0.0

    def stage(self, name: str, total: int) -> None:
        self.name, self.total, self.done = name, total, 0
        self.next_line = time.monotonic() + self.every

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now >= self.next_line:
            counted = f"{self.done:,} of {self.total:,} ({100 * self.done // self.total}%)" if self.total \
                else f"{self.done:,}"
            print(f"{self.name}: {counted}", file=self.stream, flush=True)
            self.next_line = now + self.every

    def close(self) -> None:
        pass


def for_terminal(quiet: bool, stream: TextIO = sys.stderr) -> Progress:
    """What a command shows: nothing with `--quiet`, a bar on a terminal, lines otherwise."""
    if quiet:
        return NoProgress()
    return ProgressBar(stream) if stream.isatty() else ProgressLines(stream)


class StageClock:
    """Seconds per build stage, for the report: timed here, or added from worker processes' own counts."""

    STAGES = ("load", "extract", "index", "render", "write", "search")

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.stages: dict[str, float] = dict.fromkeys(self.STAGES, 0.0)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        began = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - began)

    def add(self, name: str, seconds: float) -> None:
        self.stages[name] = self.stages.get(name, 0.0) + seconds

    def total(self) -> float:
        """Seconds since the clock was made."""
        return time.perf_counter() - self.started
