-- 013: projects, funds and micro-loans (issue 8). Money is integer fen (分) in bigint, never
-- float. Every table carries county_code in its key (DESIGN.md: Citus distribution column).

-- 项目库: a project of a place (county, township or village) and year.
CREATE TABLE project (
  county_code          text NOT NULL,
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  place_code           text NOT NULL,
  year                 smallint NOT NULL,
  name                 text NOT NULL,
  industry             text NOT NULL,              -- 产业 (烤烟, 核桃…): the coverage line
  type                 text NOT NULL,              -- projects/types.ts PROJECT_TYPES
  scale                numeric(14,2),
  scale_unit           text,                       -- 亩, 头, 羽, 吨, km, 个…
  planned_output_fen   bigint,
  actual_output_fen    bigint,
  lead_department      text NOT NULL,
  planned_start        date,
  planned_completion   date,
  started_on           date,
  completed_on         date,
  accepted_on          date,
  status               text NOT NULL DEFAULT 'planned', -- planned approved started completed accepted
  benefit_link         text,                       -- order work shares dividends rent other
  covered_households   integer,                    -- 覆盖卡户 (planned figure)
  avg_income_gain_fen  bigint,                     -- 户均增收 (planned figure)
  note                 text,
  created_by           text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  CHECK (place_code LIKE county_code || '%'),
  CHECK (planned_output_fen IS NULL OR planned_output_fen >= 0),
  CHECK (actual_output_fen IS NULL OR actual_output_fen >= 0),
  CHECK (covered_households IS NULL OR covered_households >= 0)
);
CREATE INDEX project_place_idx ON project (place_code, year);

-- 受益户 and the income gain a project brings each.
CREATE TABLE project_beneficiary (
  county_code     text NOT NULL,
  project_id      bigint NOT NULL,
  household_no    text NOT NULL,
  income_gain_fen bigint,
  PRIMARY KEY (county_code, project_id, household_no),
  FOREIGN KEY (county_code, project_id) REFERENCES project (county_code, id) ON DELETE CASCADE,
  FOREIGN KEY (county_code, household_no) REFERENCES household (county_code, household_no)
);
CREATE INDEX project_beneficiary_household_idx ON project_beneficiary (county_code, household_no);

-- 资金来源: money of a kind that a county receives for a year. allocated_fen is kept by the
-- allocation writes; the CHECK makes over-allocation impossible even under concurrency.
CREATE TABLE fund_source (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  place_code    text NOT NULL,
  year          smallint NOT NULL,
  kind          text NOT NULL,                     -- central province city county partner_city donation
  name          text NOT NULL,
  doc_no        text,                              -- 文号
  received_on   date,
  amount_fen    bigint NOT NULL,
  allocated_fen bigint NOT NULL DEFAULT 0,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  CHECK (place_code LIKE county_code || '%'),
  CHECK (amount_fen > 0),
  CHECK (allocated_fen >= 0 AND allocated_fen <= amount_fen)
);
CREATE INDEX fund_source_year_idx ON fund_source (county_code, year);

-- 资金分配: from a source to a project, or straight to a household (直接拨付到户).
CREATE TABLE fund_allocation (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  source_id     bigint NOT NULL,
  project_id    bigint,
  household_no  text,
  amount_fen    bigint NOT NULL,
  disbursed_fen bigint NOT NULL DEFAULT 0,
  allocated_on  date NOT NULL,
  note          text,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, source_id) REFERENCES fund_source (county_code, id),
  FOREIGN KEY (county_code, project_id) REFERENCES project (county_code, id),
  FOREIGN KEY (county_code, household_no) REFERENCES household (county_code, household_no),
  CHECK ((project_id IS NULL) <> (household_no IS NULL)),
  CHECK (amount_fen > 0),
  CHECK (disbursed_fen >= 0 AND disbursed_fen <= amount_fen)
);
CREATE INDEX fund_allocation_source_idx ON fund_allocation (county_code, source_id);
CREATE INDEX fund_allocation_project_idx ON fund_allocation (county_code, project_id);

-- 资金拨付: a payment against an allocation, with its voucher (凭证号).
CREATE TABLE fund_disbursement (
  county_code   text NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  allocation_id bigint NOT NULL,
  paid_on       date NOT NULL,
  voucher_no    text NOT NULL,
  amount_fen    bigint NOT NULL,
  payee         text,
  note          text,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, allocation_id) REFERENCES fund_allocation (county_code, id),
  CHECK (amount_fen > 0)
);
CREATE INDEX fund_disbursement_allocation_idx ON fund_disbursement (county_code, allocation_id);

-- 村级光伏电站收益 and how much of it went to public-welfare jobs and labour.
CREATE TABLE pv_revenue (
  county_code      text NOT NULL,
  village_code     text NOT NULL,
  year             smallint NOT NULL,
  revenue_fen      bigint NOT NULL,
  welfare_jobs_fen bigint NOT NULL,
  updated_by       text,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, village_code, year),
  CHECK (revenue_fen >= 0 AND welfare_jobs_fen >= 0 AND welfare_jobs_fen <= revenue_fen)
);

-- 扶贫小额信贷: a loan to a household, repaid in `installments` equal principal parts.
CREATE TABLE loan (
  county_code       text NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  household_no      text NOT NULL,
  village_code      text NOT NULL,
  lender            text NOT NULL,
  contract_no       text,
  amount_fen        bigint NOT NULL,
  term_months       smallint NOT NULL,
  installments      smallint NOT NULL DEFAULT 1,
  annual_rate       numeric(7,5) NOT NULL,         -- 年利率
  subsidy_rate      numeric(7,5) NOT NULL,         -- 财政贴息年利率
  purpose           text NOT NULL,
  issued_on         date NOT NULL,
  extended_months   smallint NOT NULL DEFAULT 0,
  repaid_fen        bigint NOT NULL DEFAULT 0,     -- principal repaid
  status            text NOT NULL DEFAULT 'active', -- active overdue repaid
  overdue_since     date,
  created_by        text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, household_no) REFERENCES household (county_code, household_no),
  CHECK (amount_fen > 0 AND term_months > 0 AND installments > 0 AND installments <= term_months),
  CHECK (repaid_fen >= 0 AND repaid_fen <= amount_fen),
  CHECK (extended_months >= 0),
  CHECK (annual_rate >= 0 AND subsidy_rate >= 0 AND subsidy_rate <= annual_rate)
);
CREATE INDEX loan_household_idx ON loan (county_code, household_no);
CREATE INDEX loan_village_idx ON loan (village_code, status);

CREATE TABLE loan_repayment (
  county_code   text NOT NULL,
  loan_id       bigint NOT NULL,
  seq           integer NOT NULL,
  paid_on       date NOT NULL,
  principal_fen bigint NOT NULL,
  interest_fen  bigint NOT NULL DEFAULT 0,
  note          text,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, loan_id, seq),
  FOREIGN KEY (county_code, loan_id) REFERENCES loan (county_code, id),
  CHECK (principal_fen >= 0 AND interest_fen >= 0 AND principal_fen + interest_fen > 0)
);

-- 展期: months added to the unpaid installments.
CREATE TABLE loan_extension (
  county_code text NOT NULL,
  loan_id     bigint NOT NULL,
  seq         integer NOT NULL,
  granted_on  date NOT NULL,
  months      smallint NOT NULL,
  reason      text NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, loan_id, seq),
  FOREIGN KEY (county_code, loan_id) REFERENCES loan (county_code, id),
  CHECK (months > 0)
);
