-- 019: villages as records (issue 18, village part): the yearly village record (村情), the
-- stored village verdicts of a recompute, and the village exit procedure (贫困村出列) run on the
-- workflow engine with its steps and objections. County tables: county_code in every key.

-- 村情: one row per village and year. Poor households and persons are never stored here: they
-- come from the registry. Money in yuan.
CREATE TABLE village_record (
  county_code             text NOT NULL,
  village_code            text NOT NULL,
  year                    smallint NOT NULL,
  township_code           text NOT NULL,
  registered_population   integer NOT NULL,          -- 户籍人口
  resident_population     integer,                   -- 常住人口
  households              integer,                   -- 户数
  poor_village            boolean NOT NULL DEFAULT false,   -- 贫困村
  poor_village_year       smallint,                  -- 识别年份
  exit_year               smallint,                  -- 出列年份 (null: not exited)
  relative_poor_village   boolean NOT NULL DEFAULT false,   -- 相对贫困村 (广东)
  relative_poor_year      smallint,
  deep_poor_village       boolean NOT NULL DEFAULT false,   -- 深度贫困村
  deep_poor_year          smallint,
  road_to_village         boolean,                   -- 通硬化路（行政村）
  road_natural_villages   numeric(5,4),              -- 自然村通硬化路比例
  power                   boolean,                   -- 动力电
  broadband               boolean,                   -- 宽带
  mobile_4g               boolean,                   -- 4G 覆盖
  safe_water              boolean,                   -- 安全饮水（全村农户）
  safe_water_share        numeric(5,4),              -- 安全饮水覆盖率
  dangerous_houses        integer,                   -- 剩余危房户数
  clinic                  boolean,                   -- 标准化卫生室且有合格村医
  culture_room            boolean,                   -- 综合文化服务中心（文化室）
  school                  text,                      -- school / teaching_point / none
  service_center          boolean,                   -- 便民服务
  first_secretary         text,                      -- 第一书记（姓名）
  work_team               text,                      -- 驻村工作队（姓名）
  income_operating        numeric(14,2),             -- 经营收入
  income_contract         numeric(14,2),             -- 发包及上交收入
  income_investment       numeric(14,2),             -- 投资收益（含光伏等资产收益）
  income_subsidy          numeric(14,2),             -- 补助收入（不计入出列条件）
  income_other            numeric(14,2),             -- 其他收入（不计入出列条件）
  per_capita_income       numeric(14,2),             -- 村人均可支配收入
  note                    text,
  updated_by              text,
  updated_at              timestamptz NOT NULL,
  PRIMARY KEY (county_code, village_code, year),
  CHECK (registered_population >= 0),
  CHECK (school IS NULL OR school IN ('school', 'teaching_point', 'none'))
);
CREATE INDEX village_record_township_idx ON village_record (county_code, township_code, year);

-- The village verdicts a recompute stored (the list and the page compute them live as well).
CREATE TABLE village_verdict (
  county_code      text NOT NULL,
  village_code     text NOT NULL,
  year             smallint NOT NULL,
  township_code    text NOT NULL,
  passed           boolean,                          -- null: no record, no verdict
  poor_persons     integer NOT NULL,
  registered       integer,
  relative_poor    boolean,
  conditions       jsonb NOT NULL,                   -- { results: { code: passed }, failing: [texts] }
  policy_key       text NOT NULL,
  computed_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, village_code, year)
);

-- 贫困村出列 cases: one village going through 村申请 → 乡镇初审 → 县审定 → 公示 → 公告.
CREATE TABLE village_exit_case (
  county_code      text NOT NULL,
  id               bigserial,
  village_code     text NOT NULL,
  township_code    text NOT NULL,
  year             smallint NOT NULL,
  status           text NOT NULL DEFAULT 'in_progress',
  step_index       smallint NOT NULL DEFAULT 0,
  plan             jsonb NOT NULL,
  policy_key       text NOT NULL,
  verdict          jsonb NOT NULL,                  -- the verdict when the case started
  notice_starts_on date,
  notice_ends_on   date,
  open_objections  smallint NOT NULL DEFAULT 0,
  last_seq         integer NOT NULL DEFAULT 0,
  started_by       text,
  started_at       timestamptz NOT NULL,
  closed_at        timestamptz,
  PRIMARY KEY (county_code, id),
  CHECK (status IN ('in_progress', 'completed', 'rejected'))
);
CREATE UNIQUE INDEX village_exit_case_open_idx ON village_exit_case (county_code, village_code) WHERE status = 'in_progress';
CREATE INDEX village_exit_case_village_idx ON village_exit_case (county_code, village_code, year);

CREATE TABLE village_exit_step (
  county_code  text NOT NULL,
  case_id      bigint NOT NULL,
  seq          integer NOT NULL,
  step_code    text NOT NULL,
  step_label   text NOT NULL,
  action       text NOT NULL,
  result       text NOT NULL,
  on_date      date NOT NULL,
  at           timestamptz NOT NULL,
  actor_name   text,
  actor_role   text,
  comment      text,
  PRIMARY KEY (county_code, case_id, seq)
);

-- 公示异议 of a village exit.
CREATE TABLE village_exit_objection (
  county_code   text NOT NULL,
  case_id       bigint NOT NULL,
  seq           integer NOT NULL,
  received_on   date NOT NULL,
  objector      text,
  content       text NOT NULL,
  resolved      boolean NOT NULL DEFAULT false,
  upheld        boolean,
  resolution    text,
  PRIMARY KEY (county_code, case_id, seq)
);
