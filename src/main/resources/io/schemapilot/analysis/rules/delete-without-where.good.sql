-- Keyed batch with a condition; run it repeatedly until it deletes nothing.
DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < now() ORDER BY id LIMIT 5000);
