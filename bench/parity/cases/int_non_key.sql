-- forbid: type-int-key-overflow
-- note: squawk flags every int column; we flag keys only (a count or quantity is not a key)
-- verdict: deliberate
-- why: a count or quantity is not a key; squawk flags every int column
CREATE TABLE widgets (id bigint PRIMARY KEY, quantity int);
