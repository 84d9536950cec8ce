-- Every write to orders waits while this waits for its lock; nothing caps the wait.
CREATE TRIGGER orders_audit
    AFTER INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION audit.log_row_change();
