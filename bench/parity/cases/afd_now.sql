-- forbid: add-column-volatile-default
ALTER TABLE users ADD COLUMN imported_at timestamptz DEFAULT now();
