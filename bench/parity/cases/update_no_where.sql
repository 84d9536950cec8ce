-- expect: update-without-where
UPDATE users SET newsletter = false;
