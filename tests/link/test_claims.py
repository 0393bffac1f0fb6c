"""Claims across articles: clustering, independent origins, answers, stable IDs, CLI.

The articles are invented (the Kaldoria / Lusavia sample story): a wire report of an
anonymous-source concession carried by two outlets, one outlet's follow-up citing
the wire, and a later on-record denial by the president's spokeswoman.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
import typer
from sqlalchemy import text
from typer.testing import CliRunner

import newstrace
from newstrace.cli.claims_cmd import claims as claims_command
from newstrace.link.claim_build import rebuild_claims
from newstrace.link.claim_links import Answer, ClaimTarget, MemberPlace, claim_status, link_answers
from newstrace.link.claims import ClaimSignal, cluster_signals, content_words, day_span, signal_day
from newstrace.link.shared_text import verbatim_groups
from newstrace.link.stance import PreparedArticle, prepare_article, relate
from newstrace.nlp.embeddings import embed
from newstrace.store import Store
from newstrace.store.claim_rows import ClaimRow
from newstrace.store.claims_store import claims_of_signal

WriteJsonl = Callable[[Path, list[dict[str, Any]]], Path]

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.json"

_WIRE = (
    "Morvek may drop Dravic Heights demand, sources say\n\n"
    "VESSGRAD, March 2 (Reuters) - Kaldorian President Ardan Morvek may be willing to drop his demand "
    "that Lusavia withdraw its troops from the Dravic Heights before peace talks begin, two people "
    "close to the Kaldorian presidency told Reuters.\n\n"
    "The sources said Morvek had privately signalled to Solvennan mediators that he could accept a "
    "joint monitoring mission on the heights instead of a full withdrawal.\n\n"
    "The dispute over the Kessel Gorge Dam and the heights has blocked negotiations for more than a "
    "year, and both governments have massed troops along the Orva River."
)
_FOLLOW_UP = (
    "A shift on the heights?\n\n"
    "Kaldorian President Ardan Morvek may be ready to give up his demand for a Lusavian withdrawal "
    "from the Dravic Heights ahead of peace talks, Reuters reported on Monday, citing two unnamed "
    "people close to the presidency.\n\n"
    "Lusavian officials welcomed the possibility but said they had received no formal offer.\n\n"
    "Markets in Kelmora rose on the report, with the Lusavian currency gaining against the euro."
)
_DENIAL = (
    "Vessgrad denies heights report\n\n"
    "Kaldorian presidential spokeswoman Ilsa Renhart on Wednesday denied a Reuters report that Morvek "
    "was willing to drop the demand that Lusavia withdraw from the Dravic Heights.\n\n"
    "\"This report is false. The president's position on the heights has not changed,\" Renhart told "
    "reporters in Vessgrad.\n\n"
    "Lusavia's foreign ministry declined to comment on the denial."
)
_HERALD = (
    "Diplomat: Morvek ready to bend on heights\n\n"
    "Kaldorian President Ardan Morvek is prepared to drop his demand that Lusavia pull its troops out "
    "of the Dravic Heights before talks, a senior Solvennan diplomat told the Northern Herald on "
    "Thursday.\n\n"
    "The diplomat, who asked not to be named, said the offer had been made in a meeting in Arlenz "
    "last week.\n\n"
    "Neither government has commented publicly on the meeting."
)

ARTICLES = [
    {"file": "wire.txt", "outlet": "Daily Courier", "published": "2031-03-02", "text": _WIRE,
     "url": "https://dailycourier.example/world/morvek-heights"},
    {"file": "wire-copy.txt", "outlet": "Evening Ledger", "published": "2031-03-02", "text": _WIRE,
     "url": "https://eveningledger.example/news/morvek-heights"},
    {"file": "follow.txt", "outlet": "Daily Courier", "published": "2031-03-03", "text": _FOLLOW_UP,
     "url": "https://dailycourier.example/analysis/heights-shift"},
    {"file": "denial.txt", "outlet": "Kelmora Times", "published": "2031-03-05", "text": _DENIAL,
     "url": "https://kelmoratimes.example/politics/renhart-denies"},
]
# A bulletin with its own (unnamed) source, and a digest that lifts the bulletin's key
# sentence word for word into a story of its own: not a copy of the bulletin article,
# but not an independent origin of the claim either.
_LIFTED = (
    "Kaldorian President Ardan Morvek is prepared to drop his demand that Lusavia pull its troops "
    "out of the Dravic Heights before talks, a senior Solvennan diplomat said on Thursday."
)
_BULLETIN = (
    "Heights: a diplomat speaks\n\n" + _LIFTED + "\n\n"
    "The diplomat, who asked not to be named, said the offer had been made at a meeting in Arlenz "
    "last week.\n\n"
    "Neither government has commented publicly on the meeting."
)
_DIGEST = (
    "Week in the region\n\n"
    "Fishing crews on the Orva reported the best spring catch in a decade, with cooperatives in "
    "three river towns saying prices held up despite the early thaw and the closed bridges.\n\n"
    "The Kelmora ferry resumed its winter timetable after storms kept it in port for four days, "
    "and the port office promised extra crossings for the market weekend.\n\n" + _LIFTED + "\n\n"
    "In Selm, the harbour authority opened a new grain terminal built with Solvennan loans; "
    "its first ship is due on Monday, carrying barley bound for the southern mills.\n\n"
    "Schools in the valley will close early for the spring holiday because of the floods."
)
LATER = [{"file": "herald.txt", "outlet": "Northern Herald", "published": "2031-03-06", "text": _HERALD,
          "url": "https://northernherald.example/world/heights"}]


def _rebuild(store: Store) -> None:
    with store.engine.begin() as conn:
        rebuild_claims(conn)


def _claims(store: Store, **kw: object) -> list[ClaimRow]:
    return list(store.claims(**kw))  # type: ignore[arg-type]


def _concession(rows: list[ClaimRow]) -> ClaimRow:
    found = [c for c in rows if c.actor == "Ardan Morvek" and c.type == "concession"]
    assert len(found) == 1, [(c.actor, c.type) for c in rows]
    return found[0]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, write_jsonl: WriteJsonl) -> Path:
    folder = tmp_path_factory.mktemp("claims")
    path = folder / "claims.db"
    with newstrace.open(path) as store:
        report = store.ingest([write_jsonl(folder / "articles.jsonl", ARTICLES)])
        assert len(report.added) == 3 and not report.rejected  # the wire copy is one document
    return path


# ------------------------------------------------------------------ across articles


def test_wire_copies_count_once(store: Store) -> None:
    claim = _concession(_claims(store))
    assert claim.reports == 3  # two inputs of the wire text + the follow-up
    assert sorted(claim.outlets) == ["Daily Courier", "Evening Ledger"]
    assert claim.origins == ["outlet:Reuters"]
    assert claim.independent_origins == 1
    assert claim.first_report == "2031-03-02"
    assert claim.anonymous_only and claim.source_kinds.get("anonymous") == 1
    assert "Dravic Heights" in claim.representative


def test_denial_links_to_the_wire_claim(store: Store) -> None:
    claim = _concession(_claims(store))
    assert claim.status == "denied" and claim.denials >= 1
    denial = [a for a in claim.answers if a.kind == "deny" and a.actor == "Ilsa Renhart"]
    assert denial and denial[0].published == "2031-03-05"
    assert any("outlet Reuters" in a.reasons for a in denial)
    # the denial article mentions the claim but is not one of its reports
    roles = {m.doc_name.split(":")[-1]: m.role for m in claim.members}
    assert "answered" in roles.values() and claim.reports == 3
    with store.engine.connect() as conn:
        assert claim.id in claims_of_signal(conn, denial[0].signal_id)


def test_status_filter_and_origins_filter(store: Store) -> None:
    assert [c.id for c in _claims(store, status="denied")] == [_concession(_claims(store)).id]
    assert _claims(store, min_origins=2) == []
    assert _concession(_claims(store, actor="Kaldoria")).actor == "Ardan Morvek"  # speaks for Kaldoria


def test_rebuild_is_idempotent(store: Store) -> None:
    before = [(c.id, [m.signal_id for m in c.members]) for c in _claims(store)]
    _rebuild(store)
    assert [(c.id, [m.signal_id for m in c.members]) for c in _claims(store)] == before


def test_ids_survive_new_articles_and_merges(db: Path, tmp_path: Path, write_jsonl: WriteJsonl) -> None:
    path = tmp_path / "copy.db"
    path.write_bytes(db.read_bytes())
    with newstrace.open(path) as store:
        old = _concession(_claims(store))
        store.ingest([write_jsonl(tmp_path / "later.jsonl", LATER)])  # ingest rebuilds the claims
        grown = _concession(_claims(store))
        assert grown.id == old.id  # a new report does not change the claim's ID
        assert grown.independent_origins == 2 and grown.reports == 4
        # pretend one member once belonged to an older claim: the merged claim keeps the older ID
        member = grown.members[-1].signal_id
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE claim_members SET claim_id = 'colder' WHERE signal_id = :s"),
                         {"s": member})
            conn.execute(text(
                "INSERT INTO claims SELECT 'colder', 0, :s, actor, type, family, topics_json, "
                "representative_signal, first_report, first_doc, reports, outlets_json, origins_json, "
                "source_kinds_json, status, denials, confirmations, doubts FROM claims WHERE id = :c"),
                {"s": member, "c": grown.id})
        _rebuild(store)
        merged = _concession(_claims(store))
        assert merged.id == "colder"
        assert [c.id for c in _claims(store, claim_id=grown.id)] == ["colder"]  # the newer ID is an alias


def test_a_sentence_lifted_word_for_word_is_not_another_origin(
        db: Path, tmp_path: Path, write_jsonl: WriteJsonl) -> None:
    path = tmp_path / "digest.db"
    path.write_bytes(db.read_bytes())
    later = [{"file": "bulletin.txt", "outlet": "Selm Post", "published": "2031-03-06", "text": _BULLETIN,
              "url": "https://selmpost.example/heights"},
             {"file": "digest.txt", "outlet": "Orva Weekly", "published": "2031-03-07", "text": _DIGEST,
              "url": "https://orvaweekly.example/week"}]
    with newstrace.open(path) as store:
        store.ingest([write_jsonl(tmp_path / "later.jsonl", later)])
        claim = _concession(_claims(store))
        with store.engine.connect() as conn:
            groups = conn.execute(text("SELECT count(*) FROM copy_members")).scalar_one()
        assert groups == 0  # the digest is no copy of the bulletin
        assert claim.reports == 5 and {"Selm Post", "Orva Weekly"} <= set(claim.outlets)
        assert claim.independent_origins == 2  # Reuters, and the bulletin's diplomat once
        digest = [m for m in claim.members if m.doc_name == "later.jsonl:2"]
        bulletin = [m for m in claim.members if m.doc_name == "later.jsonl:1"]
        assert digest and bulletin and digest[0].doc_id != bulletin[0].doc_id
        assert digest[0].origin == bulletin[0].origin == f"doc:{bulletin[0].doc_id}"  # the earlier one's


def test_verbatim_groups() -> None:
    texts = [
        "Morvek is prepared to drop his demand that Lusavia pull its troops out of the heights.",
        "Morvek was ready to give up the demand for a withdrawal, the wire said.",
        "Morvek is prepared to drop his demand that Lusavia pulls its troops out of the heights",
        "Europe wants peace.",
        "Europe wants peace.",
    ]
    assert verbatim_groups(texts, min_ratio=0.9, min_words=8) == [0, 1, 0, 3, 4]
    assert verbatim_groups(texts, min_ratio=0.9, min_words=3) == [0, 1, 0, 3, 3]
    # texts of one owner are one group: article a's two reports take in b's copy of the second
    owners = ["a", "b", "c", "a", "b"]
    assert verbatim_groups(texts, min_ratio=0.9, min_words=8, owners=owners) == [0, 1, 0, 0, 1]


def test_ids_survive_reprocess(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "again.db"
    path.write_bytes(db.read_bytes())
    with newstrace.open(path) as store:
        before = _concession(_claims(store)).id
        store.reprocess()  # deletes and rewrites every document, then rebuilds the claims
        assert _concession(_claims(store)).id == before


def test_cli_lists_and_prints_json(db: Path) -> None:
    app = typer.Typer()
    app.command("claims")(claims_command)
    app.command("noop")(lambda: None)  # two commands: typer keeps the subcommand name
    runner = CliRunner()
    out = runner.invoke(app, ["claims", "--status", "denied", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert len(rows) == 1 and rows[0]["status"] == "denied" and rows[0]["independent_origins"] == 1
    assert rows[0]["answers"][0]["kind"] == "deny"
    table = runner.invoke(app, ["claims", "--db", str(db), "--min-origins", "1"])
    assert table.exit_code == 0 and rows[0]["id"] in table.stdout and "anonymous only" in table.stdout
    missing = runner.invoke(app, ["claims", "--db", str(db.parent / "none.db")])
    assert missing.exit_code == 2


# ------------------------------------------------------------------ rules without a model


def _sig(sid: str, *, actor: str = "A", type: str = "concession", day: str = "2031-03-02",
         polarity: str = "positive", topics: tuple[str, ...] = ("territory",),
         conditions: tuple[tuple[str, str], ...] = (), doc: str = "d1") -> ClaimSignal:
    d, slack, pub = signal_day(day, day)
    return ClaimSignal(id=sid, doc_id=doc, actor=actor, type=type, topics=frozenset(topics),
                       polarity=polarity, conditions=conditions, day=d, slack=slack, published_day=pub,
                       order=(day, doc, sid), words=frozenset({"heights", "withdraw"}))


def _same(n: int) -> npt.NDArray[np.float32]:
    v = np.zeros((n, 4), dtype=np.float32)
    v[:, 0] = 1.0
    return v


def test_cluster_rules_split_what_differs() -> None:
    sigs = [
        _sig("s1"),
        _sig("s2", type="agree", doc="d2"),                 # same family: same claim
        _sig("s3", polarity="negative", doc="d3"),          # "will not" vs "will": another claim
        _sig("s4", day="2031-06-30", doc="d4"),             # months later: another claim
        _sig("s5", actor="B", doc="d5"),                    # another actor
        _sig("s6", type="deny", doc="d6"),                  # an answer, never a claim
        _sig("s7", conditions=(("ceasefire", "required"),), doc="d7"),
        _sig("s8", conditions=(("ceasefire", "none"),), doc="d8"),  # clashes with s7's condition
        _sig("s9", type="threaten", doc="d9"),              # another family
    ]
    clusters = cluster_signals(sigs, _same(len(sigs)))
    named = sorted(sorted(sigs[i].id for i in c) for c in clusters)
    assert ["s1", "s2", "s7"] in named
    assert all("s6" not in c for c in named)
    for alone in ("s3", "s4", "s5", "s8", "s9"):
        assert [alone] in named


def test_a_hedged_act_is_speculation_but_a_hedged_position_is_the_same_claim() -> None:
    sigs = [
        _sig("a1", type="military_action", polarity="hedged"),            # "a possible attack"
        _sig("a2", type="military_action", doc="d2"),                     # "attacked"
        _sig("p1", type="intent_to_negotiate", polarity="hedged", doc="d3"),  # "may be willing"
        _sig("p2", type="intent_to_negotiate", doc="d4"),                 # "is willing"
    ]
    named = sorted(sorted(sigs[i].id for i in c) for c in cluster_signals(sigs, _same(len(sigs))))
    assert named == [["a1"], ["a2"], ["p1", "p2"]]


def test_dissimilar_content_is_another_claim() -> None:
    sigs = [_sig("s1"), _sig("s2", doc="d2")]
    vectors = np.array([[1, 0, 0, 0], [0, 1, 0, 0]], dtype=np.float32)
    assert len(cluster_signals(sigs, vectors)) == 2


def test_dates_and_words() -> None:
    assert day_span("2031-02") is not None and day_span("nonsense") is None
    year = signal_day("2031", "2031-03-02")
    assert year[0] == signal_day("2031-03-02", "2031-03-02")[0] and year[1] > 0
    words = content_words("Two people close to the presidency told Reuters Morvek may drop his demand")
    assert {"morvek", "drop", "demand"} <= words and "told" not in words and "people" not in words


def _answer(day: str, sid: str = "a1") -> Answer:
    d = signal_day(day, day)[2]
    return Answer(id=sid, doc_id="d9", type="deny", day=d, sentence_start=0, sentence_end=50,
                  actors=frozenset({"a"}), topics=frozenset({"territory"}),
                  outlets=frozenset({"Reuters"}), sentence="A denied a Reuters report")


def _target(members: tuple[MemberPlace, ...] = (MemberPlace("d1", 0, 0),)) -> ClaimTarget:
    return ClaimTarget(key="c1", first_day=signal_day("2031-03-02", "2031-03-02")[2],
                       actors=frozenset({"a"}), names=frozenset({"a"}), topics=frozenset({"territory"}),
                       outlets=frozenset({"Reuters"}), members=members)


_CLAIM = "Morvek may drop his demand for guarantees on the Kessel dam"


def _prepared(text: str) -> PreparedArticle:
    return prepare_article([text], vectors=embed([text]))


def test_answers_come_after_the_claim() -> None:
    vec = embed([_CLAIM])
    text = [_prepared("A denied a Reuters report that Morvek may drop his demand for dam guarantees")]
    later = link_answers([_answer("2031-03-05")], text, [_target()], vec, [_CLAIM])
    assert [(lk.claim_key, lk.kind, lk.stance) for lk in later] == [("c1", "deny", "disagree")]
    assert "stance disagree" in later[0].reasons
    assert link_answers([_answer("2031-02-20")], text, [_target()], vec, [_CLAIM]) == []  # before
    assert link_answers([_answer("2031-12-20")], text, [_target()], vec, [_CLAIM]) == []  # too late


def test_answer_the_stance_relation_calls_unrelated_does_not_link() -> None:
    # the same structural evidence (outlet, actor, topic), but the answer's text shares no
    # content with the claim: the claim-to-article relation says unrelated, so no link
    claim = embed([_CLAIM])
    related = _prepared("A denied a Reuters report that Morvek may drop his demand for dam guarantees")
    unrelated = _prepared("A denied a Reuters report about grain tariffs at the harbour of Selm")
    assert relate(_CLAIM, unrelated, claim_vector=claim[0]).label == "unrelated"
    assert link_answers([_answer("2031-03-05")], [related], [_target()], claim, [_CLAIM])
    assert link_answers([_answer("2031-03-05")], [unrelated], [_target()], claim, [_CLAIM]) == []


def test_a_denial_does_not_answer_its_own_actors_accusation() -> None:
    vec = embed([_CLAIM])
    text = [_prepared("A denied a Reuters report that Morvek may drop his demand for dam guarantees")]
    own = dataclasses.replace(_target(), type="accuse")  # actor "a" accuses, "a" denies
    other = dataclasses.replace(_target(), type="accuse", actors=frozenset({"b"}))
    assert link_answers([_answer("2031-03-05")], text, [own], vec, [_CLAIM]) == []
    links = link_answers([_answer("2031-03-05")], text, [other], vec, [_CLAIM])
    assert [lk.claim_key for lk in links] == ["c1"]


def test_nobody_denies_or_doubts_what_only_they_said() -> None:
    vec = embed([_CLAIM])
    text = [_prepared("A denied a Reuters report that Morvek may drop his demand for dam guarantees")]
    voiced_by_a = dataclasses.replace(_target(), voiced_by=frozenset({"a"}))
    voiced_by_b = dataclasses.replace(_target(), voiced_by=frozenset({"b"}))
    assert link_answers([_answer("2031-03-05")], text, [voiced_by_a], vec, [_CLAIM]) == []
    assert [lk.claim_key for lk in link_answers([_answer("2031-03-05")], text, [voiced_by_b], vec,
                                                [_CLAIM])] == ["c1"]
    # a confirmation may repeat its own earlier claim ("the ministry confirmed its report")
    said = [_prepared("A confirmed the report that Morvek may drop his demand for dam guarantees")]
    confirm = dataclasses.replace(_answer("2031-03-05"), type="confirm")
    assert [lk.kind for lk in link_answers([confirm], said, [voiced_by_a], vec, [_CLAIM])] == ["confirm"]


def test_status_from_answers() -> None:
    assert claim_status([]) == "unconfirmed"
    assert claim_status(["doubt"]) == "unconfirmed"
    assert claim_status(["deny", "doubt"]) == "denied"
    assert claim_status(["confirm"]) == "confirmed"
    assert claim_status(["confirm", "deny"]) == "disputed"


# ------------------------------------------------------------------ real seeds (read-only)


@pytest.mark.skipif(not (SEEDS.exists() and GOLD.exists()), reason="needs ../shared seeds and gold")
def test_seed_bloomberg_claim_is_denied(tmp_path: Path) -> None:
    gold = json.loads(GOLD.read_text("utf-8"))["cross_document"]["denials"]
    with newstrace.open(tmp_path / "seeds.db") as store:
        store.ingest([SEEDS])
        rows = _claims(store)
    for item in gold:
        denied = " ".join(item["denied"]["evidence"].split()[:6])
        claims = [c for c in rows if any(denied in m.sentence for m in c.members)]
        assert claims, denied
        assert all(c.status == "denied" for c in claims)
        cue = " ".join(item["denial"]["evidence"].split()[:4])
        assert any(cue in a.sentence or a.actor == "Dmitry Peskov" for c in claims for a in c.answers)
