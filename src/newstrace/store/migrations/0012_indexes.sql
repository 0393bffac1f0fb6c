-- Indexes for what the query methods filter and join on (issue 15): document status
-- (claims and link read only processed documents), copy links by their second member,
-- documents by outlet and date, attributions by speaker, signals by attribution, claim
-- members by document, rejections by code. Numbered 0012: 0011 belongs to another change;
-- versions are applied by set, so either may arrive first.
CREATE INDEX IF NOT EXISTS documents_status ON documents (status);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents (outlet);
CREATE INDEX IF NOT EXISTS documents_published ON documents (published_value);
CREATE INDEX IF NOT EXISTS copy_links_b ON copy_links (b);
CREATE INDEX IF NOT EXISTS attributions_speaker ON attributions (speaker_canonical);
CREATE INDEX IF NOT EXISTS signals_attribution ON signals (attribution_id);
CREATE INDEX IF NOT EXISTS claim_members_doc ON claim_members (doc_id);
CREATE INDEX IF NOT EXISTS rejections_code ON rejections (code);
