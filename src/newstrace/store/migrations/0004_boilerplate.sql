-- Learned boilerplate (clean stage): which short lines occurred in which
-- distinct articles (by fingerprint) of an outlet, kept across ingests.
CREATE TABLE boilerplate_lines (
    grp TEXT NOT NULL,
    line TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (grp, line, fingerprint)
);
