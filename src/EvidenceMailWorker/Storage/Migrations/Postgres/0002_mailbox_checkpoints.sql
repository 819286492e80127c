-- Where each watched mailbox folder stands: the highest UID stored under the folder's current
-- UIDVALIDITY. Written in the same transaction as the message it covers, so a crash can never
-- leave the checkpoint ahead of the archive. Contact/ingest times and the last error feed `status`.
CREATE TABLE mailbox_checkpoints (
    account          text NOT NULL,
    folder           text NOT NULL,
    uid_validity     bigint NOT NULL,
    last_uid         bigint NOT NULL,
    last_contact_at  timestamptz NULL,
    last_ingest_at   timestamptz NULL,
    last_error       text NULL,
    PRIMARY KEY (account, folder)
);

-- Gmail's X-GM-MSGID survives UIDVALIDITY resets and labels: with it a rescan skips known mail
-- without downloading it again. Text, because the id is an unsigned 64-bit number.
ALTER TABLE messages ADD COLUMN gmail_message_id text NULL;
CREATE INDEX messages_gmail_message_id ON messages (gmail_message_id);
