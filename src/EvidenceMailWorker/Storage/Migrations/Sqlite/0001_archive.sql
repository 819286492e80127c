-- The archive: raw messages and attachments as content-addressed blobs, one row per message.
-- Times are UTC text 'yyyy-MM-dd HH:mm:ss.fffffff' (sorts chronologically).
-- content must stay the last column: only a trailing zeroblob() is written without SQLite first
-- materialising that many zero bytes in memory (the streaming insert relies on it).
CREATE TABLE blobs (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    content     BLOB NOT NULL
);

CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    content_key         TEXT NOT NULL UNIQUE,
    message_id          TEXT NULL,
    raw_sha256          TEXT NOT NULL REFERENCES blobs (sha256),
    raw_size            INTEGER NOT NULL,
    source              TEXT NOT NULL,
    received_at         TEXT NOT NULL,
    ingested_at         TEXT NOT NULL,
    processed_at        TEXT NULL,
    from_address        TEXT NULL,
    from_name           TEXT NULL,
    original_from       TEXT NULL,
    subject             TEXT NULL,
    status              TEXT NOT NULL,
    reason              TEXT NULL,
    error               TEXT NULL,
    attempts            INTEGER NOT NULL DEFAULT 0,
    cluster_id          TEXT NULL,
    unit_id             TEXT NULL,
    track_id            TEXT NULL,
    period_id           TEXT NULL,
    late                INTEGER NULL,
    text_body           TEXT NULL,
    html_body           TEXT NULL
);
CREATE INDEX messages_status ON messages (status);
CREATE INDEX messages_received_at ON messages (received_at);
CREATE INDEX messages_message_id ON messages (message_id);

CREATE TABLE attachments (
    message_id          INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    ordinal             INTEGER NOT NULL,
    file_name           TEXT NOT NULL,
    original_file_name  TEXT NOT NULL,
    content_type        TEXT NOT NULL,
    detected_type       TEXT NOT NULL,
    size                INTEGER NOT NULL,
    sha256              TEXT NOT NULL REFERENCES blobs (sha256),
    archive_path        TEXT NULL,
    criteria            TEXT NOT NULL DEFAULT '[]',
    units               TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (message_id, ordinal)
);
CREATE INDEX attachments_sha256 ON attachments (sha256);
