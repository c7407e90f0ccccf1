-- 016: who runs a job (issue 17, item 3). A job records the process that runs it (host, pid and
-- a token drawn at the process's start) and a heartbeat refreshed while it runs; a job whose
-- process is gone is marked failed at start-up and on a schedule, with `if_abandoned` saying what
-- that means for the data (an import: nothing written; after its commit: written, not re-assessed).
ALTER TABLE job
  ADD COLUMN owner_host   text,
  ADD COLUMN owner_pid    integer,
  ADD COLUMN owner_token  text,
  ADD COLUMN heartbeat_at timestamptz,
  ADD COLUMN if_abandoned text;

CREATE INDEX job_unfinished ON job (status) WHERE status IN ('queued', 'running');
