"""Cluster every stored signal into claims and write the claim tables (link stage, over the store).

``rebuild_claims(conn)`` re-clusters every signal after an ingest (near-linear,
``link/claims.py``), links the answers (``link/claim_links.py``) and replaces
the claim tables. It is idempotent, and claim IDs are stable:

* a new claim's ID is a hash of its founding signal (the member first stored,
  then first published, then first in its article);
* a rebuilt cluster keeps the oldest ID (lowest ``created``) among its members'
  previous claims, so new articles joining a claim never change its ID and a
  merge of two claims keeps the older one; the newer ID is kept in
  ``claim_aliases`` and ``claim()`` still finds it;
* when a claim splits, the part holding its founding signal (else the larger
  part) keeps the ID; the other parts take their next-oldest previous ID or a new one.

Sentence vectors are kept in ``signal_vectors`` so a rebuild embeds only new signals.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, text

from newstrace.knowledge import actors, outlets
from newstrace.link.claim_links import Answer, ClaimTarget, MemberPlace, claim_status, link_answers
from newstrace.link.claims import (
    ClaimConfig,
    ClaimSignal,
    claim_text,
    cluster_signals,
    config,
    content_words,
    representative,
    signal_day,
    type_family,
)
from newstrace.link.shared_text import verbatim_groups
from newstrace.link.stance import PreparedArticle, prepare_article, prototype_embedder
from newstrace.link.vector_cache import cached_embed
from newstrace.store.dialect import json_field

Embedder = Callable[[Sequence[str]], npt.NDArray[np.float32]]

def _signals_sql(dialect: str) -> str:
    """Every processed signal with what clustering reads, for this backend."""
    seen = json_field(dialect, "d.extra_json", "seen")
    lo = "s.sentence_start + 1 - :ctx"
    return (
        "SELECT s.id, s.doc_id, s.start, s.actor, s.actor_text, s.type, s.topics_json, s.polarity, "
        "s.conditions_json, s.event_date, s.source_kind, s.source_by, s.source_via, "
        "s.sentence_start, s.sentence_end, "
        "substr(d.clean_text, s.start + 1, s.\"end\" - s.start) AS evidence, "
        "substr(d.clean_text, s.sentence_start + 1, s.sentence_end - s.sentence_start) AS sentence, "
        f"substr(d.clean_text, CASE WHEN {lo} > 1 THEN {lo} ELSE 1 END, "
        f"       s.sentence_end + 1 - CASE WHEN {lo} > 1 THEN {lo} ELSE 1 END) AS context, "
        # an undated article, or one dated only to a month or year, falls back to its crawl time
        # (extra["seen"]) when that lies inside the date, as copy groups do
        "CASE WHEN length(COALESCE(d.published_value, '')) < 10 "
        f"     AND {seen} LIKE COALESCE(d.published_value, '') || '%' "
        f"THEN {seen} ELSE d.published_value END AS published_value, "
        "d.ingested_at, d.outlet, d.origin, a.via_chain_json, a.via, "
        "cm.group_id FROM signals s JOIN documents d ON d.id = s.doc_id "
        "LEFT JOIN attributions a ON a.id = s.attribution_id "
        "LEFT JOIN copy_members cm ON cm.doc_id = s.doc_id "
        "WHERE d.status = 'processed'"
    )


def _outlet_name(name: str | None) -> str | None:
    if not name:
        return None
    o = outlets().lookup(name)
    return o.name if o else name.strip()


def _is_outlet(name: str | None) -> str | None:
    """The registered outlet's name, or None when the name is not an outlet."""
    if not name:
        return None
    o = outlets().lookup(name)
    return o.name if o else None


def _is_wire(name: str | None) -> bool:
    o = outlets().lookup(name) if name else None
    return o is not None and o.kind == "wire"


@dataclass
class _Doc:
    outlets: set[str]
    inputs: int
    key: str  # independent origin of the article as a whole


