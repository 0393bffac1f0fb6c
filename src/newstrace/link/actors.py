"""Link every signal to its canonical actor and to the actors it speaks for.

Putin's signal is also the Kremlin's and Russia's position (actor hierarchy in
the alias table), so a timeline for "Russia" finds it. An actor no table lists
speaks for whom the text writes it with: "Benjamin Netanyahu's office" for
Netanyahu, "Israeli Prime Minister Benjamin Netanyahu" for Israel, "Hamas official
Basem Naim" for Hamas (learnt from how its signals write it, ``parent_of``).
Unknown actors get a stable ID from their name. Idempotent: only signals without
links are linked.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from newstrace import ids
from newstrace.extract.actor_names import name_words
from newstrace.extract.signals.lexicon import lexicon
from newstrace.knowledge import actors
from newstrace.knowledge.actor_table import ActorTable

_OWNED = re.compile(r"^(?P<owner>.+?)['’]s (?P<noun>[\w ]+)$")


def parent_of(canonical: str, written: str | None, table: ActorTable) -> str | None:
    """Whom an unlisted actor speaks for, as ``written`` (its phrase in the text) says.

    "<owner>'s office" speaks for the owner; a name written after a title speaks
    for the listed body the title names ("U.S. Treasury Secretary" → United States),
    else for the state of its nationality word ("Chinese Vice Premier" → China),
    else for the capitalised name before the title ("Hamas official" → Hamas).
    """
    owned = _OWNED.match(canonical)
    if owned is not None and owned.group("noun").casefold() in name_words().office_nouns:
        return owned.group("owner")
    if not written or not canonical.split():
        return None
    at = written.find(canonical.split()[0])
    prefix = written[:at].strip() if at > 0 else ""
    if not prefix:
        return None
    known = table.find(prefix)
    if known is not None and known.kind != "person" and known.canonical != canonical:
        return known.canonical
    demonyms = lexicon().demonyms
    words = prefix.replace("’", "'").split()
    for word in words:
        country = demonyms.get(word.casefold())
        if country:
            return country
    honorifics = name_words().honorifics
    lead: list[str] = []
    for word in words:
        if not word[:1].isupper() or word.casefold().rstrip(".") in honorifics:
            break
        lead.append(word)
    # the title after the name is a common noun ("Hamas official"), not a capitalised
    # title that a nationality adjective opens ("Veldrian Trade Minister")
    if not lead or len(lead) == len(words) or not words[len(lead)][:1].islower():
        return None
    name = re.sub(r"['’]s$", "", " ".join(lead))
    return name if name != canonical else None


def _learned(conn: Connection, table: ActorTable) -> dict[str, str]:
    """Parents of unlisted actors from every stored signal's written actor, first found wins."""
    learned: dict[str, str] = {}
    for actor, written in conn.execute(text("SELECT actor, actor_text FROM signals")).all():
        if table.get(actor) is not None or actor in learned:
            continue
        parent = parent_of(actor, written, table)
        if parent is not None:
            learned[actor] = parent
            owner = _OWNED.match(actor)
            if owner is not None and owner.group("owner") == parent and table.get(parent) is None \
                    and parent not in learned:
                # "Israeli Prime Minister Benjamin Netanyahu's office": the owner's own title
                above = parent_of(parent, written[: written.rfind(parent) + len(parent)]
                                  if written else None, table)
                if above is not None:
                    learned[parent] = above
    return learned


def _ancestors(canonical: str, table: ActorTable, learned: dict[str, str]) -> list[str]:
    """Listed hierarchy, continued through parents learnt from the text."""
    out: list[str] = []
    current = canonical
    while True:
        listed = table.get(current)
        parent = (listed.parent if listed is not None else None) or learned.get(current)
        if not parent or parent in out or parent == canonical:
            return out
        out.append(parent)
        current = parent


def _ensure_actor(conn: Connection, canonical: str, parent: str | None) -> str:
    table = actors()
    known = table.get(canonical)
    aid = ids.actor_id(canonical)
    conn.execute(
        text(
            "INSERT INTO actors (id, canonical, kind, qid, parent, known) "
            "VALUES (:id, :c, :k, :q, :p, :known) ON CONFLICT DO NOTHING"
        ),
        {
            "id": aid, "c": canonical, "k": known.kind if known else "unknown",
            "q": known.qid if known else None, "p": known.parent if known else parent,
            "known": int(known is not None),
        },
    )
    return aid


def link_actors(conn: Connection) -> int:
    """Create missing actor rows and signal links; return how many signals were linked."""
    table = actors()
    rows = conn.execute(
        text(
            "SELECT id, actor FROM signals WHERE id NOT IN (SELECT DISTINCT signal_id FROM signal_actors)"
        )
    ).all()
    if not rows:
        return 0
    learned = _learned(conn, table)
    for signal_id, actor in rows:
        canonical = actor
        chain = _ancestors(canonical, table, learned)
        links = [(_ensure_actor(conn, canonical, chain[0] if chain else None), "actor")]
        for n, ancestor in enumerate(chain):
            links.append((_ensure_actor(conn, ancestor, chain[n + 1] if n + 1 < len(chain) else None),
                          "speaks_for"))
        for aid, role in links:
            conn.execute(
                text(
                    "INSERT INTO signal_actors (signal_id, actor_id, role) VALUES (:s, :a, :r) "
                    "ON CONFLICT DO NOTHING"
                ),
                {"s": signal_id, "a": aid, "r": role},
            )
    return len(rows)
