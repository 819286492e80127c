-- Links in message bodies that are evidence (CONTRACT §4 Links), in body order, with what they match.
CREATE TABLE links (
    message_id  bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    ordinal     integer NOT NULL,
    url         text NOT NULL,
    criteria    text NOT NULL DEFAULT '[]',
    units       text NOT NULL DEFAULT '[]',
    PRIMARY KEY (message_id, ordinal)
);
