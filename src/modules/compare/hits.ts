/**
 * The 疑点 ledger's use cases: list and count hits within the scope, show one with its steps,
 * and move it through its work (domain/compare/workflow.ts): 下发 (one or many, with the rule
 * set's deadline), 村核实 (note, photos, the proposed outcome; 纳入监测 starts the monitoring
 * entry procedure and links it), 乡镇审核, 县确认 (清退 deregisters the household through the
 * registry service). Every change is audited in its transaction. ID numbers are masked unless
 * the caller reveals them; health facts (残联, 医保) are withheld from lines that may not see them.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { maskIdNumber } from '../../domain/idNumber';
import { addDays } from '../../domain/dates';
import { kindOf } from '../../domain/compare/kinds';
import { OUTCOMES, type Outcome, type RuleSet } from '../../domain/compare/rules';
import { actionsFor, HIT_ACTIONS, HIT_STATUSES, HitStepError, isOverdue, nextStatus, type HitAction, type HitStatus } from '../../domain/compare/workflow';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { placeNames } from '../places/service';
import { evidenceFor, startProcedure } from '../procedures/service';
import { setHouseholdStatus } from '../registry/service';
import * as q from './hitQueries';
import { activeRuleSet } from './ruleSets';

export interface HitAuthor {
  actor: AuditActor;
  username: string;
  role: string;
  today: string;
  at: Date;
}

export interface Viewer {
  role: string;
  revealIds: boolean;
  withholdsHealth: boolean;
  today: string;
}

const label = (table: Record<string, string>, code: string | null) => (code === null ? null : (table[code] ?? code));

/** Facts of a hit with the sensitive ones dropped for a viewer who may not see health data. */
function factsFor(rule: RuleSet['rules'][keyof RuleSet['rules']] | undefined, facts: Record<string, unknown>, viewer: Viewer): Record<string, unknown> {
  const kind = rule ? kindOf(rule.kind) : undefined;
  if (!viewer.withholdsHealth || !kind?.columns.some((c) => c.sensitive && c.field !== 'id_number')) return facts;
  return { withheld: true };
}

export type HitView = ReturnType<typeof viewOf>;

function viewOf(h: q.HitRow, set: RuleSet, names: Map<string, { name: string }>, viewer: Viewer) {
  const rule = set.rules[h.ruleCode as keyof RuleSet['rules']];
  return {
    id: h.id,
    countyCode: h.countyCode,
    ruleCode: h.ruleCode,
    ruleLabel: rule?.label ?? h.ruleCode,
    ruleVersion: h.ruleVersion,
    householdNo: h.householdNo,
    headName: h.headName,
    householdStatus: h.householdStatus,
    villageCode: h.villageCode,
    placeName: names.get(h.villageCode)?.name ?? h.villageCode,
    idNumber: h.idNumber && !viewer.revealIds ? maskIdNumber(h.idNumber) : h.idNumber,
    personName: h.personName,
    referenceName: h.referenceName,
    nameDiffers: !!h.personName && !!h.referenceName && h.personName !== h.referenceName,
    batchId: h.batchId,
    facts: factsFor(rule, h.facts, viewer),
    suggestedOutcome: h.suggestedOutcome,
    suggestedOutcomeLabel: label(OUTCOMES, h.suggestedOutcome)!,
    status: h.status,
    statusLabel: label(HIT_STATUSES, h.status)!,
    proposedOutcome: h.proposedOutcome,
    outcome: h.outcome,
    outcomeLabel: label(OUTCOMES, h.outcome),
    procedureCaseId: h.procedureCaseId,
    deadline: h.deadline,
    overdue: isOverdue(h, viewer.today),
    foundOn: h.foundOn,
    sentOn: h.sentOn,
    closedOn: h.closedOn,
    resolvedBatchId: h.resolvedBatchId,
    resolvedOn: h.resolvedOn,
  };
}

async function viewsOf(db: Db, rows: q.HitRow[], viewer: Viewer) {
  const { rules } = await activeRuleSet(db);
  const names = await placeNames(db, [...new Set(rows.map((r) => r.villageCode))]);
  return rows.map((r) => viewOf(r, rules, names, viewer));
}

