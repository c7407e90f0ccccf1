/**
 * Monthly submissions (月度上报, POLICY §8, seed 001 每月20日前): a township reports its month to
 * the county by the township day (local default the 15th), a county to the city by the 20th.
 * Each submission freezes a snapshot of the place's figures; before sign-off a resubmission is
 * a new version replacing the old; the level above signs it off or returns it with a reason;
 * a signed-off report takes no more submissions. Timeliness is judged by the first submission.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { dueOn, isLate, reportingLevelOf, REPORT_STATUSES, submissionState, submittable, type ReportStatus } from '../../domain/rhythm/deadlines';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { childPlaces, placeNames } from '../places/service';
import { loadActivePolicies, resolveOrFail } from '../policy/service';
import type { LedgerContext } from '../rectification/service';
import * as rq from './reportQueries';
import * as sq from './snapshotQueries';
import { freshen, takeSnapshotIn } from './snapshots';

export interface SubmissionInput {
  progress: string;
  problems?: string | null;
  nextSteps?: string | null;
}

/** The deadline of a place's report of a month, from the policy in force for the place that year. */
export async function deadlineOf(db: Db, place: string, month: string, records?: Awaited<ReturnType<typeof loadActivePolicies>>): Promise<string> {
  const level = reportingLevelOf(place);
  if (!level) throw badRequest(`只有乡镇和县上报月度进展：${place} 不是乡镇或县的代码`, [{ field: 'place', value: place }]);
  const rules = resolveOrFail(records ?? (await loadActivePolicies(db)), place, Number(month.slice(0, 4))).rules;
  return dueOn(month, level, { monthlyProgressDay: rules.reporting.monthlyProgressDay, townshipProgressDay: rules.reporting.townshipProgressDay });
}

const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** 上报 (or 重报) a place's month: a new version with a frozen snapshot. */
export async function submitMonth(db: Db, place: string, month: string, input: SubmissionInput, ctx: LedgerContext) {
  const at = ctx.actor.at ?? new Date();
  if (!submittable(month, ctx.today)) throw badRequest(`${monthLabel(month)}尚未开始，不能上报（月份 month：${month.slice(0, 7)}）`, [{ field: 'month', value: month.slice(0, 7) }]);
  const due = await deadlineOf(db, place, month);
  const county = place.slice(0, 6);
  // A county's report names the townships with no report of that month.
  const townships = place.length === 6 ? await childPlaces(db, place) : [];
  await freshen(db, county);
  await db.transaction().execute(async (tx) => {
    const report = await rq.findReport(tx, place, month, true);
    if (report?.status === 'signed_off') {
      throw conflict(`${monthLabel(month)}的月度报告已于第 ${report.version} 版签收，不能再次上报`, [{ field: 'month', value: month.slice(0, 7) }]);
    }
    const version = (report?.version ?? 0) + 1;
    const snapshotId = await takeSnapshotIn(tx, { county, under: place, kind: 'submission', month, at, actor: ctx.actor });
    const reported = new Set((await rq.reportsUnder(tx, place, month)).map((r) => r.placeCode));
    const missing = townships.filter((t) => !reported.has(t.code)).map((t) => t.code);
    if (!report) {
      await rq.insertReport(tx, { countyCode: county, placeCode: place, month, dueOn: due, firstSubmittedOn: ctx.today, late: isLate(ctx.today, due), status: 'submitted', version });
    } else {
      await rq.updateReportState(tx, place, month, { status: 'submitted', version });
    }
    await rq.insertVersion(tx, place, month, {
      version, snapshotId: snapshotId!, progress: input.progress, problems: input.problems ?? null, nextSteps: input.nextSteps ?? null, missing,
      submittedOn: ctx.today, submittedAt: at, submittedBy: ctx.actor.username,
    });
    await recordAudit(tx, { ...ctx.actor, action: 'rhythm.submit', objectType: 'month_report', objectId: `${place}-${month.slice(0, 7)}`, placeCode: place, before: report ?? null, after: { version, snapshotId, missing } });
  });
  return reportDetail(db, place, month, ctx.today);
}

export interface DecisionInput {
  decision: 'signed_off' | 'returned';
  reason?: string | null;
}

