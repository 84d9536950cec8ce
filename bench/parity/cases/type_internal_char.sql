-- forbid: type-bounded-char
-- note: "char" is the 1-byte internal type, not char(n)
-- verdict: squawk wrong
-- why: "char" is the 1-byte internal type, not char(n)
CREATE TABLE flags (id bigint PRIMARY KEY, kind "char");
