-- expect: add-column-generated-stored
-- forbid: add-column-not-null-no-default
ALTER TABLE users ADD COLUMN email_len bigint NOT NULL GENERATED ALWAYS AS (length(email)) STORED;
