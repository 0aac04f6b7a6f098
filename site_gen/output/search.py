"""Client-side search: a Pagefind index in partitions, each rebuilt only when its records change.

Pagefind (from PyPI, with its bundled binary) is fed the records directly through its indexing
service (`pagefind --service`), so it parses no HTML. Each partition (a year of articles, or the
names) is a bundle of its own under `pagefind/<partition>/`, merged in the browser (`mergeIndex`);
a browser loads only the pieces a query needs, however big the archive. Pagefind writes a file per
result (a fragment: its address, title and words); published, each costs a tar header and a block,
so a bundle keeps them instead in shelves, gzipped together by their id's first digits
(`fragments/<digits>.pf_fragments`), which the search page's script hands to Pagefind as it asks for
one fragment. `pagefind/partitions.json`
names each partition's records by a digest: a later build takes a partition whose records are
the same from the last site unchanged, so an edit re-indexes one year, not the archive.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import subprocess
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, cast

from site_gen.digests import fingerprint
from site_gen.errors import BuildError
from site_gen.output.write import PatchedOutput, StagedOutput
from site_gen.site.finding import SearchRecord, fragment_shelf

FOLDER = "pagefind"
MANIFEST = f"{FOLDER}/partitions.json"
#: Pagefind writes several interfaces into every bundle; the search page uses the default one,
#: from the first bundle only.
_UNUSED = ("pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css",
           "pagefind-modular-ui.js", "pagefind-highlight.js")
_UI = ("pagefind-ui.js", "pagefind-ui.css")
#: The first bundle's runtime (script, worker, WebAssembly) also searches the bundles merged into
#: it, which load only their index and fragments: the others' copies are never fetched.
_RUNTIME = ("pagefind.js", "pagefind-worker.js")
#: A bundle's one file every build writes, whatever its role.
_ENTRY = "pagefind-entry.json"
#: Which files a bundle keeps: a change to that rule re-indexes bundles made before it.
_LAYOUT = 3
#: Pagefind's fragments are `fragment/<id>.pf_fragment`, gzipped JSON after this signature.
_FRAGMENT = re.compile(r"fragment/(?P<id>[^/]+)\.pf_fragment")
_SIGNATURE = b"pagefind_dcd"


def write_index(digests: dict[str, str], records_of: Callable[[set[str]], Iterable[SearchRecord]],
                output: StagedOutput | PatchedOutput, language: str, jobs: int = 1) -> None:
    """Index the partitions named in `digests` (in the search page's order, each with a digest of
    what its records are made from): those whose digest is unchanged since the last site are
    kept, the others are indexed from `records_of(their names)`, in `jobs` Pagefind processes."""
    order = list(digests)
    # the first bundle carries the interface: a partition that becomes (or stops being) first is rebuilt
    full = {name: fingerprint((digest, language, name == order[0], _LAYOUT)).hex() for name, digest in digests.items()}
    old = _manifest(output.out_dir)
    kept = {name for name in order if old.get(name) == full[name]
            and (output.out_dir / FOLDER / name / _ENTRY).is_file()}
    for name in sorted(kept):
        output.keep_folder(f"{FOLDER}/{name}")
    fresh = [name for name in order if name not in kept]
    if fresh:
        by_partition: dict[str, list[SearchRecord]] = defaultdict(list)
        for record in records_of(set(fresh)):
            by_partition[record.partition].append(record)
        try:
            _index({name: by_partition[name] for name in fresh}, output, language, order[0], jobs)
        except OSError as error:
            raise BuildError(f"search index: pagefind failed: {error}") from None
    output.prune_folder(FOLDER, set(order))
    output.write_text(MANIFEST, json.dumps(full, indent=0, sort_keys=True) + "\n")


def _index(partitions: dict[str, list[SearchRecord]], output: StagedOutput | PatchedOutput, language: str,
           first: str, jobs: int = 1) -> None:
    """Index the partitions in `jobs` Pagefind services side by side (the largest first)."""
    names = sorted(partitions, key=lambda name: -len(partitions[name]))
    shares = [{name: partitions[name] for name in names[start::jobs]} for start in range(min(jobs, len(names)))]
    with ThreadPoolExecutor(len(shares)) as pool:  # the work is in the services' processes
        for done in [pool.submit(_index_share, share, output, language, first) for share in shares]:
            done.result()


def _index_share(partitions: dict[str, list[SearchRecord]], output: StagedOutput | PatchedOutput, language: str,
                 first: str) -> None:
    """One Pagefind service, one index per partition; each index's files are taken from it in
    memory and written through `output` (so they land in the staged site, whole), then dropped."""
    with _Service() as service:
        for name, records in partitions.items():
            index_id = service.request({"type": "NewIndex", "config": {"force_language": language}})["index_id"]
            service.stream({"type": "AddRecord", "index_id": index_id, "url": r.url, "content": r.content,
                            "language": language, "meta": {"title": r.title, "summary": r.summary},
                            "filters": None, "sort": None} for r in records)
            files = service.request({"type": "GetFiles", "index_id": index_id})["files"]
            wanted = {file["path"]: base64.b64decode(file["content"])
                      for file in files if _wanted(file["path"], name == first)}
            output.replace_folder(f"{FOLDER}/{name}", _shelved(wanted, len(records)))
            service.request({"type": "DeleteIndex", "index_id": index_id})


def _wanted(path: str, first: bool) -> bool:
    """Whether a bundle's file is published: the first bundle's runtime and interface, and every
    bundle's index, fragments and entry."""
    if path in _UNUSED:
        return False
    return first or not (path in _UI or path in _RUNTIME or path.startswith("wasm."))


