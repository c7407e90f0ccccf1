/**
 * Import of village records (村情) from a county's spreadsheet: one row per village, columns
 * named by the labels of fields.ts after 村代码 and 村名称. Read by src/spreadsheet's readers;
 * every problem names the row, the column and the value; a dry run writes nothing; a commit
 * writes every row or, with any problem, nothing (one transaction, one audit event per village).
 */
import type { Db } from '../../db/database';
import { badRequest } from '../../server/errors';
import { detectFormat, openSheet, SheetFileError } from '../../spreadsheet';
import { recordAudit } from '../audit/service';
import { placeByCode, villagesUnder } from '../places/service';
import { SCHOOL_LABELS, VILLAGE_FIELDS, type FieldValue, type VillageField, type VillageValues } from './fields';
import * as q from './queries';
import { rowOf, valueProblems, valuesOf, type SaveContext } from './records';

export const CODE_HEADER = '村代码';
export const NAME_HEADER = '村名称';
export const IMPORT_HEADERS = [CODE_HEADER, NAME_HEADER, ...VILLAGE_FIELDS.map((f) => f.label)];
const MAX_ROWS = 5000;

export interface ImportProblem {
  row: number;
  field: string;
  value: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  written: number;
  problems: ImportProblem[];
}

interface ParsedRow {
  row: number;
  villageCode: string;
  townshipCode: string;
  values: VillageValues;
}

