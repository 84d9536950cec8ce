-- Scans every table with an email_address column under SHARE locks (writes blocked).
ALTER DOMAIN email_address ADD CONSTRAINT email_address_has_at CHECK (VALUE LIKE '%@%');
