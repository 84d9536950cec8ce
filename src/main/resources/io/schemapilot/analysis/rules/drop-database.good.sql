-- Retire the database by refusing connections; drop it by hand after a verified backup.
ALTER DATABASE analytics_old ALLOW_CONNECTIONS false;
