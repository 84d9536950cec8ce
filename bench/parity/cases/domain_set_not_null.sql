-- expect: domain-constraint
-- note: checks every column of the domain under SHARE locks, like ADD CONSTRAINT
ALTER DOMAIN email_addr SET NOT NULL;
