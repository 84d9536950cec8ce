-- expect: add-check-constraint-validating
ALTER TABLE orders ADD CHECK (total >= 0);
