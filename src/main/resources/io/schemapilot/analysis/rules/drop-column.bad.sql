-- Application code still reading orders.legacy_status fails the moment this commits.
ALTER TABLE orders DROP COLUMN legacy_status;