export async function listHitViews(db: Db, scope: PlaceScope, f: q.HitFilter, page: { page: number; pageSize: number } | null, viewer: Viewer) {
  const { total, rows } = await q.listHits(db, scope, f, page ? { offset: (page.page - 1) * page.pageSize, limit: page.pageSize } : undefined);
  return { total, page: page?.page ?? 1, pageSize: page?.pageSize ?? total, today: viewer.today, items: await viewsOf(db, rows, viewer) };
}

/** Counts by rule, village, status and outcome (the 疑点 report). */
export async function hitReport(db: Db, scope: PlaceScope, f: q.HitFilter, today: string) {
  const { rules } = await activeRuleSet(db);
  const [byRule, byPlace, byStatus, byOutcome] = await Promise.all((['rule', 'place', 'status', 'outcome'] as const).map((by) => q.countHits(db, scope, f, by, today)));
  const names = await placeNames(db, byPlace.map((r) => r.key));
  const named = (rows: q.CountRow[], name: (k: string) => string) => rows.map((r) => ({ ...r, name: name(r.key) }));
  return {
    today,
    byRule: named(byRule, (k) => rules.rules[k as keyof RuleSet["rules"]]?.label ?? k),
    byPlace: named(byPlace, (k) => names.get(k)?.name ?? k),
    byStatus: named(byStatus, (k) => label(HIT_STATUSES, k)!),
    byOutcome: named(byOutcome, (k) => (k === '' ? '未办结' : label(OUTCOMES, k)!)),
  };
}

export async function getHit(db: Db, id: number, viewer: Viewer) {
  const row = await q.findHit(db, id);
  if (!row) throw notFound(`疑点 ${id} `);
  const [view] = await viewsOf(db, [row], viewer);
  const steps = await q.stepsOf(db, row.countyCode, id);
  return {
    ...view,
    actions: actionsFor(row.status as HitStatus, viewer.role).map((a) => ({ action: a, label: HIT_ACTIONS[a] })),
    steps: steps.map((s) => ({ ...s, label: label(HIT_ACTIONS, s.action)!, outcomeLabel: label(OUTCOMES, s.outcome) })),
  };
}

/** Where a hit is (for the reach check before reading or acting). */
export async function locateHit(db: Db, id: number): Promise<{ countyCode: string; villageCode: string; householdNo: string } | undefined> {
  const row = await q.findHit(db, id);
  return row && { countyCode: row.countyCode, villageCode: row.villageCode, householdNo: row.householdNo };
}

export interface HitStepBody {
  action: HitAction;
  note: string;
  outcome?: Outcome | null;
  evidence: number[];
  /** The business year a status change (清退) or a procedure (纳入监测) is recorded for. */
  year?: number;
  monitorCategory?: string;
}

const refusal = (id: number, e: HitStepError) => {
  const details = [{ field: e.field, value: e.value }];
  return e.conflict ? conflict(`疑点 ${id}：${e.message}`, details) : badRequest(`疑点 ${id}：${e.message}`, details);
};

