-- expect: set-not-null-full-scan
ALTER TABLE IF EXISTS ONLY public.users ALTER COLUMN email SET NOT NULL;
