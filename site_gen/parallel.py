"""Spread a build's heavy stages (reading articles, rendering pages) over worker processes.

Workers are forked once the parent holds everything they need (gazetteer, index,
page list), so no task or result but small summaries crosses between processes;
each task is a slice of one list, and results come back in order, so the output
is the same whatever the number of processes.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Sequence

#: Fewer tasks than this are not worth starting processes for.
MIN_PARALLEL_TASKS = 400

_task: Callable[[Sequence[Any]], Any] | None = None
_items: Sequence[Any] = ()


def default_jobs() -> int:
    """As many processes as the machine has cores, where processes can be forked."""
    return os.cpu_count() or 1 if "fork" in multiprocessing.get_all_start_methods() else 1


def map_slices(task: Callable[[Sequence[Any]], Any], items: Sequence[Any], jobs: int,
               on_done: Callable[[int], None] | None = None) -> list[Any]:
    """`task(slice)` for consecutive slices of `items`, in `jobs` processes; results in slice order.

    `on_done(n)` is called in this process as each slice of n items finishes.
    """
    global _task, _items
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
    _task, _items = task, items
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for (start, end), result in zip(bounds, pool.imap(_run_slice, bounds)):
                results.append(result)
                if on_done:
                    on_done(end - start)
    finally:
        _task, _items = None, ()
    return results


def _run_slice(bounds: tuple[int, int]) -> Any:
    assert _task is not None
    return _task(_items[bounds[0]:bounds[1]])
