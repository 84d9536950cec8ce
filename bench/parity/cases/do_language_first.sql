-- expect: create-index-non-concurrent
-- why: as do_execute_create_index
DO LANGUAGE plpgsql $body$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'users_email_idx') THEN
    CREATE INDEX users_email_idx ON users (email);
  END IF;
END
$body$;