def _documents(conn: Connection) -> dict[str, _Doc]:
    """Each processed document's outlets, input count and independent-origin key."""
    rows = conn.execute(text(
        "SELECT d.id, d.outlet, d.origin, cm.group_id FROM documents d "
        "LEFT JOIN copy_members cm ON cm.doc_id = d.id WHERE d.status = 'processed'")).all()
    group_origin: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: r[0]):
        origin = _outlet_name(r[2])
        if r[3] and origin and r[3] not in group_origin:
            group_origin[r[3]] = origin
    docs: dict[str, _Doc] = {}
    for doc_id, outlet, origin, group in rows:
        name = _outlet_name(origin) or (group_origin.get(group) if group else None)
        if name is None and _is_wire(outlet):
            name = _outlet_name(outlet)
        key = f"outlet:{name}" if name else (f"copy:{group}" if group else f"doc:{doc_id}")
        own = _outlet_name(outlet)
        docs[doc_id] = _Doc(outlets={own} if own else set(), inputs=0, key=key)
    for doc_id, outlet in conn.execute(text("SELECT doc_id, outlet FROM document_sources")).all():
        d = docs.get(doc_id)
        if d is not None:
            d.inputs += 1
            name = _outlet_name(outlet)
            if name:
                d.outlets.add(name)
    return docs


def _signal_origin(r: Any, doc: _Doc) -> str:
    """Outlet nearest the source that relayed this signal, else the article's own origin."""
    chain = json.loads(r["via_chain_json"]) if r["via_chain_json"] else []
    for name in [*chain[:1], r["via"], r["source_via"]]:
        outlet = _is_outlet(name)
        if outlet:
            return f"outlet:{outlet}"
    return doc.key


def _vectors(conn: Connection, rows: Sequence[Any], embed: Embedder | None) -> npt.NDArray[np.float32]:
    """One unit vector per signal sentence; cached in signal_vectors by signal and text."""
    texts = [claim_text(r["evidence"], r["sentence"]) for r in rows]
    hashes = [hashlib.sha256(t.encode("utf-8")).hexdigest()[:16] for t in texts]
    cached = {sid: (h, blob) for sid, h, blob in
              conn.execute(text("SELECT signal_id, text_hash, vector FROM signal_vectors")).all()}
    out = np.zeros((len(rows), 384), dtype=np.float32)
    todo: list[int] = []
    for i, (r, h) in enumerate(zip(rows, hashes, strict=True)):
        hit = cached.get(r["id"])
        if hit and hit[0] == h:
            out[i] = np.frombuffer(hit[1], dtype=np.float32)
        else:
            todo.append(i)
    if todo:
        if embed is None:
            from newstrace.nlp.embeddings import embed as default_embed

            embed = default_embed
        unique = sorted({texts[i] for i in todo})
        vecs = embed(unique)
        index = {t: k for k, t in enumerate(unique)}
        for i in todo:
            out[i] = vecs[index[texts[i]]]
        _insert_many(conn, "INSERT INTO signal_vectors (signal_id, text_hash, vector) VALUES (:s, :h, :v) "
                     "ON CONFLICT (signal_id) DO UPDATE SET text_hash = :h, vector = :v",
                     [{"s": rows[i]["id"], "h": hashes[i], "v": out[i].tobytes()} for i in todo])
    return out


def _claim_signal(r: Any, cfg: ClaimConfig) -> ClaimSignal:
    day, slack, pub = signal_day(r["event_date"], r["published_value"], cfg)
    conds = json.loads(r["conditions_json"]) if r["conditions_json"] else []
    return ClaimSignal(
        id=r["id"], doc_id=r["doc_id"], actor=r["actor"], type=r["type"],
        topics=frozenset(json.loads(r["topics_json"])),
        polarity=r["polarity"],
        conditions=tuple((str(c.get("topic")), str(c.get("state"))) for c in conds),
        day=day, slack=slack, published_day=pub,
        order=(r["published_value"] or "9999", r["doc_id"], r["start"], r["id"]),
        words=content_words(claim_text(r["evidence"], r["sentence"], cfg), cfg),
    )


def _actor_family(canonical: str) -> frozenset[str]:
    try:
        chain = actors().ancestors(canonical)
    except Exception:  # an unknown actor speaks only for itself
        chain = []
    return frozenset(a.casefold() for a in [canonical, *chain])


def _voice(source: str | None) -> frozenset[str]:
    """Whom a signal's source speaks for: a known actor and its parents, else the name as written."""
    if not source:
        return frozenset()
    actor = actors().find(source)
    return _actor_family(actor.canonical) if actor is not None else frozenset({source.casefold()})


def _new_id(founder: str) -> str:
    return "c" + hashlib.sha256(f"claim\x1f{founder}".encode()).hexdigest()[:16]


