-- note: PostgreSQL itself rejects this
UPDATE users SET a = 1, a = 2 WHERE id = 1;
