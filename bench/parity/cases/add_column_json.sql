-- expect: add-column-json
ALTER TABLE users ADD COLUMN prefs2 json;
