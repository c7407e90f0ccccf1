/**
 * Use cases of policy records: the shipped defaults seeded on first use, drafts created and
 * edited with validation (Chinese messages naming the field), activation as a new version that
 * supersedes the previous active one of the same region and year, comparison of two versions,
 * and the rules in effect for a place and year. Every change is audited in its transaction.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { DEFAULT_POLICY_RECORDS } from '../../domain/policy/defaults';
import { NATIONAL_REGION, type PolicyRecord } from '../../domain/policy/record';
import { PolicyResolutionError, resolvePolicy, type ResolvedPolicy } from '../../domain/policy/resolve';
import { validatePolicy, type PolicyProblem } from '../../domain/policy/validate';
import { AppError, badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { placeByCode, placeExists } from '../places/service';
import { diffRules, ruleFields, type RuleDifference, type RuleField } from './compare';
import * as q from './queries';
import { domainRecord, policyView, regionNameOf, withRecordActive, type PolicyView } from './records';

export { domainRecord, withRecordActive, STATUS_LABELS, type PolicyView, type PolicyStatus } from './records';
export { reachDraftRegion, reachPolicy } from './routeAccess';
export { reachWhatIfDraft } from './whatIfDraft';
export { activationSchema, jobIdSchema, policyViewSchema, whatIfBody } from './schemas';
export type { RuleDifference, RuleField } from './compare';
export { diffRules } from './compare';

const SEED_MARKER = DEFAULT_POLICY_RECORDS[0].id;

/** Insert the shipped default records once (idempotent; concurrent callers are harmless). */
export async function ensureDefaultPolicies(db: Db): Promise<void> {
  if (await q.hasPolicyRecord(db, SEED_MARKER)) return;
  for (const r of DEFAULT_POLICY_RECORDS) {
    await q.insertSeedRow(db, {
      id: r.id,
      region_code: r.regionCode,
      effective_year: r.effectiveYear,
      version: r.version,
      status: r.status,
      title: r.title,
      note: r.note ?? null,
      rules: r.rules,
      created_by: '(系统默认)',
      activated_at: r.status === 'active' ? new Date() : null,
    });
  }
}

/** Every active record, as resolvePolicy reads them. */
export async function loadActivePolicies(db: Db): Promise<PolicyRecord[]> {
  // One statement when the defaults are in (every request after the first).
  const { rows, seeded } = await q.findActiveRowsSeeded(db, SEED_MARKER);
  if (seeded === true) return rows.map(domainRecord);
  await ensureDefaultPolicies(db);
  return (await q.findActiveRows(db)).map(domainRecord);
}

/** resolvePolicy with its failure as a 400 naming the records. */
export function resolveOrFail(records: readonly PolicyRecord[], placeCode: string, year: number): ResolvedPolicy {
  try {
    return resolvePolicy(records, placeCode, year);
  } catch (e) {
    if (e instanceof PolicyResolutionError) throw new AppError(400, 'policy_unresolved', e.message);
    throw e;
  }
}

export interface PolicyListFilter {
  regionCode?: string;
  status?: string;
  effectiveYear?: number;
  /** Only the records governing places of this scope (the national default, regions above it and inside it). */
  visibleTo?: PlaceScope;
}

export async function listPolicies(db: Db, filter: PolicyListFilter = {}): Promise<PolicyView[]> {
  await ensureDefaultPolicies(db);
  return (await q.findPolicyRows(db, filter)).map(policyView);
}

export async function getPolicy(db: Db, id: string): Promise<PolicyView> {
  await ensureDefaultPolicies(db);
  const row = await q.findPolicyRow(db, id);
  if (!row) throw notFound(`政策记录 ${id} `);
  return policyView(row);
}

/** A draft as received: every field is checked by validatePolicy. */
export interface PolicyDraftInput {
  regionCode?: unknown;
  effectiveYear?: unknown;
  title?: unknown;
  note?: unknown;
  rules?: unknown;
}

function invalid(errors: PolicyProblem[]): AppError {
  return new AppError(400, 'invalid_policy', `政策记录有误：${errors.map((e) => e.message).join('；')}`, { errors });
}

