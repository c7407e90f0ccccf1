-- 031: 防止返贫致贫 (issue 25): the household's 自付 costs per year that the 收支核算口径 may
-- deduct (合规自付医疗、教育), and the urgent measures started on a monitoring-entry case before
-- its decision (disaster or accident). County tables: county_code in every key (Citus).

-- 自付支出: one line per household, year and item (the 口径 decides which items are deducted).
CREATE TABLE household_cost (
  county_code  text NOT NULL,
  household_no text NOT NULL,
  year         smallint NOT NULL,
  item         text NOT NULL,               -- medical_compliant / medical_other / schooling_compliant / schooling_other
  amount       numeric(12,2) NOT NULL,
  note         text,
  recorded_by  text,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (county_code, household_no, year, item),
  FOREIGN KEY (county_code, household_no) REFERENCES household (county_code, household_no),
  CHECK (amount >= 0)
);

-- 先行帮扶: a measure started before the county's decision because a disaster or an accident
-- makes it urgent; recorded on the case with its reason.
CREATE TABLE urgent_measure (
  county_code  text NOT NULL,
  id           bigserial,
  case_id      bigint NOT NULL,
  household_no text NOT NULL,
  started_on   date NOT NULL,
  cause        text NOT NULL,               -- disaster / accident / illness / other
  measure      text NOT NULL,
  recorded_by  text,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES procedure_case (county_code, id)
);
CREATE INDEX urgent_measure_case_idx ON urgent_measure (county_code, case_id);
