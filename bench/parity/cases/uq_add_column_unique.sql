-- expect: add-unique-constraint-inline-index
ALTER TABLE users ADD COLUMN handle text UNIQUE;
