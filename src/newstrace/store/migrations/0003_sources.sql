-- Every input that carried a document's content: a second copy of the same
-- text (another file, another JSONL line) adds a row here instead of a document,
-- so no input's path or metadata is lost.
CREATE TABLE document_sources (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source_path TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    published TEXT,
    extra_json TEXT NOT NULL,
    PRIMARY KEY (doc_id, source_path, name)
);
