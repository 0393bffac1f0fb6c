-- newstrace schema v1. Offsets named start/end are into documents.clean_text;
-- raw_start/raw_end are the same spans mapped back into documents.source_text.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    source_path TEXT,
    url TEXT,
    format TEXT NOT NULL,
    outlet TEXT,
    origin TEXT,
    title TEXT,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    published_value TEXT,
    published_precision TEXT,
    published_confidence REAL NOT NULL,
    published_evidence TEXT,
    published_method TEXT NOT NULL,
    raw_text TEXT NOT NULL,
    source_text TEXT NOT NULL,
    clean_text TEXT NOT NULL,
    segments_json TEXT NOT NULL,
    extra_json TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE lines (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    cls TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (doc_id, number)
);

CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    precision TEXT,
    PRIMARY KEY (doc_id, start, "end")
);

CREATE TABLE attributions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    raw_start INTEGER NOT NULL,
    raw_end INTEGER NOT NULL,
    speaker TEXT,
    speaker_canonical TEXT,
    speaker_kind TEXT NOT NULL,
    named INTEGER NOT NULL,
    cue TEXT NOT NULL,
    direct TEXT NOT NULL,
    via TEXT,
    content_start INTEGER,
    content_end INTEGER,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL
);
CREATE INDEX attributions_doc ON attributions(doc_id);

CREATE TABLE signals (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    raw_start INTEGER NOT NULL,
    raw_end INTEGER NOT NULL,
    actor TEXT NOT NULL,
    actor_text TEXT NOT NULL,
    type TEXT NOT NULL,
    topics_json TEXT NOT NULL,
    polarity TEXT NOT NULL,
    when_value TEXT,
    when_precision TEXT,
    when_evidence TEXT,
    source_kind TEXT NOT NULL,
    source_by TEXT,
    source_via TEXT,
    attribution_id TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    event_date TEXT,
    event_basis TEXT NOT NULL
);
CREATE INDEX signals_doc ON signals(doc_id);
CREATE INDEX signals_actor ON signals(actor);
CREATE INDEX signals_type ON signals(type);
CREATE INDEX signals_event ON signals(event_date);

CREATE TABLE rejections (
    name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (source_path, name, code)
);