def _assign_ids(conn: Connection, clusters: list[list[str]], founders: list[str]) -> tuple[
        list[str], list[int], dict[str, str]]:
    """IDs and creation numbers for the rebuilt clusters, and aliases for retired IDs."""
    old_member: dict[str, str] = dict(
        conn.execute(text("SELECT signal_id, claim_id FROM claim_members")).all())
    old_claims = {cid: (created, founder) for cid, created, founder in
                  conn.execute(text("SELECT id, created, founder_signal FROM claims")).all()}
    aliases = dict(conn.execute(text("SELECT old_id, claim_id FROM claim_aliases")).all())
    founded = {founder: cid for cid, (_, founder) in old_claims.items()}
    next_created = max([c for c, _ in old_claims.values()] + [0]) + 1
    # greedy matching, oldest IDs first: an old ID goes to the cluster holding its founder,
    # else to the cluster holding most of its old members; a cluster takes one ID only
    pairs: list[tuple[int, bool, int, int, str]] = []
    for k, members in enumerate(clusters):
        counts = Counter(old_member[s] for s in members if old_member.get(s) in old_claims)
        member_set = set(members)
        for c, n in counts.items():
            created_c, founder_c = old_claims[c]
            pairs.append((created_c, founder_c not in member_set, -n, k, c))
        # a reprocessed article loses its member rows (cascade); its claim is still found by founder
        for s in member_set & founded.keys():
            if founded[s] not in counts:
                pairs.append((old_claims[founded[s]][0], False, 0, k, founded[s]))
    ids_out: list[str] = [""] * len(clusters)
    created: list[int] = [0] * len(clusters)
    taken: set[str] = set()
    for created_c, _, _, k, c in sorted(pairs):
        if c not in taken and not ids_out[k]:
            taken.add(c)
            ids_out[k], created[k] = c, created_c
    used = set(taken)
    for k in range(len(clusters)):
        if ids_out[k]:
            continue
        cid = _new_id(founders[k])
        while cid in used:
            cid = _new_id(cid)
        used.add(cid)
        ids_out[k] = cid
        prior = old_claims.get(cid)
        created[k] = prior[0] if prior else next_created
        if not prior:
            next_created += 1
    # retired IDs point at the cluster that holds most of their old members
    live = set(ids_out)
    where: dict[str, Counter[str]] = {}
    for k, members in enumerate(clusters):
        for s in members:
            if s in old_member:
                where.setdefault(old_member[s], Counter())[ids_out[k]] += 1
    for old, counts in where.items():
        if old not in live:
            aliases[old] = counts.most_common(1)[0][0]
    aliases = {o: (aliases.get(t, t) if t not in live else t) for o, t in aliases.items() if o not in live}
    return ids_out, created, aliases


def load_claim_signals(conn: Connection, *, embed: Embedder | None = None) -> tuple[
        list[ClaimSignal], npt.NDArray[np.float32]]:
    """Every stored signal as clustering sees it, with its text vector (for benchmarks and notebooks)."""
    cfg = config()
    rows = list(conn.execute(text(_signals_sql(conn.dialect.name) + " ORDER BY s.id"),
                             {"ctx": int(cfg.links["context_chars"])}).mappings())
    vectors = _vectors(conn, rows, embed) if rows else np.zeros((0, 384), dtype=np.float32)
    return [_claim_signal(r, cfg) for r in rows], vectors


