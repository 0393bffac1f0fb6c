"""Building blocks shared by the data-file schemas.

Every table forbids keys it does not declare and is strict about types, so a
misspelt flag (``pasive = true``) or a quoted number fails at load time instead
of being read as its default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

from newstrace.records import SIGNAL_TYPES, TOPICS


class Table(BaseModel):
    """A TOML table: declared keys only, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def member_of(values: Iterable[str], what: str) -> Callable[[str], str]:
    """A check that a string is one of ``values`` (for vocabularies kept as tuples in code)."""
    allowed = tuple(values)

    def check(value: str) -> str:
        if value not in allowed:
            raise PydanticCustomError(
                "unknown_value",
                "unknown {what} {value}, expected one of: {allowed}",
                {"what": what, "value": repr(value), "allowed": ", ".join(allowed)},
            )
        return value

    return check


SignalType = Annotated[str, AfterValidator(member_of(SIGNAL_TYPES, "signal type"))]
Topic = Annotated[str, AfterValidator(member_of(TOPICS, "topic"))]
#: Condition states of a signal (extract.signals.conditions.State).
State = Literal["required", "excluded", "none"]
#: Polarity of a signal (records.Polarity).
Polarity = Literal["positive", "negative", "hedged"]
#: Universal POS tags, as spaCy writes them.
Pos = Literal[
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
    "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
]
Words = list[str]


def pair_of(values: Iterable[str], what: str) -> Callable[[str], str]:
    """A check of an ``"old>new"`` key whose two sides are each one of ``values``."""
    allowed = tuple(values)

    def check(value: str) -> str:
        old, sep, new = value.partition(">")
        if not sep or old not in allowed or new not in allowed:
            raise PydanticCustomError(
                "unknown_value",
                "unknown {what} change {value}, expected 'old>new' with each side one of: {allowed}",
                {"what": what, "value": repr(value), "allowed": ", ".join(allowed)},
            )
        return value

    return check
