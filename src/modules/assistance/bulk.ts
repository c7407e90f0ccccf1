/**
 * Bulk pairing from a spreadsheet (.xlsx or .csv, read row by row by src/spreadsheet's
 * readers). Columns: 户编号, 干部编号, 结对日期. All or nothing: every problem is reported with
 * its row, and nothing is written unless every row and every cadre's quota passes.
 */
import type { Db } from '../../db/database';
import { AppError, badRequest } from '../../server/errors';
import { detectFormat, SheetFileError as ImportFileError, openSheet, workbookBuffer } from '../../spreadsheet';
import { loadActivePolicies } from '../policy/service';
import { pairWithin, quotaRefusal, type Actor } from './pairing';
import type { HouseholdAccess } from '../../db/householdReach';

export const BULK_HEADERS = ['户编号', '干部编号', '结对日期'] as const;
const MAX_ROWS = 20_000;

/** The pairing sheet's template: the header row (dates as YYYY-MM-DD), and a second sheet listing the cadres one may pair (their 干部编号). */
export function pairingTemplate(cadres: readonly { id: number; name: string; unit: string; rank: string; households: number }[]): Promise<Buffer> {
  return workbookBuffer((workbook) => {
    workbook.addSheet({ name: '结对表', columns: [{ header: BULK_HEADERS[0], width: 22 }, { header: BULK_HEADERS[1], width: 10 }, { header: BULK_HEADERS[2], width: 14 }], frozenHeader: true });
    const list = workbook.addSheet({ name: '干部编号', columns: [{ header: '干部编号', width: 10 }, { header: '姓名', width: 12 }, { header: '工作单位', width: 24 }, { header: '职级', width: 16 }, { header: '已结对户数', width: 10 }] });
    for (const c of cadres) list.addRow([c.id, c.name, c.unit, c.rank, c.households]);
  });
}

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

export interface PairingSheetCheck {
  /** Data rows read. */
  rows: number;
  /** Households that would be (dry run) or were paired. */
  paired: number;
  cadres: number;
  problems: BulkProblem[];
}

/** Dry run of an uploaded pairing sheet: every check of the commit, in a transaction rolled back; problems listed, nothing written. */
export async function checkPairingSheet(db: Db, access: HouseholdAccess, path: string, fileName: string, actor: Actor): Promise<PairingSheetCheck> {
  const outcome = await pairRows(db, access, path, fileName, actor, true);
  return { rows: outcome.rows, paired: outcome.paired, cadres: outcome.cadres, problems: outcome.problems };
}

/** Pair from an uploaded file at `path`; throws 400 with `details.problems` (row, column, value, message) when any row fails. */
export async function pairFromSheet(db: Db, access: HouseholdAccess, path: string, fileName: string, actor: Actor): Promise<{ paired: number; cadres: number }> {
  const outcome = await pairRows(db, access, path, fileName, actor, false);
  const { problems } = outcome;
  if (outcome.unread) throw badRequest(`结对表有 ${problems.length} 处错误，未写入任何结对：第 ${problems[0].row} 行 ${problems[0].column}：${problems[0].message}`, { problems });
  if (problems.length > 0) {
    if (outcome.refusal) await quotaRefusal(db, outcome.refusal, actor);
    throw new AppError(problems.some((f) => /最多结对/.test(f.message)) ? 409 : 400, 'bulk_pairing_refused', `结对表有 ${problems.length} 处问题，未写入任何结对：第 ${problems[0].row} 行：${problems[0].message}`, { problems });
  }
  return { paired: outcome.paired, cadres: outcome.cadres };
}

/** Read, check and pair every row in one transaction, rolled back on any problem or on a dry run. */
async function pairRows(db: Db, access: HouseholdAccess, path: string, fileName: string, actor: Actor, dryRun: boolean) {
  let read;
  try {
    read = await readRows(path, fileName);
  } catch (e) {
    if (e instanceof ImportFileError) throw badRequest(e.message);
    throw e;
  }
  const { rows, problems } = read;
  const none = { rows: rows.length + problems.length, paired: 0, cadres: 0, refusal: null };
  if (problems.length > 0) return { ...none, problems, unread: true };
  if (rows.length === 0) throw badRequest('结对表没有数据行');
  const byCadre = new Map<string, BulkRow[]>();
  for (const r of rows) byCadre.set(`${r.cadreId}|${r.startedOn}`, [...(byCadre.get(`${r.cadreId}|${r.startedOn}`) ?? []), r]);
  const records = await loadActivePolicies(db);
  const failures: BulkProblem[] = [];
  let refusal: Parameters<typeof quotaRefusal>[1] | null = null;
  let n = 0;
  await db
    .transaction()
    .execute(async (tx) => {
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
      if (failures.length > 0 || dryRun) throw new RollBack();
    })
    .catch((e) => {
      if (!(e instanceof RollBack)) throw e;
    });
  failures.sort((a, b) => a.row - b.row);
  return { rows: rows.length, paired: failures.length > 0 ? 0 : n, cadres: byCadre.size, problems: failures, refusal, unread: false };
}

class RollBack extends Error {}