def rebuild_claims(conn: Connection, *, embed: Embedder | None = None) -> int:
    """Re-cluster every stored signal into claims, link the answers; return the claim count."""
    cfg = config()
    ctx = int(cfg.links["context_chars"])
    sql = text(_signals_sql(conn.dialect.name) + " ORDER BY s.id")
    rows = list(conn.execute(sql, {"ctx": ctx}).mappings())
    docs = _documents(conn)
    vectors = _vectors(conn, rows, embed) if rows else np.zeros((0, 384), dtype=np.float32)
    sigs = [_claim_signal(r, cfg) for r in rows]
    clusters = cluster_signals(sigs, vectors, cfg=cfg)
    # members in an answer's sentence only mention the claim being answered
    answer_sentences = {(r["doc_id"], r["sentence_start"]) for r in rows if r["type"] in cfg.answer_types}
    role = ["answered" if (r["doc_id"], r["sentence_start"]) in answer_sentences else "report" for r in rows]
    origin = [_signal_origin(r, docs[r["doc_id"]]) for r in rows]
    founders = [min(c, key=lambda i: (rows[i]["ingested_at"], sigs[i].order))for c in clusters]
    claim_ids, created, aliases = _assign_ids(
        conn, [[rows[i]["id"] for i in c] for c in clusters], [rows[i]["id"] for i in founders])

    # answers
    targets: list[ClaimTarget] = []
    for c, cid in zip(clusters, claim_ids, strict=True):
        actor = rows[c[0]]["actor"]
        names = {actor.casefold(), *(rows[i]["actor_text"].casefold() for i in c)}
        rests_on = {o.split(":", 1)[1] for o in (origin[i] for i in c) if o.startswith("outlet:")}
        for i in c:
            cited = (_is_outlet(rows[i]["source_by"]), _is_outlet(rows[i]["source_via"]))
            rests_on |= {n for n in cited if n}
        targets.append(ClaimTarget(
            key=cid, first_day=min(sigs[i].published_day for i in c), actors=_actor_family(actor),
            names=frozenset(n for n in names if len(n) > 2),
            topics=frozenset().union(*(sigs[i].topics for i in c)),
            outlets=frozenset(rests_on),
            members=tuple(MemberPlace(rows[i]["doc_id"], rows[i]["sentence_start"], i) for i in c),
            type=Counter(rows[i]["type"] for i in c).most_common(1)[0][0],
            voiced_by=frozenset.intersection(*(_voice(rows[i]["source_by"]) for i in c))))
    ans_idx = [i for i, r in enumerate(rows) if r["type"] in cfg.answer_types]
    answers: list[Answer] = []
    for i in ans_idx:
        r = rows[i]
        sentence = r["sentence"]
        named = {o.name for _, _, o in outlets().find_all(sentence)}
        named |= {n for n in (_is_outlet(r["source_by"]), _is_outlet(r["source_via"])) if n}
        answers.append(Answer(
            id=r["id"], doc_id=r["doc_id"], day=sigs[i].published_day,
            type=cfg.negated_answer.get(r["type"], r["type"]) if r["polarity"] == "negative" else r["type"],
            sentence_start=r["sentence_start"], sentence_end=r["sentence_end"],
            actors=_actor_family(r["actor"]), topics=sigs[i].topics, outlets=frozenset(named),
            sentence=sentence))
    member_texts = [claim_text(r["evidence"], r["sentence"]) for r in rows]
    links = link_answers(answers, _answer_texts(conn, rows, ans_idx, embed, cfg), targets, vectors,
                         member_texts, cfg=cfg)
    kinds: dict[str, list[str]] = {}
    for lk in links:
        kinds.setdefault(lk.claim_key, []).append(lk.kind)

    for table in ("claim_answers", "claim_members", "claims", "claim_aliases"):
        conn.execute(text(f"DELETE FROM {table}"))
    claim_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    for k, c in enumerate(clusters):
        claim, members = _claim_rows(claim_ids[k], created[k], rows, sigs, c, role, origin, docs, vectors,
                                     founder=rows[founders[k]]["id"], kinds=kinds.get(claim_ids[k], []),
                                     cfg=cfg)
        claim_rows.append(claim)
        member_rows.extend(members)
    # one statement per table, many rows: compiling an INSERT per row was half the link stage
    _insert_many(conn, _CLAIM_INSERT, claim_rows)
    _insert_many(conn, _MEMBER_INSERT, member_rows)
    _insert_many(conn, "INSERT INTO claim_answers (claim_id, signal_id, kind, score, cosine, reasons_json) "
                 "VALUES (:c, :s, :k, :sc, :co, :r)",
                 [{"c": lk.claim_key, "s": lk.answer_id, "k": lk.kind, "sc": lk.score, "co": lk.cosine,
                   "r": json.dumps(list(lk.reasons))} for lk in links])
    _insert_many(conn, "INSERT INTO claim_aliases (old_id, claim_id) VALUES (:o, :c)",
                 [{"o": old, "c": new} for old, new in aliases.items()])
    return len(clusters)


def _answer_texts(conn: Connection, rows: Sequence[Any], ans_idx: list[int], embed: Embedder | None,
                  cfg: ClaimConfig) -> list[PreparedArticle]:
    """Each answer as the stance relation reads it: its sentence, or when that is short
    ("No, this is a wrong report.") one passage of it and the text before it."""
    if not ans_idx:
        return []
    short = int(cfg.links["short_sentence_words"])
    texts: list[tuple[str, ...]] = []
    for i in ans_idx:
        sentence = rows[i]["sentence"].strip()
        # read as one passage: a lone "No, this is a wrong report." means nothing
        texts.append((rows[i]["context"].strip() if len(sentence.split()) < short else sentence,))
    unique = sorted({t for ts in texts for t in ts})
    vecs = cached_embed(conn, unique, embed)
    index = {t: k for k, t in enumerate(unique)}
    # the stance prototypes come from the store's cache too, unless a caller brought its own
    # embedder (then the model's prototypes are embedded as before)
    with prototype_embedder(lambda ts: cached_embed(conn, ts)) if embed is None else contextlib.nullcontext():
        return [prepare_article(ts, vectors=vecs[[index[t] for t in ts]]) for ts in texts]


