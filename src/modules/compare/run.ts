/**
 * The comparison job, set-based over every county of the run (one county, or every county in
 * the user's scope that has reference data) in one transaction: each enabled rule selects its
 * hits in all those counties with one statement, then the new ones are added, the live ones that
 * no longer match are resolved by data, and batches past their retention are purged. Progress is
 * reported per rule; each county's result is audited.
 */
import type { Database, Db } from '../../db/database';
import { addDays } from '../../domain/dates';
import type { RuleCode, RuleSet } from '../../domain/compare/rules';
import { recordAudit, type AuditActor } from '../audit/service';
import type { JobContext, JobOutcome } from '../jobs/service';
import { purgeBatches } from './batchQueries';
import { activeRuleSet } from './ruleSets';
import { addNewHits, createRunTables, preferHashJoins, judgedRules, matchedByCounty, resolveGoneHits, selectRuleHits } from './runQueries';

export interface RunInput {
  counties: string[];
  /** The place the run was asked for (a county, or a wider place meaning all its counties). */
  place: string;
}

export interface CountyRunResult {
  countyCode: string;
  rules: { rule: RuleCode; matched: number }[];
  added: number;
  resolved: number;
  purgedBatches: number;
  /** The current batch of each kind the county was compared with. */
  batches: Record<string, { id: number; asOf: string }>;
}

export interface RunResult {
  version: number;
  counties: Omit<CountyRunResult, 'batches'>[];
  added: number;
  resolved: number;
}

/**
 * Compare these counties inside the caller's transaction: one statement per judged rule over all
 * of them, new hits added, gone ones resolved, old batches purged. `onStep` is told before each step
 * (a rule's label, or the writing) with the share of the steps done.
 */
export async function compareCounties(tx: Db, counties: readonly string[], rules: { version: number; set: RuleSet }, ctx: { today: string; at: Date },
  onStep: (step: string, done: number) => void = () => {}): Promise<CountyRunResult[]> {
  const { version, set } = rules;
  const batches = await createRunTables(tx, counties);
  const restorePlanner = await preferHashJoins(tx);
  const judged = judgedRules(set, batches);
  const c = { version, today: ctx.today, at: ctx.at };
  const steps = judged.length + 2;
  for (const [i, rule] of judged.entries()) {
    onStep(set.rules[rule].label, i / steps);
    await selectRuleHits(tx, rule, set, batches);
  }
  const matched = await matchedByCounty(tx);
  onStep('写入新疑点', judged.length / steps);
  const added = await addNewHits(tx, set, c);
  onStep('消除已不再命中的疑点', (judged.length + 1) / steps);
  const resolved = await resolveGoneHits(tx, set, c, judged);
  await restorePlanner();
  const purged = counties.length ? await purgeBatches(tx, counties, new Date(Date.parse(addDays(ctx.today, -set.batchRetentionDays) + 'T00:00:00+08:00')), ctx.at) : new Map<string, number>();
  return counties.map((countyCode) => {
    const mine = batches.filter((b) => b.countyCode === countyCode);
    const kinds = new Set(mine.map((b) => b.kind));
    return {
      countyCode,
      rules: judged.filter((r) => kinds.has(set.rules[r].kind)).map((rule) => ({ rule, matched: matched.find((m) => m.countyCode === countyCode && m.key === rule)?.n ?? 0 })),
      added: added.get(countyCode) ?? 0,
      resolved: resolved.get(countyCode) ?? 0,
      purgedBatches: purged.get(countyCode) ?? 0,
      batches: Object.fromEntries(mine.map((b) => [b.kind, { id: b.id, asOf: b.asOf }])),
    };
  });
}

export async function runComparison(database: Database, input: RunInput, ctx: { actor: AuditActor; at: Date; today: string }, job: JobContext): Promise<JobOutcome<RunResult>> {
  const { version, rules: set } = await activeRuleSet(database.db, ctx.actor.username, ctx.at);
  const lines = await database.db.transaction().execute(async (tx) => {
    const out = await compareCounties(tx, input.counties, { version, set }, { today: ctx.today, at: ctx.at },
      (step, done) => job.report(done, `比对（${input.counties.length} 个县）：${step}`));
    for (const l of out) {
      await recordAudit(tx, {
        ...ctx.actor, at: ctx.at, action: 'compare.run', objectType: 'compare_run', objectId: String(job.jobId), placeCode: l.countyCode,
        after: { version, batches: l.batches, added: l.added, resolved: l.resolved, purgedBatches: l.purgedBatches },
      });
    }
    return out.map(({ batches: _b, ...l }) => l);
  });
  const added = lines.reduce((n, l) => n + l.added, 0);
  const resolved = lines.reduce((n, l) => n + l.resolved, 0);
  return {
    result: { version, counties: lines, added, resolved },
    message: input.counties.length === 0 ? '范围内没有可用的比对数据' : `比对完成（规则第 ${version} 版，${lines.length} 个县）：新增疑点 ${added} 个，数据消除 ${resolved} 个`,
  };
}