/** Validate a record as it would be saved, against the rules of the regions above it. */
async function checkRecord(db: Db, candidate: Record<string, unknown>): Promise<PolicyRecord> {
  const shape = validatePolicy(candidate);
  if (!shape.ok) throw invalid(shape.errors);
  const record = shape.record;
  if (record.regionCode !== NATIONAL_REGION && !(await placeExists(db, record.regionCode))) {
    throw invalid([{ path: 'regionCode', field: '适用地区代码', message: `适用地区代码（regionCode）${record.regionCode} 不是已知的行政区划` }]);
  }
  if (record.regionCode === NATIONAL_REGION) return record;
  const above = (await loadActivePolicies(db)).filter((r) => r.regionCode !== record.regionCode);
  const base = resolveOrFail(above, record.regionCode, record.effectiveYear);
  const merged = validatePolicy(candidate, base.rules);
  if (!merged.ok) throw invalid(merged.errors);
  return merged.record;
}

/** A draft checked as it would be saved, without saving it (for what-if). */
export async function checkPolicyDraft(db: Db, input: PolicyDraftInput): Promise<PolicyRecord> {
  const year = typeof input.effectiveYear === 'number' ? input.effectiveYear : NaN;
  const version = typeof input.regionCode === 'string' && Number.isInteger(year) ? await q.nextVersion(db, input.regionCode, year) : 1;
  const candidate = { id: '(未保存)', regionCode: input.regionCode, effectiveYear: input.effectiveYear, version, status: 'draft', title: input.title, note: input.note ?? undefined, rules: input.rules };
  return checkRecord(db, candidate);
}

const auditView = (v: PolicyView) => ({ id: v.id, regionCode: v.regionCode, effectiveYear: v.effectiveYear, version: v.version, status: v.status, title: v.title, note: v.note, rules: v.rules });

/** A new draft (version = the next number of its region and year). */
export async function createPolicyDraft(db: Db, input: PolicyDraftInput, actor: AuditActor): Promise<PolicyView> {
  await ensureDefaultPolicies(db);
  return db.transaction().execute(async (tx) => {
    await q.lockPolicies(tx);
    const year = typeof input.effectiveYear === 'number' ? input.effectiveYear : NaN;
    const version = typeof input.regionCode === 'string' && Number.isInteger(year) ? await q.nextVersion(tx, input.regionCode, year) : 1;
    const candidate = { id: 'new', regionCode: input.regionCode, effectiveYear: input.effectiveYear, version, status: 'draft', title: input.title, note: input.note ?? undefined, rules: input.rules };
    const record = await checkRecord(tx, candidate);
    const id = await q.insertPolicyRow(tx, {
      region_code: record.regionCode,
      effective_year: record.effectiveYear,
      version,
      status: 'draft',
      title: record.title,
      note: record.note ?? null,
      rules: record.rules,
      created_by: actor.username,
    });
    const view = policyView((await q.findPolicyRow(tx, id))!);
    await recordAudit(tx, { ...actor, action: 'policy.create', objectType: 'policy_record', objectId: id, placeCode: view.regionCode, after: auditView(view) });
    return view;
  });
}

export interface PolicyDraftChange {
  title?: unknown;
  note?: unknown;
  rules?: unknown;
}

/** Edit a draft; an active or superseded version is never changed (save a new draft instead). */
export async function updatePolicyDraft(db: Db, id: string, change: PolicyDraftChange, actor: AuditActor): Promise<PolicyView> {
  return db.transaction().execute(async (tx) => {
    await q.lockPolicies(tx);
    const before = await q.findPolicyRow(tx, id);
    if (!before) throw notFound(`政策记录 ${id} `);
    if (before.status !== 'draft') throw conflict(`政策记录 ${id}（${before.title}，第 ${before.version} 版）已${before.status === 'active' ? '生效' : '被取代'}，不能修改；请另存为新草稿`);
    const candidate = {
      id,
      regionCode: before.region_code,
      effectiveYear: before.effective_year,
      version: before.version,
      status: 'draft',
      title: change.title === undefined ? before.title : change.title,
      note: change.note === undefined ? before.note ?? undefined : change.note ?? undefined,
      rules: change.rules === undefined ? before.rules : change.rules,
    };
    const record = await checkRecord(tx, candidate);
    await q.updateDraftRow(tx, id, { title: record.title, note: record.note ?? null, rules: record.rules });
    const after = policyView((await q.findPolicyRow(tx, id))!);
    await recordAudit(tx, { ...actor, action: 'policy.update', objectType: 'policy_record', objectId: id, placeCode: after.regionCode, before: auditView(policyView(before)), after: auditView(after) });
    return after;
  });
}

