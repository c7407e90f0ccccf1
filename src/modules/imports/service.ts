/**
 * Registry import: a spreadsheet (.xlsx or .csv, one row per person) checked row by row while
 * it streams into a staging table, checked against the registry with set-based SQL, then
 * written in one transaction — all or nothing. A dry run does everything and rolls back.
 */
import type { Database, Db, Session } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { CONSOLE_ACTOR, recordAudit } from '../audit/service';
import { recomputeAssessments } from '../monitoring/service';
import { createPlaceResolver, type PlaceNames } from '../places/service';
import { COLUMNS, columnByKey } from './columns';
import { ImportFileError, ProblemList } from './problems';
import * as q from './queries';
import { detectFormat, openSheet } from '../../spreadsheet';
import * as direct from './directLoad';
import { NO_YEAR, stagingChunks, type StagingState } from './staging';
import { importJobs } from './jobs';
import type { ImportCounts, ImportOptions, ImportPhase, ImportReport, ImportSource } from './types';
import { auditHidden, checkAgainstRegistry, type HiddenRow } from './registryChecks';
import { markRollupsStaleFrom } from '../../db/rollupMarks';

export { ImportFileError, type ImportProblem } from './problems';
export { buildErrorReport, buildTemplate } from './workbooks';
export type { ImportCounts, ImportOptions, ImportPhase, ImportProgress, ImportReport, ImportSource } from './types';
export { IMPORT_JOB, type ImportJobView, type JobOptions, type StartOptions } from './jobs';
/** Imports as jobs (jobs.ts is handed the import, so it need not import this file). */
export const { startImportJob, runImportJob, getImportJob, getImportErrorReport, importJobSettled, cancelImportJob } = importJobs(importRegistry);

const READ_SHARE = 0.75;
const CHECK_SHARE = 0.1;
const PLACE_BATCH = 2000;

/** Thrown inside the import's transaction to undo it (a dry run, or errors found). */
class Rollback extends Error {}
const BULK_LOAD_ROWS = 10_000;
const PLACE_FIELDS: Record<keyof PlaceNames, string> = { province: '省', city: '市', county: '县', township: '乡镇', village: '村' };

/** The status year written (then rolled back) while a file without 收入年度 and without a year is checked. */
const NO_YEAR_PLACEHOLDER = 0;

function newReport(fileName: string, dryRun: boolean): ImportReport {
  const zero = () => ({ added: 0, updated: 0, unchanged: 0 });
  return {
    ok: false, dryRun, fileName, format: null, rows: 0, households: zero(), persons: zero(),
    incomes: 0, statusRecords: 0, riskEvents: 0, indexesRebuilt: 0, path: 'staging', incomeYears: [], statusYear: null, assessed: [], errorCount: 0, errors: [], warnings: [], seconds: 0,
  };
}

/** Village codes of households given by place names, resolved once per distinct combination. */
async function resolvePlaces(db: Db, problems: ProblemList, warnings: Set<string>): Promise<void> {
  const codeHeader = columnByKey('village_code').header;
  for (const bad of await q.unknownVillageCodes(db)) {
    problems.add(bad.row, codeHeader, bad.code, `村代码 ${bad.code} 不是已知的村级区划代码（户 ${bad.householdNo}）`);
  }
  const combinations = await q.distinctPlaceNames(db);
  if (combinations.length === 0) return;
  const resolver = createPlaceResolver(db);
  const resolved: (q.PlaceNameRow & { code: string })[] = [];
  for (const names of combinations) {
    const answer = await resolver.resolve(names);
    if (answer.ok && answer.level === 5) {
      resolved.push({ ...names, code: answer.code });
      for (const note of answer.notes) warnings.add(note);
      continue;
    }
    const field = answer.ok ? 'village' : (answer.field ?? 'village');
    const reason = answer.ok ? `未能定位到村：${names.village}` : answer.reason;
    for (const row of await q.rowsWithPlaceNames(db, names)) problems.add(row.row, PLACE_FIELDS[field], names[field] ?? '', `${reason}（户 ${row.householdNo}）`);
  }
  for (let i = 0; i < resolved.length; i += PLACE_BATCH) await q.setResolvedVillages(db, resolved.slice(i, i + PLACE_BATCH));
}

function counts(total: number, written: q.WriteCounts): ImportCounts {
  return { added: written.added, updated: written.updated, unchanged: total - written.added - written.updated };
}

/**
 * Write the staged households, members, incomes and status records. A load at least as large as
 * the registry already there (an initial load) drops the tables' secondary indexes first and
 * rebuilds them at the end, inside the transaction: building an index once is several times
 * cheaper than updating it row by row.
 */
