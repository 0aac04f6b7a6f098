"""The package type-checks cleanly: types are part of the code, not decoration."""

from __future__ import annotations

from pathlib import Path

from mypy import api

PROJECT = Path(__file__).resolve().parent.parent


def test_site_gen_type_checks() -> None:
    out, err, status = api.run(["--config-file", str(PROJECT / "pyproject.toml"), str(PROJECT / "site_gen")])
    assert status == 0, out + err
