-- 020: 贫困县退出（摘帽） (issue 18, county part) and the centre's spot check of exited counties
-- (issue 23 item 5). County tables carry county_code in their keys (distributable by county);
-- the draw of a re-check is a small shared table.

-- 摘帽县: the county declared exited in a year (one record per county), and whether the
-- centre's re-check failed (复查未通过: the exit stands, rectifications are opened).
CREATE TABLE county_exit (
  county_code   text NOT NULL,
  year          smallint NOT NULL,              -- the year declared exited
  approved_on   date NOT NULL,
  status        text NOT NULL DEFAULT 'exited',
  case_id       bigint,                         -- the exit procedure that approved it (null: recorded otherwise)
  note          text,
  recorded_by   text,
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (county_code),
  CHECK (status IN ('exited', 'recheck_failed'))
);
CREATE INDEX county_exit_year_idx ON county_exit (year);

-- 摘帽程序: 县申请 → 市初审 → 省核查 → 公示 → 批准, on the workflow engine (plan stored with the case).
CREATE TABLE county_exit_case (
  county_code      text NOT NULL,
  id               bigserial,
  year             smallint NOT NULL,
  status           text NOT NULL DEFAULT 'in_progress',
  step_index       smallint NOT NULL DEFAULT 0,
  step_code        text NOT NULL,
  plan             jsonb NOT NULL,
  policy_key       text NOT NULL,
  verdict          jsonb NOT NULL,               -- the verdict the case started on
  notice_starts_on date,
  notice_ends_on   date,
  open_objections  smallint NOT NULL DEFAULT 0,
  last_seq         integer NOT NULL DEFAULT 0,
  started_by       text,
  started_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  closed_at        timestamptz,
  PRIMARY KEY (county_code, id),
  CHECK (status IN ('in_progress', 'completed', 'rejected'))
);
CREATE UNIQUE INDEX county_exit_case_open_idx ON county_exit_case (county_code) WHERE status = 'in_progress';

CREATE TABLE county_exit_step (
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
  PRIMARY KEY (county_code, case_id, seq),
  FOREIGN KEY (county_code, case_id) REFERENCES county_exit_case (county_code, id)
);

CREATE TABLE county_exit_objection (
  county_code   text NOT NULL,
  id            bigserial,
  case_id       bigint NOT NULL,
  objector      text NOT NULL,
  received_on   date NOT NULL,
  content       text NOT NULL,
  recorded_by   text,
  status        text NOT NULL DEFAULT 'open',
  outcome       text,
  resolution    text,
  resolved_on   date,
  resolved_by   text,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES county_exit_case (county_code, id),
  CHECK (status IN ('open', 'resolved'))
);

-- 中央抽查摘帽县: a reproducible draw (seed kept) of the counties declared exited the year before,
-- per province, by a national or provincial user.
CREATE TABLE county_recheck_draw (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  year         smallint NOT NULL,               -- the year of the re-check
  exit_year    smallint NOT NULL,               -- the counties declared exited in this year
  place_code   text NOT NULL,                   -- where drawn: the nation ('0') or a province
  seed         text NOT NULL,
  share        numeric(5,4) NOT NULL,
  population   text[] NOT NULL,                 -- county codes drawn from, sorted
  sample       text[] NOT NULL,                 -- county codes drawn
  drawn_by     text NOT NULL,
  drawn_role   text NOT NULL,
  drawn_at     timestamptz NOT NULL
);
CREATE INDEX county_recheck_draw_year_idx ON county_recheck_draw (year);

-- One re-check of a drawn county: what its samples found, the 三率一度 verdict, rectifications.
CREATE TABLE county_recheck (
  county_code            text NOT NULL,
  year                   smallint NOT NULL,
  draw_id                bigint NOT NULL REFERENCES county_recheck_draw (id),
  status                 text NOT NULL DEFAULT 'drawn',
  checked_on             date,
  persons_sampled        integer,
  missed_persons         integer,
  exited_persons_sampled integer,
  wrongly_exited_persons integer,
  respondents            integer,
  satisfied              integer,
  rural_population       integer,
  verdict                jsonb,
  rectification_ids      bigint[] NOT NULL DEFAULT '{}',
  recorded_by            text,
  recorded_at            timestamptz,
  PRIMARY KEY (county_code, year),
  CHECK (status IN ('drawn', 'passed', 'failed'))
);

-- National records saved before these rules existed get the POLICY.md §7 defaults.
UPDATE policy_record SET rules = jsonb_set(rules, '{countyExit}', '{
  "incidence": {"threshold": 0.02, "westThreshold": 0.03, "source": "关于建立贫困退出机制的意见（2016）：贫困县贫困发生率降至2%以下（西部地区降至3%以下）；综合贫困发生率按抽查的漏评率、错退率推算（POLICY.md §7）"},
  "wrongExitRate": {"threshold": 0.02, "source": "贫困县退出专项评估检查实施办法（2017）：错退率高于2%、漏评率超过2%、群众认可度低于90%的不得退出；临界值按民法典第1259条计入（POLICY.md §7）"},
  "missedRate": {"threshold": 0.02, "source": "贫困县退出专项评估检查实施办法（2017）：错退率高于2%、漏评率超过2%、群众认可度低于90%的不得退出；临界值按民法典第1259条计入（POLICY.md §7）"},
  "approval": {"threshold": 0.9, "source": "贫困县退出专项评估检查实施办法（2017）：错退率高于2%、漏评率超过2%、群众认可度低于90%的不得退出；临界值按民法典第1259条计入（POLICY.md §7）"},
  "westernRegions": ["15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"],
  "westernRegionsSource": "西部大开发范围的 12 个省区市（POLICY.md §7）；比照西部的州（湘西 4331、恩施 4228、延边 2224 等）由省级政策补充",
  "noticeDays": 7,
  "noticeDaysSource": "本地默认：摘帽县公示 7 天（与贫困户退出公示天数相同；国家文件未规定天数）"
}'::jsonb)
WHERE region_code = '0' AND NOT (rules ? 'countyExit');
