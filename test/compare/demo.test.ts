/**
 * The comparison demo of 龙陵县龙山镇: one complete batch of every kind (labelled demo data), hits of
 * every rule, a share worked to outcomes (closed as 更正, 自然减少 and 无问题; more awaiting
 * each step), and worked cases closed through the ledger's service as 清退 (the household
 * deregistered, nothing else) and 纳入监测 (a monitoring entry procedure started and linked),
 * each verified with a photo; 龙山镇's seed figures (every household, whatever its status) kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database';
import { ALL_PLACES } from '../../src/db/placeScope';
import { RULE_CODES } from '../../src/domain/compare/rules';
import { REFERENCE_KINDS } from '../../src/domain/compare/kinds';
import { hitReport } from '../../src/modules/compare/service';
import { LONGSHAN, DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { openIsolated } from '../access/helpers';
import { testDatabases } from '../helpers/databases';

describe.each(testDatabases)('comparison demo of 龙陵县龙山镇 on $name', (t) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openIsolated(t));
    await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
    await loadDemo(database, { counties: [LONGSHAN.countyCode] });
  });
  afterAll(async () => {
    await drop?.();
  });

  it('plants a batch of every kind and hits of every rule, a share worked to outcomes', async () => {
    const batches = await sql<{ kind: string; rows: number; source: string }>`SELECT kind, row_count AS rows, source FROM compare_batch WHERE county_code = ${LONGSHAN.countyCode} AND status = 'complete'`.execute(database.db);
    expect(batches.rows.map((b) => b.kind).sort()).toEqual(REFERENCE_KINDS.map((k) => k.code).sort());
    expect(batches.rows.every((b) => b.rows > 0 && b.source.includes('演示数据'))).toBe(true);
    const report = await hitReport(database.db, ALL_PLACES, { place: LONGSHAN.countyCode }, '2020-07-15');
    const byRule = new Map(report.byRule.map((r) => [r.key, r.total]));
    for (const rule of RULE_CODES) expect(byRule.get(rule) ?? 0, rule).toBeGreaterThan(0);
    const outcomes = new Map(report.byOutcome.map((r) => [r.key, r.total]));
    for (const o of ['none', 'corrected', 'natural_decrease']) expect(outcomes.get(o) ?? 0, o).toBeGreaterThan(0);
    expect([outcomes.get('removed'), outcomes.get('monitoring')]).toEqual([2, 2]);
    const statuses = new Map(report.byStatus.map((r) => [r.key, r.total]));
    for (const s of ['found', 'sent', 'verified', 'reviewed', 'closed']) expect(statuses.get(s) ?? 0, s).toBeGreaterThan(0);
  });

  it('closes worked cases as 清退 and 纳入监测 through the ledger, each verified with a photo', async () => {
    const closed = await sql<{ outcome: string; householdStatus: string; procedure: string | null; caseHousehold: string | null; householdNo: string; photos: number; steps: string }>`
      SELECT c.outcome, h.status AS "householdStatus", pc.procedure, pc.household_no AS "caseHousehold", c.household_no AS "householdNo",
        (SELECT coalesce(sum(cardinality(s.evidence_ids)), 0)::int FROM compare_hit_step s WHERE s.county_code = c.county_code AND s.hit_id = c.id) AS photos,
        (SELECT string_agg(s.action, ' ' ORDER BY s.seq) FROM compare_hit_step s WHERE s.county_code = c.county_code AND s.hit_id = c.id) AS steps
      FROM compare_hit c JOIN household h ON h.county_code = c.county_code AND h.household_no = c.household_no
      LEFT JOIN procedure_case pc ON pc.county_code = c.county_code AND pc.id = c.procedure_case_id
      WHERE c.county_code = ${LONGSHAN.countyCode} AND c.outcome IN ('removed', 'monitoring') ORDER BY c.outcome, c.id`.execute(database.db);
    expect(closed.rows).toHaveLength(4);
    for (const r of closed.rows) {
      expect(r.steps).toBe('send verify review_pass confirm');
      expect(r.photos).toBe(1);
      if (r.outcome === 'removed') expect([r.householdStatus, r.procedure]).toEqual(['deregistered', null]);
      else expect([r.householdStatus === 'deregistered', r.procedure, r.caseHousehold]).toEqual([false, 'monitoring_entry', r.householdNo]);
    }
    const gone = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household WHERE county_code = ${LONGSHAN.countyCode} AND status = 'deregistered'`.execute(database.db);
    expect(gone.rows[0].n).toBe(2);
    const township = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household WHERE township_code = ${LONGSHAN.townshipCode}`.execute(database.db);
    expect(township.rows[0].n).toBe(LONGSHAN.households);
  });
});