/** One step of a hit's work; `reachHousehold` refuses (404) a household outside the caller's reach when a procedure is started. */
export async function actOnHit(db: Db, id: number, body: HitStepBody, author: HitAuthor, reachHousehold: (h: { county_code: string; household_no: string; village_code: string }) => Promise<void>) {
  const hit = await q.findHit(db, id);
  if (!hit) throw notFound(`疑点 ${id} `);
  let statusAfter: HitStatus;
  try {
    statusAfter = nextStatus(hit.status as HitStatus, { action: body.action, role: author.role, note: body.note, outcome: body.outcome, evidence: body.evidence });
  } catch (e) {
    if (e instanceof HitStepError) throw refusal(id, e);
    throw e;
  }
  if (body.evidence.length) {
    const files = await evidenceFor(db, body.evidence);
    const foreign = files.filter((f) => !hit.villageCode.startsWith(f.place_code));
    if (foreign.length) throw badRequest(`佐证材料 ${foreign.map((f) => `第 ${f.id} 号`).join('、')}不属于本疑点所在的村`, foreign.map((f) => ({ field: 'evidence', value: f.id })));
  }
  const needsYear = (body.action === 'verify' && body.outcome === 'monitoring') || (body.action === 'confirm' && body.outcome === 'removed');
  if (needsYear && !body.year) throw badRequest(`疑点 ${id}：${body.outcome === 'removed' ? '清退' : '纳入监测'}须写明业务年度（year）`, [{ field: 'year', value: body.year ?? null }]);
  if (body.action === 'confirm' && body.outcome === 'monitoring' && hit.procedureCaseId === null) {
    throw conflict(`疑点 ${id}：认定纳入监测须由村核实时发起纳入监测程序（本疑点没有关联的程序）`, [{ field: 'outcome', value: body.outcome }]);
  }
  const { rules } = await activeRuleSet(db);
  const rule = rules.rules[hit.ruleCode as keyof RuleSet['rules']];
  let procedureCaseId: number | undefined;
  if (body.action === 'verify' && body.outcome === 'monitoring' && hit.procedureCaseId === null) {
    const started = await startProcedure(db, {
      procedure: 'monitoring_entry', householdNo: hit.householdNo, year: body.year, source: 'department_warning', monitorCategory: body.monitorCategory ?? 'sudden',
      discoveredOn: author.today, reason: `大数据比对疑点第 ${id} 号（${rule?.label ?? hit.ruleCode}）：${body.note.trim()}`,
    }, author, reachHousehold);
    procedureCaseId = started.id;
  }
  await db.transaction().execute(async (tx) => {
    const locked = await q.findHit(tx, id, hit.countyCode, true);
    if (!locked || locked.lastSeq !== hit.lastSeq) throw conflict(`疑点 ${id} 刚被他人办理，请刷新后重试`);
    const change: q.HitChange = { status: statusAfter };
    if (body.action === 'send') {
      change.sentOn = author.today;
      change.deadline = addDays(author.today, rules.verifyDays);
    }
    if (body.action === 'verify') change.proposedOutcome = body.outcome;
    if (procedureCaseId !== undefined) change.procedureCaseId = procedureCaseId;
    if (body.action === 'confirm') {
      change.outcome = body.outcome;
      change.closedOn = author.today;
      if (body.outcome === 'removed') {
        const h = await q.householdYears(tx, hit.countyCode, hit.householdNo);
        if (h && h.status !== 'deregistered') {
          await setHouseholdStatus(tx, { county_code: hit.countyCode, household_no: hit.householdNo }, { status: 'deregistered', monitor_category: null, exit_year: h.exitYear, identified_year: h.identifiedYear },
            body.year!, `大数据比对疑点第 ${id} 号（${rule?.label ?? hit.ruleCode}）县确认清退`, author.at);
        }
      }
    }
    await q.applyHitStep(tx, locked, change, {
      action: body.action, outcome: body.outcome ?? null, note: body.note.trim() || null, evidenceIds: body.evidence, onDate: author.today, actorName: author.username, actorRole: author.role,
    }, author.at);
    await recordAudit(tx, {
      ...author.actor, at: author.at, action: `compare.${body.action}`, objectType: 'compare_hit', objectId: String(id), placeCode: hit.villageCode,
      before: { status: hit.status, outcome: hit.outcome }, after: { ...change, note: body.note, evidence: body.evidence },
    });
  });
}

/** 下发 many found hits under a place at once (the county's work after a run); returns how many were sent. */
export async function sendHits(db: Db, scope: PlaceScope, f: q.HitFilter, ids: readonly number[] | null, author: HitAuthor): Promise<number> {
  if (author.role !== 'county_operator') throw conflict('下发由县级业务员办理');
  const { rules } = await activeRuleSet(db);
  const deadline = addDays(author.today, rules.verifyDays);
  return db.transaction().execute(async (tx) => {
    const { rows } = await q.listHits(tx, scope, { ...f, status: 'found' });
    const chosen = ids ? rows.filter((r) => ids.includes(r.id)) : rows;
    if (ids) {
      const missing = ids.filter((i) => !chosen.some((r) => r.id === i));
      if (missing.length) throw notFound(`待下发的疑点 ${missing.join('、')} `);
    }
    for (const hit of chosen) {
      await q.applyHitStep(tx, hit, { status: 'sent', sentOn: author.today, deadline }, {
        action: 'send', outcome: null, note: null, evidenceIds: [], onDate: author.today, actorName: author.username, actorRole: author.role,
      }, author.at);
    }
    if (chosen.length) {
      await recordAudit(tx, { ...author.actor, at: author.at, action: 'compare.send', objectType: 'compare_hit', objectId: chosen.length === 1 ? String(chosen[0].id) : null, placeCode: f.place === '0' ? null : f.place,
        after: { ids: chosen.map((h) => h.id), deadline } });
    }
    return chosen.length;
  });
}