def _shared_text_origins(rows: Sequence[Any], sigs: Sequence[ClaimSignal], reports: list[int],
                         per_doc: dict[str, str], cfg: ClaimConfig) -> dict[str, str]:
    """The articles whose reports state the claim in the same words, each mapped to the one
    origin they share: the outlet one of them relays, else the earliest report's article's."""
    groups = verbatim_groups([rows[i]["sentence"] for i in reports], min_ratio=cfg.same_text_ratio,
                             min_words=cfg.same_text_min_words, owners=[rows[i]["doc_id"] for i in reports])
    by_group: dict[int, list[int]] = {}
    for i, g in zip(reports, groups, strict=True):
        by_group.setdefault(g, []).append(i)
    shared: dict[str, str] = {}
    for members in by_group.values():
        docs = {rows[i]["doc_id"] for i in members}
        if len(docs) < 2:
            continue
        relayed = sorted(per_doc[d] for d in docs if per_doc[d].startswith("outlet:"))
        earliest = min(members, key=lambda i: sigs[i].order)
        origin = relayed[0] if relayed else per_doc[rows[earliest]["doc_id"]]
        shared.update(dict.fromkeys(docs, origin))
    return shared


_CLAIM_INSERT = (
    "INSERT INTO claims (id, created, founder_signal, actor, type, family, topics_json, "
    "representative_signal, first_report, first_doc, reports, outlets_json, origins_json, "
    "source_kinds_json, status, denials, confirmations, doubts) VALUES (:id, :cr, :f, :a, :t, :fam, "
    ":top, :rep, :fr, :fd, :n, :o, :org, :sk, :st, :de, :co, :do)")
_MEMBER_INSERT = ("INSERT INTO claim_members (signal_id, claim_id, doc_id, role, origin) "
                  "VALUES (:s, :c, :d, :r, :o)")


def _insert_many(conn: Connection, sql: str, params: list[dict[str, Any]]) -> None:
    if params:
        conn.execute(text(sql), params)


def _claim_rows(cid: str, created: int, rows: Sequence[Any], sigs: Sequence[ClaimSignal],
                members: list[int], role: list[str], origin: list[str], docs: dict[str, _Doc],
                vectors: npt.NDArray[np.float32], *, founder: str, kinds: list[str],
                cfg: ClaimConfig) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The claim's row and its members' rows."""
    # a claim known only from the answers to it counts those mentions as its reports
    reports = [i for i in members if role[i] == "report"] or members
    report_docs = sorted({rows[i]["doc_id"] for i in reports})
    outlet_set = sorted({o for d in report_docs for o in docs[d].outlets})
    # one origin per article: the outlet it relays when it names one, else the article's own
    per_doc: dict[str, str] = {}
    for i in sorted(reports, key=lambda i: (not origin[i].startswith("outlet:"), origin[i])):
        per_doc.setdefault(rows[i]["doc_id"], origin[i])
    # articles that state the claim in the same words copied it: one origin between them
    shared = _shared_text_origins(rows, sigs, reports, per_doc, cfg)
    per_doc.update(shared)
    origins = sorted(set(per_doc.values()))
    kinds_count = Counter(rows[i]["source_kind"] for i in reports)
    rep = representative(members, vectors, preferred=set(reports))
    first = min(members, key=lambda i: sigs[i].order)
    topics = sorted(frozenset().union(*(sigs[i].topics for i in members)))
    types = Counter(rows[i]["type"] for i in members)
    claim = {"id": cid, "cr": created, "f": founder, "a": rows[first]["actor"],
             "t": types.most_common(1)[0][0], "fam": type_family(rows[first]["type"], cfg),
             "top": json.dumps(topics), "rep": rows[rep]["id"], "fr": rows[first]["published_value"],
             "fd": rows[first]["doc_id"], "n": sum(max(1, docs[d].inputs) for d in report_docs),
             "o": json.dumps(outlet_set), "org": json.dumps(origins),
             "sk": json.dumps(dict(sorted(kinds_count.items()))), "st": claim_status(kinds),
             "de": kinds.count("deny"), "co": kinds.count("confirm"), "do": kinds.count("doubt")}
    return claim, [
        {"s": rows[i]["id"], "c": cid, "d": rows[i]["doc_id"], "r": role[i],
         "o": shared.get(rows[i]["doc_id"], origin[i]) if role[i] == "report" else origin[i]}
        for i in members]
