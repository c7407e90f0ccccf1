-- 033: 大数据比对 (issue 20) — the comparison reads each rule's kind across every county of a run
-- at once, by the ids of the current batches: an index on batch_id reads only those batches' rows
-- (rows are written batch by batch, so they lie together). The rules join reference rows to
-- persons by hash joins over whole batches; the per-person look-up index is not used any more.
CREATE INDEX compare_row_batch_idx ON compare_row (batch_id);
DROP INDEX compare_row_id_idx;
