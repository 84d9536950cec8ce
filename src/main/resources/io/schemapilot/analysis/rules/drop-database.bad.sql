-- Deletes a whole database from a migration, irreversibly.
DROP DATABASE analytics_old WITH (FORCE);
