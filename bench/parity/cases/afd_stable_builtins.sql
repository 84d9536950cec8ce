-- forbid: add-column-volatile-default
-- note: STABLE built-ins: no rewrite (relfilenode unchanged on PG 15)
ALTER TABLE orders ADD COLUMN created_xid bigint DEFAULT txid_current();
ALTER TABLE orders ADD COLUMN created_in text DEFAULT current_database();
ALTER TABLE orders ADD COLUMN created_by_pid bigint DEFAULT pg_backend_pid();
