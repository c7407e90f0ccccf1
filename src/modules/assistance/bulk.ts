/**
 * Bulk pairing from a spreadsheet (.xlsx or .csv, read row by row by src/spreadsheet's
 * readers). Columns: 户编号, 干部编号, 结对日期. All or nothing: every problem is reported with
 * its row, and nothing is written unless every row and every cadre's quota passes.
 */
import type { Db } from '../../db/database';
import { AppError, badRequest } from '../../server/errors';
import { detectFormat, SheetFileError as ImportFileError, openSheet } from '../../spreadsheet';
import { loadActivePolicies } from '../policy/service';
import { pairWithin, quotaRefusal, type Actor } from './pairing';
import type { HouseholdAccess } from '../../db/householdReach';

export const BULK_HEADERS = ['户编号', '干部编号', '结对日期'] as const;
const MAX_ROWS = 20_000;

interface BulkRow {
  row: number;
  householdNo: string;
  cadreId: number;
  startedOn: string;
}

export interface BulkProblem {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** YYYY-MM-DD or YYYY/M/D naming a real calendar day, as YYYY-MM-DD; '' otherwise. */
function calendarDate(text: string): string {
  const parts = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (!parts) return '';
  const [year, month, day] = parts.slice(1).map(Number);
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return '';
  return at.toISOString().slice(0, 10);
}

async function readRows(path: string, fileName: string): Promise<{ rows: BulkRow[]; problems: BulkProblem[] }> {
  const source = await openSheet(path, await detectFormat(path, fileName));
  const rows: BulkRow[] = [];
  const problems: BulkProblem[] = [];
  let index: number[] | null = null;
  try {
    for await (const batch of source.rows()) {
      for (const r of batch) {
        const cells = r.cells.map((c) => (c ?? '').trim());
        if (!index) {
          index = BULK_HEADERS.map((h) => cells.indexOf(h));
          const missing = BULK_HEADERS.filter((_, i) => index![i] < 0);
          if (missing.length > 0) throw new ImportFileError(`第 ${r.row} 行表头缺少列：${missing.join('、')}（应有 ${BULK_HEADERS.join('、')}）`);
          continue;
        }
        const [no, cadre, date] = index.map((i) => cells[i] ?? '');
        if (!no && !cadre && !date) continue;
        if (rows.length + problems.length >= MAX_ROWS) throw new ImportFileError(`一次最多 ${MAX_ROWS} 行`);
        const cadreId = Number(cadre);
        const startedOn = calendarDate(date);
        if (!no) problems.push({ row: r.row, column: '户编号', value: no, message: '户编号不能为空' });
        else if (!Number.isInteger(cadreId) || cadreId <= 0) problems.push({ row: r.row, column: '干部编号', value: cadre, message: '干部编号应为正整数' });
        else if (!startedOn) problems.push({ row: r.row, column: '结对日期', value: date, message: '结对日期应为真实日期，格式 YYYY-MM-DD（或 YYYY/M/D）' });
        else rows.push({ row: r.row, householdNo: no, cadreId, startedOn });
      }
    }
  } finally {
    await source.close?.();
  }
  if (!index) throw new ImportFileError('文件没有表头行');
  return { rows, problems };
}

/** Pair from an uploaded file at `path`; throws 400 with `details.problems` (row, column, value, message) when any row fails. */
export async function pairFromSheet(db: Db, access: HouseholdAccess, path: string, fileName: string, actor: Actor): Promise<{ paired: number; cadres: number }> {
  let read;
  try {
    read = await readRows(path, fileName);
  } catch (e) {
    if (e instanceof ImportFileError) throw badRequest(e.message);
    throw e;
  }
  const { rows, problems } = read;
  if (problems.length > 0) throw badRequest(`结对表有 ${problems.length} 处错误，未写入任何结对：第 ${problems[0].row} 行 ${problems[0].column}：${problems[0].message}`, { problems });
  if (rows.length === 0) throw badRequest('结对表没有数据行');
  const byCadre = new Map<string, BulkRow[]>();
  for (const r of rows) byCadre.set(`${r.cadreId}|${r.startedOn}`, [...(byCadre.get(`${r.cadreId}|${r.startedOn}`) ?? []), r]);
  const records = await loadActivePolicies(db);
  const failures: BulkProblem[] = [];
  let refusal: Parameters<typeof quotaRefusal>[1] | null = null;
  const paired = await db
    .transaction()
    .execute(async (tx) => {
      let n = 0;
      for (const group of byCadre.values()) {
        const input = { cadreId: group[0].cadreId, householdNos: group.map((g) => g.householdNo), startedOn: group[0].startedOn };
        try {
          const outcome = await pairWithin(tx, records, access, input, actor);
          if (outcome.refused) {
            refusal ??= outcome.refused;
            failures.push({ row: group[0].row, column: '干部编号', value: String(input.cadreId), message: outcome.refused.check.message });
          } else n += outcome.paired;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          const list = (e.details as { problems?: { householdNo: string; message: string }[] } | undefined)?.problems ?? [{ householdNo: '', message: e.message }];
          for (const p of list) {
            const at = group.find((g) => g.householdNo === p.householdNo) ?? group[0];
            failures.push({ row: at.row, column: p.householdNo ? '户编号' : '干部编号', value: p.householdNo || String(input.cadreId), message: p.message });
          }
          throw new RollBack();
        }
      }
      if (failures.length > 0) throw new RollBack();
      return n;
    })
    .catch((e) => {
      if (e instanceof RollBack) return null;
      throw e;
    });
  if (paired === null) {
    if (refusal) await quotaRefusal(db, refusal, actor);
    failures.sort((a, b) => a.row - b.row);
    throw new AppError(failures.some((f) => /最多结对/.test(f.message)) ? 409 : 400, 'bulk_pairing_refused', `结对表有 ${failures.length} 处问题，未写入任何结对：第 ${failures[0].row} 行：${failures[0].message}`, { problems: failures });
  }
  return { paired, cadres: byCadre.size };
}

class RollBack extends Error {}
