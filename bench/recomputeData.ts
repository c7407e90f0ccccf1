/**
 * A synthetic registry generated inside PostgreSQL (no round trips): households spread over
 * 30 counties × 10 townships × 10 villages, 1–6 members (3.3 on average), income for the
 * assessment year and the year before, status history, and risk events for one household in 20.
 * Values are mostly good with a share of every failing and missing case, so every branch of
 * the rules is exercised. Deterministic (setseed).
 */
export function GENERATE_REGISTRY(households: number, year: number): string {
  return `
SELECT setseed(0.42);
INSERT INTO place (code, name, level, parent_code) VALUES ('41', '基准省', 1, NULL), ('4114', '基准市', 2, '41');
INSERT INTO place (code, name, level, parent_code)
SELECT '4114' || lpad(c::text, 2, '0'), '基准' || c || '县', 3, '4114' FROM generate_series(1, 30) c;
INSERT INTO household (county_code, household_no, village_code, township_code, head_name, attribute, status, exit_year, identified_year, size,
  food_secure, clothing_secure, house_grade, house_renovated, relocated, water_lpd, water_quality_ok, water_trip_minutes, water_piped,
  water_outage_days, water_scarce_area, water_horizontal_m, water_vertical_m, open_risk_types)
SELECT c, c || lpad(g::text, 10, '0'), t || lpad((g / 300 % 10 + 201)::text, 3, '0'), t, '户主' || g,
  (ARRAY['general','general','general','dibao','tekun'])[1 + floor(random() * 5)::int],
  st, CASE WHEN st = 'exited' THEN ${year - 2} + (random() * 2)::int END, 2016,
  CASE WHEN r < 0.1 THEN 1 WHEN r < 0.25 THEN 2 WHEN r < 0.55 THEN 3 WHEN r < 0.85 THEN 4 WHEN r < 0.95 THEN 5 ELSE 6 END,
  random() > 0.01, random() > 0.01,
  (ARRAY['A','A','A','B','B','C','D',NULL])[1 + floor(random() * 8)::int], random() > 0.5, random() > 0.9,
  (ARRAY[40, 45, 35, 34, 25, 19, NULL])[1 + floor(random() * 7)::int], random() > 0.02,
  (ARRAY[5, 10, 20, 25, NULL])[1 + floor(random() * 5)::int], random() > 0.3,
  (ARRAY[0, 0, 5, 36, 40, NULL])[1 + floor(random() * 6)::int], random() > 0.8,
  (ARRAY[NULL, 300, 900])[1 + floor(random() * 3)::int], (ARRAY[NULL, 50, 100])[1 + floor(random() * 3)::int],
  CASE WHEN random() < 0.08 THEN ARRAY[(ARRAY['illness','disability','schooling','disaster','unstable_income'])[1 + floor(random() * 5)::int]] ELSE '{}' END
FROM (
  SELECT g, c, c || lpad((g / 30 % 10 + 101)::text, 3, '0') AS t, random() AS r,
    (ARRAY['poor','exited','exited','exited','exited','monitored','not_poor','risk_eliminated'])[1 + floor(random() * 8)::int] AS st
  FROM (SELECT g, '4114' || lpad((g % 30 + 1)::text, 2, '0') AS c FROM generate_series(1, ${households}) g) x
) y;

INSERT INTO person (county_code, id_number, household_no, name, sex, birth_date, relation, schooling, health, disability_grade, labour,
  insured_basic, insured_serious, family_doctor, chronic_card, home_schooling)
SELECT h.county_code, h.household_no || lpad(k::text, 2, '0'), h.household_no, '成员' || k, CASE WHEN k % 2 = 1 THEN 'M' ELSE 'F' END,
  b, CASE WHEN k = 1 THEN 'head' ELSE 'other' END,
  CASE WHEN b > date '${year - 16}-12-31' AND b <= date '${year - 6}-12-31' THEN (CASE WHEN random() < 0.01 THEN 'dropout' ELSE 'primary' END)
       ELSE (ARRAY['none','none','junior',NULL])[1 + floor(random() * 4)::int] END,
  (ARRAY['healthy','healthy','healthy','healthy','chronic','serious','disabled',NULL])[1 + floor(random() * 8)::int],
  CASE WHEN random() < 0.05 THEN 1 + floor(random() * 4)::int END,
  (ARRAY['ordinary','ordinary','weak','none'])[1 + floor(random() * 4)::int],
  CASE WHEN random() < 0.01 THEN NULL ELSE random() > 0.02 END,
  CASE WHEN random() < 0.01 THEN NULL ELSE random() > 0.03 END,
  CASE WHEN random() < 0.01 THEN NULL ELSE random() > 0.04 END,
  random() > 0.3, random() < 0.01
FROM household h
CROSS JOIN LATERAL generate_series(1, h.size) k
CROSS JOIN LATERAL (SELECT date '1935-01-01' + (random() * 31000)::int + k * 0 AS b) bd;

INSERT INTO household_income (county_code, household_no, year, wages, production_net, property, transfer, production_cost, household_size, per_capita_net)
SELECT county_code, household_no, y, w, p, 0, tr, c, size, round((w + p + tr - c) / size, 2)
FROM (
  SELECT h.county_code, h.household_no, h.size, y.y,
    round((h.size * (2000 + random() * 9000))::numeric, 2) AS w, round((h.size * random() * 1500)::numeric, 2) AS p,
    round((random() * 800)::numeric, 2) AS tr, round((random() * 600)::numeric, 2) AS c
  FROM household h CROSS JOIN (VALUES (${year - 1}), (${year})) y(y)
) x;

INSERT INTO household_status_history (county_code, household_no, year, status)
SELECT county_code, household_no, 2016, 'poor' FROM household WHERE status <> 'not_poor';
INSERT INTO household_status_history (county_code, household_no, year, status)
SELECT county_code, household_no, coalesce(exit_year, ${year - 1}), status FROM household WHERE status NOT IN ('poor', 'not_poor');

INSERT INTO risk_event (county_code, household_no, type, occurred_on, cost)
SELECT county_code, household_no, (ARRAY['illness','disaster','accident','schooling'])[1 + floor(random() * 4)::int],
  date '${year - 1}-06-01' + (random() * 500)::int, round((random() * 40000)::numeric, 2)
FROM household WHERE random() < 0.05;

ANALYZE household; ANALYZE person; ANALYZE household_income; ANALYZE household_status_history; ANALYZE risk_event;
`;
}

