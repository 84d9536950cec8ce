-- forbid: add-column-volatile-default,add-column-default-pre-pg11
ALTER TABLE users ADD COLUMN status text DEFAULT 'new';