async function writeRegistry(
  s: Session,
  tx: Db,
  report: ImportReport,
  present: Set<string>,
  options: { statusYear: number | null; bulkLoadRows: number },
  progress: (fraction: number) => void,
): Promise<void> {
  const staged = await q.countStaged(tx);
  const bulk = staged.persons >= options.bulkLoadRows && staged.persons >= (await q.estimatedRows(tx, 'person'));
  const indexes = bulk ? [...(await q.secondaryIndexes(tx, 'household')), ...(await q.secondaryIndexes(tx, 'person'))] : [];
  await q.dropIndexes(s, indexes);
  await markRollupsStaleFrom(tx, 'import_household');
  report.households = counts(staged.households, await q.writeHouseholds(tx, present));
  progress(0.2);
  report.persons = counts(staged.persons, await q.writePersons(tx, present));
  progress(0.5);
  report.incomes = await q.writeIncomes(tx);
  report.statusRecords = await q.writeStatusHistory(tx, options.statusYear);
  report.riskEvents = await q.writeRiskEvents(tx);
  progress(0.7);
  if (!report.dryRun) await q.createIndexes(s, indexes);
  report.indexesRebuilt = indexes.length;
}

/** Re-assess what an import changed, county by county, with the rules of each income year. */
async function reassessImported(database: Database, imported: { county: string; years: number[] }[]) {
  const assessed: ImportReport['assessed'] = [];
  for (const { county, years } of imported) {
    for (const year of years.length ? years : [undefined]) {
      const summary = await recomputeAssessments(database, { place: county, year });
      assessed.push({ county, year: summary.year, households: summary.households });
    }
  }
  return assessed;
}

/** One attempt at the import, inside its transaction. */
interface Attempt {
  s: Session;
  tx: Db;
  sheet: Awaited<ReturnType<typeof openSheet>>;
  report: ImportReport;
  problems: ProblemList;
  warnings: Set<string>;
  state: StagingState;
  today: Date;
  scope: PlaceScope;
  /** Duplicates outside the scope, withheld from the user, for the audit trail. */
  hidden: HiddenRow[];
  writing: { statusYear: number | null; bulkLoadRows: number };
  progress: (phase: ImportPhase, fraction: number) => void;
}

const readProgress = (a: Attempt) => () => a.progress('reading', READ_SHARE * a.sheet.progress());
const writeProgress = (a: Attempt) => (f: number) => a.progress('writing', READ_SHARE + CHECK_SHARE + f * (1 - READ_SHARE - CHECK_SHARE));
const presentColumns = (a: Attempt) => new Set([...a.state.layout!.positions.keys()].map((c) => c.key));

function afterReading(a: Attempt): void {
  a.report.rows = a.state.checker!.rows;
  for (const header of a.state.layout!.unknown) a.warnings.add(`未识别的列“${header}”，已忽略`);
  a.progress('checking', READ_SHARE);
}

