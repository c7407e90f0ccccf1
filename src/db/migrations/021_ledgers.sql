-- Line-department ledgers (issue 19): one table for every ledger kind, its columns declared in
-- src/domain/ledgers/shapes.ts and kept in `data`. A row belongs to a county (distribution
-- column), a kind, a business year (the school year starting that year for education) and one
-- record key (the shape's key fields), and names its place (a village, or any level for a row
-- of a person outside the registry: 非建档立卡), its household and person where it has them.
CREATE TABLE ledger_record (
  county_code   text NOT NULL,
  id            bigserial,
  kind          text NOT NULL,
  year          integer NOT NULL,
  record_key    text NOT NULL,
  place_code    text NOT NULL,
  household_no  text,
  id_number     text,
  registered    boolean NOT NULL,        -- false: 非建档立卡 (no person of the registry)
  data          jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  created_by    text,
  updated_at    timestamptz NOT NULL,
  updated_by    text,
  PRIMARY KEY (county_code, id)
);
CREATE UNIQUE INDEX ledger_record_key_idx ON ledger_record (county_code, kind, year, record_key);
CREATE INDEX ledger_record_person_idx ON ledger_record (county_code, id_number, kind, year);
CREATE INDEX ledger_record_household_idx ON ledger_record (county_code, household_no);
CREATE INDEX ledger_record_place_idx ON ledger_record (kind, year, place_code);
