-- 007: the registry rollup at township grain (issue 7). Reports of a county and above read
-- this (a few rows per township and year) instead of the village rollup; the village rollup
-- gets an index for reading one year of a county.
CREATE TABLE registry_rollup_township (
  county_code   text NOT NULL,
  township_code text NOT NULL,
  year          smallint NOT NULL,        -- status at the end of this year
  status        text NOT NULL,
  main_cause    text NOT NULL,            -- '' when not recorded
  change        text NOT NULL,            -- 'entered' | 'exited' | 'returned' | ''
  households    integer NOT NULL,
  persons       integer NOT NULL,
  PRIMARY KEY (county_code, year, township_code, status, main_cause, change)
);

CREATE INDEX registry_rollup_year_idx ON registry_rollup (county_code, year);

-- Counties rolled up before this migration get their township rows at the next refresh.
UPDATE rollup_state SET change_seq = change_seq + 1;
