"""Copy groups over invented articles (fixtures/copies/), plus one check on the real corpus."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest

from newstrace.link.copies import (
    CopyIndex,
    CopyInput,
    CopyLink,
    CopyParams,
    anchors,
    find_copies,
    group_id,
)

FIXTURES = Path(__file__).parent / "fixtures" / "copies"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ukraine-2022-2024"


def _text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def _docs() -> list[CopyInput]:
    return [
        CopyInput("d-original", _text("original"), "2025-03-04", "Reuters"),
        CopyInput("d-exact", _text("exact"), "2025-03-05", "Daily Example"),
        CopyInput("d-syndicated", _text("syndicated"), "2025-03-04", "The Harbour Courier"),
        CopyInput("d-near", _text("near"), date(2025, 3, 6), None),
        CopyInput("d-paraphrase", _text("paraphrase"), "2025-03-09", "spinfarm.example"),
        CopyInput("d-unrelated", _text("unrelated"), "2025-03-05", "Reuters"),
    ]


def _kinds(group_links: tuple[CopyLink, ...]) -> dict[frozenset[str], str]:
    return {frozenset((x.a, x.b)): x.kind for x in group_links}


def test_one_group_with_every_kind_and_unrelated_left_out() -> None:
    groups = find_copies(_docs())
    assert len(groups) == 1
    g = groups[0]
    assert set(g.members) == {"d-original", "d-exact", "d-syndicated", "d-near", "d-paraphrase"}
    kinds = _kinds(g.links)
    assert kinds[frozenset(("d-original", "d-exact"))] == "exact"
    assert kinds[frozenset(("d-original", "d-syndicated"))] == "syndicated"
    assert kinds[frozenset(("d-original", "d-near"))] == "near"
    assert "paraphrase-candidate" in {kinds[k] for k in kinds if "d-paraphrase" in k}
    assert all("d-unrelated" not in (x.a, x.b) for x in g.links)


def test_original_is_earliest_and_wire_breaks_the_date_tie() -> None:
    g = find_copies(_docs())[0]
    # Original and syndicated copy share 2025-03-04; the Reuters one wins the tie.
    assert g.original == "d-original"
    assert g.original_rule == "wire"
    assert g.members[0] == "d-original"
    assert g.id == group_id("d-original")


def test_similarities_say_how_close() -> None:
    kinds = {frozenset((x.a, x.b)): x for x in find_copies(_docs())[0].links}
    exact = kinds[frozenset(("d-original", "d-exact"))]
    assert exact.similarity == 1.0
    near = kinds[frozenset(("d-original", "d-near"))]
    assert 0.5 <= near.jaccard < 1.0
    para = next(x for x in kinds.values() if x.kind == "paraphrase-candidate")
    assert para.jaccard < 0.2 < 0.8 < para.anchor_jaccard


def test_order_of_adding_does_not_change_groups() -> None:
    docs = _docs()
    forward = CopyIndex()
    for d in docs:
        forward.add([d])
    backward = CopyIndex()
    backward.add(list(reversed(docs)))
    f, b = forward.groups(), backward.groups()
    assert [(g.id, g.original, set(g.members)) for g in f] == [(g.id, g.original, set(g.members)) for g in b]


def test_earlier_member_arriving_retires_the_old_group_id() -> None:
    index = CopyIndex()
    first = index.add([
        CopyInput("d-near", _text("near"), "2025-03-06"),
        CopyInput("d-exact", _text("exact"), "2025-03-05"),
    ])
    assert [g.original for g in first.groups] == ["d-exact"]
    old_id = first.groups[0].id
    second = index.add([CopyInput("d-original", _text("original"), "2025-03-04", "Reuters")])
    assert [g.original for g in second.groups] == ["d-original"]
    assert second.retired == {old_id: group_id("d-original")}
    # Adding the same document again changes nothing.
    assert index.add([CopyInput("d-original", _text("original"))]).added == 0


def test_undated_members_fall_back_to_lowest_doc_id() -> None:
    groups = find_copies([("b-copy", _text("exact")), ("a-copy", _text("original"))])
    assert groups[0].original == "a-copy"
    assert groups[0].original_rule == "lowest-id"
    dated = find_copies([("b-copy", _text("exact"), "2025-03-01"), ("a-copy", _text("original"))])
    assert dated[0].original == "b-copy"  # a dated member beats an undated one


def test_partial_date_does_not_beat_a_day_in_the_same_month() -> None:
    groups = find_copies([
        ("a-month", _text("original"), "2025-03"),
        ("b-day", _text("exact"), "2025-03-04"),
        ("c-time", _text("near"), datetime(2025, 3, 4, 9, 30)),
    ])
    assert groups[0].original == "c-time"
    assert groups[0].original_rule == "earliest-date"
    # Timestamps compare in UTC: 08:00 at UTC+2 is 06:00Z, before 07:00Z.
    groups = find_copies([
        ("a", _text("original"), "2025-03-04T07:00:00Z"),
        ("b", _text("exact"), "2025-03-04T08:00:00+02:00"),
    ])
    assert groups[0].original == "b"


def test_confirmer_turns_candidates_into_paraphrases_or_drops_them() -> None:
    seen: list[tuple[str, str]] = []

    def accept(a: str, b: str, link: CopyLink) -> float | None:
        seen.append((a, b))
        return 0.91

    g = find_copies(_docs(), confirm=accept)[0]
    para = [x for x in g.links if "d-paraphrase" in (x.a, x.b)]
    assert para and all(x.kind == "paraphrase" and x.similarity == 0.91 for x in para)
    assert seen

    g = find_copies(_docs(), confirm=lambda a, b, link: None)[0]
    assert "d-paraphrase" not in g.members


def test_candidates_can_be_left_out_of_groups() -> None:
    g = find_copies(_docs(), include_candidates=False)[0]
    assert "d-paraphrase" not in g.members
    assert len(g.members) == 4


def test_paragraph_index_finds_wire_text_inside_a_longer_local_story() -> None:
    # LSH alone would miss it at this threshold: extra local paragraphs lower the Jaccard.
    params = dataclasses.replace(CopyParams.from_data(), near_lsh_threshold=0.95)
    groups = find_copies(
        [("w", _text("original"), "2025-03-04", "Reuters"), ("x", _text("embedded"), "2025-03-05")],
        params=params,
    )
    (link,) = groups[0].links
    assert link.kind == "syndicated"
    assert link.jaccard < 0.6 and link.containment == 1.0
    assert groups[0].original == "w"


def test_short_texts_match_only_exactly() -> None:
    short = "Talks resume in Geneva on Tuesday."
    groups = find_copies([("a", short), ("b", short + " "), ("c", "Talks resume in Geneva on Monday.")])
    assert [set(g.members) for g in groups] == [{"a", "b"}]


def test_anchors_keep_names_and_numbers_not_sentence_openers() -> None:
    got = anchors("Meanwhile Ola Brenn met 40 envoys. Brenn said the 3rd round starts. Later, talks.")
    assert got == ["Ola", "Brenn", "40", "Brenn", "3rd"]


def test_params_come_from_the_data_file() -> None:
    p = CopyParams.from_data()
    assert p.shingle_size >= 3 and 0 < p.min_jaccard <= 1 and p.num_perm >= 64
    assert "wire" in p.wire_kinds


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_real_corpus_byte_identical_pair_forms_one_exact_group() -> None:
    paths = sorted(CORPUS.glob("20240427*.txt"))
    docs = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    groups = find_copies(docs)
    twins = [p.name for p in paths if p.read_bytes() == paths[0].read_bytes()]
    assert len(twins) == 2
    assert [set(g.members) for g in groups] == [set(twins)]
    assert groups[0].links[0].kind == "exact"
