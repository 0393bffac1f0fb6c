"""Schemas of ``data/date/*.toml``: the calendar, time expressions, publication-date evidence."""

from __future__ import annotations

from typing import Literal

from newstrace.knowledge.schemas.base import Table, Words

MonthNumber = Literal["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
WeekdayNumber = Literal["0", "1", "2", "3", "4", "5", "6"]
#: Precision a written date format gives (records.Precision, less "weekday").
FormatPrecision = Literal["day", "month", "year"]
#: Expression kinds date.resolve knows how to place in time.
ExpressionKind = Literal[
    "date", "month_year", "year", "season_year", "month_day", "month", "month_rel",
    "weekday", "weekday_rel", "season_rel", "offset",
]
Unit = Literal["day", "week", "month", "year"]


class Weekday(Table):
    name: str
    short: Words = []


class NotDays(Table):
    before: Words = []
    after: Words = []


class Season(Table):
    first: int
    months: int


class DateFormat(Table):
    name: str
    pattern: str
    precision: FormatPrecision
    standalone: bool = False


class Calendar(Table):
    """``date/calendar.toml``."""

    months: dict[MonthNumber, Words]
    weekdays: dict[WeekdayNumber, Weekday]
    weekday_names_not_days: NotDays = NotDays()
    numbers: dict[str, int]
    seasons: dict[str, Season]
    format: list[DateFormat]


class Expression(Table):
    name: str
    kind: ExpressionKind
    pattern: str
    unit: Unit | None = None
    shift: int | None = None
    shift_from: Literal["num"] | None = None
    sign: Literal[-1, 1] = 1


class Expressions(Table):
    """``date/expressions.toml``."""

    prep: str
    future_cues: Words
    name_words: Words = []
    future_window_chars: int = 100
    likely_share: float = 1.0
    expression: list[Expression]


class Zones(Table):
    top_lines: int
    prose_min_chars: int
    lead_lines: int
    lead_min_chars: int
    outside_header_factor: float
    outside_max_extra_chars: int
    footer_confidence: float


class ByPrecision(Table):
    day: float
    month: float
    year: float


class Metadata(Table):
    confidence: ByPrecision


class Header(Table):
    name: str
    method: Literal["header", "dateline"]
    confidence: float
    #: what a match outside the header zone is
    outside: Literal["skip", "weak", "footer"]
    line_start: bool
    pattern: str
    max_extra_chars: int | None = None


class Copyright(Table):
    max_line_chars: int
    pattern: str
    confidence: float


class Corroboration(Table):
    bonus: float
    max_confidence: float


class Inference(Table):
    confidence: float
    max_confidence: float
    years_after_mention: int
    seen_lookback_days: int
    gap_min_days: int
    gap_max_days: int
    peg_event_preps: Words
    future_year_words: Words


class HtmldateSettings(Table):
    """Keyword arguments of ``htmldate.find_date``."""

    extensive_search: bool
    original_date: bool
    min_date: str | None = None
    max_date: str | None = None


class PageBonus(Table):
    structured: float
    url: float
    text: float


class PagePenalty(Table):
    other_published: float
    modified_only: float
    modified_far: float


class Page(Table):
    htmldate: HtmldateSettings
    htmldate_search: HtmldateSettings
    confidence_fast: float
    confidence_search: float
    bonus: PageBonus
    penalty: PagePenalty
    modified_gap_days: int
    max_confidence: float
    weak_below: float
    written_forms: Words
    url_confidence: ByPrecision
    url_day: str
    url_month: str
    jsonld_published: Words
    jsonld_modified: Words
    meta_published: Words
    meta_modified: Words
    time_published_classes: Words


class Publication(Table):
    """``date/publication.toml``."""

    zones: Zones
    metadata: Metadata
    header: list[Header]
    copyright: Copyright
    corroboration: Corroboration
    inference: Inference
    page: Page
