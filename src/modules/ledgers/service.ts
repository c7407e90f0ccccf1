/**
 * Use cases of the line-department ledgers (行业部门台账, issue 19): import (template, dry run,
 * row problems, all-or-nothing commit), forms, lists with filters, exports, a household's
 * records, 应助尽助 and the students-by-stage coverage. One module for every ledger: each use
 * case takes the ledger's declared shape (domain/ledgers/shapes.ts). A department user reads and
 * writes only the ledgers of his line; other readers (operators, leaders) read every ledger of
 * their place. Every change is audited in its transaction.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { maskIdNumber } from '../../domain/idNumber';
import { AID_ENTITLEMENT } from '../../domain/ledgers/aid';
import { recordFlags } from '../../domain/ledgers/flags';
import { commonColumns, type RowProblem } from '../../domain/ledgers/rows';
import { LEDGER_SHAPES, optionLabel, shapeOf, STAGES, type LedgerShape } from '../../domain/ledgers/shapes';
import { roleHas } from '../../domain/roles';
import { AppError, badRequest, notFound } from '../../server/errors';
import { SheetFileError } from '../../spreadsheet';
import { recordAudit, type AuditActor } from '../audit/service';
import { placeNames } from '../places/service';
import { checkLedgerRows, readLedgerSheet } from './importer';
import * as q from './queries';

export { LEDGER_SHAPES, shapeOf } from '../../domain/ledgers/shapes';
export { loadLedgerDemo } from './demo';

export interface LedgerContext {
  actor: AuditActor & { at?: Date };
  today: string;
}

export interface LedgerUser {
  role: string;
  departmentLine: string | null;
  placeCode: string;
}

/** The ledgers a user reads: a department user his line's, other readers every one. */
export function readableShapes(user: LedgerUser): LedgerShape[] {
  if (user.role === 'department_operator') return LEDGER_SHAPES.filter((s) => s.line === user.departmentLine);
  return roleHas(user.role, 'dashboard.read') || roleHas(user.role, 'registry.read') ? [...LEDGER_SHAPES] : [];
}

/** True when the user keeps this ledger (a department user of its line). */
export function keepsLedger(user: LedgerUser, shape: LedgerShape): boolean {
  return user.role === 'department_operator' && user.departmentLine === shape.line && roleHas(user.role, 'ledger.write');
}

/** The shape of `kind` as the user may use it: 404 for an unknown kind, 403 outside his line. */
export function ledgerFor(user: LedgerUser, kind: string, write: boolean): LedgerShape {
  const shape = shapeOf(kind);
  if (!shape) throw notFound(`台账 ${kind} `);
  if (!readableShapes(user).includes(shape) || (write && !keepsLedger(user, shape))) {
    throw new AppError(403, 'forbidden', `“${shape.label}”由${shape.group}行业部门维护，您的账户${write ? '不能修改' : '不能查看'}该台账`, { kind });
  }
  return shape;
}

export interface RecordView {
  countyCode: string;
  id: number;
  kind: string;
  ledger: string;
  year: number;
  placeCode: string;
  placeName: string;
  householdNo: string | null;
  idNumber: string | null;
  name: string | null;
  registered: boolean;
  data: Record<string, unknown>;
  /** The fields as the user reads them (labels of codes, 是/否). */
  text: Record<string, string>;
  /** What policy asks the department to look at (domain/ledgers/flags.ts). */
  flags: string[];
  updatedAt: Date;
}

function textOf(shape: LedgerShape, data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    shape.fields.map((f) => {
      const v = data[f.key];
      const t = v === null || v === undefined ? '' : f.type === 'enum' ? optionLabel(f, v) : f.type === 'bool' ? (v ? '是' : '否') : String(v);
      return [f.key, t];
    }),
  );
}

async function viewsOf(db: Db, rows: q.RecordRow[]): Promise<RecordView[]> {
  const names = await placeNames(db, [...new Set(rows.map((r) => r.place_code))]);
  return rows.map((r) => {
    const shape = shapeOf(r.kind)!;
    return {
      countyCode: r.county_code,
      id: r.id,
      kind: r.kind,
      ledger: shape.label,
      year: r.year,
      placeCode: r.place_code,
      placeName: names.get(r.place_code)?.name ?? r.place_code,
      householdNo: r.household_no,
      idNumber: maskIdNumber(r.id_number),
      name: typeof r.data.name === 'string' ? r.data.name : null,
      registered: r.registered,
      data: r.data,
      text: textOf(shape, r.data),
      flags: recordFlags(r.kind, r.data, r.place_code),
      updatedAt: r.updated_at,
    };
  });
}

export interface ImportResult {
  kind: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  problems: RowProblem[];
  warnings: RowProblem[];
}

/**
 * Import a ledger file: every row checked; with any problem nothing is written (400 with the
 * problems); a dry run writes nothing and answers what would be written.
 */
