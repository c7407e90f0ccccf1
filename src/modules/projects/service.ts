/**
 * Use cases of the project library (项目库): create and edit projects of a place and year, move
 * them through planned → approved → started → completed → accepted (no step skipped, each with
 * its date), link the beneficiary households with their income gain, and the coverage figures
 * per industry line. Every change is audited in its transaction. Funds: funds.ts; loans: loans.ts.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { yuanOf } from '../../domain/funds/money';
import { BENEFIT_LINKS, PROJECT_STATUSES, PROJECT_TYPES, STATUS_DATE, nextStatus, transitionProblem, type ProjectStatus, type ProjectType } from '../../domain/funds/projectTypes';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { placeNames } from '../places/service';
import * as q from './queries';
import type { ProjectChange, ProjectInput, ProjectListQuery } from './schemas';

export interface ActContext {
  actor: AuditActor & { at?: Date };
  today: string;
}

const yuanOrNull = (fen: number | null) => (fen === null ? null : yuanOf(fen));

export interface ProjectView {
  id: number;
  countyCode: string;
  placeCode: string;
  placeName: string;
  year: number;
  name: string;
  industry: string;
  type: string;
  typeLabel: string;
  scale: number | null;
  scaleUnit: string | null;
  plannedOutput: number | null;
  actualOutput: number | null;
  leadDepartment: string;
  plannedStart: string | null;
  plannedCompletion: string | null;
  startedOn: string | null;
  completedOn: string | null;
  acceptedOn: string | null;
  status: string;
  statusLabel: string;
  nextStatus: string | null;
  benefitLink: string | null;
  benefitLinkLabel: string | null;
  coveredHouseholds: number | null;
  avgIncomeGain: number | null;
  note: string | null;
  beneficiaries: number;
  allocated: number;
  disbursed: number;
  balance: number;
}

function viewOf(r: q.ProjectRow, names: Map<string, { name: string }>): ProjectView {
  return {
    id: r.id,
    countyCode: r.countyCode,
    placeCode: r.placeCode,
    placeName: names.get(r.placeCode)?.name ?? r.placeCode,
    year: r.year,
    name: r.name,
    industry: r.industry,
    type: r.type,
    typeLabel: PROJECT_TYPES[r.type as ProjectType]?.label ?? r.type,
    scale: r.scale,
    scaleUnit: r.scaleUnit,
    plannedOutput: yuanOrNull(r.plannedOutputFen),
    actualOutput: yuanOrNull(r.actualOutputFen),
    leadDepartment: r.leadDepartment,
    plannedStart: r.plannedStart,
    plannedCompletion: r.plannedCompletion,
    startedOn: r.startedOn,
    completedOn: r.completedOn,
    acceptedOn: r.acceptedOn,
    status: r.status,
    statusLabel: PROJECT_STATUSES[r.status as ProjectStatus] ?? r.status,
    nextStatus: nextStatus(r.status as ProjectStatus),
    benefitLink: r.benefitLink,
    benefitLinkLabel: r.benefitLink ? (BENEFIT_LINKS as Record<string, string>)[r.benefitLink] ?? r.benefitLink : null,
    coveredHouseholds: r.coveredHouseholds,
    avgIncomeGain: yuanOrNull(r.avgIncomeGainFen),
    note: r.note,
    beneficiaries: r.beneficiaries,
    allocated: yuanOf(r.allocatedFen),
    disbursed: yuanOf(r.disbursedFen),
    balance: yuanOf(r.allocatedFen - r.disbursedFen),
  };
}

async function viewsOf(db: Db, rows: q.ProjectRow[]): Promise<ProjectView[]> {
  const names = await placeNames(db, [...new Set(rows.map((r) => r.placeCode))]);
  return rows.map((r) => viewOf(r, names));
}

export async function listProjects(db: Db, scope: PlaceScope, place: string, query: Omit<ProjectListQuery, 'place'>, paged: boolean) {
  const { page, pageSize, ...filter } = query;
  const result = await q.listProjectRows(db, scope, { place, ...filter }, paged ? { offset: (page - 1) * pageSize, limit: pageSize } : null);
  return { total: result.total, page, pageSize, items: await viewsOf(db, result.rows) };
}

/** Where a project is, for the scope check before reading or changing it. */
export async function locateProject(db: Db, id: number): Promise<{ id: number; placeCode: string; countyCode: string } | undefined> {
  const row = await q.findProject(db, id);
  return row && { id: row.id, placeCode: row.placeCode, countyCode: row.countyCode };
}

