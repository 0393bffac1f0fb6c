"""Evidence as a reader needs it: the whole sentence, with the trigger marked inside it.

The stored evidence span is the trigger ("what Putin seeks"), which alone reads
as a fragment; the stored sentence comes from the parser and can run across a
line break into a headline, or start with a page header ("date 2023-12-24
President …"). Here the sentence is cut to the line that holds the trigger and
a leading header stamp is dropped, and the trigger's offsets inside what is
left are kept so every view (terminal, HTML, report) highlights the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.store.rows import Row

# A page header glued to the first sentence: "date 2023-12-24", "Published: 2024-01-26 10:02"
_HEADER_STAMP = re.compile(
    r"^\s*(?:(?:date|published|updated|posted)\s*:?\s*)?\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?Z?)?\s+",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Evidence(Row):
    """A sentence and the trigger span inside it (``start``/``end`` index ``sentence``)."""

    sentence: str
    start: int
    end: int

    @property
    def trigger(self) -> str:
        return self.sentence[self.start : self.end]

    def parts(self) -> tuple[str, str, str]:
        """(before, trigger, after): what a renderer needs to highlight."""
        return self.sentence[: self.start], self.trigger, self.sentence[self.end :]


def whole_sentence(sentence: str, evidence: str) -> Evidence:
    """The sentence around ``evidence``, cut to its line, with the trigger's offsets."""
    at = sentence.find(evidence) if evidence else -1
    if at < 0:  # the span is not inside the stored sentence: show the span itself
        text = " ".join(evidence.split()) or " ".join(sentence.split())
        return Evidence(text, 0, len(text) if evidence else 0)
    line_start = sentence.rfind("\n", 0, at) + 1
    line_end = sentence.find("\n", at + len(evidence))
    line = sentence[line_start : line_end if line_end >= 0 else len(sentence)]
    at -= line_start
    stamp = _HEADER_STAMP.match(line)
    if stamp and stamp.end() <= at:
        line, at = line[stamp.end() :], at - stamp.end()
    lead = len(line) - len(line.lstrip())
    text = line.strip()
    start = max(0, at - lead)
    return Evidence(text, start, min(len(text), start + len(evidence)))
