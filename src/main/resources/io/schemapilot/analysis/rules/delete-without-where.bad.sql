-- Deletes every session, in one transaction.
DELETE FROM sessions;
