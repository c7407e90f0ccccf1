/** Helpers of the comparison tests: import reference rows as a CSV through the import job, run the comparison job. */
import { basename } from 'node:path';
import type { Database } from '../../src/db/database';
import { scopeOf } from '../../src/db/placeScope';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { getCompareJob, startImport, startRun } from '../../src/modules/compare/service';
import { jobSettled } from '../../src/modules/jobs/service';
import type { RunResult } from '../../src/modules/compare/run';
import { tempDir, writeCsv, type Row } from '../imports/files';

const dir = tempDir();
let files = 0;

export const AT = new Date('2024-03-01T02:00:00.000Z');
export const TODAY = '2024-03-01';

const owner = (county: string, scope = scopeOf([county])) => ({ userId: 0, actor: CONSOLE_ACTOR, scope, at: AT, today: TODAY });

export interface ImportOptions {
  asOf?: string;
  headers?: string[];
  encoding?: 'utf8' | 'utf8-bom' | 'gbk';
  dryRun?: boolean;
  /** The importer's scope (default: the county). */
  scope?: string[];
  /** Raw file content instead of CSV rows. */
  raw?: Buffer;
}

/** Import rows of a kind for a county; the finished job (status, result). */
export async function importRows(database: Database, kind: string, county: string, rows: Row[], options: ImportOptions = {}) {
  const headers = options.headers ?? Object.keys(rows[0] ?? {});
  const name = `${kind}-${++files}.csv`;
  let path = writeCsv(dir, name, rows, { headers, encoding: options.encoding });
  if (options.raw) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, options.raw);
  }
  const id = await startImport(database, { path, fileName: basename(path), kind, countyCode: county, asOf: options.asOf ?? '2024-02-29', source: '测试部门', dryRun: !!options.dryRun },
    owner(county, options.scope ? scopeOf(options.scope) : undefined));
  await jobSettled(id);
  const job = await getCompareJob(database, id, 0);
  return { ...job, result: job.result as { batchId: number | null; status: string; rows: number; refusedRows: number; warnings: string[]; problems: { row: number; field: string; value: string; message: string }[] } };
}

/** Run the comparison for a county; the job's result. */
export async function runCounty(database: Database, county: string, today = TODAY) {
  return runCounties(database, [county], today);
}

/** Run the comparison for these counties in one job; the job's result. */
export async function runCounties(database: Database, counties: string[], today = TODAY) {
  const place = counties.length === 1 ? counties[0] : '0';
  const id = await startRun(database, place, counties, { ...owner(counties[0], scopeOf(counties)), today });
  await jobSettled(id);
  const job = await getCompareJob(database, id, 0);
  if (job.status !== 'done') throw new Error(`run failed: ${job.message}`);
  return job.result as RunResult;
}
