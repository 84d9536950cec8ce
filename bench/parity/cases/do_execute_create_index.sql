-- expect: create-index-non-concurrent
-- why: squawk does not read DO bodies; the EXECUTEd CREATE INDEX runs now
DO $$
BEGIN
  EXECUTE 'CREATE INDEX users_email_idx ON users (email)';
END
$$;
