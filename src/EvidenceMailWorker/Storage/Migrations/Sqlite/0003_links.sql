-- Links in message bodies that are evidence (CONTRACT §4 Links), in body order, with what they match.
CREATE TABLE links (
    message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    url         TEXT NOT NULL,
    criteria    TEXT NOT NULL DEFAULT '[]',
    units       TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (message_id, ordinal)
);
