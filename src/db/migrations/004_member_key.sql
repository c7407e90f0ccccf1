-- 004: person.member_key, a stable key of a member that is not the ID number. Responses mask
-- ID numbers (and an ID number can be corrected), so the web addresses a member by this key:
-- PATCH /api/v1/households/:householdNo/members/:memberKey. Unique per county (the
-- distribution column is part of the key, as every unique key under Citus must be).
ALTER TABLE person ADD COLUMN member_key uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX person_member_key_idx ON person (county_code, member_key);
