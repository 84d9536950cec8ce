-- Check existing data first (run it before the migration):
SELECT email, count(*) FROM users WHERE email IS NOT NULL GROUP BY email HAVING count(*) > 1 LIMIT 100;

-- A table created in this migration has no rows to collide.
CREATE TABLE api_keys (id bigint PRIMARY KEY, token text NOT NULL);
CREATE UNIQUE INDEX api_keys_token_key ON api_keys (token);
