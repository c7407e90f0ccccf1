-- 023: the reporting rhythm (issue 21): month snapshots of every place's figures, kept
-- unchanged; monthly submissions (上报) of townships and counties with their versions, sign-off
-- and return; inspection rounds (明察暗访), their findings, 通报 and 问责 records.
-- Every table is a county table: county_code leads each key (Citus distribution column).

-- A snapshot of a county's figures: the month-end one (one per county and month, taken by the
-- server's scheduler once the month is over) or one taken on demand / when a report is submitted.
CREATE TABLE month_snapshot (
  county_code text NOT NULL,
  id          bigserial,
  month       date NOT NULL,                 -- first day of the month the figures are of
  kind        text NOT NULL,                 -- 'month_end' | 'on_demand' | 'submission'
  under_code  text NOT NULL,                 -- the place the lines cover (the county, or a township)
  status_year smallint,                      -- the registry year-end the figures read (null: no data)
  taken_at    timestamptz NOT NULL,
  taken_by    text,
  PRIMARY KEY (county_code, id),
  CHECK (kind IN ('month_end', 'on_demand', 'submission'))
);
CREATE UNIQUE INDEX month_snapshot_month_end_idx ON month_snapshot (county_code, month) WHERE kind = 'month_end';

-- One line per place code with figures: villages (registry) and any place with rectifications.
CREATE TABLE month_snapshot_line (
  county_code            text NOT NULL,
  snapshot_id            bigint NOT NULL,
  place_code             text NOT NULL,
  remaining_households   integer NOT NULL DEFAULT 0,
  remaining_persons      integer NOT NULL DEFAULT 0,
  exited_households      integer NOT NULL DEFAULT 0,
  exited_persons         integer NOT NULL DEFAULT 0,
  exits_households       integer NOT NULL DEFAULT 0,
  exits_persons          integer NOT NULL DEFAULT 0,
  returns_households     integer NOT NULL DEFAULT 0,
  returns_persons        integer NOT NULL DEFAULT 0,
  monitored_households   integer NOT NULL DEFAULT 0,
  monitored_persons      integer NOT NULL DEFAULT 0,
  open_rectifications    integer NOT NULL DEFAULT 0,
  overdue_rectifications integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, snapshot_id, place_code),
  FOREIGN KEY (county_code, snapshot_id) REFERENCES month_snapshot (county_code, id)
);

-- Snapshots are kept unchanged: no UPDATE or DELETE (row-level triggers, valid on Citus).
CREATE FUNCTION month_snapshot_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '月度快照一经生成不得修改或删除（%）', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER month_snapshot_unchanged BEFORE UPDATE OR DELETE ON month_snapshot FOR EACH ROW EXECUTE FUNCTION month_snapshot_unchanged();
CREATE TRIGGER month_snapshot_line_unchanged BEFORE UPDATE OR DELETE ON month_snapshot_line FOR EACH ROW EXECUTE FUNCTION month_snapshot_unchanged();

-- 月度上报: a township's or county's report of a month. Timeliness is judged by the first submission.
CREATE TABLE month_report (
  county_code        text NOT NULL,
  place_code         text NOT NULL,          -- the township or county reporting
  month              date NOT NULL,
  due_on             date NOT NULL,          -- the deadline in force at the first submission
  first_submitted_on date NOT NULL,
  late               boolean NOT NULL,
  status             text NOT NULL,          -- 'submitted' | 'returned' | 'signed_off'
  version            integer NOT NULL,       -- the current version
  PRIMARY KEY (county_code, place_code, month),
  CHECK (status IN ('submitted', 'returned', 'signed_off'))
);

-- Every version is kept: its frozen snapshot, its text, and the decision on it.
CREATE TABLE month_report_version (
  county_code  text NOT NULL,
  place_code   text NOT NULL,
  month        date NOT NULL,
  version      integer NOT NULL,
  snapshot_id  bigint NOT NULL,
  progress     text NOT NULL,                -- 工作进展情况
  problems     text,                         -- 存在问题
  next_steps   text,                         -- 下步打算
  missing      text[] NOT NULL DEFAULT '{}', -- a county's report: townships not (yet) signed off
  submitted_on date NOT NULL,
  submitted_at timestamptz NOT NULL,
  submitted_by text,
  decision     text,                         -- null | 'returned' | 'signed_off'
  reason       text,
  decided_on   date,
  decided_by   text,
  PRIMARY KEY (county_code, place_code, month, version),
  FOREIGN KEY (county_code, place_code, month) REFERENCES month_report (county_code, place_code, month),
  FOREIGN KEY (county_code, snapshot_id) REFERENCES month_snapshot (county_code, id),
  CHECK (decision IS NULL OR decision IN ('returned', 'signed_off'))
);

