/**
 * Use cases of monitoring: recompute as a job (on demand, after an import, after a policy is
 * activated), what-if of a draft policy as a job, the overview, the list of assessed
 * households and one household's checklist.
 */
import type { Writable } from 'node:stream';
import type { Database } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { NATIONAL_REGION, type PolicyRecord } from '../../domain/policy/record';
import { notFound } from '../../server/errors';
import type { AuditActor } from '../audit/service';
import { activatePolicy, type ActivationResult } from '../policy/service';
import { placeExists } from '../places/service';
import { getJob, RECOMPUTE_JOB, runJob, startJob, WHAT_IF_JOB, type JobView, type ProgressReporter } from './jobs';
import * as q from './queries';
import { checkYearData, latestDataYear, recomputeAssessments, resolveYear, type RecomputeProgress, type RecomputeSummary } from './recompute';
import { runWhatIf, type WhatIfResult } from './whatIf';
import { writeWhatIfWorkbook, XLSX_MEDIA_TYPE } from './whatIfWorkbook';

export { recomputeAssessments, type RecomputeSummary, type RecomputeProgress } from './recompute';
export { getMonitoringOverview, listAssessedHouseholds, type MonitoringOverview, type AssessedHousehold } from './overview';
export { getHouseholdAssessment } from './checklist';
export { addRiskEvent, listRiskEvents, removeRiskEvent } from './riskEvents';
export { reachJob, reachJobPlace } from './routeAccess';
export { waitForJob, getJob, type JobView } from './jobs';
export type { WhatIfResult } from './whatIf';
export { XLSX_MEDIA_TYPE };

export interface RecomputeRequest {
  place?: string;
  /** One year, or several (each recomputed in turn); default the latest income year. */
  years?: number[];
  scope?: PlaceScope;
  /** Why: 'manual', 'import', 'policy' (kept with the job). */
  reason: string;
  batchSize?: number;
}

/**
 * Work that follows the household assessment of a place and year in the same job (the village
 * verdicts): a higher module registers it through followRecompute, so monitoring imports none.
 */
export type RecomputeFollower = (database: Database, run: { place: string; year: number; scope: PlaceScope }) => Promise<string | void>;
const followers: RecomputeFollower[] = [];

export function followRecompute(follower: RecomputeFollower): void {
  if (!followers.includes(follower)) followers.push(follower);
}

function recomputeWork(database: Database, request: RecomputeRequest, onProgress?: (p: RecomputeProgress) => void) {
  return async (_jobId: number, report: ProgressReporter) => {
    const years = request.years?.length ? request.years : [undefined];
    const summaries: RecomputeSummary[] = [];
    const followed: string[] = [];
    for (const [i, year] of years.entries()) {
      summaries.push(
        await recomputeAssessments(database, {
          place: request.place,
          year,
          scope: request.scope,
          batchSize: request.batchSize,
          onProgress: (p) => {
            report((i + (p.total ? p.done / p.total : 1)) / years.length, `${p.year} 年：${p.done}/${p.total} 户`);
            onProgress?.(p);
          },
        }),
      );
      for (const follow of followers) {
        const note = await follow(database, { place: request.place ?? NATIONAL_REGION, year: summaries[i].year, scope: request.scope ?? ALL_PLACES });
        if (note) followed.push(note);
      }
    }
    const text = summaries.map((s) => `${s.year} 年 ${s.households} 户${s.withoutIncome ? `（其中 ${s.withoutIncome} 户缺少 ${s.year} 年收入记录，收入一项为待核实）` : ''}`).join('，');
    return { result: { summaries }, message: `重新评估完成：${text}${followed.length ? `；${followed.join('；')}` : ''}` };
  };
}

const paramsOf = (r: RecomputeRequest) => ({ place: r.place ?? NATIONAL_REGION, years: r.years ?? null, reason: r.reason });

/** Queue a recompute and run it in the background; returns the job id at once. */
export async function startRecomputeJob(database: Database, request: RecomputeRequest, onCrash?: (e: Error) => void): Promise<number> {
  await assertPlace(database, request.place);
  if (request.reason === 'manual') {
    // Asked by a user: a year without data is refused with what it lacks, not quietly turned 待核实.
    const where = q.householdsWhere(request.scope ?? ALL_PLACES, request.place ?? NATIONAL_REGION);
    for (const year of request.years?.length ? request.years : [await resolveYear(database.db, where, undefined)]) await checkYearData(database.db, where, year);
  }
  return startJob(database, RECOMPUTE_JOB, paramsOf(request), recomputeWork(database, request), onCrash);
}

