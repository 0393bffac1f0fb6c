-- Claims (link stage): signals that state the same thing, across articles, rebuilt
-- after each ingest. A claim keeps its ID across rebuilds: a rebuilt cluster takes
-- the oldest (lowest `created`) ID among its members' previous claims; a new claim
-- gets a hash of its founding signal's ID. IDs that disappear in a merge are kept in
-- claim_aliases, pointing at the claim that absorbed them.
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    created INTEGER NOT NULL,
    founder_signal TEXT NOT NULL,
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    family TEXT NOT NULL,
    topics_json TEXT NOT NULL,
    representative_signal TEXT NOT NULL,
    first_report TEXT,
    first_doc TEXT NOT NULL,
    reports INTEGER NOT NULL,
    outlets_json TEXT NOT NULL,
    origins_json TEXT NOT NULL,
    source_kinds_json TEXT NOT NULL,
    status TEXT NOT NULL,
    denials INTEGER NOT NULL,
    confirmations INTEGER NOT NULL,
    doubts INTEGER NOT NULL
);
CREATE INDEX claims_actor ON claims (actor);
CREATE INDEX claims_status ON claims (status);

-- role: report (the article carries the claim) or answered (it is only mentioned in
-- the sentence of a denial, confirmation or doubt); origin: the independent origin key
-- (outlet:NAME for a wire or relayed report, copy:GROUP, doc:ID).
CREATE TABLE claim_members (
    signal_id TEXT PRIMARY KEY REFERENCES signals(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    role TEXT NOT NULL,
    origin TEXT NOT NULL
);
CREATE INDEX claim_members_claim ON claim_members (claim_id);

CREATE TABLE claim_answers (
    claim_id TEXT NOT NULL,
    signal_id TEXT NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    score REAL NOT NULL,
    cosine REAL NOT NULL,
    reasons_json TEXT NOT NULL,
    PRIMARY KEY (claim_id, signal_id)
);
CREATE INDEX claim_answers_signal ON claim_answers (signal_id);

CREATE TABLE claim_aliases (
    old_id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL
);

-- Sentence vectors (float32 bytes) of signals, so a rebuild embeds only new signals.
CREATE TABLE signal_vectors (
    signal_id TEXT PRIMARY KEY REFERENCES signals(id) ON DELETE CASCADE,
    text_hash TEXT NOT NULL,
    vector BLOB NOT NULL
);
