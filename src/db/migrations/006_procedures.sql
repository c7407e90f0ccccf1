-- 006: accountable procedures (issue 5): cases of the four procedures (exit, identification /
-- re-entry, monitoring entry, risk elimination) with every step, evidence files, public notices
-- and their objection register, county spot-check draws; yearly exit targets; 三率一度 surveys.
-- Case tables carry county_code in their keys (distributable by county).

-- 程序案件: one household going through one procedure. plan is the list of steps as the policy
-- defined them when the case started (later policy changes do not alter a running case).
CREATE TABLE procedure_case (
  county_code      text NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  household_no     text NOT NULL,
  township_code    text NOT NULL,
  village_code     text NOT NULL,
  procedure        text NOT NULL,              -- exit / identification / monitoring_entry / risk_elimination
  variant          text,                       -- identification: new / return; monitoring entry: source
  year             smallint NOT NULL,          -- the year the status change is recorded for
  status           text NOT NULL DEFAULT 'in_progress',
  step_index       smallint NOT NULL DEFAULT 0,
  step_code        text NOT NULL,
  plan             jsonb NOT NULL,
  policy_key       text NOT NULL,
  params           jsonb NOT NULL DEFAULT '{}',
  persons          smallint NOT NULL,          -- household size when the case started
  notice_id        bigint,
  notice_starts_on date,
  notice_ends_on   date,
  open_objections  smallint NOT NULL DEFAULT 0,
  sampled          boolean,                    -- spot check: null not drawn, true awaiting verification
  last_seq         integer NOT NULL DEFAULT 0, -- seq of the case's last procedure_step
  spot_check_id    bigint,
  started_by       text,
  started_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  closed_at        timestamptz,
  PRIMARY KEY (county_code, id),
  CHECK (status IN ('in_progress', 'completed', 'rejected'))
);
-- One open case per household.
CREATE UNIQUE INDEX procedure_case_open_idx ON procedure_case (county_code, household_no) WHERE status = 'in_progress';
CREATE INDEX procedure_case_id_idx ON procedure_case (id);
CREATE INDEX procedure_case_step_idx ON procedure_case (step_code, township_code) WHERE status = 'in_progress';
CREATE INDEX procedure_case_village_idx ON procedure_case (village_code, procedure);
CREATE INDEX procedure_case_household_idx ON procedure_case (county_code, household_no);

-- 办理记录: every step of a case (who, when, what was decided, why).
CREATE TABLE procedure_step (
  county_code  text NOT NULL,
  case_id      bigint NOT NULL,
  seq          integer NOT NULL,
  step_code    text NOT NULL,
  step_label   text NOT NULL,
  action       text NOT NULL,                  -- start / approve / return / reject / publish / sample / verify / objection …
  result       text NOT NULL,                  -- the step's outcome in a word (passed, returned …)
  on_date      date NOT NULL,
  at           timestamptz NOT NULL,
  actor_id     integer,
  actor_name   text,
  actor_role   text,
  comment      text,
  details      jsonb,
  PRIMARY KEY (county_code, case_id, seq)
);

-- 佐证材料: files kept in the database, with their SHA-256, size and type.
CREATE TABLE procedure_evidence (
  county_code  text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  place_code   text NOT NULL,                  -- the village or township the file is about (access)
  kind         text NOT NULL,                  -- evidence kind code of the step definition
  name         text NOT NULL,
  media_type   text NOT NULL,
  size         integer NOT NULL,
  sha256       text NOT NULL,
  content      bytea NOT NULL,
  uploaded_by  text,
  uploaded_at  timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  CHECK (size > 0)
);

CREATE TABLE procedure_step_evidence (
  county_code  text NOT NULL,
  case_id      bigint NOT NULL,
  seq          integer NOT NULL,
  evidence_id  bigint NOT NULL,
  PRIMARY KEY (county_code, case_id, seq, evidence_id)
);

-- 公示: one notice per village and procedure, with its period and how to object.
CREATE TABLE procedure_notice (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  village_code  text NOT NULL,
  procedure     text NOT NULL,
  starts_on     date NOT NULL,
  ends_on       date NOT NULL,                 -- last day of the period
  days          smallint NOT NULL,
  contact       text NOT NULL,                 -- how and where to object
  published_by  text,
  published_at  timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX procedure_notice_village_idx ON procedure_notice (village_code);

CREATE TABLE procedure_notice_case (
  county_code  text NOT NULL,
  notice_id    bigint NOT NULL,
  case_id      bigint NOT NULL,
  PRIMARY KEY (county_code, notice_id, case_id)
);

-- 异议登记: who objected, when, what, and how it was resolved.
CREATE TABLE procedure_objection (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  notice_id     bigint NOT NULL,
  case_id       bigint NOT NULL,
  objector      text NOT NULL,
  contact       text,
  received_on   date NOT NULL,
  content       text NOT NULL,
  recorded_by   text,
  status        text NOT NULL DEFAULT 'open',
  outcome       text,                          -- dismissed / upheld
  resolution    text,
  resolved_on   date,
  resolved_by   text,
  PRIMARY KEY (county_code, id),
  CHECK (status IN ('open', 'resolved'))
);
CREATE INDEX procedure_objection_case_idx ON procedure_objection (county_code, case_id);

-- 县级抽查: a reproducible draw (the seed is kept) from the cases waiting at a spot-check step.
CREATE TABLE spot_check_draw (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  place_code    text NOT NULL,
  procedure     text NOT NULL,
  seed          text NOT NULL,
  share         numeric(5,4) NOT NULL,
  population    bigint[] NOT NULL,             -- the case ids drawn from, sorted
  sample        bigint[] NOT NULL,             -- the case ids drawn
  drawn_by      text,
  drawn_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);

-- 目标任务: persons and households to exit per place and year.
CREATE TABLE exit_target (
  place_code   text NOT NULL,
  year         smallint NOT NULL,
  persons      integer NOT NULL,
  households   integer,
  source       text,
  updated_by   text,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (place_code, year),
  CHECK (persons >= 0 AND (households IS NULL OR households >= 0))
);

-- 三率一度抽样调查: what a sample survey of a place found.
CREATE TABLE quality_survey (
  id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  place_code               text NOT NULL,
  year                     smallint NOT NULL,
  surveyed_on              date NOT NULL,
  rural_population         integer NOT NULL,   -- 农村户籍人口 of the place
  persons_sampled          integer NOT NULL,   -- persons checked for missed identification
  missed_persons           integer NOT NULL,
  exited_persons_sampled   integer NOT NULL,
  wrongly_exited_persons   integer NOT NULL,
  respondents              integer NOT NULL,
  satisfied                integer NOT NULL,
  note                     text,
  recorded_by              text,
  recorded_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (missed_persons BETWEEN 0 AND persons_sampled),
  CHECK (wrongly_exited_persons BETWEEN 0 AND exited_persons_sampled),
  CHECK (satisfied BETWEEN 0 AND respondents),
  CHECK (rural_population > 0)
);
CREATE INDEX quality_survey_place_idx ON quality_survey (place_code, year);
