/**
 * A process that starts an import job which never ends and says so on stdout (its job id), to be
 * killed by the test (SIGKILL): the job is left `running` by a process that is gone.
 * Database: FIXTURE_URL (PostgreSQL) or FIXTURE_DATA_DIR (embedded).
 */
import { openDatabase } from '../../src/db/database';
import { ABANDONED_BEFORE_COMMIT, IMPORT_JOB } from '../../src/modules/imports/jobs';
import { startJob } from '../../src/modules/jobs/service';

const url = process.env.FIXTURE_URL;
const database = await openDatabase(url ? { url } : { dataDir: process.env.FIXTURE_DATA_DIR });
await startJob(database, {
  kind: IMPORT_JOB,
  params: { fileName: 'killed.csv', dryRun: false, userId: null },
  label: '导入',
  ifAbandoned: ABANDONED_BEFORE_COMMIT,
  work: (job) => {
    job.report(0.3, undefined, 'reading');
    process.stdout.write(`${job.jobId}\n`);
    return new Promise<never>(() => {});
  },
});