export async function getProject(db: Db, id: number) {
  const row = await q.findProject(db, id);
  if (!row) throw notFound(`项目 ${id} `);
  const [view] = await viewsOf(db, [row]);
  const beneficiaries = (await q.beneficiariesOf(db, row.countyCode, id)).map((b) => ({ ...b, incomeGain: yuanOrNull(b.incomeGainFen) }));
  return { ...view, beneficiaryList: beneficiaries.map(({ incomeGainFen: _, ...b }) => b) };
}

function columnsOf(input: ProjectChange) {
  const set = <T>(v: T | undefined) => (v === undefined ? undefined : (v ?? null));
  return {
    year: input.year,
    name: input.name,
    industry: input.industry,
    type: input.type,
    scale: set(input.scale),
    scale_unit: set(input.scaleUnit),
    planned_output_fen: set(input.plannedOutput),
    actual_output_fen: set(input.actualOutput),
    lead_department: input.leadDepartment,
    planned_start: set(input.plannedStart),
    planned_completion: set(input.plannedCompletion),
    benefit_link: set(input.benefitLink),
    covered_households: set(input.coveredHouseholds),
    avg_income_gain_fen: set(input.avgIncomeGain),
    note: set(input.note),
  };
}

function checkDates(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && end < start) throw badRequest(`计划完工日期（plannedCompletion）${end} 早于计划开工日期 ${start}`, [{ field: 'plannedCompletion', value: end }]);
}

/** Put a project into the library (入库). */
export async function createProject(db: Db, input: ProjectInput, ctx: ActContext) {
  checkDates(input.plannedStart, input.plannedCompletion);
  const names = await placeNames(db, [input.placeCode]);
  if (!names.has(input.placeCode)) throw badRequest(`项目所在地区（placeCode）${input.placeCode} 不存在`, [{ field: 'placeCode', value: input.placeCode }]);
  const id = await db.transaction().execute(async (tx) => {
    const cols = columnsOf(input);
    const newId = await q.insertProject(tx, {
      ...cols,
      county_code: input.placeCode.slice(0, 6),
      place_code: input.placeCode,
      year: input.year,
      name: input.name,
      industry: input.industry,
      type: input.type,
      lead_department: input.leadDepartment,
      created_by: ctx.actor.username,
    });
    await recordAudit(tx, { ...ctx.actor, action: 'project.create', objectType: 'project', objectId: String(newId), placeCode: input.placeCode, after: input });
    return newId;
  });
  return getProject(db, id);
}

export async function updateProjectDetails(db: Db, id: number, change: ProjectChange, ctx: ActContext) {
  await db.transaction().execute(async (tx) => {
    const row = await q.findProject(tx, id, true);
    if (!row) throw notFound(`项目 ${id} `);
    checkDates(change.plannedStart === undefined ? row.plannedStart : change.plannedStart, change.plannedCompletion === undefined ? row.plannedCompletion : change.plannedCompletion);
    await q.updateProject(tx, row.countyCode, id, columnsOf(change));
    await recordAudit(tx, { ...ctx.actor, action: 'project.update', objectType: 'project', objectId: String(id), placeCode: row.placeCode, before: row, after: change });
  });
  return getProject(db, id);
}

