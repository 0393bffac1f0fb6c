"""Schemas of ``data/clean/*.toml``: line rules, HTML rules, word lists, language, provenance."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from newstrace.knowledge.schemas.base import Table, Words
from newstrace.records import LineClass

#: Line features a rule may require (``when``) or rule out (``unless``):
#: what clean.features and clean.classify set on a line.
LineFlag = Literal[
    "no_alnum", "terminal", "prose", "headline", "all_caps", "long_quote", "first",
    "outlet_name", "bullet", "date_only", "time_only", "dup_prev", "extends_prev",
    "known_title", "site_title", "site_title_dup", "title_found", "equals_title",
    "best_headline",
]
Zone = Literal["head", "body", "tail"]


class LineRule(Table):
    name: str
    class_: LineClass = Field(alias="class")
    pattern: str | None = None
    case_sensitive: bool = False
    min_words: int = 0
    max_words: int | None = None
    max_chars: int | None = None
    tail_chars: int | None = None
    zone: list[Zone] = []
    when: list[LineFlag] = []
    unless: list[LineFlag] = []


class Lines(Table):
    """``clean/lines.toml``."""

    rule: list[LineRule]


class HtmlRule(Table):
    name: str
    class_: Literal["junk", "meta"] = Field(alias="class")
    pattern: str
    max_words: int | None = None
    unless: list[Literal["prose", "terminal"]] = []


class HtmlExtraction(Table):
    include_tables: bool = True
    include_comments: bool = False
    confirm_with_precision_pass: bool = True


class HtmlOverride(Table):
    #: line-rule names whose non-body verdict trafilatura's precision pass may overrule
    body: Words = []


class Html(Table):
    """``clean/html.toml``."""

    extraction: HtmlExtraction = HtmlExtraction()
    override: HtmlOverride = HtmlOverride()
    rule: list[HtmlRule] = []


class WordLists(Table):
    """``clean/words.toml``: the lists the code reads, plus any list a line pattern names
    as ``{name}``."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, Words]

    months: Words
    weekdays: Words
    date_fillers: Words
    bullets: Words
    title_small_words: Words


class Language(Table):
    """``clean/language.toml``."""

    min_ratio: float = 0.15
    min_tokens: int = 8
    undetermined: str = "und"
    stopwords: dict[str, Words]


class Boilerplate(Table):
    """``clean/boilerplate.toml``."""

    max_words: int
    prose_min_words: int
    min_articles: int
    min_articles_unknown_outlet: int


class Cue(Table):
    pattern: str
    weight: float = 1.0


class OutletClues(Table):
    copyright: Words = []
    company_suffixes: Words = []
    republished: Words = []
    masthead: str | None = None
    self_reference: Words = []


class OriginClues(Table):
    byline_lines: Words = []
    dateline_starts: Words = []
    dateline_lines: int = 2
    max_seg_words: int = 8
    cite_window: int = 40
    first_lines: int = 3
    first_lines_factor: float = 2.0
    min_score: float = 2.0
    cite_before: list[Cue] = []
    cite_after: list[Cue] = []


class Provenance(Table):
    """``clean/provenance.toml``."""

    outlet: OutletClues = OutletClues()
    origin: OriginClues = OriginClues()
