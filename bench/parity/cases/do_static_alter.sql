-- expect: add-column-not-null-no-default
-- note: static SQL in a DO block runs now
-- why: squawk does not read DO bodies; static SQL in a DO block runs now
DO $$
BEGIN
  ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;
END
$$;