/** One step of the project's status (批复, 开工, 完工, 验收), dated. */
export async function changeProjectStatus(db: Db, id: number, to: ProjectStatus, onDate: string | undefined, ctx: ActContext) {
  const day = onDate ?? ctx.today;
  if (day > ctx.today) throw badRequest(`日期（onDate）${day} 晚于今天 ${ctx.today}`, [{ field: 'onDate', value: day }]);
  await db.transaction().execute(async (tx) => {
    const row = await q.findProject(tx, id, true);
    if (!row) throw notFound(`项目 ${id} `);
    const problem = transitionProblem(row.status as ProjectStatus, to);
    if (problem) throw conflict(`项目 ${id}（${row.name}）：${problem}`, [{ field: 'status', value: to }]);
    const previous = [row.startedOn, row.completedOn].filter((d): d is string => d !== null).sort().at(-1);
    if (STATUS_DATE[to] && previous && day < previous) throw badRequest(`日期（onDate）${day} 早于上一步的日期 ${previous}`, [{ field: 'onDate', value: day }]);
    const dateColumn = STATUS_DATE[to];
    await q.updateProject(tx, row.countyCode, id, { status: to, ...(dateColumn ? { [dateColumn]: day } : {}) });
    await recordAudit(tx, { ...ctx.actor, action: 'project.status', objectType: 'project', objectId: String(id), placeCode: row.placeCode, before: { status: row.status }, after: { status: to, onDate: day } });
  });
  return getProject(db, id);
}

/** Replace the beneficiary households (each must lie under the project's place) and their gains. */
export async function setBeneficiaries(db: Db, id: number, households: { householdNo: string; incomeGain?: number | null }[], ctx: ActContext) {
  await db.transaction().execute(async (tx) => {
    const row = await q.findProject(tx, id, true);
    if (!row) throw notFound(`项目 ${id} `);
    const nos = [...new Set(households.map((h) => h.householdNo))];
    if (nos.length !== households.length) throw badRequest('受益户（households）中有重复的户编号');
    const found = await q.householdsUnder(tx, row.countyCode, row.placeCode, nos);
    const missing = nos.filter((n) => !found.has(n));
    if (missing.length) throw badRequest(`受益户 ${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 户` : ''} 不在项目所在地区（${row.placeCode}）的登记户中`, missing.map((m) => ({ field: 'householdNo', value: m })));
    await q.replaceBeneficiaries(tx, row.countyCode, id, households.map((h) => ({ householdNo: h.householdNo, incomeGainFen: h.incomeGain ?? null })));
    await recordAudit(tx, { ...ctx.actor, action: 'project.beneficiaries', objectType: 'project', objectId: String(id), placeCode: row.placeCode, before: { count: row.beneficiaries }, after: { households } });
  });
  return getProject(db, id);
}

export interface CoverageLine {
  type: string;
  typeLabel: string;
  industry: string;
  scaleUnit: string | null;
  projects: number;
  scale: number | null;
  plannedOutput: number | null;
  actualOutput: number | null;
  coveredHouseholds: number | null;
  avgIncomeGain: number | null;
  linkedHouseholds: number;
  linkedAvgIncomeGain: number | null;
}

/** Coverage figures per industry line of the projects under a place in a year (seed 000's shape). */
export async function projectCoverage(db: Db, scope: PlaceScope, place: string, year: number): Promise<{ place: string; placeName: string; year: number; lines: CoverageLine[] }> {
  const rows = await q.coverageRows(db, scope, place, year);
  const names = await placeNames(db, [place]);
  return {
    place,
    placeName: place === '0' ? '全国' : names.get(place)?.name ?? place,
    year,
    lines: rows.map((r) => ({
      type: r.type,
      typeLabel: PROJECT_TYPES[r.type as ProjectType]?.label ?? r.type,
      industry: r.industry,
      scaleUnit: r.scaleUnit,
      projects: r.projects,
      scale: r.scale,
      plannedOutput: yuanOrNull(r.plannedOutputFen),
      actualOutput: yuanOrNull(r.actualOutputFen),
      coveredHouseholds: r.coveredHouseholds,
      avgIncomeGain: yuanOrNull(r.plannedGainFen),
      linkedHouseholds: r.linkedHouseholds,
      linkedAvgIncomeGain: yuanOrNull(r.linkedGainFen),
    })),
  };
}

export { loadProjectDemo } from './demo';
