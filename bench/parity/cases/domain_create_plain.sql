-- forbid: domain-constraint
CREATE DOMAIN label AS text;
