"""Terminal and JSON output that article text cannot take over.

``SafeConsole`` is a rich Console that runs ``safe_text.neutralise`` over the
*content* of everything it prints (every table cell, title and sentence),
while rich's own styling codes, which it adds after this step, pass
untouched; rich itself strips only BEL, BS, VT, FF and CR from ``Text`` and
leaves ESC in place. ``dumps`` (``safe_text.dumps``) keeps ``--json``
lossless, with every control character as a JSON escape.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

from newstrace.safe_text import dumps, neutralise

__all__ = ["SafeConsole", "dumps", "neutralise"]


class SafeConsole(Console):
    """A rich Console that neutralises control characters in everything it prints."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        safe = (seg if seg.control else Segment(neutralise(seg.text), seg.style, seg.control)
                for seg in buffer)
        return super()._render_buffer(safe)
