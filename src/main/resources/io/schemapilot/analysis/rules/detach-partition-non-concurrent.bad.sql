-- Blocks all reads and writes of measurements while the lock is waited for and held.
ALTER TABLE measurements DETACH PARTITION measurements_2022;
