-- expect: update-without-where
UPDATE users SET plan = p.name FROM plans p;
