"""Turn pydantic's validation errors into one line per problem, keyed by the TOML path.

A reader fixes a data file by the path (``verb[12].pasive``) and a plain
reason ("unknown key, did you mean 'passive'?"), not by pydantic's wording.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Sequence
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, RootModel
from pydantic_core import ErrorDetails, PydanticCustomError

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_TOML_TYPE = {
    "str": "a string", "int": "an integer", "float": "a float", "bool": "a boolean",
    "list": "an array", "dict": "a table", "date": "a date", "datetime": "a date-time",
}
_EXPECTED = {
    "string_type": "a string", "int_type": "an integer", "float_type": "a number",
    "bool_type": "a boolean", "list_type": "an array", "dict_type": "a table",
    "model_type": "a table", "model_attributes_type": "a table",
}
#: At most this many problems are listed; the rest are counted.
MAX_LISTED = 8

Loc = Sequence[int | str]


def report(problems: Sequence[tuple[Loc, str]]) -> None:
    """Raise one error listing every ``(key below this table, message)``, if any."""
    if problems:
        found = [(tuple(at), message) for at, message in problems]
        raise PydanticCustomError("reference", "{message}", {"message": found[0][1], "problems": found})


def key_path(loc: Loc) -> str:
    """``("verb", 12, "pasive")`` -> ``verb[12].pasive``; odd keys quoted as TOML does."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = part if _BARE_KEY.match(part) else f'"{part}"'
            out += f".{key}" if out else key
    return out or "(top level)"


def _toml_type(value: object) -> str:
    return _TOML_TYPE.get(type(value).__name__, type(value).__name__)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the schema allows in the table at ``loc`` (for "did you mean")."""
    tp: Any = model
    for part in loc:
        tp = _step(tp, part)
        if tp is None:
            return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or name for name, f in tp.model_fields.items()]
    return []


def _unwrap(tp: Any) -> Any:
    """The table or container type inside ``X | None`` and ``Annotated[X, ...]``."""
    while True:
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            arms = [a for a in get_args(tp) if a is not type(None)]
            if len(arms) != 1:
                return tp
            tp = arms[0]
        elif hasattr(tp, "__metadata__"):
            tp = get_args(tp)[0]
        elif isinstance(tp, type) and issubclass(tp, RootModel):
            tp = tp.model_fields["root"].annotation
        else:
            return tp


def _step(tp: Any, part: int | str) -> Any:
    tp = _unwrap(tp)
    origin = get_origin(tp)
    if isinstance(part, int) and origin is list:
        return get_args(tp)[0]
    if isinstance(part, str) and origin is dict:
        return get_args(tp)[1]
    if isinstance(part, str) and isinstance(tp, type) and issubclass(tp, BaseModel):
        field = next(
            (f for name, f in tp.model_fields.items() if (f.alias or name) == part), None
        )
        return field.annotation if field is not None else None
    return None


def describe(error: ErrorDetails, model: type[BaseModel]) -> str:
    """One problem as ``key.path: reason``."""
    loc: list[int | str] = list(error["loc"])
    ctx = error.get("ctx") or {}
    kind = error["type"]
    if loc and loc[-1] == "[key]":
        loc.pop()
        return f"{key_path(loc)}: bad key: {_reason(error, kind, ctx)}"
    if kind == "reference":
        return "; ".join(f"{key_path([*loc, *at])}: {message}" for at, message in ctx["problems"])
    if kind == "extra_forbidden":
        near = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1)
        hint = f", did you mean {near[0]!r}?" if near else ""
        return f"{key_path(loc)}: unknown key{hint}"
    return f"{key_path(loc)}: {_reason(error, kind, ctx)}"


def _reason(error: ErrorDetails, kind: str, ctx: dict[str, Any]) -> str:
    given = error.get("input")
    if kind == "missing":
        return "missing key"
    if kind == "literal_error":
        return f"unknown value {given!r}, expected {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"{given!r} does not match {ctx.get('pattern', '')}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_toml_type(given)} {given!r}"[:200]
    return str(error["msg"])


def summary(errors: Sequence[ErrorDetails], model: type[BaseModel]) -> str:
    """All problems of one file on one line, the first ``MAX_LISTED`` spelt out."""
    lines = [describe(e, model) for e in errors[:MAX_LISTED]]
    more = len(errors) - MAX_LISTED
    return "; ".join(lines) + (f"; and {more} more" if more > 0 else "")
