-- Messages the worker has taken from a watched folder but not yet labelled there (Mailbox:Label).
-- Written in the transaction that moves the checkpoint past the message, deleted once the label is
-- stored on the server: a kill, a dropped connection or a kick between the two only delays it.
CREATE TABLE label_pending (
    account       TEXT NOT NULL,
    folder        TEXT NOT NULL,
    uid_validity  INTEGER NOT NULL,
    uid           INTEGER NOT NULL,
    PRIMARY KEY (account, folder, uid_validity, uid)
);
