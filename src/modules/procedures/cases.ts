/** Acting on cases (one or many at once), the lists of cases, and one case with its step history. */
import type { Db } from '../../db/database';
import { availableActions, type CaseAction } from '../../domain/workflow/engine';
import { badRequest, notFound } from '../../server/errors';
import { roleLabel } from '../auth/service';
import { applyToCases, type AppliedCase, type Author } from './act';
import { countCases, listCases, locateCase, openCaseCounts, stepEvidenceOf, stepsOf, type CaseFilter } from './caseQueries';
import { paramsOf, planOf, stateOf } from './caseState';
import { evidenceFor } from './evidence';
import { objectionsOf } from './noticeQueries';
import { caseRecord, checkCases, lockCases, type Caller } from './reach';
import type { ActionInput } from './schemas';
import { caseSummary, objectionView, resultLabel } from './views';

/** Approve, return, reject or verify the given cases, all or none; each case gets its own step record. */
export async function actOnCases(db: Db, caller: Caller, input: ActionInput, author: Author): Promise<AppliedCase[]> {
  if (input.action === 'verify' && input.passed === undefined) throw badRequest('抽查核实须写明是否通过（passed: true/false）');
  await checkCases(db, caller, input.caseIds);
  return db.transaction().execute(async (tx) => {
    const rows = await lockCases(tx, caller, input.caseIds);
    const evidence = await evidenceFor(tx, input.evidenceIds ?? []);
    const comment = input.comment ?? '';
    const kinds = evidence.map((e) => e.kind);
    const action: CaseAction =
      input.action === 'approve' ? { type: 'approve', evidence: kinds }
      : input.action === 'verify' ? { type: 'verify', passed: input.passed!, comment }
      : { type: input.action, comment };
    return applyToCases(tx, rows, () => action, author, {
      evidence,
      comment,
      details: (r) => (input.action === 'verify' ? { drawId: r.spot_check_id } : null),
    });
  });
}

export interface CaseListRequest extends CaseFilter {
  page: number;
  pageSize: number;
}

export async function listCasePage(db: Db, caller: Caller, request: CaseListRequest, viewer: { role: string; today: string }) {
  const { page, pageSize, ...filter } = request;
  const [total, rows] = await Promise.all([countCases(db, caller.access, filter), listCases(db, caller.access, filter, (page - 1) * pageSize, pageSize)]);
  return { total, page, pageSize, items: rows.map((r) => caseSummary(r, viewer)) };
}

/** Open cases by procedure and step (the lists by procedure and step). */
export async function caseCounts(db: Db, caller: Caller, place: string | undefined) {
  return (await openCaseCounts(db, caller.access, place)).map((r) => ({ procedure: r.procedure, step: r.step_code, cases: r.cases, persons: r.persons ?? 0 }));
}

/** One case within reach, with its plan, every step taken (actor, date, result, comment, files) and what the viewer can do. */
export async function getCase(db: Db, caller: Caller, id: number, viewer: { role: string; today: string }) {
  const found = await locateCase(db, id);
  if (!found) throw notFound(`程序案件第 ${id} 号`);
  await caller.reach(caseRecord(found));
  const [row] = await listCases(db, caller.access, { id }, 0, 1);
  if (!row) throw notFound(`程序案件第 ${id} 号`);
  const plan = planOf(row);
  const [steps, files, objections] = await Promise.all([stepsOf(db, row.county_code, id), stepEvidenceOf(db, row.county_code, id), objectionsOf(db, row.county_code, { caseId: id })]);
  const params = Object.fromEntries(Object.entries(paramsOf(row)).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return {
    ...caseSummary(row, viewer),
    policyKey: row.policy_key,
    params,
    plan: plan.steps.map((s, i) => ({
      index: i,
      code: s.code,
      label: s.label,
      kind: s.kind,
      roles: s.roles,
      roleLabels: s.roles.map(roleLabel),
      evidence: s.evidence,
      noticeDays: s.noticeDays,
      sampleShare: s.sampleShare,
      state: row.status === 'completed' || i < row.step_index ? ('done' as const) : i === row.step_index && row.status === 'in_progress' ? ('current' as const) : ('pending' as const),
    })),
    history: steps.map((s) => ({
      seq: s.seq,
      stepCode: s.step_code,
      stepLabel: s.step_label,
      action: s.action,
      result: s.result,
      resultLabel: resultLabel(s.result),
      onDate: s.on_date,
      at: new Date(s.at).toISOString(),
      actorName: s.actor_name,
      actorRole: s.actor_role,
      actorRoleLabel: s.actor_role ? roleLabel(s.actor_role) : null,
      comment: s.comment,
      evidence: files.filter((f) => f.seq === s.seq).map((f) => ({ id: Number(f.id), kind: f.kind, name: f.name, mediaType: f.media_type, size: f.size, digest: f.sha256, digestAlg: f.digest_alg })),
    })),
    objections: objections.map(objectionView),
    actions: availableActions(plan, stateOf(row), viewer.role, viewer.today),
  };
}
