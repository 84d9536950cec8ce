-- compare: robust
-- note: deliberate: a lone statement either runs or is rolled back, so a re-run is clean
-- verdict: deliberate
-- why: a lone statement either runs or is rolled back, so re-running the file is clean; with work after it we flag it (robust_two_statements)
ALTER TABLE users ADD COLUMN nickname text;