/** Run a recompute as a job and wait for it (the CLI), with progress per batch. */
export async function runRecomputeJob(database: Database, request: RecomputeRequest, onProgress?: (p: RecomputeProgress) => void) {
  await assertPlace(database, request.place);
  return runJob(database, RECOMPUTE_JOB, paramsOf(request), recomputeWork(database, request, onProgress));
}

async function assertPlace(database: Database, place: string | undefined): Promise<void> {
  if (!place || place === NATIONAL_REGION) return;
  if (!(await placeExists(database.db, place))) throw notFound(`行政区划 ${place} `);
}

/**
 * After an import that wrote the registry: recompute the imported place (its county when the
 * file held one county, else the importing user's whole scope) for every year already assessed
 * there and the latest income year, as a job, and wait for it (so a CLI import ends with fresh
 * results). Never throws: the import has committed whatever happens here; a failure is recorded
 * on the recompute job and returned.
 */
export async function recomputeAfterImport(database: Database, imported: { scope?: PlaceScope; place?: string | null } = {}): Promise<{ jobId: number | null; error: string | null }> {
  try {
    const scope = imported.scope ?? ALL_PLACES;
    const place = imported.place ?? NATIONAL_REGION;
    const where = q.householdsWhere(scope, place);
    const latest = await resolveYear(database.db, where, undefined);
    const years = [...new Set([...(await q.storedYears(database.db, where, 0)), latest])].sort((a, b) => a - b);
    const { jobId } = await runRecomputeJob(database, { scope, place, years, reason: 'import' });
    return { jobId, error: null };
  } catch (e) {
    return { jobId: null, error: (e as Error).message };
  }
}

/** Activate a draft, then recompute its region for every stored year it governs (or the latest income year). */
export async function activatePolicyAndRecompute(database: Database, id: string, actor: AuditActor, onCrash?: (e: Error) => void): Promise<ActivationResult & { jobId: number }> {
  const activation = await activatePolicy(database.db, id, actor);
  const region = activation.policy.regionCode;
  const where = q.householdsWhere(ALL_PLACES, region);
  const stored = await q.storedYears(database.db, where, activation.policy.effectiveYear);
  const latest = await latestDataYear(database.db, where);
  const years = stored.length ? stored : [latest ?? activation.policy.effectiveYear];
  const jobId = await startRecomputeJob(database, { place: region, years, reason: 'policy' }, onCrash);
  return { ...activation, jobId };
}

export interface WhatIfRequest {
  draft: PolicyRecord;
  place?: string;
  year?: number;
  scope?: PlaceScope;
  batchSize?: number;
}

export async function startWhatIfJob(database: Database, request: WhatIfRequest, onCrash?: (e: Error) => void): Promise<number> {
  await assertPlace(database, request.place);
  const params = { policyId: request.draft.id, regionCode: request.draft.regionCode, place: request.place ?? request.draft.regionCode, year: request.year ?? null };
  return startJob<WhatIfResult>(
    database,
    WHAT_IF_JOB,
    params,
    async (jobId, report) => {
      const result = await runWhatIf(database, jobId, { ...request, onProgress: report });
      const message = `政策测算完成：${result.year} 年 ${result.place.name} ${result.households} 户中有 ${result.changed.households} 户（${result.changed.persons} 人）的评估结果或风险等级将改变`;
      return { result, message };
    },
    onCrash,
  );
}

export async function getWhatIfJob(database: Database, id: number): Promise<JobView> {
  return getJob(database, id, [WHAT_IF_JOB]);
}

/** The changed households of a finished what-if, as an .xlsx written to `output`. */
export async function exportWhatIfChanges(database: Database, id: number, output: Writable): Promise<number> {
  return writeWhatIfWorkbook(database.db, id, output);
}

/** Check that a what-if job exists and is finished, before its list is downloaded. */
export async function assertWhatIfDone(database: Database, id: number): Promise<void> {
  const job = await getWhatIfJob(database, id);
  if (job.status !== 'done') throw notFound(`政策测算 ${id} 的结果（任务尚未完成或已失败）`);
}
