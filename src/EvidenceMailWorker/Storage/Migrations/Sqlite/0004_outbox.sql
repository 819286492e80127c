-- Outbound mail (one row per email to send) and the receipts owed to senders.
-- Times are UTC text 'yyyy-MM-dd HH:mm:ss.fffffff' (sorts chronologically).

-- A row is written in the same transaction as the fact that caused it; (purpose, idempotency_key)
-- makes "the receipt of message X" exist at most once. mime holds the exact bytes to send, with
-- the Message-ID assigned at enqueue time, so a resend after a crash is the identical message.
CREATE TABLE outbox (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose             TEXT NOT NULL,
    idempotency_key     TEXT NOT NULL,
    sender              TEXT NOT NULL,
    recipients          TEXT NOT NULL,
    message_id          TEXT NOT NULL,
    mime                BLOB NOT NULL,
    created_at          TEXT NOT NULL,
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     TEXT NOT NULL,
    sent_at             TEXT NULL,
    dead_at             TEXT NULL,
    last_error          TEXT NULL,
    UNIQUE (purpose, idempotency_key)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL;

-- "This message needs an answer": written with the verdict, turned into one outbox row per
-- sender batch once the sender has been quiet for Receipts:QuietSeconds.
CREATE TABLE receipt_pending (
    message_id          INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL,
    sender              TEXT NOT NULL,
    received_at         TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    done_at             TEXT NULL,
    outbox_key          TEXT NULL
);
CREATE INDEX receipt_pending_open ON receipt_pending (sender) WHERE done_at IS NULL;
