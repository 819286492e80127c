-- Each message's bytes are stored once: the raw message is the truth, and an attachment's (or an
-- archive entry's) bytes are derived from it when they are needed (export), checked against the
-- SHA-256, size and type still recorded here at ingest. Storing every decoded file as well made
-- the database about twice the mail's size and halved the write throughput (docs/performance.md).
-- SQLite cannot drop a foreign key, so attachments is rebuilt without the one to blobs.
CREATE TABLE attachments_new (
    message_id          INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    ordinal             INTEGER NOT NULL,
    file_name           TEXT NOT NULL,
    original_file_name  TEXT NOT NULL,
    content_type        TEXT NOT NULL,
    detected_type       TEXT NOT NULL,
    size                INTEGER NOT NULL,
    sha256              TEXT NOT NULL,
    archive_path        TEXT NULL,
    criteria            TEXT NOT NULL DEFAULT '[]',
    units               TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (message_id, ordinal)
);
INSERT INTO attachments_new (message_id, ordinal, file_name, original_file_name, content_type, detected_type, size, sha256, archive_path, criteria, units)
SELECT message_id, ordinal, file_name, original_file_name, content_type, detected_type, size, sha256, archive_path, criteria, units FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_sha256 ON attachments (sha256);
-- Decoded copies nobody's raw bytes are: their rows go; the pages are reused by later messages
-- (run VACUUM once to give them back to the file system, see the README).
DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.raw_sha256 = blobs.sha256);
