-- forbid: add-column-volatile-default,add-column-not-null-no-default,add-column-default-pre-pg11
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'new';
