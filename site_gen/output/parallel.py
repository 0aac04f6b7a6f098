"""Spread a build's heavy stages (reading articles, rendering pages) over worker processes.

Workers are forked once the parent holds everything they need (gazetteer, cache,
index), so only small tasks and results cross between processes. Reading maps
slices of the list of files; rendering gives each worker one share of the pages
(every n-th), which it makes, checks against the cache and renders itself, so the
full list of pages never exists in any one process. The output is the same
whatever the number of processes.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from typing import Any, Callable, Sequence

#: Fewer tasks than this are not worth starting processes for.
MIN_PARALLEL_TASKS = 400

_task: Callable[[Sequence[Any]], Any] | None = None
_items: Sequence[Any] = ()
_share_task: Callable[[int, int, Callable[[int], None]], Any] | None = None
_counter: Any = None  # a shared multiprocessing.Value: steps done by all workers
_parent = 0  # the process that started the workers: if it dies, they stop
#: Workers report progress in batches of this many steps (each report takes a lock).
_TICK = 64


def default_jobs() -> int:
    """As many processes as the machine has cores, where processes can be forked."""
    return (os.cpu_count() or 1) if "fork" in multiprocessing.get_all_start_methods() else 1


def map_slices(task: Callable[[Sequence[Any]], Any], items: Sequence[Any], jobs: int,
               on_done: Callable[[int], None] | None = None) -> list[Any]:
    """`task(slice)` for consecutive slices of `items`, in `jobs` processes; results in slice order.

    `on_done(n)` is called in this process as each slice of n items finishes.
    """
    global _task, _items, _parent
    if not items:
        return []
    processes = jobs if jobs > 1 and len(items) >= MIN_PARALLEL_TASKS and "fork" in \
        multiprocessing.get_all_start_methods() else 1
    size = max(1, min(500, -(-len(items) // (processes * 8))))  # several slices per process evens out the load
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    results: list[Any] = []
    if processes == 1:
        for start, end in bounds:
            results.append(task(items[start:end]))
            if on_done:
                on_done(end - start)
        return results
    _task, _items, _parent = task, items, os.getpid()
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=_die_with_parent) as pool:
            for (start, end), result in zip(bounds, pool.imap(_run_slice, bounds)):
                results.append(result)
                if on_done:
                    on_done(end - start)
    finally:
        _task, _items = None, ()
    return results


def run_shares(task: Callable[[int, int, Callable[[int], None]], Any], jobs: int,
               on_done: Callable[[int], None] | None = None) -> list[Any]:
    """`task(share, shares, tick)` for share = 0 … jobs-1, each in its own process; results in share order.

    The task calls `tick(n)` as it does n more steps; `on_done(n)` hears of them here.
    """
    global _share_task, _counter, _parent
    report = on_done or _ignore
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(0, 1, report)]
    context = multiprocessing.get_context("fork")
    _share_task, _counter = task, context.Value("q", 0)
    _parent = os.getpid()
    try:
        with context.Pool(jobs, initializer=_die_with_parent) as pool:
            pending = pool.map_async(_run_share, [(share, jobs) for share in range(jobs)])
            seen = 0
            while not pending.ready():
                pending.wait(0.25)
                now = _counter.value
                report(now - seen)
                seen = now
            results: list[Any] = pending.get()
            report(_counter.value - seen)
    finally:
        _share_task, _counter = None, None
    return results


def _run_share(share_and_shares: tuple[int, int]) -> Any:
    assert _share_task is not None
    pending = 0

    def tick(count: int) -> None:
        nonlocal pending
        pending += count
        if pending >= _TICK:
            _stop_if_orphaned()
            with _counter.get_lock():
                _counter.value += pending
            pending = 0

    result = _share_task(share_and_shares[0], share_and_shares[1], tick)
    with _counter.get_lock():
        _counter.value += pending
    return result


def _ignore(count: int) -> None:
    pass


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker the moment the build's process dies, so a killed
    build writes nothing more (elsewhere, workers check now and then: `_stop_if_orphaned`)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        pass
    _stop_if_orphaned()  # the parent may have gone before the line above


_PR_SET_PDEATHSIG = 1


def _stop_if_orphaned() -> None:
    """A killed build must not go on writing: a worker whose parent is gone exits at once."""
    if os.getppid() != _parent:
        os._exit(1)


def _run_slice(bounds: tuple[int, int]) -> Any:
    assert _task is not None
    _stop_if_orphaned()
    return _task(_items[bounds[0]:bounds[1]])
