"""Changes written into `corrections.yaml` the way an editor would write them: the file's comments,
order and layout kept (ruamel.yaml's round trip), the whole file replaced at once, one writer at a
time. Used by `site-gen review --apply` and by the preview's editor's desk."""

from __future__ import annotations

import io
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from site_gen.content.corrections import CORRECTIONS_FILE
from site_gen.errors import ConfigError
from site_gen.output.write import replace_whole

#: One writer at a time in a process: two edits at once both land, one after the other.
_WRITING = threading.Lock()


@contextmanager
def corrections_document(source_dir: Path) -> Iterator[Any]:
    """The archive's `corrections.yaml` as an editable mapping (made if missing, with its sections
    `articles`, `player_names` and `not_players`); written back when the block ends without error."""
    from ruamel.yaml import YAML, YAMLError  # loaded for editing only: every build imports this package
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    target = source_dir / CORRECTIONS_FILE
    keeper = YAML()  # round trip: the editor's comments, order and layout stay as written
    keeper.width, keeper.allow_unicode = 100, True
    keeper.indent(mapping=2, sequence=4, offset=2)
    with _WRITING:
        try:
            data = keeper.load(target.read_text(encoding="utf-8")) if target.is_file() else None
        except (YAMLError, UnicodeDecodeError) as error:
            raise ConfigError(f"{target}: not valid YAML: {error}") from error
        if data is None:  # no file, or one of comments only: they stay on top
            kept = [line.removeprefix("#").removeprefix(" ") for line in
                    (target.read_text(encoding="utf-8").splitlines() if target.is_file() else [])
                    if line.lstrip().startswith("#")]
            data = CommentedMap()
            data.yaml_set_start_comment("\n".join(kept) or
                                        "Fixes to what the build reads out of the prose (see the README).")
        if not isinstance(data, dict):
            raise ConfigError(f"{target}: expected a mapping of settings, not {type(data).__name__}")
        for key, empty in (("articles", CommentedMap), ("player_names", CommentedMap), ("not_players", CommentedSeq)):
            if not data.get(key):
                data[key] = empty()
        yield data
        written = io.StringIO()
        keeper.dump(data, written)
        replace_whole(target, written.getvalue().encode("utf-8"))
