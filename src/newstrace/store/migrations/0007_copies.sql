-- Copy groups (link stage): every stored document that is a copy of another, the
-- group it belongs to and the group's original; rebuilt from stored text after
-- each ingest. `kind` is how the member relates to the group (its strongest
-- verified link): exact, syndicated, near, paraphrase, paraphrase-candidate, or
-- `original` for the original itself.
CREATE TABLE copy_members (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    original_id TEXT NOT NULL,
    original_rule TEXT NOT NULL,
    kind TEXT NOT NULL,
    similarity REAL
);
CREATE INDEX copy_members_group ON copy_members (group_id);

CREATE TABLE copy_links (
    a TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    similarity REAL NOT NULL,
    jaccard REAL NOT NULL,
    containment REAL NOT NULL,
    anchor_jaccard REAL NOT NULL,
    PRIMARY KEY (a, b)
);
