-- 001: places, the household registry, jobs.
-- Large tables carry county_code (6 digits) and have it in their primary key, so they can be
-- distributed by county (Citus) without changing keys.

CREATE TABLE place (
  code        text PRIMARY KEY,          -- 2/4/6/9/12 digits (GB/T 2260 + statistical codes)
  name        text NOT NULL,
  level       smallint NOT NULL,         -- 1 province, 2 city, 3 county, 4 township, 5 village
  parent_code text,
  CHECK (level BETWEEN 1 AND 5)
);
CREATE INDEX place_parent_idx ON place (parent_code);
CREATE INDEX place_name_idx ON place (name);

-- 户 (registry household). household_no is the registry number (户编号).
CREATE TABLE household (
  county_code        text NOT NULL,
  household_no       text NOT NULL,
  village_code       text NOT NULL,
  township_code      text NOT NULL,
  head_name          text NOT NULL,
  head_id_number     text,
  phone              text,
  attribute          text NOT NULL,       -- enums.householdAttribute
  status             text NOT NULL,       -- enums.householdStatus
  monitor_category   text,                -- enums.monitorCategory
  identified_year    smallint,
  planned_exit_year  smallint,
  exit_year          smallint,
  main_cause         text,                -- enums.povertyCause
  other_causes       text[] NOT NULL DEFAULT '{}',
  size               smallint NOT NULL DEFAULT 0,
  -- 两不愁
  food_secure        boolean,
  clothing_secure    boolean,
  -- 住房安全
  house_grade        text,                -- A/B/C/D
  house_renovated    boolean,
  relocated          boolean,
  -- 饮水安全
  water_lpd          numeric(6,1),        -- litres per person per day
  water_quality_ok   boolean,
  water_trip_minutes smallint,
  water_piped        boolean,
  water_outage_days  smallint,
  water_scarce_area  boolean,
  deregister_reason  text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, household_no)
);
CREATE UNIQUE INDEX household_no_idx ON household (household_no);
CREATE INDEX household_village_idx ON household (village_code);
CREATE INDEX household_township_idx ON household (township_code);
CREATE INDEX household_status_idx ON household (county_code, status);

-- 家庭成员. One person belongs to at most one household: the ID number is unique nationally.
-- (Under Citus this unique index becomes a separate table keyed by id_number.)
CREATE TABLE person (
  county_code        text NOT NULL,
  id_number          text NOT NULL,
  household_no       text NOT NULL,
  name               text NOT NULL,
  sex                text NOT NULL,       -- M/F, derived from the ID number
  birth_date         date NOT NULL,       -- derived from the ID number
  relation           text NOT NULL,       -- enums.relation
  ethnicity          text,                -- GB 3304 code
  education          text,
  schooling          text,
  health             text,
  disability_grade   smallint,
  labour             text,
  work_status        text,
  insured_basic      boolean,
  insured_serious    boolean,
  insured_commercial boolean,
  insured_pension    boolean,
  family_doctor      boolean,
  chronic_card       boolean,
  home_schooling     boolean,             -- 送教上门
  phone              text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id_number),
  CHECK (disability_grade IS NULL OR disability_grade BETWEEN 1 AND 4)
);
CREATE UNIQUE INDEX person_id_number_idx ON person (id_number);
CREATE INDEX person_household_idx ON person (county_code, household_no);
CREATE INDEX person_name_idx ON person (name);

-- Household status by year (history is queried, not overwritten).
CREATE TABLE household_status_history (
  county_code      text NOT NULL,
  household_no     text NOT NULL,
  year             smallint NOT NULL,
  status           text NOT NULL,
  monitor_category text,
  reason           text,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, household_no, year)
);

-- Income by year with its components (yuan per year, whole household).
CREATE TABLE household_income (
  county_code     text NOT NULL,
  household_no    text NOT NULL,
  year            smallint NOT NULL,
  wages           numeric(12,2) NOT NULL DEFAULT 0,
  production_net  numeric(12,2) NOT NULL DEFAULT 0,
  property        numeric(12,2) NOT NULL DEFAULT 0,
  transfer        numeric(12,2) NOT NULL DEFAULT 0,
  production_cost numeric(12,2) NOT NULL DEFAULT 0,
  household_size  smallint NOT NULL,
  per_capita_net  numeric(12,2) NOT NULL,
  PRIMARY KEY (county_code, household_no, year)
);

-- Long work is a record: queued / running / done / failed, with progress.
CREATE TABLE job (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL,
  status      text NOT NULL DEFAULT 'queued',
  progress    real NOT NULL DEFAULT 0,
  message     text,
  params      jsonb NOT NULL DEFAULT '{}',
  result      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  started_at  timestamptz,
  finished_at timestamptz,
  CHECK (status IN ('queued', 'running', 'done', 'failed'))
);

-- Files attached to jobs (import error reports), kept in the database so nothing is lost.
CREATE TABLE job_file (
  job_id     bigint NOT NULL REFERENCES job (id) ON DELETE CASCADE,
  name       text NOT NULL,
  media_type text NOT NULL,
  content    bytea NOT NULL,
  PRIMARY KEY (job_id, name)
);
