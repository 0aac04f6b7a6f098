"""The preview's file watcher: livereload's, woken by the operating system's file events.

livereload's own watcher looks at every watched file's time stamp each 0.8 s: a save waits
0.4 s on average before anything happens, and at 10,000 articles each look costs tens of
milliseconds. This one is told of each change by watchdog (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows) and runs the matching task at once, with the changed files.
"""

from __future__ import annotations

import inspect
import os
import threading
import time

from typing import Any, Callable

from livereload.watcher import Watcher
from tornado.ioloop import IOLoop
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

_WILDCARDS = ("*", "?", "[")
#: Quiet time after a file's last event before its task runs: a save is several events (truncate,
#: write, close), and a build should read the file whole.
SETTLE_SECONDS = 0.025


def watched_root(pattern: str) -> str:
    """The folder to observe for a watched path: a glob's folder before its first wildcard, a file's
    folder, or the folder itself."""
    cut = min((pattern.index(mark) for mark in _WILDCARDS if mark in pattern), default=-1)
    if cut >= 0:
        return os.path.dirname(pattern[:cut]) or "."
    return pattern if os.path.isdir(pattern) else os.path.dirname(pattern) or "."


def covers(pattern: str, path: str) -> bool:
    """Whether a change to `path` concerns the task watching `pattern`: a glob stands for everything
    under its folder, a folder for everything in it, a file for itself."""
    if any(mark in pattern for mark in _WILDCARDS) or os.path.isdir(pattern):
        return path.startswith(watched_root(pattern).rstrip(os.sep) + os.sep)
    return path == pattern


class EventWatcher(Watcher):
    """A livereload watcher run by file events rather than by polling."""

    def __init__(self) -> None:
        super().__init__()
        self._observer = Observer()
        self._observed: set[tuple[str, bool]] = set()
        self._touched: set[str] = set()
        self._lock = threading.Lock()
        self._loop: IOLoop | None = None
        self._run_tasks: Callable[[], None] = lambda: None
        self._last_event = 0.0
        #: when the oldest change not yet handed to the tasks came (0.0: none waits)
        self._first_event = 0.0
        self._timer: object | None = None

    def watch(self, path: str, func: Callable[..., Any] | None = None, delay: Any = 0,
              ignore: Callable[[str], bool] | None = None) -> None:
        super().watch(path, func, delay, ignore)
        root = os.path.abspath(watched_root(path))
        # a file's folder is observed alone, not its subfolders: the archive's folder holds the built site
        recursive = any(mark in path for mark in _WILDCARDS) or os.path.isdir(path)
        if os.path.isdir(root) and (root, recursive) not in self._observed:
            self._observer.schedule(_Relay(self), root, recursive=recursive)
            self._observed.add((root, recursive))

    def start(self, callback: Callable[[], None]) -> bool:
        """Start observing; `callback` (livereload's task runner) is called in the server's loop on
        each change. True: livereload then polls nothing."""
        self._loop = IOLoop.current()
        self._run_tasks = callback
        self._observer.daemon = True
        self._observer.start()
        callback()  # what livereload has to say as it starts, as its inotify watcher does
        return True

    def touched(self, path: str) -> None:
        """A file changed (called from the observer's thread)."""
        with self._lock:
            self._touched.add(path)
            self._last_event = time.monotonic()
            self._first_event = self._first_event or self._last_event
        if self._loop is not None:
            self._loop.add_callback(self._settle)

    def _settle(self) -> None:
        """In the server's loop: run the tasks once the files have been quiet for `SETTLE_SECONDS`."""
        if self._timer is not None or self._loop is None:
            return
        now = time.monotonic()
        with self._lock:
            # quiet for a moment, or waiting long enough (files written without a pause must not stall it)
            wait = min(self._last_event + SETTLE_SECONDS, self._first_event + 8 * SETTLE_SECONDS) - now
            if wait <= 0:
                self._first_event = 0.0
        if wait > 0:
            self._timer = self._loop.call_later(wait, self._settled)
        else:
            self._run_tasks()

    def _settled(self) -> None:
        self._timer = None
        self._settle()

    def examine(self) -> tuple[str | None, float | None]:
        """Run the tasks of the files changed since the last call; the first such file and the
        longest delay asked, as livereload's own watcher returns them."""
        with self._lock:
            touched, self._touched = sorted(self._touched), set()
        if not touched:  # livereload's own signals ("reload now", as the server starts)
            return self._changes.pop() if self._changes else (None, None)
        first: str | None = None
        delays = set()
        for pattern, task in list(self._tasks.items()):
            ignore = task["ignore"]
            changed = [path for path in touched if covers(os.path.abspath(pattern), path)
                       and not self.ignore(path) and not (ignore and ignore(path))]
            if not changed:
                continue
            first = first or changed[0]
            if isinstance(task["delay"], float):
                delays.add(task["delay"])
            func = task["func"]
            if func is not None:
                func(changed) if inspect.signature(func).parameters else func()
        return first, max(delays) if delays else None

    def stop(self) -> None:
        self._observer.stop()


class _Relay(FileSystemEventHandler):
    """Hands the observer's events to the watcher: every file a change names (both ends of a move)."""

    def __init__(self, watcher: EventWatcher) -> None:
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self._watcher.touched(os.fsdecode(path))



