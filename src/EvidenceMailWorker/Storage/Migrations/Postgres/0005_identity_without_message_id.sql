-- A message without a Message-ID used to be identified by From, Date, Subject and a body hash,
-- which made distinct garbage files (no headers, or no blank line after them) one message. Its
-- identity is now its raw bytes; rows stored earlier get that key here, so re-importing them is
-- still recognised. Rows with a Message-ID keep their key (ContentKey, unchanged for them).
UPDATE messages SET content_key = 'raw:' || raw_sha256 WHERE message_id IS NULL;
-- Identical raw bytes are always one message, whatever key an older version gave them.
CREATE INDEX messages_raw_sha256 ON messages (raw_sha256);
