-- Rewrites orders under ACCESS EXCLUSIVE: no reads or writes until it finishes.
VACUUM FULL orders;
