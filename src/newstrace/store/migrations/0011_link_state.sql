-- Crash-safe linking (issue 15): a document written by ingest or reprocess gets a row
-- here in the same transaction; the link stage deletes the rows it covered in its own
-- transaction. Rows left behind (a run killed between writing and linking) tell the
-- next write command to finish the linking first. No foreign key: a document deleted
-- by reprocess still needs its links redone.
CREATE TABLE link_pending (
    doc_id TEXT PRIMARY KEY
);

-- Embedding cache for texts that are not one signal's sentence (answer passages):
-- keyed by a hash of the text, so nothing is embedded twice.
CREATE TABLE text_vectors (
    text_hash TEXT PRIMARY KEY,
    vector BLOB NOT NULL
);

-- Indexes the link stage and the queries need.
CREATE INDEX documents_status ON documents (status);
CREATE INDEX copy_links_b ON copy_links (b);
