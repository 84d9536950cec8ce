-- forbid: update-without-where
UPDATE users SET newsletter = false WHERE id = 42;
