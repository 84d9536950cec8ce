-- forbid: domain-constraint
-- verdict: deliberate
-- why: a domain NOT NULL needs no later validation (DROP NOT NULL is catalog-only); we flag CREATE DOMAIN ... CHECK only
CREATE DOMAIN email_addr AS text NOT NULL;
