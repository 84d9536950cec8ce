-- UNSAFE: int -> bigint type changes.
-- Each one rewrites the whole table and its indexes under ACCESS EXCLUSIVE: no reads, no writes,
-- for as long as the copy takes. Safe version: a new bigint column filled by a trigger and a
-- batched backfill, then a swap in a short transaction (expand / contract).
BEGIN;
ALTER TABLE orders ALTER COLUMN id TYPE bigint;
ALTER TABLE order_items ALTER COLUMN order_id TYPE bigint;
ALTER TABLE payments ALTER COLUMN order_id TYPE bigint;
COMMIT;
