"""Article text made safe for the places it is printed or exported to.

Everything newstrace stores comes from articles someone else wrote, so a
title, outlet, speaker name or sentence may carry terminal escape sequences
(``ESC]0;…``, ``ESC[2J``, BEL) or spreadsheet formulas. These helpers are the
one definition of "safe" that the CLI, the exports and the reports share:

* ``neutralise``: every control character except newline and tab becomes a
  visible stand-in (C0 as its Unicode control picture, so ESC shows as ␛;
  DEL and C1 as ``\\xNN``). For terminals and human-facing formats.
* ``dumps``: JSON that is lossless but never carries a raw control, C1 or
  lone-surrogate character (all become ``\\uXXXX`` escapes).
* ``cell``: a CSV/TSV cell: neutralised, and a text that a spreadsheet would
  run as a formula (``=``, ``+``, ``-``, ``@`` first) gets a leading ``'``.

Written by hand: three regular expressions; the libraries that print (rich)
and write (csv, json) leave these characters as they are.
"""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@")


def _stand_in(m: re.Match[str]) -> str:
    code = ord(m.group())
    return chr(0x2400 + code) if code < 32 else f"\\x{code:02x}"


def neutralise(text: str) -> str:
    """``text`` with every control character but newline and tab made visible and harmless."""
    return _CONTROL.sub(_stand_in, text)


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """JSON with readable Unicode, but DEL, C1 and lone surrogates escaped.

    ``json.dumps`` already escapes C0 controls (ESC becomes ``\\u001b``); this
    also escapes what ``ensure_ascii=False`` lets through raw. Lossless: a JSON
    reader gets back exactly the original strings.
    """
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def cell(value: Any) -> Any:
    """A spreadsheet-safe CSV/TSV cell; non-strings and numbers pass unchanged."""
    if not isinstance(value, str):
        return value
    text = neutralise(value)
    if text.startswith(_FORMULA_START) and not _number(text):
        return "'" + text
    return text
