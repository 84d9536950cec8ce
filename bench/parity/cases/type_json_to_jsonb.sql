-- expect: alter-column-type-rewrite
ALTER TABLE users ALTER COLUMN prefs TYPE jsonb USING prefs::jsonb;
