-- One row per scheduled fire time that a process took on (CONTRACT §5 schedule): the first process
-- to insert it runs the job, so several workers never run one fire time twice; a row left unfinished
-- by a crash is taken over (at once when its holder, claimed_by, is a dead process on this machine;
-- after 10 minutes otherwise), and the outbox keys keep that from sending twice.
CREATE TABLE job_runs (
    job          text NOT NULL,
    fire_at      timestamptz NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NULL,
    emails       integer NULL,
    queued       integer NULL,
    error        text NULL,
    claimed_by   text NULL,
    PRIMARY KEY (job, fire_at)
);
