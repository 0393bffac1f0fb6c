"""Make decoded input safe to hash, store and print: lone surrogates and deep nesting.

A JSON ``\\ud800`` escape, or a file name with undecodable bytes, gives Python a
string with a lone surrogate code point, which no UTF-8 encoder accepts; one
such string used to abort a whole batch at the first hash. Each is replaced by
U+FFFD here, once, and counted so the document can say what was changed.
Nested metadata is kept only to a shallow depth, so no later stage (JSON
columns, exports) recurses through what a hostile line builds. Written by
hand: a regular expression and an explicit-stack walk.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
MAX_DEPTH = 16
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many there were."""
    return _SURROGATE.subn(REPLACEMENT, text)


def scrub_text(text: str) -> str:
    return _SURROGATE.sub(REPLACEMENT, text)


def surrogate_note(count: int) -> str:
    """What the document's ``decoding_note`` says about the replacements."""
    return f"{count} lone surrogate code point(s) replaced by U+FFFD"


def depth(value: Any) -> int:
    """How deeply lists and objects nest in a JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: list[Any] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH:
            return deepest  # deep enough to refuse; no need to walk the rest
        stack.extend((c, level + 1) for c in children)
    return deepest


def scrub_value(value: Any) -> tuple[Any, int]:
    """A JSON value with every string (keys too) scrubbed, and the number of replacements.

    Callers check ``depth`` first, so plain recursion here stays shallow.
    """
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        out_list, total = [], 0
        for item in value:
            clean, n = scrub_value(item)
            out_list.append(clean)
            total += n
        return out_list, total
    if isinstance(value, dict):
        out_dict: dict[str, Any] = {}
        total = 0
        for key, item in value.items():
            clean_key, n = scrub(str(key))
            clean, m = scrub_value(item)
            out_dict[clean_key] = clean
            total += n + m
        return out_dict, total
    return value, 0
