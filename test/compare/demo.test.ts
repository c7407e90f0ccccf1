/**
 * The comparison demo of 龙陵县龙山镇: one complete batch of every kind, hits of every rule, a share
 * worked to outcomes (closed as 更正, 自然减少 and 无问题; 清退 awaiting the county; 纳入监测
 * proposed), and the registry's seed figures untouched (no household deregistered by the demo).
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
    const batches = await sql<{ kind: string; rows: number }>`SELECT kind, row_count AS rows FROM compare_batch WHERE county_code = ${LONGSHAN.countyCode} AND status = 'complete'`.execute(database.db);
    expect(batches.rows.map((b) => b.kind).sort()).toEqual(REFERENCE_KINDS.map((k) => k.code).sort());
    expect(batches.rows.every((b) => b.rows > 0)).toBe(true);
    const report = await hitReport(database.db, ALL_PLACES, { place: LONGSHAN.countyCode }, '2020-07-15');
    const byRule = new Map(report.byRule.map((r) => [r.key, r.total]));
    for (const rule of RULE_CODES) expect(byRule.get(rule) ?? 0, rule).toBeGreaterThan(0);
    const outcomes = new Map(report.byOutcome.map((r) => [r.key, r.total]));
    for (const o of ['none', 'corrected', 'natural_decrease']) expect(outcomes.get(o) ?? 0, o).toBeGreaterThan(0);
    const statuses = new Map(report.byStatus.map((r) => [r.key, r.total]));
    for (const s of ['found', 'sent', 'verified', 'reviewed', 'closed']) expect(statuses.get(s) ?? 0, s).toBeGreaterThan(0);
    const gone = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household WHERE county_code = ${LONGSHAN.countyCode} AND status = 'deregistered'`.execute(database.db);
    expect(gone.rows[0].n).toBe(0);
  });
});
