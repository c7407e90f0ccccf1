/**
 * The comparison rules in force: the newest version of compare_rule_set, version 1 being the
 * shipped defaults (domain/compare/rules.ts), stored the first time they are needed. A new
 * version is published whole, validated, and audited; hits record the version that found them.
 */
import type { Db } from '../../db/database';
import { DEFAULT_RULE_SET, ruleSetSchema, type RuleSet } from '../../domain/compare/rules';
import { badRequest } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { insertRuleSet, latestRuleSet } from './batchQueries';

export interface RuleSetView {
  version: number;
  rules: RuleSet;
  note: string | null;
  publishedBy: string | null;
  publishedAt: Date;
}

export async function activeRuleSet(db: Db, by: string | null = null, at: Date = new Date()): Promise<RuleSetView> {
  let row = await latestRuleSet(db);
  if (!row) {
    await insertRuleSet(db, 1, DEFAULT_RULE_SET, '初始版本：POLICY.md §9 的规则和地方默认值', by ?? '(系统)', at);
    row = (await latestRuleSet(db))!;
  }
  const parsed = ruleSetSchema.safeParse(row.rules);
  // A stored version that no longer fits the schema (a rule added since) falls back to the defaults for what it lacks.
  const rules = parsed.success ? parsed.data : ruleSetSchema.parse({ ...DEFAULT_RULE_SET, ...(row.rules as object), rules: { ...DEFAULT_RULE_SET.rules, ...((row.rules as { rules?: object }).rules ?? {}) } });
  return { version: row.version, rules, note: row.note, publishedBy: row.publishedBy, publishedAt: row.publishedAt };
}

/** Publish a new version of the rules (the whole set, validated). */
export async function publishRuleSet(db: Db, input: unknown, note: string, actor: AuditActor, at: Date): Promise<RuleSetView> {
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw badRequest(`比对规则有误：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`, problems);
  }
  const current = await activeRuleSet(db, actor.username, at);
  await db.transaction().execute(async (tx) => {
    await insertRuleSet(tx, current.version + 1, parsed.data, note, actor.username, at);
    await recordAudit(tx, { ...actor, at, action: 'compare.rules', objectType: 'compare_rule_set', objectId: String(current.version + 1), before: current.rules, after: parsed.data, note });
  });
  return activeRuleSet(db);
}
