-- forbid: domain-constraint
-- note: NOT VALID skips the scan; VALIDATE later takes SHARE UPDATE EXCLUSIVE
-- verdict: deliberate
-- why: NOT VALID is the safe form: no scan; the later VALIDATE is where the SHARE locks are taken
ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;
