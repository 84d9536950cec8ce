-- expect: add-check-constraint-validating
-- why: squawk's constraint-missing-not-valid ignores an inline CHECK on ADD COLUMN (squawk issue #314); PostgreSQL scans the table to check it
ALTER TABLE orders ADD COLUMN discount bigint CHECK (discount >= 0);
