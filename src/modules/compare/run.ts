/**
 * The comparison job: for each county of the run (one county, or every county in the user's
 * scope that has reference data) in one transaction each: select every judged rule's hits,
 * add the new ones, resolve by data the live ones that no longer match, purge batches past
 * their retention. Progress is reported per county and rule.
 */
import type { Database, Db } from '../../db/database';
import { addDays } from '../../domain/dates';
import { RULE_CODES, type RuleCode, type RuleSet } from '../../domain/compare/rules';
import { recordAudit, type AuditActor } from '../audit/service';
import type { JobContext, JobOutcome } from '../jobs/service';
import { currentBatches, purgeBatches } from './batchQueries';
import { activeRuleSet } from './ruleSets';
import { addNewHits, createHitsTable, judgedRules, resolveGoneHits, selectRuleHits } from './runQueries';

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
}

export interface RunResult {
  version: number;
  counties: CountyRunResult[];
  added: number;
  resolved: number;
}

/** Compare one county inside the caller's transaction: hits selected per judged rule, new ones added, gone ones resolved, old batches purged. */
export async function compareCounty(tx: Db, countyCode: string, rules: { version: number; set: RuleSet }, ctx: { today: string; at: Date }, onRule: (rule: RuleCode) => void = () => {}) {
  const { version, set } = rules;
  const batches = await currentBatches(tx, countyCode);
  const judged = judgedRules(set, batches);
  const c = { countyCode, version, today: ctx.today, at: ctx.at };
  await createHitsTable(tx);
  const matched: CountyRunResult['rules'] = [];
  for (const rule of judged) {
    onRule(rule);
    matched.push({ rule, matched: await selectRuleHits(tx, rule, set, c, batches.get(set.rules[rule].kind)!) });
  }
  const added = await addNewHits(tx, set, c);
  const resolved = await resolveGoneHits(tx, set, c, judged, batches);
  const purgedBatches = await purgeBatches(tx, countyCode, new Date(Date.parse(addDays(ctx.today, -set.batchRetentionDays) + 'T00:00:00+08:00')), ctx.at);
  const line: CountyRunResult = { countyCode, rules: matched, added, resolved, purgedBatches };
  return { line, added, resolved, purgedBatches, batches: Object.fromEntries(batches) };
}

export async function runComparison(database: Database, input: RunInput, ctx: { actor: AuditActor; at: Date; today: string }, job: JobContext): Promise<JobOutcome<RunResult>> {
  const { version, rules: set } = await activeRuleSet(database.db, ctx.actor.username, ctx.at);
  const out: CountyRunResult[] = [];
  const steps = Math.max(1, input.counties.length * (RULE_CODES.length + 1));
  let done = 0;
  for (const countyCode of input.counties) {
    const line = await database.db.transaction().execute(async (tx) => {
      const result = await compareCounty(tx, countyCode, { version, set }, { today: ctx.today, at: ctx.at }, (rule) => job.report(done++ / steps, `比对 ${countyCode}：${set.rules[rule].label}`, countyCode));
      await recordAudit(tx, {
        ...ctx.actor, at: ctx.at, action: 'compare.run', objectType: 'compare_run', objectId: String(job.jobId), placeCode: countyCode,
        after: { version, batches: result.batches, added: result.added, resolved: result.resolved, purgedBatches: result.purgedBatches },
      });
      return result.line;
    });
    done = out.length * (RULE_CODES.length + 1) + RULE_CODES.length + 1;
    out.push(line);
    job.report(done / steps, `已比对 ${out.length}/${input.counties.length} 个县`);
  }
  const added = out.reduce((n, l) => n + l.added, 0);
  const resolved = out.reduce((n, l) => n + l.resolved, 0);
  return {
    result: { version, counties: out, added, resolved },
    message: input.counties.length === 0 ? '范围内没有可用的比对数据' : `比对完成（规则第 ${version} 版，${out.length} 个县）：新增疑点 ${added} 个，数据消除 ${resolved} 个`,
  };
}
