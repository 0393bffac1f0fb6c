"""Schemas of ``data/timeline/*.toml``: position shifts and the story view."""

from __future__ import annotations

from typing import Annotated, get_args

from pydantic import AfterValidator

from newstrace.knowledge.schemas.base import Polarity, SignalType, State, Table, Topic, Words, pair_of
from newstrace.records import Precision, SourceKind

#: A condition change; "unstated" is a statement that gives no condition.
ConditionChange = Annotated[
    str, AfterValidator(pair_of((*get_args(State), "unstated"), "condition"))
]
PolarityChange = Annotated[str, AfterValidator(pair_of(get_args(Polarity), "polarity"))]


class Blanket(Table):
    detail_words: Words = []


class Transition(Table):
    template: str
    shift: bool = True


class PolarityShifts(Table):
    shifts: list[PolarityChange] = []


class Wording(Table):
    polarity: str
    stance: str
    separator: str


class Shifts(Table):
    """``timeline/shifts.toml``."""

    position_types: list[SignalType]
    undated_by_seen: bool = False
    streams: dict[str, list[Topic]]
    stance: dict[str, list[SignalType]] = {}
    blanket: Blanket = Blanket()
    transitions: dict[ConditionChange, Transition]
    polarity: PolarityShifts = PolarityShifts()
    wording: Wording


class Keywords(Table):
    min_cosine: float
    stop_words: Words


class Story(Table):
    """``timeline/story.toml``."""

    top: int
    #: place a report with no event date on the day its document was first crawled
    undated_by_seen: bool = False
    precisions: list[Precision]
    source_rank: list[SourceKind]
    keywords: Keywords
