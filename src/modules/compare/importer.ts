/**
 * Importing a department's reference file (.xlsx, .csv in UTF-8 or GBK) as a dated batch of one
 * kind for one county. The header row is matched to the kind's declared columns (unknown ones
 * are ignored with a warning, a missing required one refuses the file); every row is checked
 * (ID check digit, dates, amounts, closed lists, place inside the county and the importer's
 * scope). A file with any refused row is kept only as a refused batch without rows, never used
 * for comparison: the operator fixes the file and imports it again. A dry run writes nothing.
 */
import type { Database } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { scopeContains } from '../../db/placeScope';
import { kindOf, matchHeader } from '../../domain/compare/kinds';
import { parseReferenceRow, type ReferenceRow, type RowProblem } from '../../domain/compare/rowParse';
import { detectFormat, openSheet, SheetFileError, workbookBuffer, XLSX_MEDIA_TYPE } from '../../spreadsheet';
import { recordAudit, type AuditActor } from '../audit/service';
import type { JobContext, JobOutcome } from '../jobs/service';
import { insertBatch, insertRows } from './batchQueries';

export interface ImportInput {
  path: string;
  fileName: string;
  kind: string;
  countyCode: string;
  asOf: string;
  source: string;
  dryRun: boolean;
}

export interface ImportContext {
  scope: PlaceScope;
  actor: AuditActor;
  at: Date;
}

export interface ImportResult {
  batchId: number | null;
  status: 'complete' | 'refused' | 'checked';
  dryRun: boolean;
  rows: number;
  refusedRows: number;
  warnings: string[];
  /** The first problems (the error report lists them all). */
  problems: RowProblem[];
}

const SHOWN_PROBLEMS = 100;

async function errorReport(problems: RowProblem[]) {
  const content = await workbookBuffer((wb) => {
    const sheet = wb.addSheet({ name: '错误报告', columns: [{ header: '行号', width: 8 }, { header: '列', width: 20 }, { header: '值', width: 24 }, { header: '问题', width: 80 }] });
    for (const p of problems) sheet.addRow([p.row, p.field, p.value, p.message]);
  });
  return { name: 'errors.xlsx', mediaType: XLSX_MEDIA_TYPE, content };
}

/** Read and check the file; rows and problems (row 0 or 1 problems refuse the whole file). */
async function readFile(input: ImportInput, ctx: ImportContext, job: JobContext): Promise<{ rows: ReferenceRow[]; problems: RowProblem[]; warnings: string[] }> {
  const kind = kindOf(input.kind)!;
  const rows: ReferenceRow[] = [];
  const problems: RowProblem[] = [];
  const warnings: string[] = [];
  let header: ReturnType<typeof matchHeader> | null = null;
  const rowCtx = { countyCode: input.countyCode, inScope: (code: string) => scopeContains(ctx.scope, code), today: ctx.at };
  const seen = new Map<string, number>();
  let source;
  try {
    source = await openSheet(input.path, await detectFormat(input.path, input.fileName));
  } catch (e) {
    if (e instanceof SheetFileError) return { rows, problems: [{ row: 0, field: '文件', value: input.fileName, message: e.message }], warnings };
    throw e;
  }
  try {
    for await (const batch of source.rows()) {
      for (const r of batch) {
        if (r.cells.every((c) => (c ?? '').trim() === '')) continue;
        if (!header) {
          header = matchHeader(kind, r.cells.map((c) => c ?? ''));
          if (header.missing.length) {
            const message = `第 ${r.row} 行（表头）缺少${kind.label}必需的列：${header.missing.join('、')}（请检查是否选对了数据种类，CSV 文件应为 UTF-8 或 GBK 编码）`;
            return { rows, problems: [{ row: r.row, field: '表头', value: r.cells.join(',').slice(0, 200), message }], warnings };
          }
          if (header.unknown.length) warnings.push(`已忽略未定义的列：${header.unknown.join('、')}`);
          continue;
        }
        const parsed = parseReferenceRow(kind, header.index, r.row, r.cells, rowCtx);
        if ('problems' in parsed) problems.push(...parsed.problems);
        else {
          const key = `${parsed.row.idNumber}|${parsed.row.category ?? ''}|${JSON.stringify(parsed.row.detail)}|${parsed.row.onDate ?? ''}`;
          const earlier = seen.get(key);
          if (earlier !== undefined && kind.code !== 'medical') {
            problems.push({ row: r.row, field: '身份证号', value: parsed.row.idNumber, message: `第 ${r.row} 行与第 ${earlier} 行重复` });
          } else {
            seen.set(key, r.row);
            rows.push(parsed.row);
          }
        }
      }
      job.report(source.progress() * 0.8, `已读取 ${rows.length + problems.length} 行`);
    }
  } catch (e) {
    if (e instanceof SheetFileError) return { rows: [], problems: [{ row: 0, field: '文件', value: input.fileName, message: e.message }], warnings };
    throw e;
  } finally {
    await source.close?.();
  }
  if (!header) problems.push({ row: 0, field: '文件', value: input.fileName, message: '文件中没有数据（找不到表头行）' });
  return { rows, problems, warnings };
}

/** The import's work (run by the job runner). */
export async function importReference(database: Database, input: ImportInput, ctx: ImportContext, job: JobContext): Promise<JobOutcome<ImportResult>> {
  const kind = kindOf(input.kind)!;
  const { rows, problems, warnings } = await readFile(input, ctx, job);
  const refusedRows = new Set(problems.map((p) => p.row)).size;
  const base = { dryRun: input.dryRun, rows: rows.length, refusedRows, warnings, problems: problems.slice(0, SHOWN_PROBLEMS) };
  const file = problems.length ? await errorReport(problems) : null;
  if (input.dryRun) {
    const message = problems.length ? `检查完成：${refusedRows} 行有错误，修正后才能导入` : `检查完成：${rows.length} 行均可导入`;
    return { result: { ...base, batchId: null, status: 'checked' }, message, status: problems.length ? 'failed' : 'done', file };
  }
  const status = problems.length ? 'refused' : 'complete';
  job.report(0.85, '写入比对数据');
  const batchId = await database.db.transaction().execute(async (tx) => {
    const id = await insertBatch(tx, {
      countyCode: input.countyCode, kind: input.kind, source: input.source, fileName: input.fileName, asOf: input.asOf, status,
      rowCount: status === 'complete' ? rows.length : 0, errorCount: refusedRows, importedBy: ctx.actor.username, at: ctx.at,
    });
    if (status === 'complete') await insertRows(tx, input.countyCode, id, rows);
    await recordAudit(tx, {
      ...ctx.actor, at: ctx.at, action: 'compare.import', objectType: 'compare_batch', objectId: String(id), placeCode: input.countyCode,
      outcome: status === 'complete' ? 'success' : 'refused',
      after: { kind: input.kind, source: input.source, fileName: input.fileName, asOf: input.asOf, rows: rows.length, refusedRows },
    });
    return id;
  });
  const message = status === 'complete'
    ? `已导入${kind.label}比对数据第 ${batchId} 批：${rows.length} 行（数据截止 ${input.asOf}）`
    : `${kind.label}比对数据第 ${batchId} 批未被采用：${refusedRows} 行有错误，请修正后重新导入（部分导入的批次不用于比对）`;
  return { result: { ...base, batchId, status }, message, status: status === 'complete' ? 'done' : 'failed', file };
}
