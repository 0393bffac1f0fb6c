-- A signal keeps the kind its extractor resolved for the actor (a group noun's kind for
-- "police" or "rebels"), so exports need not read the extractor's word lists.
ALTER TABLE signals ADD COLUMN actor_kind TEXT;
