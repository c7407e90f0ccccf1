/** Helpers of the roster tests: upload rows as a CSV through the upload job, as the console. */
import { basename } from 'node:path';
import type { Database } from '../../src/db/database';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { jobSettled } from '../../src/modules/jobs/service';
import type { RosterResult } from '../../src/modules/rosters/importer';
import { getRosterJob, startRosterUpload } from '../../src/modules/rosters/service';
import { tempDir, writeCsv, type Row } from '../imports/files';

export const AT = new Date('2026-03-01T02:00:00.000Z');
const dir = tempDir();
let files = 0;

export const MAPPING = { idNumber: '公民身份号码', name: '姓名', placeCode: '区划代码', status: '户类型', assistance: '救助类型', disabilityGrade: '残疾等级' };
export const HEADERS = Object.values(MAPPING);

export interface UploadOptions { source?: string; headers?: string[]; encoding?: 'gbk' | 'utf8'; retentionDays?: number; at?: Date }

export async function upload(database: Database, place: string, rows: Row[], options: UploadOptions = {}) {
  const path = writeCsv(dir, `roster-${++files}.csv`, rows, { headers: options.headers ?? HEADERS, encoding: options.encoding });
  const id = await startRosterUpload(database, { path, fileName: basename(path), place, source: options.source ?? '民政低收入人口', retentionDays: options.retentionDays ?? 30 },
    { userId: 0, actor: CONSOLE_ACTOR, at: options.at ?? AT });
  await jobSettled(id);
  const job = await getRosterJob(database, id, 0);
  return { status: job.status, message: job.message, result: job.result as RosterResult };
}