export async function importLedger(db: Db, shape: LedgerShape, file: { path: string; fileName: string }, options: { dryRun: boolean; scope: PlaceScope; place: string }, ctx: LedgerContext): Promise<ImportResult> {
  let read;
  try {
    read = await readLedgerSheet(shape, file.path, file.fileName);
  } catch (e) {
    if (e instanceof SheetFileError) throw badRequest(e.message);
    throw e;
  }
  const at = ctx.actor.at ?? new Date();
  const checked = await checkLedgerRows(db, shape, read.rows, options.scope, options.place, at);
  const warnings = [...read.ignored.map((h) => ({ row: 1, field: h, value: h, message: `列“${h}”不是${shape.label}的列，已忽略` })), ...checked.warnings];
  const base = { kind: shape.kind, rows: read.rows.length, problems: checked.problems, warnings };
  if (!read.rows.length) throw badRequest(`文件没有数据行（请按“${shape.label}”导入模板填写）`);
  if (checked.problems.length) {
    const first = checked.problems[0];
    throw badRequest(`${shape.label}有 ${checked.problems.length} 处错误，未写入任何记录：第 ${first.row} 行 ${first.field}“${first.value}”：${first.message}`, { ...base, dryRun: options.dryRun, created: 0, updated: 0 });
  }
  if (options.dryRun) return { ...base, dryRun: true, created: 0, updated: 0 };
  const written = await db.transaction().execute(async (tx) => {
    const { ids: _ids, ...n } = await q.upsertRecords(tx, checked.records.map(({ row: _row, ...r }) => r), at, ctx.actor.username);
    await recordAudit(tx, {
      ...ctx.actor,
      at,
      action: 'ledger.import',
      objectType: 'ledger',
      objectId: shape.kind,
      placeCode: options.place,
      after: { ledger: shape.label, file: file.fileName, rows: checked.records.length, ...n, years: [...new Set(checked.records.map((r) => r.year))] },
    });
    return n;
  });
  return { ...base, dryRun: false, ...written };
}

/** One record from a form (fields by key): checked as an imported row; replaces the record of the same key. */
export async function saveRecord(db: Db, shape: LedgerShape, input: Record<string, string>, options: { scope: PlaceScope; place: string }, ctx: LedgerContext): Promise<RecordView> {
  const at = ctx.actor.at ?? new Date();
  const checked = await checkLedgerRows(db, shape, [{ row: 1, cells: input }], options.scope, options.place, at);
  if (checked.problems.length) {
    const first = checked.problems[0];
    throw badRequest(`${first.field}“${first.value}”：${first.message}`, { problems: checked.problems.map(({ row: _row, ...p }) => p) });
  }
  const record = checked.records[0];
  const id = await db.transaction().execute(async (tx) => {
    const { row: _row, ...r } = record;
    const [saved] = (await q.upsertRecords(tx, [r], at, ctx.actor.username)).ids;
    await recordAudit(tx, { ...ctx.actor, at, action: 'ledger.save', objectType: shape.kind, objectId: `${r.county_code}:${saved}`, placeCode: r.place_code, after: r.data });
    return saved;
  });
  return (await viewsOf(db, [(await q.recordById(db, record.county_code, id))!]))[0];
}

/**
 * Record an aid item for a student of the register (from the 应助尽助 list): the aid's year,
 * person and stage are the register row's, so the form needs only the item, amount and date.
 */
export async function recordAidFor(db: Db, student: q.RecordRow, input: Record<string, string>, options: { scope: PlaceScope; place: string }, ctx: LedgerContext): Promise<RecordView> {
  if (student.kind !== 'edu_student' || !student.id_number) throw notFound(`学生名册记录 ${student.id} `);
  const aid = shapeOf('edu_aid')!;
  const cells: Record<string, string> = { ...input, year: String(student.year), idNumber: student.id_number, name: String(student.data.name ?? ''), stage: String(student.data.stage ?? '') };
  if (!student.registered) cells.placeCode = student.place_code;
  return saveRecord(db, aid, cells, options, ctx);
}

/** The record (any kind) whoever asks: the route checks its reach and line. */
export async function locateRecord(db: Db, countyCode: string, id: number) {
  return q.recordById(db, countyCode, id);
}

export interface ListFilter {
  place: string;
  year?: number;
  q?: string;
  registered?: boolean;
  fields: Record<string, string>;
}

export async function listLedger(db: Db, scope: PlaceScope, shape: LedgerShape, filter: ListFilter, page: { page: number; pageSize: number } | null) {
  const fields = Object.fromEntries(Object.entries(filter.fields).filter(([k]) => shape.fields.some((f) => f.key === k && f.filter)));
  const { total, rows } = await q.listRecords(db, scope, { ...filter, kind: shape.kind, fields }, page);
  return { total, page: page?.page ?? 1, pageSize: page?.pageSize ?? rows.length, items: await viewsOf(db, rows) };
}

