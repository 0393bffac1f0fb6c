"""Locate and parse the package's TOML data files."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from newstrace.errors import Errors, NewstraceError


def data_dir() -> Path:
    return Path(str(resources.files("newstrace") / "data"))


def load_toml(relpath: str) -> dict[str, Any]:
    path = data_dir() / relpath
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise NewstraceError(Errors.E016, path=path, detail=exc) from exc


def load_toml_dir(reldir: str) -> list[dict[str, Any]]:
    """Every ``*.toml`` in a data folder, in name order, so tables can be split by theme."""
    folder = data_dir() / reldir
    return [load_toml(f"{reldir}/{p.name}") for p in sorted(folder.glob("*.toml"))]
