/**
 * The bulk SQL and the pure rules give the same outcome, criterion statuses, grade, reasons and
 * suggestion for every household of a varied sample, under several rule variants and years.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database';
import { ALL_PLACES } from '../../src/db/placeScope';
import { DEFAULT_POLICY_RECORDS } from '../../src/domain/policy/defaults';
import { resolvePolicy } from '../../src/domain/policy/resolve';
import type { PolicyRules } from '../../src/domain/policy/rulesSchema';
import { assessmentSelect } from '../../src/modules/monitoring/assessmentQueries';
import { compactResult, evaluateHousehold } from '../../src/modules/monitoring/evaluate';
import { assessmentPlan } from '../../src/modules/monitoring/plan';
import { decodeReasons } from '../../src/modules/monitoring/resultCodes';
import { householdsWhere, prepareBatchPlanner } from '../../src/modules/monitoring/queries';
import { loadHouseholdRecords } from '../../src/modules/monitoring/recordQueries';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { createVariedHouseholds } from './sample';

const national = (year: number) => resolvePolicy(DEFAULT_POLICY_RECORDS, '0', year).rules;

const VARIANTS: { name: string; rules: (year: number) => PolicyRules }[] = [
  { name: 'national defaults', rules: national },
  { name: 'Guangdong relative standard', rules: (year) => resolvePolicy(DEFAULT_POLICY_RECORDS, '441882', year).rules },
  {
    name: 'Guangdong relative standard with nominal identification lines entered',
    rules: (year) => {
      const r = structuredClone(resolvePolicy(DEFAULT_POLICY_RECORDS, '441882', year).rules);
      r.relativePoverty!.householdLineByYear = { 2019: 4400, 2020: 5500, 2021: 5600 };
      return r;
    },
  },
  {
    name: '2004 water scale (safe), one family doctor, no previous-year check, fewer red criteria',
    rules: (year) => {
      const r = structuredClone(national(year));
      r.water.scale = 'scale_2004';
      r.water.scale2004.requiredLevel = 'safe';
      r.medical.familyDoctor = 'one_member';
      r.income.checkPreviousYear = false;
      r.risk.redCriteria = ['education', 'housing'];
      r.risk.monitoringTriggers = ['income_below_monitoring_line', 'open_risk', 'serious_event'];
      r.monitoring.lineByYear = { 2019: { multipleOfPovertyLine: 1.8 }, 2021: { amount: 6500 } };
      return r;
    },
  },
  {
    name: 'strict housing, wider out-of-school list, no family doctor, no serious-illness insurance',
    rules: (year) => {
      const r = structuredClone(national(year));
      r.water.scale = 'scale_2004';
      r.medical.familyDoctor = 'not_required';
      r.medical.requireSeriousIllnessInsurance = false;
      r.medical.chronicCardHealthStatuses = ['chronic', 'serious'];
      r.housing = { passingGrades: ['A'], renovatedPasses: false, relocatedPasses: false };
      r.education.outOfSchoolStatuses = ['dropout', 'none'];
      r.education.homeSchoolingMaxDisabilityGrade = 1;
      r.risk.seriousEventExpenditureShare = 0.3;
      r.risk.openRiskTypes = ['illness'];
      return r;
    },
  },
];

describe.each(testDatabases)('bulk SQL agrees with the pure rules on $name', ({ open }) => {
  let database: Database;
  let places: TestPlaces;
  let numbers: string[];
  const seen = new Set<string>();
  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database, 2, 3);
    numbers = await createVariedHouseholds(database, places, 240, 2021);
    await database.db.updateTable('household_income').set({ household_size: 0 }).where('county_code', '=', places.countyCode).where('household_no', 'in', numbers.slice(0, 6)).execute();
  });
  afterAll(async () => {
    await database?.close();
  });

  const cases = [
    ...VARIANTS.flatMap((v) => [2019, 2020, 2021].map((year) => ({ ...v, year, history: true }))),
    { ...VARIANTS[0], year: 2022, history: false },
  ];
  it.each(cases)('$name, $year (history read: $history)', async ({ rules, year, history }) => {
    const resolved = { rules: rules(year), versions: [] };
    const sorted = [...numbers].sort();
    const range = { from: { countyCode: places.countyCode, householdNo: sorted[0] }, after: null, through: { countyCode: places.countyCode, householdNo: sorted.at(-1)! } };
    const select = assessmentSelect(assessmentPlan(resolved.rules, year), { range, where: householdsWhere(ALL_PLACES, places.countyCode) }, { history });
    const rows = await database.db.transaction().execute(async (tx) => {
      await prepareBatchPlanner(tx);
      return (await sql<Record<string, unknown>>`SELECT * FROM (${select}) a`.execute(tx)).rows;
    });
    const records = await loadHouseholdRecords(database.db, places.countyCode, numbers);
    const fromSql = new Map(rows.map((r) => [r.household_no as string, {
      outcome: r.outcome,
      criteria: r.criteria,
      riskGrade: r.risk_grade,
      riskReasons: r.risk_reasons,
      suggestedCategory: r.suggested_category,
      perCapitaNet: r.per_capita_net,
      persons: r.persons,
    }]));
    let compared = 0;
    for (const no of numbers) {
      const rec = records.get(no)!;
      const pure = compactResult(evaluateHousehold(rec, resolved, year));
      const deregistered = rec.household.status === 'deregistered' && rec.history.every((h) => h.year <= year || h.status === 'deregistered');
      if (!fromSql.has(no)) {
        expect(deregistered, `户 ${no} 未出现在 SQL 结果中`).toBe(true);
        continue;
      }
      expect({ no, ...fromSql.get(no) }).toEqual({ no, ...pure });
      for (const value of [pure.outcome, pure.riskGrade, pure.suggestedCategory ?? 'none', ...decodeReasons(pure.riskReasons)]) seen.add(value);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('covered every outcome, grade, reason and suggestion', () => {
    expect([...seen].sort()).toEqual([
      'criterion_failed', 'does_not_meet', 'green', 'income_below_monitoring_line', 'income_fall', 'income_not_above_line',
      'marginal', 'meets', 'none', 'open_risk', 'red', 'relative_exit_short', 'serious_event', 'sudden', 'undetermined', 'unstable', 'yellow',
    ]);
  });
});
