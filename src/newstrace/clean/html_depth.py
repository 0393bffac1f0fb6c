"""Flatten HTML that nests deeper than the parser can hold, keeping all of its text.

libxml2 (under lxml and trafilatura) stops building the tree at about 255
levels, and a page nested deeper came out with no body at all (E009). Tags
beyond ``MAX_DEPTH`` levels are dropped here (their text stays where it was)
before the page is parsed. One regular-expression pass, linear in the page;
pages within the limit are returned unchanged. Written by hand: a parser
cannot be asked to parse what it cannot parse, and no library offers the cut.
"""

from __future__ import annotations

import re

MAX_DEPTH = 100
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>")
# elements that never hold children, and elements whose end tag is optional (an
# unclosed <p> or <li> must not look like nesting)
_FLAT = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
    "tfoot", "colgroup", "caption", "rt", "rp", "html", "head", "body",
})


def _steps(html: str) -> list[tuple[re.Match[str], int]]:
    """Each nesting tag with +1 (open) or -1 (close)."""
    out = []
    for m in _TAG.finditer(html):
        if m.group(2).lower() in _FLAT or m.group(3):
            continue
        out.append((m, -1 if m.group(1) else 1))
    return out


def flatten_deep(html: str, limit: int = MAX_DEPTH) -> str:
    """``html`` with the tags below ``limit`` levels of nesting removed (text kept)."""
    steps = _steps(html)
    depth = deepest = 0
    for _m, step in steps:
        depth = max(0, depth + step)
        deepest = max(deepest, depth)
    if deepest <= limit:
        return html
    parts: list[str] = []
    pos = depth = 0
    for m, step in steps:
        if step > 0:
            depth += 1
            drop = depth > limit
        else:
            drop = depth > limit
            depth = max(0, depth - 1)
        if drop:
            parts.append(html[pos : m.start()])
            parts.append(" ")
            pos = m.end()
    parts.append(html[pos:])
    return "".join(parts)
