-- Scans all of measurements_2024 under ACCESS EXCLUSIVE to check the bound.
ALTER TABLE measurements ATTACH PARTITION measurements_2024
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
