-- A verdict in progress is leased to the process working it out (lease_owner, renewed while it
-- works), so another process's retry pass leaves it alone; next_attempt_at spaces out the retries
-- of a message that failed or whose process died; attempts is now counted when an attempt starts.
ALTER TABLE messages ADD COLUMN lease_owner text NULL;
ALTER TABLE messages ADD COLUMN lease_until timestamptz NULL;
ALTER TABLE messages ADD COLUMN next_attempt_at timestamptz NULL;
CREATE INDEX messages_retry ON messages (next_attempt_at) WHERE status = 'failed';