export interface ActivationResult {
  policy: PolicyView;
  superseded: string | null;
}

/** Make a draft the active version of its region and year; the previous active one becomes superseded. */
export async function activatePolicy(db: Db, id: string, actor: AuditActor): Promise<ActivationResult> {
  return db.transaction().execute(async (tx) => {
    await q.lockPolicies(tx);
    const row = await q.findPolicyRow(tx, id);
    if (!row) throw notFound(`政策记录 ${id} `);
    if (row.status !== 'draft') throw conflict(`政策记录 ${id}（${row.title}，第 ${row.version} 版）已${row.status === 'active' ? '生效' : '被取代'}，只有草稿可以生效`);
    const draft = policyView(row);
    await checkRecord(tx, { ...auditView(draft), status: 'draft', note: draft.note ?? undefined });
    const superseded = await q.supersedeActive(tx, row.region_code, row.effective_year);
    await q.markActive(tx, id, actor.username);
    const policy = policyView((await q.findPolicyRow(tx, id))!);
    await recordAudit(tx, {
      ...actor,
      action: 'policy.activate',
      objectType: 'policy_record',
      objectId: id,
      placeCode: policy.regionCode,
      before: { status: 'draft', supersedes: superseded },
      after: auditView(policy),
    });
    return { policy, superseded };
  });
}

export interface PolicyComparison {
  a: PolicyView;
  b: PolicyView;
  /** 'record': the fields each record sets; 'effective': the merged rules each would put in force. */
  mode: 'record' | 'effective';
  differences: RuleDifference[];
}

/** The rules a record puts in force for its own region and year (as if it were active). */
async function effectiveRulesOf(db: Db, view: PolicyView): Promise<unknown> {
  const records = withRecordActive(await loadActivePolicies(db), domainRecord(view));
  return resolveOrFail(records, view.regionCode, view.effectiveYear).rules;
}

export async function comparePolicies(db: Db, idA: string, idB: string, mode: 'record' | 'effective' = 'record'): Promise<PolicyComparison> {
  const a = await getPolicy(db, idA);
  const b = await getPolicy(db, idB);
  const differences = mode === 'record' ? diffRules(a.rules, b.rules) : diffRules(await effectiveRulesOf(db, a), await effectiveRulesOf(db, b));
  return { a, b, mode, differences };
}

/** A record's values for reading and editing: those it sets itself, and the merged rules it would put in force. */
export async function describePolicyRules(db: Db, view: PolicyView): Promise<{ own: RuleField[]; effective: RuleField[] }> {
  return { own: ruleFields(view.rules), effective: ruleFields(await effectiveRulesOf(db, view)) };
}

export interface EffectivePolicy {
  place: { code: string; name: string };
  year: number;
  rules: unknown;
  versions: ResolvedPolicy['versions'];
}

export async function getEffectivePolicy(db: Db, placeCode: string, year: number): Promise<EffectivePolicy> {
  let name = regionNameOf(placeCode, null);
  if (placeCode !== NATIONAL_REGION) {
    const found = await placeByCode(db, placeCode);
    if (!found) throw notFound(`行政区划 ${placeCode} `);
    name = found.name;
  }
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest(`年份 ${year} 无效：应为 2000–2100 之间的整数`);
  const resolved = resolveOrFail(await loadActivePolicies(db), placeCode, year);
  return { place: { code: placeCode, name }, year, rules: resolved.rules, versions: resolved.versions };
}
