-- json has no equality operator: DISTINCT, UNION and GROUP BY over it fail later.
ALTER TABLE events ADD COLUMN payload json;
