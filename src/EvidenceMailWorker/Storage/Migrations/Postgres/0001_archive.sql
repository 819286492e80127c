-- The archive: raw messages and attachments as content-addressed blobs, one row per message.
CREATE TABLE blobs (
    sha256      text PRIMARY KEY,
    size        bigint NOT NULL,
    content     bytea NOT NULL,
    created_at  timestamptz NOT NULL
);
-- Mail attachments are mostly already compressed (JPEG, PDF, DOCX, ZIP): skip pglz attempts.
ALTER TABLE blobs ALTER COLUMN content SET STORAGE EXTERNAL;

CREATE TABLE messages (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_key         text NOT NULL UNIQUE,
    message_id          text NULL,
    raw_sha256          text NOT NULL REFERENCES blobs (sha256),
    raw_size            bigint NOT NULL,
    source              text NOT NULL,
    received_at         timestamptz NOT NULL,
    ingested_at         timestamptz NOT NULL,
    processed_at        timestamptz NULL,
    from_address        text NULL,
    from_name           text NULL,
    original_from       text NULL,
    subject             text NULL,
    status              text NOT NULL,
    reason              text NULL,
    error               text NULL,
    attempts            integer NOT NULL DEFAULT 0,
    cluster_id          text NULL,
    unit_id             text NULL,
    track_id            text NULL,
    period_id           text NULL,
    late                boolean NULL,
    text_body           text NULL,
    html_body           text NULL
);
CREATE INDEX messages_status ON messages (status);
CREATE INDEX messages_received_at ON messages (received_at);
CREATE INDEX messages_message_id ON messages (message_id);

CREATE TABLE attachments (
    message_id          bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    ordinal             integer NOT NULL,
    file_name           text NOT NULL,
    original_file_name  text NOT NULL,
    content_type        text NOT NULL,
    detected_type       text NOT NULL,
    size                bigint NOT NULL,
    sha256              text NOT NULL REFERENCES blobs (sha256),
    archive_path        text NULL,
    criteria            text NOT NULL DEFAULT '[]',
    units               text NOT NULL DEFAULT '[]',
    PRIMARY KEY (message_id, ordinal)
);
CREATE INDEX attachments_sha256 ON attachments (sha256);
