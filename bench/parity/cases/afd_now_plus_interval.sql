-- forbid: add-column-volatile-default
ALTER TABLE users ADD COLUMN expires_at timestamptz DEFAULT now() + interval '1 day';
