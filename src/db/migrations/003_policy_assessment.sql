-- 003: policy records, the household facts the rules still lacked, risk events, assessment
-- results, and what-if change lists.

-- 政策记录. One row per version; older versions are kept (superseded), never overwritten.
-- The national record (region '0') holds complete rules, every other record a partial override.
CREATE SEQUENCE policy_record_seq;
CREATE TABLE policy_record (
  id             text PRIMARY KEY DEFAULT ('p' || nextval('policy_record_seq')),
  region_code    text NOT NULL,             -- '0' nation, else a 2/4/6/9/12-digit place code
  effective_year smallint NOT NULL,
  version        integer NOT NULL,
  status         text NOT NULL,
  title          text NOT NULL,
  rules          jsonb NOT NULL,
  note           text,
  created_by     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  activated_by   text,
  activated_at   timestamptz,
  superseded_at  timestamptz,
  CHECK (status IN ('draft', 'active', 'superseded')),
  UNIQUE (region_code, effective_year, version)
);
-- At most one active version per region and effective year.
CREATE UNIQUE INDEX policy_record_active_idx ON policy_record (region_code, effective_year) WHERE status = 'active';

-- Household facts read by the rules: water distance (convenience) and the open risk types.
ALTER TABLE household ADD COLUMN water_horizontal_m numeric(7,1);   -- 取水水平距离（米）
ALTER TABLE household ADD COLUMN water_vertical_m   numeric(6,1);   -- 取水垂直距离（米）
ALTER TABLE household ADD COLUMN open_risk_types    text[] NOT NULL DEFAULT '{}'; -- 未消除的风险类型 (RISK_TYPES codes)

-- 风险事件: what happened, when, and the rigid expenditure it caused.
CREATE TABLE risk_event (
  county_code  text NOT NULL,
  household_no text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  type         text NOT NULL,               -- RISK_TYPES code
  occurred_on  date NOT NULL,
  cost         numeric(12,2) NOT NULL DEFAULT 0,
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, household_no, id),
  CHECK (cost >= 0)
);
CREATE INDEX risk_event_household_idx ON risk_event (county_code, household_no, occurred_on);

-- 评估结果: one row per household and year. policy_key names the policy versions used
-- ('0@2011v1+4114@2020v1': region@effective-year v version, nation first; each names one
-- policy_record row). Compact codes keep a recompute of a whole province cheap:
--   criteria     7 characters, one per criterion in the order income, food, clothing,
--                education, medical, housing, water: P pass, F fail, U undetermined;
--   risk_reasons bit mask over income_not_above_line(1), criterion_failed(2), serious_event(4),
--                income_below_monitoring_line(8), income_fall(16), open_risk(32).
-- The full checklist (values, reasons in Chinese) is derived on demand by the same rules.
CREATE TABLE assessment_result (
  county_code        text NOT NULL,
  household_no       text NOT NULL,
  year               smallint NOT NULL,
  policy_key         text NOT NULL,
  outcome            text NOT NULL,         -- meets / does_not_meet / undetermined
  criteria           text NOT NULL,
  risk_grade         text NOT NULL,         -- red / yellow / green / undetermined
  risk_reasons       smallint NOT NULL,
  suggested_category text,                  -- enums.monitorCategory code
  per_capita_net     numeric(12,2),
  persons            smallint NOT NULL,
  computed_at        timestamptz NOT NULL DEFAULT now(),  -- when the result last changed (a recompute that changes nothing keeps it)
  PRIMARY KEY (county_code, household_no, year),
  CHECK (criteria ~ '^[PFU]{7}$')
);

-- What-if: the households whose outcome or grade a draft policy would change.
CREATE TABLE what_if_change (
  job_id         bigint NOT NULL REFERENCES job (id) ON DELETE CASCADE,
  county_code    text NOT NULL,
  household_no   text NOT NULL,
  village_code   text NOT NULL,
  persons        smallint NOT NULL,
  outcome_before text NOT NULL,
  outcome_after  text NOT NULL,
  grade_before   text NOT NULL,
  grade_after    text NOT NULL,
  PRIMARY KEY (job_id, county_code, household_no)
);
