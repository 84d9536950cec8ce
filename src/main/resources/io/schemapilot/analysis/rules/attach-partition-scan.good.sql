-- A validated CHECK matching the bound lets ATTACH skip the scan.
ALTER TABLE measurements_2024 ADD CONSTRAINT measurements_2024_bound
    CHECK (logged_at IS NOT NULL AND logged_at >= '2024-01-01' AND logged_at < '2025-01-01') NOT VALID;
ALTER TABLE measurements_2024 VALIDATE CONSTRAINT measurements_2024_bound;
ALTER TABLE measurements ATTACH PARTITION measurements_2024
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE measurements_2024 DROP CONSTRAINT measurements_2024_bound;
