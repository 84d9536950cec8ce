-- forbid: add-column-volatile-default,add-column-not-null-no-default
ALTER TABLE users ADD COLUMN imported_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP;
