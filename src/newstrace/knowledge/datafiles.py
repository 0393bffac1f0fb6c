"""Locate, parse and validate the package's TOML data files.

Every file is checked against the schema of its family (``knowledge/schemas``)
as it is read, so an unknown key, a wrong type or a misspelt value stops the run
with E016 and the key path instead of being read as a default. A user's
knowledge folder mirrors the layout of ``data/`` and is checked the same way.

Building the schemas costs far more than parsing (a few hundred ms for all
families), so a file that passed is remembered by a stamp in a cache folder,
keyed by its bytes, its schema path and the schemas' own source: an unchanged
file under unchanged schemas is not checked again, any edit is.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from newstrace.errors import Errors, NewstraceError

#: Where stamps go; set it to an empty string to check every file on every load.
CACHE_ENV = "NEWSTRACE_CACHE_DIR"


def data_dir() -> Path:
    return Path(str(resources.files("newstrace") / "data"))


def load_toml(relpath: str, *, root: Path | None = None) -> dict[str, Any]:
    """``data/<relpath>``, or ``<root>/<relpath>`` in a user's knowledge folder, validated."""
    if root is None:
        return load_toml_file(data_dir() / relpath, schema=relpath, shown=relpath)
    return load_toml_file(root / relpath, schema=relpath)


def load_toml_dir(reldir: str, *, root: Path | None = None) -> list[dict[str, Any]]:
    """Every ``*.toml`` in a data folder, in name order, so tables can be split by theme."""
    folder = (data_dir() if root is None else root) / reldir
    return [load_toml(f"{reldir}/{p.name}", root=root) for p in sorted(folder.glob("*.toml"))]


def load_toml_file(path: Path, *, schema: str, shown: str | None = None) -> dict[str, Any]:
    """Any TOML file, validated as the package's ``data/<schema>`` would be.

    ``shown`` is how errors name the file (default: its path).
    """
    where = shown or str(path)
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NewstraceError(Errors.E016, path=where, detail=exc) from exc
    stamp = _stamp(schema, raw)
    if stamp is None or not stamp.exists():
        validate(data, schema=schema, shown=where)
        if stamp is not None:
            _touch(stamp)
    return data


def validate(data: dict[str, Any], *, schema: str, shown: str) -> None:
    """Raise E016 naming ``shown`` and each bad key path unless ``data`` fits the schema of
    ``data/<schema>``."""
    from pydantic import ValidationError

    from newstrace.knowledge.schemas import schema_for
    from newstrace.knowledge.schemas.errors import summary

    model = schema_for(schema)
    if model is None:
        raise NewstraceError(
            Errors.E016, path=shown,
            detail=f"no schema for data/{schema}: add one to newstrace.knowledge.schemas.SCHEMAS",
        )
    try:
        model.model_validate(data)
    except ValidationError as exc:
        raise NewstraceError(Errors.E016, path=shown, detail=summary(exc.errors(), model)) from None


def _cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) / "checked" if configured else None
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home folder
        return None
    return Path(base) / "newstrace" / "checked"


@functools.lru_cache(maxsize=1)
def _schemas_digest() -> bytes:
    """The schemas' source and the vocabularies they take from records.py."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for source in [*sorted((here / "schemas").glob("*.py")), here.parent / "records.py"]:
        digest.update(source.read_bytes())
    return digest.digest()


def _stamp(schema: str, raw: bytes) -> Path | None:
    folder = _cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(_schemas_digest() + schema.encode() + b"\0" + raw).hexdigest()
    return folder / key


def _touch(stamp: Path) -> None:
    """Leave a stamp; a read-only or missing cache folder only means checking again."""
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError:
        pass
