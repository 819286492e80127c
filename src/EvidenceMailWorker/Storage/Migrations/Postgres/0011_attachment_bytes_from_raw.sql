-- Each message's bytes are stored once: the raw message is the truth, and an attachment's (or an
-- archive entry's) bytes are derived from it when they are needed (export), checked against the
-- SHA-256, size and type still recorded here at ingest. Storing every decoded file as well made
-- the database about twice the mail's size and halved the write throughput (docs/performance.md).
ALTER TABLE attachments DROP CONSTRAINT IF EXISTS attachments_sha256_fkey;
-- Decoded copies nobody's raw bytes are: their rows go; the space is reused by later messages
-- (run VACUUM FULL blobs once to give it back to the file system, see the README).
DELETE FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.raw_sha256 = b.sha256);
