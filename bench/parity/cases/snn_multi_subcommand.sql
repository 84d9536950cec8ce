-- expect: set-not-null-full-scan
ALTER TABLE users ADD COLUMN nickname text, ALTER COLUMN email SET NOT NULL;
