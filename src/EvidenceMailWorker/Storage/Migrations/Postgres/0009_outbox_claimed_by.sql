-- The process delivering an outbox row (ProcessOwner), so a row claimed by a process that died is
-- taken over at once on the same machine instead of after the whole delivery lease.
ALTER TABLE outbox ADD COLUMN claimed_by text NULL;