/** 签收 or 退回 the current version (by the level above; the route checks who). */
export async function decideMonth(db: Db, place: string, month: string, input: DecisionInput, ctx: LedgerContext) {
  await db.transaction().execute(async (tx) => {
    const report = await rq.findReport(tx, place, month, true);
    if (!report) throw notFound(`${place} ${monthLabel(month)}的月度报告 `);
    if (report.status !== 'submitted') {
      throw conflict(`${monthLabel(month)}的月度报告当前为“${REPORT_STATUSES[report.status as ReportStatus]}”，只有已上报待签收的报告可以签收或退回`, [{ field: 'decision', value: input.decision }]);
    }
    await rq.decideVersion(tx, place, month, report.version, { decision: input.decision, reason: input.reason ?? null, decidedOn: ctx.today, decidedBy: ctx.actor.username });
    await rq.updateReportState(tx, place, month, { status: input.decision, version: report.version });
    await recordAudit(tx, { ...ctx.actor, action: `rhythm.${input.decision}`, objectType: 'month_report', objectId: `${place}-${month.slice(0, 7)}`, placeCode: place, before: { status: report.status, version: report.version }, after: input });
  });
  return reportDetail(db, place, month, ctx.today);
}

/** A place's report of a month: its state, every version, and the figures of the current version's frozen snapshot. */
export async function reportDetail(db: Db, place: string, month: string, today: string) {
  const names = await placeNames(db, [place]);
  if (!names.has(place) || !reportingLevelOf(place)) throw notFound(`乡镇或县 ${place} `);
  const [report, versions, due] = await Promise.all([rq.findReport(db, place, month), rq.versionsOf(db, place, month), deadlineOf(db, place, month)]);
  const current = versions.find((v) => v.version === report?.version) ?? null;
  const figures = current ? await sq.snapshotFigures(db, place.slice(0, 6), current.snapshotId, place) : null;
  const codes = [...(figures?.children.map((c) => c.code) ?? []), ...versions.flatMap((v) => v.missing)];
  const childNames = await placeNames(db, codes);
  const state = submissionState(report ?? null, due, today);
  return {
    place: { code: place, name: names.get(place)!.name },
    month,
    dueOn: report?.dueOn ?? due,
    status: report?.status ?? null,
    statusLabel: report ? REPORT_STATUSES[report.status as ReportStatus] : '未上报',
    firstSubmittedOn: report?.firstSubmittedOn ?? null,
    late: report?.late ?? null,
    state: state.code,
    stateLabel: state.label,
    version: report?.version ?? 0,
    versions: versions.map((v) => ({ ...v, missingNames: v.missing.map((c) => childNames.get(c)?.name ?? c) })),
    figures: figures && { total: figures.total, children: figures.children.map((c) => ({ ...c, name: childNames.get(c.code)?.name ?? c.code })) },
  };
}

/** The places expected to report under a place: the county and its townships, or a township itself. */
async function expectedPlaces(db: Db, place: string): Promise<{ code: string; name: string }[]> {
  if (place.length === 9) return [...(await placeNames(db, [place])).values()].map((p) => ({ code: p.code, name: p.name }));
  if (place.length === 6) {
    const county = [...(await placeNames(db, [place])).values()];
    return [...county, ...(await childPlaces(db, place))].map((p) => ({ code: p.code, name: p.name }));
  }
  if (place.length === 4) {
    const counties = await childPlaces(db, place);
    return (await Promise.all(counties.map((c) => expectedPlaces(db, c.code)))).flat();
  }
  throw badRequest(`上报情况按市、县或乡镇查看：${place} 的范围过大`, [{ field: 'place', value: place }]);
}

/** The submissions of a month under a place: every township and county expected, late and missing ones flagged first. */
export async function submissionList(db: Db, _scope: PlaceScope, place: string, month: string, today: string) {
  const [expected, reports, records] = await Promise.all([expectedPlaces(db, place), rq.reportsUnder(db, place, month), loadActivePolicies(db)]);
  const byPlace = new Map(reports.map((r) => [r.placeCode, r]));
  const items = [];
  for (const p of expected) {
    const report = byPlace.get(p.code) ?? null;
    const due = report?.dueOn ?? (await deadlineOf(db, p.code, month, records));
    const state = submissionState(report, due, today);
    items.push({
      placeCode: p.code, placeName: p.name, level: p.code.length === 6 ? '县' : '乡镇', dueOn: due,
      firstSubmittedOn: report?.firstSubmittedOn ?? null, status: report?.status ?? null,
      statusLabel: report ? REPORT_STATUSES[report.status as ReportStatus] : '未上报', version: report?.version ?? 0,
      state: state.code, stateLabel: state.label, flagged: state.flagged,
    });
  }
  items.sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.placeCode.localeCompare(b.placeCode));
  return {
    month, today, items,
    totals: { expected: items.length, missing: items.filter((i) => i.state === 'missing').length, late: items.filter((i) => i.state === 'late').length, signedOff: items.filter((i) => i.status === 'signed_off').length },
  };
}