-- 督查: an inspection round (明察 / 暗访) of a county's places, with its team and dates.
CREATE TABLE inspection_round (
  county_code text NOT NULL,
  id          bigserial,
  title       text NOT NULL,
  mode        text NOT NULL,                 -- 'open' 明察 | 'covert' 暗访
  places      text[] NOT NULL,               -- the places inspected (inside the county)
  team        text[] NOT NULL,
  leader      text,
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  CHECK (mode IN ('open', 'covert')),
  CHECK (ends_on >= starts_on)
);

-- A finding of a round; it opens a rectification at once (rectification_id).
CREATE TABLE inspection_finding (
  county_code      text NOT NULL,
  round_id         bigint NOT NULL,
  seq              integer NOT NULL,
  place_code       text NOT NULL,
  found_on         date NOT NULL,
  finding          text NOT NULL,
  responsible_unit text NOT NULL,
  rectification_id bigint NOT NULL,
  created_by       text,
  PRIMARY KEY (county_code, round_id, seq),
  FOREIGN KEY (county_code, round_id) REFERENCES inspection_round (county_code, id)
);

-- 通报: frozen as issued (its items), the live follow-up is read beside it.
CREATE TABLE bulletin (
  county_code text NOT NULL,
  id          bigserial,
  round_id    bigint,
  title       text NOT NULL,
  doc_no      text,
  issued_on   date NOT NULL,
  body        text,
  items       jsonb NOT NULL,                -- [{kind: 'praise'|'criticism', placeCode, text, findingSeq?, rectificationId?}]
  issued_by   text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, round_id) REFERENCES inspection_round (county_code, id)
);

-- 问责: who, why (a finding, rectification, task or written basis), what measure.
CREATE TABLE accountability (
  county_code      text NOT NULL,
  id               bigserial,
  place_code       text NOT NULL,
  person           text NOT NULL,
  position         text,
  unit             text,
  cause_kind       text NOT NULL,            -- 'finding' | 'rectification' | 'task' | 'basis'
  cause_ref        text,                     -- '<round>-<seq>', rectification id, task id
  cause_text       text NOT NULL,
  basis            text,                     -- 依据
  measure          text NOT NULL,            -- ACCOUNTABILITY_MEASURES code
  decided_on       date NOT NULL,
  note             text,
  created_by       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  CHECK (cause_kind IN ('finding', 'rectification', 'task', 'basis'))
);

-- 驻村工作队 on the ground: a member's day (在岗, 因公外出 approved, 请假), one row a day (a
-- repeated check-in is one day); 民情日记 entries. Members are assistance's village_team_member.
CREATE TABLE team_presence (
  county_code text NOT NULL,
  member_id   integer NOT NULL,
  on_date     date NOT NULL,
  kind        text NOT NULL,                 -- 'present' | 'official_trip' | 'leave'
  note        text,
  recorded_by text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (county_code, member_id, on_date),
  CHECK (kind IN ('present', 'official_trip', 'leave'))
);

CREATE TABLE team_diary (
  county_code  text NOT NULL,
  id           bigserial,
  village_code text NOT NULL,
  member_id    integer NOT NULL,
  on_date      date NOT NULL,
  content      text NOT NULL,
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);
CREATE INDEX team_diary_village_idx ON team_diary (county_code, village_code, on_date);

-- 考核 (seed 002 全面量化考核): a county's scheme of a year (indicators as data, weights in
-- hundredths adding up to 100 points, checked before saving) and the scores entered by inspectors;
-- computed indicators are scored from the month-end snapshots and the submissions when read.
CREATE TABLE assessment_scheme (
  county_code text NOT NULL,
  id          bigserial,
  year        smallint NOT NULL,
  title       text NOT NULL,
  assess_on   date NOT NULL,                 -- 考核日: counts are taken as they stood then
  source      text,                          -- 出处 (文号, seed)
  indicators  jsonb NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id)
);

CREATE TABLE assessment_entry (
  county_code    text NOT NULL,
  scheme_id      bigint NOT NULL,
  place_code     text NOT NULL,
  indicator_code text NOT NULL,
  score          integer NOT NULL,           -- hundredths of a point
  evidence       text NOT NULL,
  entered_by     text,
  entered_at     timestamptz NOT NULL,
  PRIMARY KEY (county_code, scheme_id, place_code, indicator_code),
  FOREIGN KEY (county_code, scheme_id) REFERENCES assessment_scheme (county_code, id)
);

-- progress_snapshot (005) was read by the listed-place page and never written: the page reads
-- month_snapshot now.
DROP TABLE progress_snapshot;
