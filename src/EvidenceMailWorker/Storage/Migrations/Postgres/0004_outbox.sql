-- Outbound mail (one row per email to send) and the receipts owed to senders.

-- A row is written in the same transaction as the fact that caused it; (purpose, idempotency_key)
-- makes "the receipt of message X" exist at most once. mime holds the exact bytes to send, with
-- the Message-ID assigned at enqueue time, so a resend after a crash is the identical message.
CREATE TABLE outbox (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purpose             text NOT NULL,
    idempotency_key     text NOT NULL,
    sender              text NOT NULL,
    recipients          text NOT NULL,
    message_id          text NOT NULL,
    mime                bytea NOT NULL,
    created_at          timestamptz NOT NULL,
    attempts            integer NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    sent_at             timestamptz NULL,
    dead_at             timestamptz NULL,
    last_error          text NULL,
    UNIQUE (purpose, idempotency_key)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL;

-- "This message needs an answer": written with the verdict, turned into one outbox row per
-- sender batch once the sender has been quiet for Receipts:QuietSeconds.
CREATE TABLE receipt_pending (
    message_id          bigint PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    kind                text NOT NULL,
    sender              text NOT NULL,
    received_at         timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    done_at             timestamptz NULL,
    outbox_key          text NULL
);
CREATE INDEX receipt_pending_open ON receipt_pending (sender) WHERE done_at IS NULL;
