-- expect: domain-constraint
CREATE DOMAIN us_zip AS text CHECK (VALUE ~ '^[0-9]{5}$');
