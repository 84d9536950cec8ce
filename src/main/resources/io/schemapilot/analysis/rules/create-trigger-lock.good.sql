-- The function first: it takes no lock on orders.
CREATE OR REPLACE FUNCTION audit.log_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit.row_changes (table_name, operation, changed_at) VALUES (TG_TABLE_NAME, TG_OP, now());
    RETURN NULL;
END $$;

-- Then the trigger, giving up after 2 s instead of stalling writers (retry on timeout).
SET lock_timeout = '2s';
CREATE TRIGGER orders_audit
    AFTER INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION audit.log_row_change();
