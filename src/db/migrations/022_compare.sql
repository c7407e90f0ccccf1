-- 022: 大数据比对 (issue 20, POLICY.md §9): reference data of other departments kept as dated
-- batches, the comparison rules as versioned policy data, and the 疑点 ledger with its steps.
-- Every county table has county_code in its primary key and in every unique index (Citus).

-- 比对规则: versioned rule sets (thresholds, exclusions, suggested outcomes, sources). The
-- newest version is in force; a comparison run records the version it used on each 疑点.
CREATE TABLE compare_rule_set (
  version      integer PRIMARY KEY,
  rules        jsonb NOT NULL,
  note         text,
  published_by text,
  published_at timestamptz NOT NULL
);

-- 比对数据批次: one department file for one county, with its as-of date (数据截止日期). Only a
-- complete batch (every row accepted) is ever used; the newest complete batch of a kind is current.
CREATE TABLE compare_batch (
  county_code  text NOT NULL,
  id           bigserial,
  kind         text NOT NULL,
  source       text NOT NULL,             -- the department (and file) the data came from
  file_name    text NOT NULL,
  as_of        date NOT NULL,
  status       text NOT NULL,             -- complete / refused
  row_count    integer NOT NULL DEFAULT 0,
  error_count  integer NOT NULL DEFAULT 0,
  imported_by  text,
  imported_at  timestamptz NOT NULL,
  purged_at    timestamptz,
  PRIMARY KEY (county_code, id),
  CHECK (status IN ('complete', 'refused'))
);
CREATE INDEX compare_batch_kind_idx ON compare_batch (county_code, kind, as_of);

-- 比对数据: one row of a batch, the ID number normalised (18 characters, check digit valid).
-- Typed columns carry what the rules read; `detail` keeps the file's other named columns.
CREATE TABLE compare_row (
  county_code  text NOT NULL,
  batch_id     bigint NOT NULL,
  row_no       integer NOT NULL,
  id_number    text NOT NULL,
  name         text,
  place_code   text,
  category     text,                      -- vehicle type, business type, housing area, 险种, 救助类型 …
  role         text,                      -- 股东 / 法定代表人 / 经营者, 在编 / 退休, 迁移原因
  status       text,                      -- 存续 / 注销, 在保 / 停保, 有效 / 注销, 正常 / 报废
  amount       numeric(14, 2),            -- value, capital, out-of-pocket
  grade        smallint,                  -- 残疾等级
  on_date      date,                      -- death, move, purchase, settlement date
  detail       jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (county_code, batch_id, row_no)
);
CREATE INDEX compare_row_id_idx ON compare_row (county_code, id_number);

-- 疑点: one hit of one rule on one household (and person). match_key identifies the same finding
-- across runs, so a repeated run adds nothing; a finding that no longer matches is resolved by
-- data with the batch that resolved it.
CREATE TABLE compare_hit (
  county_code        text NOT NULL,
  id                 bigserial,
  rule_code          text NOT NULL,
  rule_version       integer NOT NULL,
  match_key          text NOT NULL,
  household_no       text NOT NULL,
  township_code      text NOT NULL,
  village_code       text NOT NULL,
  id_number          text,
  person_name        text,
  reference_name     text,
  batch_id           bigint NOT NULL,
  facts              jsonb NOT NULL DEFAULT '{}',
  suggested_outcome  text NOT NULL,
  status             text NOT NULL DEFAULT 'found',
  proposed_outcome   text,
  outcome            text,
  procedure_case_id  bigint,
  deadline           date,
  found_on           date NOT NULL,
  sent_on            date,
  closed_on          date,
  resolved_batch_id  bigint,
  resolved_on        date,
  last_seq           integer NOT NULL DEFAULT 0,
  updated_at         timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  CHECK (status IN ('found', 'sent', 'verified', 'reviewed', 'closed', 'resolved'))
);
CREATE UNIQUE INDEX compare_hit_live_idx ON compare_hit (county_code, match_key) WHERE status <> 'resolved';
CREATE INDEX compare_hit_id_idx ON compare_hit (id);
CREATE INDEX compare_hit_household_idx ON compare_hit (county_code, household_no);
CREATE INDEX compare_hit_village_idx ON compare_hit (village_code, status);

-- 疑点办理记录: 下发, 村核实 (note, outcome proposed, photos), 乡镇审核, 县确认, 数据消除.
CREATE TABLE compare_hit_step (
  county_code  text NOT NULL,
  hit_id       bigint NOT NULL,
  seq          integer NOT NULL,
  action       text NOT NULL,
  status_after text NOT NULL,
  outcome      text,
  note         text,
  evidence_ids bigint[] NOT NULL DEFAULT '{}',
  on_date      date NOT NULL,
  at           timestamptz NOT NULL,
  actor_name   text,
  actor_role   text,
  PRIMARY KEY (county_code, hit_id, seq)
);
