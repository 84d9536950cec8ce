-- sp: --pg-version=11 --assume-in-transaction
-- sq: --pg-version=11.0 --assume-in-transaction
-- expect: enum-add-value-in-transaction
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
