-- Byline author, and why a stored document was not processed further
-- (e.g. a language other than English).
ALTER TABLE documents ADD COLUMN author TEXT;
ALTER TABLE documents ADD COLUMN status_reason TEXT;
