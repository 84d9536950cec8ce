-- forbid: add-column-volatile-default,add-column-not-null-no-default
ALTER TABLE users ADD COLUMN labels text[] DEFAULT ARRAY[]::text[];
ALTER TABLE users ADD COLUMN meta jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE users ADD COLUMN flag boolean DEFAULT false;