/** Main causes (weights roughly as seed 001's counties), the township and village places the generator leaves out. */
export const COMPLETE_REGISTRY = `
SELECT setseed(0.17);
UPDATE household SET main_cause = (ARRAY['illness','illness','illness','illness','illness','illness','disability','disability','labour','skills','schooling','capital','disaster','motivation'])[1 + floor(random() * 14)::int]
WHERE status <> 'not_poor';
INSERT INTO place (code, name, level, parent_code)
SELECT DISTINCT township_code, '基准乡' || right(township_code, 5), 4, county_code FROM household;
INSERT INTO place (code, name, level, parent_code)
SELECT DISTINCT village_code, '基准村' || right(village_code, 6), 5, township_code FROM household;
ANALYZE household; ANALYZE place;
`;

/**
 * Line-department ledger rows over the generated registry (issue 19), as the recompute reads
 * them: a student register row for every person of school age 3–22 (about 300,000 of 1,000,000
 * persons; 1% 辍学), 家庭医生签约 and 参保 rows for one person in five each (a share saying "no"),
 * 200,000 medical expense records (not read by the rules, but in the same table and indexes),
 * and 危房改造 / 易地扶贫搬迁 rows for the households with a C/D house or relocated.
 */
export function GENERATE_LEDGERS(year: number): string {
  const common = `county_code, kind, year, record_key, place_code, household_no, id_number, registered, data, created_at, updated_at`;
  const person = (kind: string, data: string, where: string) => `
INSERT INTO ledger_record (${common})
SELECT p.county_code, '${kind}', ${year}, p.id_number, h.village_code, p.household_no, p.id_number, true, ${data}, now(), now()
FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
WHERE ${where};`;
  return `
SELECT setseed(0.23);
${person('edu_student', `jsonb_build_object('stage', CASE WHEN p.birth_date > date '${year - 6}-12-31' THEN 'preschool' WHEN p.birth_date > date '${year - 12}-12-31' THEN 'primary' WHEN p.birth_date > date '${year - 15}-12-31' THEN 'junior' WHEN p.birth_date > date '${year - 18}-12-31' THEN 'senior' ELSE 'college' END, 'school', '基准学校', 'status', CASE WHEN random() < 0.01 THEN 'dropout' ELSE 'in_school' END, 'boarder', random() < 0.3)`, `p.birth_date > date '${year - 23}-12-31' AND p.birth_date <= date '${year - 3}-12-31'`)}
${person('health_signing', `jsonb_build_object('signed', random() > 0.05, 'chronicCard', CASE WHEN p.health = 'chronic' THEN random() > 0.1 END)`, `random() < 0.2`)}
${person('health_insurance', `jsonb_build_object('basic', random() > 0.02, 'serious', random() > 0.03)`, `random() < 0.2`)}
INSERT INTO ledger_record (${common})
SELECT p.county_code, 'medical_expense', ${year}, p.id_number || '|' || (date '${year}-01-01' + k)::text, h.village_code, p.household_no, p.id_number, true,
  jsonb_build_object('admittedOn', (date '${year}-01-01' + k)::text, 'total', 10000, 'basic', 6000, 'serious', 1000, 'assistance', 2000, 'inCounty', true), now(), now()
FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
CROSS JOIN LATERAL (SELECT (random() * 300)::int AS k) d
WHERE random() < 0.2;
INSERT INTO ledger_record (${common})
SELECT county_code, 'housing_renovation', ${year - 1}, household_no, village_code, household_no, NULL, true,
  jsonb_build_object('priority', 'registered', 'gradeBefore', house_grade, 'acceptedOn', CASE WHEN random() < 0.8 THEN '${year - 1}-10-01' END), now(), now()
FROM household WHERE house_grade IN ('C', 'D');
INSERT INTO ledger_record (${common})
SELECT county_code, 'relocation_household', ${year - 1}, household_no, village_code, household_no, NULL, true,
  jsonb_build_object('type', 'registered', 'site', '基准安置点', 'movedInOn', '${year - 1}-03-01'), now(), now()
FROM household WHERE relocated;
ANALYZE ledger_record;
`;
}
