-- Every attribution and signal says which extractor component made it and how sure it was
-- (rules, trained, combined; confidence in [0, 1], 1.0 for rule output).
ALTER TABLE attributions ADD COLUMN component TEXT NOT NULL DEFAULT 'rules';
ALTER TABLE attributions ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
ALTER TABLE signals ADD COLUMN component TEXT NOT NULL DEFAULT 'rules';
ALTER TABLE signals ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
