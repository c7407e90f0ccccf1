-- 036: rollups are marked stale by their writers (src/db/rollupMarks.ts), not by statement
-- triggers with transition tables, which Citus refuses on distributed tables (issue 22).
DROP TRIGGER IF EXISTS household_rollup_insert ON household;
DROP TRIGGER IF EXISTS household_rollup_delete ON household;
DROP TRIGGER IF EXISTS household_rollup_update ON household;
DROP TRIGGER IF EXISTS person_rollup_insert ON person;
DROP TRIGGER IF EXISTS person_rollup_delete ON person;
DROP TRIGGER IF EXISTS person_rollup_update ON person;
DROP TRIGGER IF EXISTS status_history_rollup_insert ON household_status_history;
DROP TRIGGER IF EXISTS status_history_rollup_delete ON household_status_history;
DROP TRIGGER IF EXISTS status_history_rollup_update ON household_status_history;
DROP FUNCTION IF EXISTS rollup_mark_stale();
DROP FUNCTION IF EXISTS rollup_mark_stale_update();
-- Whatever was written before this migration is counted at the next refresh.
UPDATE rollup_state SET change_seq = change_seq + 1;
