-- forbid: non-idempotent-statement
-- compare: robust
ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text;