def _shelved(files: dict[str, bytes], records: int) -> dict[str, bytes]:
    """A bundle's files with its fragments put on shelves: one gzipped JSON object per shelf,
    from each fragment's id to the fragment (as Pagefind wrote it, without the signature)."""
    shelves: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    kept: dict[str, bytes] = {}
    for path, data in files.items():
        match = _FRAGMENT.fullmatch(path)
        if not match:
            kept[path] = data
            continue
        fragment = gzip.decompress(data)
        if not fragment.startswith(_SIGNATURE):
            raise BuildError(f"search index: pagefind wrote a fragment not in its format ({path})")
        shelves[fragment_shelf(match["id"], records)].append((match["id"], fragment[len(_SIGNATURE):]))
    for shelf, fragments in shelves.items():
        table = b"{" + b",".join(json.dumps(key).encode() + b":" + body for key, body in sorted(fragments)) + b"}"
        kept[f"fragments/{shelf}.pf_fragments"] = gzip.compress(table, 9, mtime=0)
    return kept


class _Service:
    """Pagefind's indexing service (`pagefind --service`), spoken to directly.

    Its messages are base64 JSON ended by a comma. Pagefind's own Python client reads one
    answer every tenth of a second (ten records a second); this one streams the requests from
    a thread while reading the answers as they come.
    """

    def __init__(self) -> None:
        try:
            from pagefind_bin import get_executable

            executable = str(get_executable())
        except (ImportError, FileNotFoundError) as error:
            raise BuildError(f"search index: the Pagefind binary is missing ({error}); "
                             "reinstall site_gen with its dependencies (pip install -e .)") from None
        self._process = subprocess.Popen([executable, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        self._pending = b""
        self._next_id = 0

    def __enter__(self) -> _Service:
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()

    def _encode(self, payload: Mapping[str, object]) -> bytes:
        self._next_id += 1
        return base64.b64encode(json.dumps({"message_id": self._next_id, "payload": payload}).encode()) + b","

    def _answer(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        while b"," not in self._pending:
            chunk = os.read(self._process.stdout.fileno(), 1 << 20)
            if not chunk:
                raise BuildError("search index: pagefind stopped unexpectedly")
            self._pending += chunk
        message, self._pending = self._pending.split(b",", 1)
        payload = json.loads(base64.b64decode(message))["payload"]
        if payload.get("type") == "Error":
            raise BuildError(f"search index: pagefind failed: {payload.get('message')}")
        return cast(dict[str, Any], payload)

    def request(self, payload: Mapping[str, object]) -> dict[str, Any]:
        assert self._process.stdin is not None
        self._process.stdin.write(self._encode(payload))
        self._process.stdin.flush()
        return self._answer()

    def stream(self, payloads: Iterable[Mapping[str, object]]) -> None:
        """Send many requests while reading their answers (a pipe holds only so much either way)."""
        messages = [self._encode(payload) for payload in payloads]
        assert self._process.stdin is not None
        stdin = self._process.stdin

        def send() -> None:
            try:
                for message in messages:
                    stdin.write(message)
                stdin.flush()
            except OSError:  # the service stopped: reading its answers says so
                pass

        writer = threading.Thread(target=send, daemon=True)
        writer.start()
        for _ in messages:
            self._answer()
        writer.join()


def _manifest(site: Path) -> dict[str, str]:
    try:
        found = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(key): str(value) for key, value in found.items()} if isinstance(found, dict) else {}
