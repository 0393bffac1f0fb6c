"""Classify the lines of text extracted from HTML.

The plain-text line classifier (``clean.classify``) runs unchanged; then two
HTML-only steps from ``data/clean/html.toml``:

* ``[override]``: the rules named there are overruled, because trafilatura has
  already cut the page's boilerplate by its DOM position and the positional
  guesses made for plain text mostly hit real content in what is left. A line
  is only kept against such a rule when trafilatura's precision pass kept it
  too: two weak signals that agree.
* ``[[rule]]``: extra junk/meta rules tried on the lines still body, mostly the
  non-English counterparts of lines.toml's teaser, label and credit rules.

Hand-written: the rule matching is ours (a few lines); the extraction is
trafilatura's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import cast

from newstrace.clean.classify import classify
from newstrace.clean.features import SourceLine, is_prose, is_terminal
from newstrace.clean.html import squash
from newstrace.errors import Errors, NewstraceError
from newstrace.knowledge.datafiles import data_dir, load_toml
from newstrace.records import Line, LineClass

_FEATURES = {"prose", "terminal"}


@dataclass(frozen=True, slots=True)
class HtmlRule:
    name: str
    cls: LineClass
    pattern: re.Pattern[str]
    max_words: int | None
    unless: frozenset[str]

    def matches(self, text: str) -> bool:
        n_words = len(text.split())
        if self.max_words is not None and n_words > self.max_words:
            return False
        if "prose" in self.unless and is_prose(text, n_words):
            return False
        if "terminal" in self.unless and is_terminal(text):
            return False
        return self.pattern.search(text) is not None


@dataclass(frozen=True, slots=True)
class HtmlLineRules:
    overruled: frozenset[str]
    rules: tuple[HtmlRule, ...]


def _bad(detail: str) -> NewstraceError:
    return NewstraceError(Errors.E016, path=data_dir() / "clean/html.toml", detail=detail)


@functools.lru_cache(maxsize=1)
def html_rules() -> HtmlLineRules:
    """The ``[override]`` list and the extra ``[[rule]]`` table (read once per process)."""
    table = load_toml("clean/html.toml")
    rules: list[HtmlRule] = []
    for row in table.get("rule", []):
        name, cls = str(row.get("name", "")), row.get("class")
        unless = frozenset(str(x) for x in row.get("unless", ()))
        if not name or cls not in ("junk", "meta") or not unless <= _FEATURES:
            raise _bad(f"rule {name!r} needs a name, class junk|meta and unless in {sorted(_FEATURES)}")
        try:
            pattern = re.compile(str(row["pattern"]), re.IGNORECASE)
        except (KeyError, re.error) as exc:
            raise _bad(f"rule {name!r}: bad or missing pattern ({exc})") from exc
        max_words = row.get("max_words")
        rules.append(
            HtmlRule(
                name=name,
                cls=cast(LineClass, cls),
                pattern=pattern,
                max_words=int(max_words) if max_words is not None else None,
                unless=unless,
            )
        )
    overruled = frozenset(str(x) for x in table.get("override", {}).get("body", ()))
    return HtmlLineRules(overruled=overruled, rules=tuple(rules))


def classify_html(
    lines: Sequence[SourceLine], *, known_title: str | None = None, confirm: str | None = None
) -> list[Line]:
    """Classes of the lines of an HTML page's extracted text.

    ``confirm`` is the whitespace-normalised text of trafilatura's precision
    pass (``HtmlText.confirm``); without it every overruled line stays body.
    """
    table = html_rules()
    out: list[Line] = []
    for ln in classify(lines, known_title=known_title):
        if (
            ln.cls != "body"
            and ln.reason in table.overruled
            and (confirm is None or squash(ln.text) in confirm)
        ):
            ln = replace(ln, cls="body", reason=f"html_overrides_{ln.reason}")
        if ln.cls == "body":
            for rule in table.rules:
                if rule.matches(ln.text):
                    ln = replace(ln, cls=rule.cls, reason=f"html_{rule.name}")
                    break
        out.append(ln)
    return out
