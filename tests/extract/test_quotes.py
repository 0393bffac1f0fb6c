"""Quote scanning: curly, straight, nested, unbalanced."""

from __future__ import annotations

from newstrace.extract.attribution.quotes import QuoteMap


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in QuoteMap(text).quotes]


def test_curly_and_straight_pairs() -> None:
    text = "“One,” he said. \"Two,\" she said."
    assert spans(text) == ["“One,”", '"Two,"']


def test_straight_open_curly_close() -> None:
    text = 'He added, "Not one metre.”'
    assert spans(text) == ['"Not one metre.”']


def test_nested_single_quotes_stay_inside() -> None:
    text = "“They say, ‘We are ready,’” an official said."
    qm = QuoteMap(text)
    assert len(qm.quotes) == 1
    assert qm.inside(text.index("We"))
    assert not qm.inside(text.index("official"))


def test_apostrophes_do_not_open_quotes() -> None:
    text = "Putin’s envoy and the allies' plan were discussed."
    assert spans(text) == []


def test_unclosed_quote_runs_to_paragraph_end_only() -> None:
    text = "“We will fight on\nThe minister left."
    qm = QuoteMap(text)
    (q,) = qm.quotes
    assert q.closed is False and q.end == text.index("\n")
    assert not qm.inside(text.index("minister"))


def test_stray_closer_is_ignored() -> None:
    assert spans("Talks ended.” Nothing else.") == []


def test_within_finds_overlapping_quotes() -> None:
    text = "A “b” c “d” e"
    qm = QuoteMap(text)
    assert [text[q.start : q.end] for q in qm.within(0, 6)] == ["“b”"]


def test_long_paragraph_of_unclosed_single_marks_keeps_later_double_quotes() -> None:
    from newstrace.extract.attribution.quotes import QuoteMap

    text = "The port‘s board met the union‘s envoys again. " * 2000 + "The envoy said: “We are done.”"
    qm = QuoteMap(text)
    assert [text[q.start : q.end] for q in qm.quotes] == ["“We are done.”"]
