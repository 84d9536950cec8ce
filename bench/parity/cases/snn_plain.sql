-- expect: set-not-null-full-scan
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