/** The staging path: every row into a staging table, checks and upserts set-based over it. */
async function loadStaged(a: Attempt): Promise<void> {
  const { s, tx, problems } = a;
  await q.createStaging(s);
  await s.copyIn(q.STAGE_COPY, stagingChunks(a.sheet, problems, a.state, a.today, readProgress(a)));
  afterReading(a);
  await q.analyseStaging(s);
  await resolvePlaces(tx, problems, a.warnings);
  await q.stageHouseholds(s);
  await checkAgainstRegistry(tx, problems, a.scope, a.hidden);
  if (problems.count > 0) throw new Rollback();
  a.progress('writing', READ_SHARE + CHECK_SHARE);
  await writeRegistry(s, tx, a.report, presentColumns(a), a.writing, writeProgress(a));
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/** A constraint the rows break (not null, check, foreign key, unique: SQLSTATE class 23). */
function isIntegrityViolation(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('23');
}

/** Person COPY text per segment of the direct path, and what may wait between the reading and the COPY. */
const SEGMENT_BYTES = 16 << 20;
const QUEUE_BYTES = 32 << 20;

/**
 * The direct path (see directLoad.ts): persons COPYed straight into the registry, households
 * staged from memory. Into a registry with fewer persons than `bulkLoadRows`, the person key,
 * the secondary indexes and the person insert trigger are set aside during the load and rebuilt
 * once at the end, inside the transaction.
 *
 * The persons go in segments of about 16 MB of COPY text. Between two segments the households
 * whose rows have ended are written (household, income, status history, risk event) while the
 * reading goes on into a queue: PostgreSQL does the household writes during the reading, on its
 * own core, instead of after it. A household whose rows come back after it was written is
 * written again at the end.
 */
async function loadDirect(a: Attempt, countiesWithData: Set<string>, segmentBytes = SEGMENT_BYTES): Promise<void> {
  const { s, tx, problems, report } = a;
  const bulk = await direct.personsBelow(tx, a.writing.bulkLoadRows);
  const indexes = bulk ? [...(await q.secondaryIndexes(tx, 'household')), ...(await q.secondaryIndexes(tx, 'person'))] : [];
  let personKey = '';
  if (bulk) {
    await q.dropIndexes(s, indexes);
    personKey = await direct.dropPersonKey(s, tx);
  }
  await direct.createHouseholdStaging(s, q.stagedType);
  const loader = new direct.DirectLoad(countiesWithData);
  const written = { households: 0, incomes: 0, statusRecords: 0, riskEvents: 0 };
  const segment = 'import_household_segment';
  const writeFrom = async (source: q.HouseholdSource, into: typeof written) => {
    into.households += (await q.writeHouseholds(tx, presentColumns(a), true, source)).added;
    into.incomes += await q.writeIncomes(tx, true, source);
    into.statusRecords += await q.writeStatusHistory(tx, a.writing.statusYear, true, source);
    into.riskEvents += await q.writeRiskEvents(tx, true, source);
  };
  // False once a segment's households could not be written (a fault the checks after the reading name): from then on
  // households are only staged, and the writing, if the checks find nothing, happens once at the end as it used to.
  let writing = true;
  const writeSegment = async (chunks: Iterable<Uint8Array>) => {
    await s.exec(`TRUNCATE ${segment}`);
    await s.copyIn(direct.HOUSEHOLD_SEGMENT_COPY, chunks);
    await s.exec(`INSERT INTO import_household SELECT * FROM ${segment}`);
    if (!writing) return;
    await s.exec('SAVEPOINT import_segment');
    try {
      const tally = { households: 0, incomes: 0, statusRecords: 0, riskEvents: 0 };
      await writeFrom(segment, tally);
      await s.exec('RELEASE SAVEPOINT import_segment');
      for (const key of Object.keys(tally) as (keyof typeof tally)[]) written[key] += tally[key];
    } catch (e) {
      // A household added to one of the counties by someone else since the load began: update instead.
      if (isUniqueViolation(e)) throw new direct.RestartOnStaging('户已由他人登记');
      if (!isIntegrityViolation(e)) throw e;
      await s.exec('ROLLBACK TO SAVEPOINT import_segment');
      writing = false;
      await direct.removeWritten(tx, null);
      Object.assign(written, { households: 0, incomes: 0, statusRecords: 0, riskEvents: 0 });
    }
  };
  const queue = new direct.ChunkQueue(QUEUE_BYTES);
  const reading = queue.fill(stagingChunks(a.sheet, problems, a.state, a.today, readProgress(a), (fields, out) => loader.take(fields, out), Math.min(segmentBytes, 1 << 20)));
  try {
    for (;;) {
      try {
        await s.copyIn(direct.PERSON_COPY, queue.segment(segmentBytes));
      } catch (e) {
        // An ID number already registered (the unique index is there when the registry is not empty).
        if (isUniqueViolation(e)) throw new direct.RestartOnStaging('证件号码已登记');
        throw e;
      }
      if (queue.finished) break;
      const households = loader.segment(false);
      if (households !== null) await writeSegment(households);
    }
  } finally {
    queue.close();
    await reading;
  }
  afterReading(a);
  const last = loader.segment(true);
  if (last !== null) await writeSegment(last);
  const reopened = loader.takeReopened();
  if (reopened !== null) {
    const removed = await direct.removeWritten(tx, reopened.numbers, true);
    written.households -= removed.households;
    written.incomes -= removed.incomes;
    written.statusRecords -= removed.statusRecords;
    written.riskEvents -= removed.riskEvents;
    await writeSegment(reopened.chunks);
  }
  await s.exec('SET LOCAL default_statistics_target = 10; ANALYZE import_household');
  const codeHeader = columnByKey('village_code').header;
  for (const bad of await direct.unknownVillageCodes(tx, q.PROBLEM_LIMIT)) {
    problems.add(bad.row, codeHeader, bad.code, `村代码 ${bad.code} 不是已知的村级区划代码（户 ${bad.householdNo}）`);
  }
  await checkAgainstRegistry(tx, problems, a.scope, a.hidden, false);
  if (problems.count === 0 && bulk && (await direct.idNumberInOtherCounty(tx))) throw new direct.RestartOnStaging('证件号码已登记在其他县');
  if (problems.count > 0) throw new Rollback();
  const progress = writeProgress(a);
  progress(0);
  if (!writing) {
    try {
      await writeFrom('import_household', written);
    } catch (e) {
      if (isUniqueViolation(e)) throw new direct.RestartOnStaging('户已由他人登记');
      throw e;
    }
  }
  report.households = { added: written.households, updated: 0, unchanged: loader.householdCount - written.households };
  report.persons = { added: loader.persons, updated: 0, unchanged: 0 };
  report.incomes = written.incomes;
  report.statusRecords = written.statusRecords;
  report.riskEvents = written.riskEvents;
  progress(0.5);
  if (bulk && !report.dryRun) {
    await s.exec(personKey);
    await q.createIndexes(s, indexes);
  }
  // Every county the load staged (written in segments or at the end), marked once.
  await markRollupsStaleFrom(tx, 'import_household');
  report.indexesRebuilt = indexes.length;
}

/** Import a registry spreadsheet; never throws for a bad file (the report says what is wrong). */
export async function importRegistry(database: Database, source: ImportSource, options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const progress = (phase: ImportPhase, fraction: number) => options.onProgress?.({ phase, fraction });
  let outcome = await importOnce(database, source, options, options.direct ?? true, progress);
  if (outcome instanceof direct.RestartOnStaging) outcome = await importOnce(database, source, options, false, progress);
  if (outcome instanceof direct.RestartOnStaging) throw new Error(`导入未能完成：${outcome.message}`);
  const { report, problems, warnings, imported, hidden } = outcome;
  if (hidden.length) await auditHidden(database, options.actor ?? CONSOLE_ACTOR, hidden);
  if (problems.count === 0 && !dryRun) await options.onCommitted?.();
  if (problems.count === 0 && !dryRun && options.recompute !== false) {
    progress('assessing', 1);
    report.assessed = await reassessImported(database, imported);
  }
  report.errorCount = problems.count;
  report.errors = problems.sorted();
  report.warnings = [...warnings];
  report.ok = problems.count === 0;
  report.seconds = (Date.now() - started) / 1000;
  progress('done', 1);
  return report;
}

/** Read, check and (unless a dry run or errors) write the file in one transaction; the direct path may ask to start again on the staging path. */
async function importOnce(
  database: Database,
  source: ImportSource,
  options: ImportOptions,
  tryDirect: boolean,
  progress: (phase: ImportPhase, fraction: number) => void,
): Promise<{ report: ImportReport; problems: ProblemList; warnings: Set<string>; imported: { county: string; years: number[] }[]; hidden: HiddenRow[] } | direct.RestartOnStaging> {
  const dryRun = options.dryRun ?? false;
  const report = newReport(source.fileName, dryRun);
  const problems = new ProblemList();
  const warnings = new Set<string>();
  let imported: { county: string; years: number[] }[] = [];
  const hidden: HiddenRow[] = [];
  try {
    report.format = await detectFormat(source.path, source.fileName);
    const sheet = await openSheet(source.path, report.format);
    await database.session((s) =>
      s.db.transaction().execute(async (tx) => {
        await q.beginImport(s);
        const today = options.today ?? new Date();
        const attempt: Attempt = {
          s, tx, sheet, report, problems, warnings, today, progress,
          state: { layout: null, checker: null, statusYearGiven: options.statusYear !== undefined },
          scope: options.scope ?? ALL_PLACES,
          hidden,
          writing: { statusYear: options.statusYear ?? NO_YEAR_PLACEHOLDER, bulkLoadRows: options.bulkLoadRows ?? BULK_LOAD_ROWS },
        };
        progress('reading', 0);
        report.path = tryDirect ? 'direct' : 'staging';
        if (tryDirect) await loadDirect(attempt, await direct.countiesWithHouseholds(tx), options.segmentBytes);
        else await loadStaged(attempt);
        if (attempt.state.yearMissing) {
          // Checked whole and otherwise fine, but which year is it? Never the clock's (nothing is kept: the year was only a placeholder).
          problems.add(0, '收入年度', '', NO_YEAR);
          throw new Rollback();
        }
        imported = await q.importedCountyYears(tx);
        report.incomeYears = [...new Set(imported.flatMap((c) => c.years).filter((y) => y !== null))].sort((a, b) => a - b);
        report.statusYear = options.statusYear ?? null;
        if (dryRun) throw new Rollback();
        await recordAudit(tx, {
          ...(options.actor ?? CONSOLE_ACTOR),
          action: 'registry.import',
          objectType: 'import',
          objectId: options.jobId === undefined ? null : String(options.jobId),
          placeCode: await q.importedCounty(tx),
          after: { rows: report.rows, households: report.households, persons: report.persons, incomes: report.incomes, statusRecords: report.statusRecords, riskEvents: report.riskEvents },
          note: source.fileName,
        });
      }),
    );
  } catch (e) {
    if (e instanceof direct.RestartOnStaging) return e;
    if (e instanceof ImportFileError) problems.add(0, '', '', e.message);
    else if (!(e instanceof Rollback)) throw e;
  }
  return { report, problems, warnings, imported, hidden };
}

/** Every column of the template, for documentation and the template's notes. */
export function importColumns() {
  return COLUMNS.map((c) => ({ header: c.header, level: c.level, required: c.required ?? false }));
}
