/**
 * A ledger's rows from a spreadsheet or a form, checked against the shape (domain/ledgers/rows)
 * and the registry: a person of the registry must lie in the user's place (else a row error);
 * a person not in the registry is kept as 非建档立卡 (POLICY §9) at the place the row names or the
 * user's county; a household must be a registered household in the user's place. Duplicates of a
 * record key in one file are row errors. All or nothing: with any problem nothing is written.
 */
import { scopeContains, type PlaceScope } from '../../db/placeScope';
import type { Db } from '../../db/database';
import { checkRow, headersOf, recordKeyOf, type CheckedRow, type RowProblem } from '../../domain/ledgers/rows';
import type { LedgerShape } from '../../domain/ledgers/shapes';
import { detectFormat, openSheet, SheetFileError } from '../../spreadsheet';
import { placeExists } from '../places/service';
import { personsByIdNumbers, householdsInScope, type NewRecord } from './queries';

export const MAX_ROWS = 20_000;

export interface Checked {
  records: (NewRecord & { row: number })[];
  problems: RowProblem[];
  /** Notes that do not refuse the row (a name differing from the registry's, columns ignored). */
  warnings: RowProblem[];
}

/** The rows of an uploaded file as header → text, or a SheetFileError. */
export async function readLedgerSheet(shape: LedgerShape, path: string, fileName: string): Promise<{ rows: { row: number; cells: Record<string, string> }[]; ignored: string[] }> {
  const source = await openSheet(path, await detectFormat(path, fileName));
  const known = headersOf(shape);
  const rows: { row: number; cells: Record<string, string> }[] = [];
  let header: string[] | null = null;
  try {
    for await (const batch of source.rows()) {
      for (const r of batch) {
        const cells = r.cells.map((c) => (c ?? '').trim());
        if (!header) {
          if (cells.every((c) => !c)) continue;
          header = cells;
          const missing = known.filter((h, i) => i < 2 && !header!.includes(h));
          const required = shape.fields.filter((f) => f.required && !header!.includes(f.label)).map((f) => f.label);
          const absent = [...missing, ...required];
          if (absent.length) throw new SheetFileError(`第 ${r.row} 行表头缺少列：${absent.join('、')}（请使用“${shape.label}”导入模板）`);
          continue;
        }
        if (cells.every((c) => !c)) continue;
        if (rows.length >= MAX_ROWS) throw new SheetFileError(`一次最多导入 ${MAX_ROWS} 行`);
        rows.push({ row: r.row, cells: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])) });
      }
    }
  } finally {
    await source.close?.();
  }
  if (!header) throw new SheetFileError('文件没有表头行');
  return { rows, ignored: header.filter((h) => h && !known.includes(h)) };
}

/** Rows checked against the shape and the registry, within `scope`; `place` is the user's place. */
export async function checkLedgerRows(db: Db, shape: LedgerShape, input: { row: number; cells: Record<string, string> }[], scope: PlaceScope, place: string, today: Date): Promise<Checked> {
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const valid: CheckedRow[] = [];
  for (const r of input) {
    const { value, problems: p } = checkRow(shape, r.row, r.cells, today);
    if (value) valid.push(value);
    problems.push(...p);
  }
  const records: Checked['records'] = [];
  const seen = new Map<string, number>();
  const keep = (row: CheckedRow, rec: Omit<NewRecord, 'kind' | 'year' | 'record_key' | 'data'>) => {
    const key = `${row.year}|${recordKeyOf(shape, row)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ row: row.row, field: shape.subject === 'person' ? '身份证号' : '户编号', value: (row.idNumber ?? row.householdNo)!, message: `与第 ${first} 行是同一条记录（${shape.yearLabel}${row.year}）` });
      return;
    }
    seen.set(key, row.row);
    const data = shape.subject === 'person' ? { name: row.name, ...row.data } : row.data;
    records.push({ ...rec, row: row.row, kind: shape.kind, year: row.year, record_key: recordKeyOf(shape, row), data });
  };
  if (shape.subject === 'household') {
    const found = new Map((await householdsInScope(db, scope, [...new Set(valid.map((r) => r.householdNo!))])).map((h) => [h.household_no, h]));
    for (const r of valid) {
      const h = found.get(r.householdNo!);
      if (!h) problems.push({ row: r.row, field: '户编号', value: r.householdNo!, message: `户编号 ${r.householdNo} 不在建档立卡名单中或不在您的管辖范围内` });
      else keep(r, { county_code: h.county_code, place_code: h.village_code, household_no: h.household_no, id_number: null, registered: true });
    }
  } else {
    const persons = new Map((await personsByIdNumbers(db, [...new Set(valid.map((r) => r.idNumber!))])).map((p) => [p.id_number, p]));
    const placeOk = new Map<string, boolean>();
    for (const code of new Set(valid.filter((r) => !persons.has(r.idNumber!) && r.placeCode).map((r) => r.placeCode!))) {
      placeOk.set(code, scopeContains(scope, code) && (await placeExists(db, code)));
    }
    for (const r of valid) {
      const p = persons.get(r.idNumber!);
      if (p) {
        if (!scopeContains(scope, p.village_code)) {
          problems.push({ row: r.row, field: '身份证号', value: r.idNumber!, message: '该人员不在您的管辖范围内' });
          continue;
        }
        if (p.name !== r.name) warnings.push({ row: r.row, field: '姓名', value: r.name!, message: `与建档立卡登记的姓名“${p.name}”不一致，已按身份证号对应` });
        keep(r, { county_code: p.county_code, place_code: p.village_code, household_no: p.household_no, id_number: p.id_number, registered: true });
        continue;
      }
      // 非建档立卡: kept at the row's place, or the user's county.
      const at = r.placeCode ?? (place.length === 6 ? place : null);
      if (!at) problems.push({ row: r.row, field: '行政区划代码', value: '', message: '该人员不在建档立卡名单中，请填写其所在县、乡镇或村的行政区划代码' });
      else if (r.placeCode && !placeOk.get(r.placeCode)) problems.push({ row: r.row, field: '行政区划代码', value: r.placeCode, message: `行政区划代码 ${r.placeCode} 不存在或不在您的管辖范围内` });
      else keep(r, { county_code: at.slice(0, 6), place_code: at, household_no: null, id_number: r.idNumber, registered: false });
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return { records, problems, warnings };
}
