-- 005: running the campaign (issue 7): registry rollups kept fresh per county, listed
-- supervision (挂牌督战) leaders, monthly progress snapshots, the task ledger (工作任务台账)
-- and the rectification ledger (问题整改台账).

-- Which counties' rollups are stale. Writers of household, person and status history bump
-- change_seq (statement triggers below); a refresh brings refreshed_seq up to it.
CREATE TABLE rollup_state (
  county_code   text PRIMARY KEY,
  change_seq    bigint NOT NULL DEFAULT 1,
  refreshed_seq bigint NOT NULL DEFAULT 0,
  min_year      smallint,                 -- years the county's rollup covers (null: no history)
  max_year      smallint,
  refreshed_at  timestamptz
);

-- Households and persons by village, year-end status (status history carried forward to the
-- county's latest year), main cause and the change of that year, so that reports and
-- dashboards read this instead of scanning households and persons.
CREATE TABLE registry_rollup (
  county_code   text NOT NULL,
  township_code text NOT NULL,
  village_code  text NOT NULL,
  year          smallint NOT NULL,        -- status at the end of this year
  status        text NOT NULL,            -- enums.householdStatus
  main_cause    text NOT NULL,            -- enums.povertyCause, '' when not recorded
  change        text NOT NULL,            -- 'entered' | 'exited' | 'returned' | '' (this year)
  households    integer NOT NULL,
  persons       integer NOT NULL,
  PRIMARY KEY (county_code, village_code, year, status, main_cause, change)
);
CREATE INDEX registry_rollup_township_idx ON registry_rollup (township_code, year);

CREATE FUNCTION rollup_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_state AS r (county_code)
  SELECT county_code FROM (SELECT DISTINCT county_code FROM changed_rows) d ORDER BY county_code
  ON CONFLICT (county_code) DO UPDATE SET change_seq = r.change_seq + 1;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_mark_stale_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_state AS r (county_code)
  SELECT county_code FROM (SELECT county_code FROM old_rows UNION SELECT county_code FROM new_rows) d ORDER BY county_code
  ON CONFLICT (county_code) DO UPDATE SET change_seq = r.change_seq + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER household_rollup_insert AFTER INSERT ON household REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_stale();
CREATE TRIGGER household_rollup_delete AFTER DELETE ON household REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_stale();
CREATE TRIGGER household_rollup_update AFTER UPDATE ON household REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_stale_update();
CREATE TRIGGER person_rollup_insert AFTER INSERT ON person REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_stale();
CREATE TRIGGER person_rollup_delete AFTER DELETE ON person REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_stale();
CREATE TRIGGER person_rollup_update AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_stale_update();
CREATE TRIGGER status_history_rollup_insert AFTER INSERT ON household_status_history REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_stale();
CREATE TRIGGER status_history_rollup_delete AFTER DELETE ON household_status_history REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_stale();
CREATE TRIGGER status_history_rollup_update AFTER UPDATE ON household_status_history REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_stale_update();

-- 督战领导: who supervises a listed place in a campaign year (the listing itself is computed).
CREATE TABLE supervision_leader (
  place_code   text NOT NULL,
  year         smallint NOT NULL,
  leader_name  text NOT NULL,
  leader_title text,
  note         text,
  updated_by   text,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (place_code, year)
);

-- 月度进展: remaining poor of a place at a month, recorded when the monthly report is made.
CREATE TABLE progress_snapshot (
  place_code text NOT NULL,
  month      date NOT NULL,               -- first day of the month
  households integer NOT NULL,
  persons    integer NOT NULL,
  taken_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (place_code, month)
);

-- 工作计划 and 工作任务: a plan of a place (a township's yearly plan, a campaign) and its tasks,
-- each with a deadline, one lead department and several responsible departments.
CREATE TABLE work_plan (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  place_code text NOT NULL,
  year       smallint NOT NULL,
  title      text NOT NULL,
  doc_no     text,                        -- 文号
  issued_on  date,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_plan_place_idx ON work_plan (place_code);

CREATE TABLE work_task (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id                 bigint NOT NULL REFERENCES work_plan (id) ON DELETE CASCADE,
  seq                     integer NOT NULL,
  section                 text,                    -- e.g. （一）打好住房保障硬仗
  title                   text NOT NULL,
  content                 text,
  deadline                date NOT NULL,           -- 完成时限 (the last date of it)
  deadline_text           text,                    -- 完成时限 as written
  ongoing                 boolean NOT NULL DEFAULT false, -- 长期坚持
  lead_department         text NOT NULL,
  responsible_departments text[] NOT NULL DEFAULT '{}',
  responsible_person      text,
  status                  text NOT NULL DEFAULT 'not_started',
  progress                smallint NOT NULL DEFAULT 0,
  completed_on            date,
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, seq),
  CHECK (status IN ('not_started', 'in_progress', 'done')),
  CHECK (progress BETWEEN 0 AND 100)
);
CREATE INDEX work_task_deadline_idx ON work_task (deadline) WHERE status <> 'done';

CREATE TABLE work_task_progress (
  task_id    bigint NOT NULL REFERENCES work_task (id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  on_date    date NOT NULL,
  progress   smallint NOT NULL,
  note       text NOT NULL,
  evidence   text[] NOT NULL DEFAULT '{}',
  actor      text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_id, seq)
);

-- 问题整改: a finding of an inspection, its responsible leader, unit and person, deadline and
-- measures, and the loop report → rectify → verify → close (销号), reopened by a failed 回头看.
CREATE TABLE rectification (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  place_code         text NOT NULL,
  source             text NOT NULL,       -- RECTIFICATION_SOURCES code
  source_ref         text,                -- batch, document number
  found_on           date NOT NULL,
  finding            text NOT NULL,
  responsible_leader text,
  responsible_unit   text NOT NULL,
  responsible_person text,
  deadline           date NOT NULL,
  measures           text,
  status             text NOT NULL DEFAULT 'reported',
  reopen_count       integer NOT NULL DEFAULT 0,
  closed_on          date,
  created_by         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (status IN ('reported', 'rectifying', 'rectified', 'verified', 'closed'))
);
CREATE INDEX rectification_place_idx ON rectification (place_code);
CREATE INDEX rectification_open_idx ON rectification (deadline) WHERE status <> 'closed';

CREATE TABLE rectification_step (
  rectification_id bigint NOT NULL REFERENCES rectification (id) ON DELETE CASCADE,
  seq              integer NOT NULL,
  action           text NOT NULL,
  on_date          date NOT NULL,
  note             text NOT NULL,
  evidence         text[] NOT NULL DEFAULT '{}',
  actor            text,
  status_after     text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rectification_id, seq)
);

-- Households registered before this migration: their counties start stale.
INSERT INTO rollup_state (county_code) SELECT DISTINCT county_code FROM household;
