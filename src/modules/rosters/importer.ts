/**
 * Uploading a roster (issue 25 item 6): the file (.xlsx, or .csv in UTF-8 or GBK) is read through
 * the spreadsheet library, its header row located with the source's saved column mapping (no
 * mapping, or a mapped column missing, refuses the file and offers the headers found and a
 * suggested mapping), every row checked and matched to the registry of the place by ID number.
 * A file with any bad row writes nothing but its error report; a good one is stored with its
 * matches and conflicts in one transaction, kept until its retention ends.
 */
import type { Database } from '../../db/database';
import { locateMapping, suggestMapping, type RosterMapping } from '../../domain/rosters/fields';
import type { RosterRowProblem } from '../../domain/rosters/match';
import { RosterMatcher } from '../../domain/rosters/matcher';
import { detectFormat, openSheet, SheetFileError, workbookBuffer, XLSX_MEDIA_TYPE } from '../../spreadsheet';
import { recordAudit, type AuditActor } from '../audit/service';
import type { JobContext, JobOutcome } from '../jobs/service';
import { insertRoster, insertRosterRows, mappingOf, purgeRosters, registryFacts } from './rosterQueries';

export interface RosterInput {
  path: string;
  fileName: string;
  /** The place whose registry the roster is matched to (a county or below, inside the uploader's scope). */
  place: string;
  source: string;
  retentionDays: number;
}

export interface RosterContext { actor: AuditActor; at: Date }

export interface RosterResult {
  rosterId: number | null;
  rows: number;
  matched: number;
  conflicts: number;
  refusedRows: number;
  /** The first problems (the error report lists them all). */
  problems: RosterRowProblem[];
  /** When the source has no usable mapping: the file's headers and the mapping suggested for them. */
  mapping?: { headers: string[]; suggested: RosterMapping; saved: RosterMapping | null };
}

const SHOWN_PROBLEMS = 100;

async function errorReport(problems: readonly RosterRowProblem[]) {
  const content = await workbookBuffer((wb) => {
    const sheet = wb.addSheet({ name: '错误报告', columns: [{ header: '行号', width: 8 }, { header: '列', width: 20 }, { header: '值', width: 24 }, { header: '问题', width: 80 }] });
    for (const p of problems) sheet.addRow([p.row, p.field, p.value, p.message]);
  });
  return { name: 'errors.xlsx', mediaType: XLSX_MEDIA_TYPE, content };
}

const empty = (problems: RosterRowProblem[], extra: Partial<RosterResult> = {}): RosterResult => ({ rosterId: null, rows: 0, matched: 0, conflicts: 0, refusedRows: problems.length ? 1 : 0, problems, ...extra });

type ReadOutcome = { matcher: RosterMatcher } | { refused: RosterResult };

async function readRoster(database: Database, input: RosterInput, ctx: RosterContext, job: JobContext): Promise<ReadOutcome> {
  const countyCode = input.place.slice(0, 6);
  const fileProblem = (message: string): ReadOutcome => ({ refused: empty([{ row: 0, field: '文件', value: input.fileName, message }]) });
  let source;
  try {
    source = await openSheet(input.path, await detectFormat(input.path, input.fileName));
  } catch (e) {
    if (e instanceof SheetFileError) return fileProblem(e.message);
    throw e;
  }
  const saved = (await mappingOf(database.db, countyCode, input.source)) ?? null;
  let matcher: RosterMatcher | null = null;
  try {
    for await (const batch of source.rows()) {
      for (const r of batch) {
        if (r.cells.every((c) => (c ?? '').trim() === '')) continue;
        if (matcher) {
          matcher.add(r.row, r.cells);
          continue;
        }
        const headers = r.cells.map((c) => (c ?? '').trim());
        const located = saved ? locateMapping(saved, headers) : null;
        if (!located || located.missing.length) {
          const message = located
            ? `第 ${r.row} 行（表头）缺少来源「${input.source}」的列映射中的列：${located.missing.join('、')}（请修改列映射，CSV 文件应为 UTF-8 或 GBK 编码）`
            : `来源「${input.source}」还没有列映射：请对照第 ${r.row} 行（表头）设置一次列映射后重新上传`;
          return { refused: empty([{ row: r.row, field: '列映射', value: headers.join(',').slice(0, 200), message }], { mapping: { headers, suggested: suggestMapping(headers), saved } }) };
        }
        job.report(0.05, '读取名单、比对库内数据');
        matcher = new RosterMatcher(located.index, headers, { place: input.place, today: ctx.at }, await registryFacts(database.db, input.place));
      }
      job.report(source.progress() * 0.8, `已读取 ${(matcher?.rows.length ?? 0) + (matcher?.problems.length ?? 0)} 行`);
    }
  } catch (e) {
    if (e instanceof SheetFileError) return fileProblem(e.message);
    throw e;
  } finally {
    await source.close?.();
  }
  return matcher ? { matcher } : fileProblem('文件中没有数据（找不到表头行）');
}

/** The upload's work (run by the job runner). */
export async function importRoster(database: Database, input: RosterInput, ctx: RosterContext, job: JobContext): Promise<JobOutcome<RosterResult>> {
  await purgeRosters(database.db, ctx.at);
  const read = await readRoster(database, input, ctx, job);
  if ('refused' in read) {
    const r = read.refused;
    return { result: r, message: r.problems[0].message, status: 'failed', file: await errorReport(r.problems) };
  }
  const m = read.matcher;
  if (m.problems.length) {
    const refusedRows = new Set(m.problems.map((p) => p.row)).size;
    return {
      result: { rosterId: null, rows: m.rows.length, matched: 0, conflicts: 0, refusedRows, problems: m.problems.slice(0, SHOWN_PROBLEMS) },
      message: `名单未被采用：${refusedRows} 行有错误，请修正后重新上传（没有写入任何数据）`, status: 'failed', file: await errorReport(m.problems),
    };
  }
  job.report(0.85, '写入比对结果');
  const countyCode = input.place.slice(0, 6);
  const rosterId = await database.db.transaction().execute(async (tx) => {
    const id = await insertRoster(tx, {
      countyCode, place: input.place, source: input.source, fileName: input.fileName, rows: m.rows.length, matched: m.matched, conflicts: m.withConflicts,
      by: ctx.actor.username, at: ctx.at, purgeAfter: new Date(ctx.at.getTime() + input.retentionDays * 86_400_000),
    });
    await insertRosterRows(tx, countyCode, id, m.rows);
    await recordAudit(tx, {
      ...ctx.actor, at: ctx.at, action: 'rosters.upload', objectType: 'roster', objectId: String(id), placeCode: input.place,
      after: { source: input.source, fileName: input.fileName, rows: m.rows.length, matched: m.matched, conflicts: m.withConflicts, retentionDays: input.retentionDays },
    });
    return id;
  });
  return {
    result: { rosterId, rows: m.rows.length, matched: m.matched, conflicts: m.withConflicts, refusedRows: 0, problems: [] },
    message: `名单第 ${rosterId} 号：${m.rows.length} 行，匹配在册人员 ${m.matched} 人，其中 ${m.withConflicts} 人有不一致`,
  };
}
