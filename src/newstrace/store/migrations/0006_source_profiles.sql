-- How each attribution's source is described (count, standing, role, affiliation,
-- proximity), the cue's force and the chain of relaying outlets; each signal's
-- conditions and how firmly it is reported. Lists are JSON arrays.
ALTER TABLE attributions ADD COLUMN force TEXT;
ALTER TABLE attributions ADD COLUMN source_count TEXT;
ALTER TABLE attributions ADD COLUMN source_qualifiers_json TEXT;
ALTER TABLE attributions ADD COLUMN source_roles_json TEXT;
ALTER TABLE attributions ADD COLUMN source_affiliation_json TEXT;
ALTER TABLE attributions ADD COLUMN source_proximity TEXT;
ALTER TABLE attributions ADD COLUMN via_chain_json TEXT;
ALTER TABLE signals ADD COLUMN conditions_json TEXT;
ALTER TABLE signals ADD COLUMN certainty TEXT;
-- The title given by the input's metadata, so that a stored document can be
-- processed again exactly as it was first read (``newstrace reprocess``).
ALTER TABLE documents ADD COLUMN raw_title TEXT;