/** The rows of a ledger's export (and template): headers, then each record's cells. */
export function ledgerSheetRows(shape: LedgerShape, items: RecordView[]): { headers: string[]; rows: (string | number | null)[][] } {
  const common = commonColumns(shape);
  const headers = [...common.map((c) => c.label), ...shape.fields.map((f) => f.label), '建档立卡', '所在地', '核查'];
  const rows = items.map((r) => [
    ...common.map((c) => (c.key === 'year' ? r.year : c.key === 'idNumber' ? r.idNumber : c.key === 'name' ? r.name : c.key === 'householdNo' ? r.householdNo : r.placeCode)),
    ...shape.fields.map((f) => (f.type === 'money' && typeof r.data[f.key] === 'number' ? (r.data[f.key] as number) : r.text[f.key])),
    r.registered ? '是' : '非建档立卡',
    r.placeName,
    r.flags.join('；'),
  ]);
  return { headers, rows };
}

/** Audit an export or an unmasked view (outside any transaction). */
export async function auditLedgerRead(db: Db, ctx: LedgerContext, shape: LedgerShape, place: string, rows: number): Promise<void> {
  await recordAudit(db, { ...ctx.actor, at: ctx.actor.at, action: 'ledger.export', objectType: 'ledger', objectId: shape.kind, placeCode: place, after: { ledger: shape.label, rows } });
}

/** A household's records in every ledger the user reads, grouped by ledger. */
export async function householdLedgers(db: Db, user: LedgerUser, countyCode: string, householdNo: string) {
  const shapes = readableShapes(user);
  const rows = await q.householdRecords(db, countyCode, householdNo, shapes.map((s) => s.kind));
  const views = await viewsOf(db, rows);
  return {
    householdNo,
    ledgers: shapes
      .map((s) => ({ kind: s.kind, label: s.label, group: s.group, fields: s.fields.map((f) => ({ key: f.key, label: f.label })), items: views.filter((v) => v.kind === s.kind) }))
      .filter((l) => l.items.length > 0),
  };
}

/** 应助尽助: registered students in school in the school year without the aid of their stage. */
export async function aidGapList(db: Db, scope: PlaceScope, place: string, year: number) {
  const { total, rows } = await q.aidGaps(db, scope, place, year, 2000);
  return { year, policy: { version: AID_ENTITLEMENT.version, source: AID_ENTITLEMENT.source }, total, items: await viewsOf(db, rows) };
}

/** Students in school by stage per child place (seed 002's 小学765人 …), with the aided ones. */
export async function studentCoverage(db: Db, scope: PlaceScope, place: string, year: number) {
  const childLength = place === '0' ? 2 : place.length >= 9 ? 12 : place.length === 6 ? 9 : place.length + 2;
  const rows = await q.studentCoverage(db, scope, place, year, childLength);
  const places = [...new Set(rows.map((r) => r.place))];
  const names = await placeNames(db, places);
  const zero = () => Object.fromEntries(STAGES.map((s) => [s.code, 0])) as Record<string, number>;
  const lines = places.map((code) => {
    const own = rows.filter((r) => r.place === code);
    const byStage = zero();
    for (const r of own) byStage[r.stage] = (byStage[r.stage] ?? 0) + r.students;
    return {
      placeCode: code,
      placeName: names.get(code)?.name ?? code,
      byStage,
      students: own.reduce((n, r) => n + r.students, 0),
      registered: own.reduce((n, r) => n + r.registered, 0),
      aided: own.reduce((n, r) => n + r.aided, 0),
    };
  });
  const total = { ...zero() };
  for (const l of lines) for (const s of STAGES) total[s.code] += l.byStage[s.code];
  return {
    year,
    place,
    stages: STAGES.map((s) => ({ code: s.code, label: s.label })),
    lines,
    total: { byStage: total, students: lines.reduce((n, l) => n + l.students, 0), registered: lines.reduce((n, l) => n + l.registered, 0), aided: lines.reduce((n, l) => n + l.aided, 0) },
  };
}

/**
 * 应保尽保: registered households below the 低保 standard (yuan per person and year, as 民政's
 * file gives it for the county and year) with no member 在保 in 低保 or 特困: a list to verify.
 */
export async function assistanceGapList(db: Db, scope: PlaceScope, place: string, year: number, standard: number) {
  const { total, rows } = await q.assistanceGaps(db, scope, place, year, standard, 2000);
  const names = await placeNames(db, [...new Set(rows.map((r) => r.village_code))]);
  return {
    year,
    standard,
    total,
    items: rows.map((r) => ({
      countyCode: r.county_code,
      householdNo: r.household_no,
      headName: r.head_name,
      status: r.status,
      placeCode: r.village_code,
      placeName: names.get(r.village_code)?.name ?? r.village_code,
      perCapitaNet: Number(r.per_capita_net),
      size: r.household_size,
    })),
  };
}
