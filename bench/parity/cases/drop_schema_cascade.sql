-- expect: drop-schema,cascade-to-dependents
-- why: as drop_table_cascade
DROP SCHEMA legacy CASCADE;
