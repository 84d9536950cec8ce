-- forbid: missing-lock-timeout
-- compare: timeouts
-- note: SHARE UPDATE EXCLUSIVE: blocks no reads or writes
-- verdict: deliberate
-- why: SHARE UPDATE EXCLUSIVE: blocks no reads or writes; we require timeouts only for blocking locks or slow work
COMMENT ON TABLE orders IS 'orders';
