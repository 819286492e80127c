-- One row per scheduled fire time that a process took on (CONTRACT §5 schedule): the first process
-- to insert it runs the job, so several workers never run one fire time twice; a row left unfinished
-- by a crash is taken over (at once when its holder, claimed_by, is a dead process on this machine;
-- after 10 minutes otherwise), and the outbox keys keep that from sending twice.
CREATE TABLE job_runs (
    job          TEXT NOT NULL,
    fire_at      TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NULL,
    emails       INTEGER NULL,
    queued       INTEGER NULL,
    error        TEXT NULL,
    claimed_by   TEXT NULL,
    PRIMARY KEY (job, fire_at)
);