const YES = new Set(['是', '有', '通', '已通', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', '无', '未通', '没有', 'n', 'no', 'false', '0', '×']);
const SCHOOL_CODES = new Map(Object.entries(SCHOOL_LABELS).map(([code, label]) => [label, code]));

/** A cell as a field's value; a string starting with '!' is the problem. */
function parseCell(field: VillageField, text: string): FieldValue | { problem: string } {
  if (text === '') return null;
  switch (field.kind) {
    case 'count':
    case 'year': {
      const n = Number(text.replace(/,/g, ''));
      return Number.isFinite(n) ? n : { problem: `${field.label}应为${field.kind === 'year' ? '四位年份' : '整数'}` };
    }
    case 'money': {
      const n = Number(text.replace(/,/g, ''));
      return Number.isFinite(n) ? n : { problem: `${field.label}应为数字（元）` };
    }
    case 'share': {
      const percent = text.endsWith('%');
      const n = Number(percent ? text.slice(0, -1) : text);
      if (!Number.isFinite(n)) return { problem: `${field.label}应为百分数（如 85%）或 0 到 1 之间的小数` };
      return percent ? n / 100 : n;
    }
    case 'flag': {
      const t = text.toLowerCase();
      if (YES.has(t)) return true;
      if (NO.has(t)) return false;
      return { problem: `${field.label}应为“是”或“否”` };
    }
    case 'school':
      return SCHOOL_CODES.get(text) ?? (text in SCHOOL_LABELS ? text : { problem: `${field.label}应为：${Object.values(SCHOOL_LABELS).join('、')}` });
    case 'text':
      return text;
  }
}

async function readSheet(path: string, fileName: string): Promise<{ row: number; cells: Map<string, string> }[]> {
  const source = await openSheet(path, await detectFormat(path, fileName));
  const rows: { row: number; cells: Map<string, string> }[] = [];
  let header: string[] | null = null;
  try {
    for await (const batch of source.rows()) {
      for (const r of batch) {
        const cells = r.cells.map((c) => (c ?? '').trim());
        if (!header) {
          if (cells.every((c) => c === '')) continue;
          header = cells;
          const missing = [CODE_HEADER, NAME_HEADER, VILLAGE_FIELDS[0].label].filter((h) => !header!.includes(h));
          if (missing.length) throw new SheetFileError(`第 ${r.row} 行表头缺少列：${missing.join('、')}（模板列为：${IMPORT_HEADERS.join('、')}）`);
          continue;
        }
        if (cells.every((c) => c === '')) continue;
        if (rows.length >= MAX_ROWS) throw new SheetFileError(`一次最多导入 ${MAX_ROWS} 个村`);
        rows.push({ row: r.row, cells: new Map(header.map((h, i) => [h, cells[i] ?? ''])) });
      }
    }
  } finally {
    await source.close?.();
  }
  if (!header) throw new SheetFileError('文件没有表头行');
  return rows;
}

/** Check every row against the county's villages, the field rules and the registry. */
async function checkRows(db: Db, county: string, year: number, sheet: { row: number; cells: Map<string, string> }[]): Promise<{ parsed: ParsedRow[]; problems: ImportProblem[] }> {
  const [villages, figures] = await Promise.all([villagesUnder(db, county), q.registryFigures(db, county, year)]);
  const byCode = new Map(villages.map((v) => [v.code, v]));
  const byName = new Map<string, string[]>();
  for (const v of villages) byName.set(v.name, [...(byName.get(v.name) ?? []), v.code]);
  const figuresOf = new Map(figures.map((f) => [f.villageCode, f]));
  const problems: ImportProblem[] = [];
  const parsed: ParsedRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet) {
    const add = (field: string, value: string, message: string) => problems.push({ row, field, value, message });
    const code = cells.get(CODE_HEADER) ?? '';
    const name = cells.get(NAME_HEADER) ?? '';
    let villageCode: string | null = null;
    if (code) {
      const v = byCode.get(code);
      if (!v) add(CODE_HEADER, code, `村代码 ${code} 不是本县的村`);
      else if (name && name !== v.name) add(NAME_HEADER, name, `村名称与村代码 ${code}（${v.name}）不符`);
      else villageCode = code;
    } else if (!name) add(CODE_HEADER, '', '村代码和村名称不能都为空');
    else {
      const codes = byName.get(name) ?? [];
      if (codes.length === 0) add(NAME_HEADER, name, `本县没有名为“${name}”的村`);
      else if (codes.length > 1) add(NAME_HEADER, name, `本县有 ${codes.length} 个名为“${name}”的村，请填写村代码`);
      else villageCode = codes[0];
    }
    if (villageCode && seen.has(villageCode)) {
      add(CODE_HEADER, villageCode, `与第 ${seen.get(villageCode)} 行是同一个村`);
      villageCode = null;
    }
    if (villageCode) seen.set(villageCode, row);
    const values: Record<string, FieldValue> = {};
    let parseFailed = false;
    for (const field of VILLAGE_FIELDS) {
      if (!cells.has(field.label)) continue;
      const text = cells.get(field.label)!;
      const v = parseCell(field, text);
      if (v !== null && typeof v === 'object') {
        add(field.label, text, v.problem);
        parseFailed = true;
      } else values[field.key] = v;
    }
    if (!villageCode || parseFailed) continue;
    const f = figuresOf.get(villageCode) ?? { persons: 0, poorPersons: 0 };
    const found = valueProblems(values as VillageValues, f, year);
    for (const p of found) add(p.field, p.value, p.message);
    if (found.length === 0) parsed.push({ row, villageCode, townshipCode: byCode.get(villageCode)!.parentCode ?? villageCode.slice(0, 9), values: values as VillageValues });
  }
  return { parsed, problems };
}

/** Import (or, with dryRun, only check) a county's village records of a year. */
export async function importVillageRecords(db: Db, county: string, year: number, file: { path: string; name: string }, options: { dryRun: boolean }, ctx: SaveContext): Promise<ImportResult> {
  const place = await placeByCode(db, county);
  if (!place || place.level !== 3) throw badRequest(`导入村情须指定县（place），${county} 不是县`, { problems: [{ row: 0, field: 'place', value: county, message: '不是县' }] });
  let sheet;
  try {
    sheet = await readSheet(file.path, file.name);
  } catch (e) {
    if (e instanceof SheetFileError) throw badRequest(e.message, { problems: [{ row: 0, field: '文件', value: file.name, message: e.message }] });
    throw e;
  }
  if (sheet.length === 0) throw badRequest('文件没有数据行', { problems: [{ row: 0, field: '文件', value: file.name, message: '没有数据行' }] });
  const { parsed, problems } = await checkRows(db, county, year, sheet);
  problems.sort((a, b) => a.row - b.row);
  if (options.dryRun) return { dryRun: true, rows: sheet.length, written: 0, problems };
  if (problems.length) {
    const first = problems[0];
    throw badRequest(`村情表有 ${problems.length} 处错误，未写入任何数据：第 ${first.row} 行 ${first.field}（${first.value || '空'}）：${first.message}`, { problems });
  }
  const at = ctx.actor.at ?? new Date();
  await db.transaction().execute(async (tx) => {
    for (const p of parsed) {
      const before = await q.findRecord(tx, p.villageCode, year, true);
      await q.upsertRecord(tx, rowOf(p.values, { countyCode: county, villageCode: p.villageCode, townshipCode: p.townshipCode, year }, ctx.actor.username, at));
      await recordAudit(tx, {
        ...ctx.actor, action: 'village.record.import', objectType: 'village_record', objectId: `${p.villageCode}/${year}`, placeCode: p.villageCode,
        before: before ? valuesOf(before) : null, after: p.values, note: `${file.name} 第 ${p.row} 行`,
      });
    }
  });
  return { dryRun: false, rows: sheet.length, written: parsed.length, problems: [] };
}
