-- 030: any roster matched by ID (issue 25 item 6). A list from anywhere (the national system's
-- export, a school's students, 民政's 低收入人口, a bank's loans) is uploaded for a place, its
-- columns mapped once per source, and each row matched to the registry by the normalised ID
-- number: the registry category it falls in and its field-by-field conflicts are kept with the
-- row until the roster's retention ends, when the rows are deleted and the record stays.
-- Every county table has county_code in its primary key (Citus).

-- 列映射: per county and source, which header of the source's files fills which roster field.
CREATE TABLE roster_mapping (
  county_code  text NOT NULL,
  source       text NOT NULL,
  columns      jsonb NOT NULL,            -- { field: header }
  updated_by   text,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (county_code, source)
);

-- 名单: one uploaded file, matched against the registry of `place_code` (a county or below).
CREATE TABLE roster (
  county_code     text NOT NULL,
  id              bigserial,
  place_code      text NOT NULL,
  source          text NOT NULL,
  file_name       text NOT NULL,
  row_count       integer NOT NULL DEFAULT 0,
  matched_count   integer NOT NULL DEFAULT 0,
  conflict_count  integer NOT NULL DEFAULT 0,
  uploaded_by     text,
  uploaded_at     timestamptz NOT NULL,
  purge_after     timestamptz NOT NULL,
  purged_at       timestamptz,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX roster_place_idx ON roster (place_code);
CREATE INDEX roster_id_idx ON roster (id);

-- 名单行: the row as mapped (ID normalised to 18 characters), and what matching found:
-- the registry category ('unmatched' when nobody in the place has the ID) and the conflicts.
CREATE TABLE roster_row (
  county_code   text NOT NULL,
  roster_id     bigint NOT NULL,
  row_no        integer NOT NULL,
  id_number     text NOT NULL,
  name          text,
  fields        jsonb NOT NULL DEFAULT '{}',
  category      text NOT NULL,
  household_no  text,
  village_code  text,
  person_name   text,
  conflicts     jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (county_code, roster_id, row_no)
);
CREATE INDEX roster_row_category_idx ON roster_row (county_code, roster_id, category);
