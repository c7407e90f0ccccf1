-- 015: the registry rollup at county grain (issue 7). Reports of a city, province or the nation,
-- and of a county when no township breakdown is asked (the trend by year, the totals), read
-- this (a few hundred rows per county) instead of summing the township rollup on a request.
-- Filled with the village and township rows (rebuildCountyRollups) and refreshed with them.
CREATE TABLE registry_rollup_county (
  county_code   text NOT NULL,
  year          smallint NOT NULL,        -- status at the end of this year
  status        text NOT NULL,
  main_cause    text NOT NULL,            -- '' when not recorded
  change        text NOT NULL,            -- 'entered' | 'exited' | 'returned' | ''
  households    integer NOT NULL,
  persons       integer NOT NULL,
  PRIMARY KEY (county_code, year, status, main_cause, change)
);

-- Counties rolled up before this migration get their county rows at the next refresh.
UPDATE rollup_state SET change_seq = change_seq + 1;
