-- forbid: delete-without-where
CREATE FUNCTION wipe_sessions() RETURNS void LANGUAGE sql AS 'DELETE FROM sessions';
