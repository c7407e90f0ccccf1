/**
 * The direct path of a registry import: when none of the file's counties has a household yet
 * (a county's first load), checked rows are COPYed straight into `person` as they stream past,
 * and the households (one line each, gathered in memory) into a small staging table from which
 * the existing set-based writes fill household, income, status history and risk events. This
 * skips the staging copy of every person row and the INSERT … SELECT out of it: each person row
 * is written once.
 *
 * What the staging path checks against the registry cannot happen here or is checked after the
 * stream: a household's county already holding households, or a household given by place names
 * (resolving them needs queries, and the connection is busy with the COPY), makes the import
 * start again on the staging path (`RestartOnStaging`); so does an ID number registered in
 * another county (the staging path names its row). A county's first load is usually one file
 * from the county's own registry, with 村代码 filled in: the common case takes the direct path.
 */
import { sql } from 'kysely';
import type { Db, Session } from '../../db/database';
import { HOUSEHOLD_COLUMNS, PERSON_COLUMNS } from './columns';
import { COPY_NULL, detach } from './cells';
import { CopyBuffer, TextStore } from './copyBuffer';

/** Thrown (and caught by importRegistry) when the direct path cannot take this file: run it again on the staging path. */
export class RestartOnStaging extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RestartOnStaging';
  }
}

const PERSON_TARGETS = PERSON_COLUMNS.map((c) => (c.key === 'person_phone' ? 'phone' : c.key));
/** Columns of `person` in the order DirectLoad writes them. */
export const PERSON_COPY = `COPY person (county_code, id_number, household_no, sex, birth_date, ${PERSON_TARGETS.join(', ')}) FROM STDIN`;

/** The household staging table of the direct path: the shape `stageHouseholds` gives import_household. */
export async function createHouseholdStaging(s: Session, sqlTypes: (kind: (typeof HOUSEHOLD_COLUMNS)[number]) => string): Promise<void> {
  await s.exec(`CREATE TEMP TABLE import_household (
      row_no integer NOT NULL, household_no text NOT NULL, county_code text NOT NULL, township_code text NOT NULL,
      members integer NOT NULL, head_member_name text, head_id text, others integer NOT NULL,
      ${HOUSEHOLD_COLUMNS.map((c) => `${c.key} ${sqlTypes(c)}`).join(', ')}
    ) ON COMMIT DROP;
    CREATE TEMP TABLE import_household_segment (LIKE import_household) ON COMMIT DROP`);
}

/** Households are COPYed a segment at a time into import_household_segment, written from there, then kept in import_household. */
export const HOUSEHOLD_SEGMENT_COPY = `COPY import_household_segment (row_no, household_no, county_code, township_code, members, head_member_name, head_id, others, ${HOUSEHOLD_COLUMNS.map((c) => c.key).join(', ')}) FROM STDIN`;

/** Thrown into the reading when the COPY side has stopped (it failed, or the file was refused). */
class QueueClosed extends Error {}

/**
 * COPY chunks handed from the reading of the file (the producer) to the COPY statements (the
 * consumer), at most `limit` bytes waiting. The reading goes on while the connection is busy with
 * a segment's household writes, so PostgreSQL's core does those while Node reads.
 */
export class ChunkQueue {
  private readonly chunks: Uint8Array[] = [];
  private bytes = 0;
  private done = false;
  private error: unknown = null;
  private closed = false;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;

  constructor(private readonly limit: number) {}

  private wake(which: 'consumer' | 'producer'): void {
    const w = which === 'consumer' ? this.wakeConsumer : this.wakeProducer;
    if (which === 'consumer') this.wakeConsumer = null;
    else this.wakeProducer = null;
    w?.();
  }

  /** Fill the queue from `chunks` until they end (or fail, or the queue is closed). */
  async fill(chunks: AsyncIterable<Uint8Array>): Promise<void> {
    try {
      for await (const chunk of chunks) {
        if (this.closed) throw new QueueClosed();
        this.chunks.push(chunk);
        this.bytes += chunk.length;
        this.wake('consumer');
        while (this.bytes > this.limit && !this.closed) await new Promise<void>((resolve) => (this.wakeProducer = resolve));
        if (this.closed) throw new QueueClosed();
      }
      this.done = true;
    } catch (e) {
      if (!(e instanceof QueueClosed)) this.error = e;
      this.done = true;
    }
    this.wake('consumer');
  }

  /** True when every chunk has been taken and the reading ended without error. */
  get finished(): boolean {
    return this.done && this.error === null && this.chunks.length === 0;
  }

  /** The consumer stops: the reading stops at its next chunk. */
  close(): void {
    this.closed = true;
    this.wake('producer');
  }

  /** Chunks until at least `bytes` have been taken or the reading ends; the reading's error is thrown here. */
  async *segment(bytes: number): AsyncGenerator<Uint8Array> {
    let taken = 0;
    while (taken < bytes) {
      while (this.chunks.length === 0 && !this.done) await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
      if (this.error !== null) throw this.error;
      const chunk = this.chunks.shift();
      if (chunk === undefined) return;
      this.bytes -= chunk.length;
      taken += chunk.length;
      this.wake('producer');
      yield chunk;
    }
  }
}

/** Counties that hold at least one household (one index probe per county on household_status_idx). */
export async function countiesWithHouseholds(db: Db): Promise<Set<string>> {
  const result = await sql<{ county: string }>`
    WITH RECURSIVE c AS (
      (SELECT county_code FROM household ORDER BY county_code LIMIT 1)
      UNION ALL
      SELECT (SELECT h.county_code FROM household h WHERE h.county_code > c.county_code ORDER BY h.county_code LIMIT 1) FROM c WHERE c.county_code IS NOT NULL
    ) SELECT county_code AS county FROM c WHERE county_code IS NOT NULL`.execute(db);
  return new Set(result.rows.map((r) => r.county));
}

/** True when the registry holds fewer persons than `limit` (exact, reads at most `limit` rows). */
export async function personsBelow(db: Db, limit: number): Promise<boolean> {
  const result = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM (SELECT 1 FROM person LIMIT ${limit}) x`.execute(db);
  return Number(result.rows[0].n) < limit;
}

/** Households of the direct path whose 村代码 is not a village in the place table. */
export async function unknownVillageCodes(db: Db, limit: number) {
  const result = await sql<{ row: number; householdNo: string; code: string }>`
    SELECT h.row_no AS row, h.household_no AS "householdNo", h.village_code AS code
    FROM import_household h
    WHERE NOT EXISTS (SELECT 1 FROM place p WHERE p.code = h.village_code AND p.level = 5)
    ORDER BY h.row_no LIMIT ${limit}`.execute(db);
  return result.rows;
}

/**
 * True when a person just loaded into the file's counties has an ID number registered in another
 * county (the person table's unique index was dropped for the load, so this is the check).
 */
export async function idNumberInOtherCounty(db: Db): Promise<boolean> {
  const result = await sql<{ found: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM person n JOIN person o ON o.id_number = n.id_number
      WHERE n.county_code IN (SELECT county_code FROM import_household)
        AND o.county_code NOT IN (SELECT county_code FROM import_household)
    ) AS found`.execute(db);
  return result.rows[0].found;
}

/**
 * Undo the writing of households of this load: those numbered (null: all staged so far). Their
 * household, income, status-history and risk-event records go, and with `restage` their staging
 * lines too (they are staged again from their final lines). Returns what was removed.
 */
export async function removeWritten(db: Db, numbers: string[] | null, restage = false) {
  const mine = numbers === null
    ? sql`(county_code, household_no) IN (SELECT county_code, household_no FROM import_household)`
    : sql`(county_code, household_no) IN (SELECT county_code, household_no FROM import_household WHERE household_no = ANY(${numbers}))`;
  const count = async (statement: ReturnType<typeof sql>) => Number((await statement.execute(db)).numAffectedRows ?? 0);
  const incomes = await count(sql`DELETE FROM household_income WHERE ${mine}`);
  const statusRecords = await count(sql`DELETE FROM household_status_history WHERE ${mine}`);
  const riskEvents = await count(sql`DELETE FROM risk_event WHERE ${mine}`);
  const households = await count(sql`DELETE FROM household WHERE ${mine}`);
  if (restage && numbers !== null) await sql`DELETE FROM import_household WHERE household_no = ANY(${numbers})`.execute(db);
  return { households, incomes, statusRecords, riskEvents };
}

/** The primary key of `person` as `ALTER TABLE … ADD CONSTRAINT` text, dropped for a bulk load. */
export async function dropPersonKey(s: Session, db: Db): Promise<string> {
  const result = await sql<{ name: string; definition: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
    WHERE conrelid = 'person'::regclass AND contype = 'p'`.execute(db);
  const key = result.rows[0];
  await s.exec(`ALTER TABLE person DROP CONSTRAINT ${key.name}`);
  return `ALTER TABLE person ADD CONSTRAINT ${key.name} ${key.definition}`;
}

const at = (key: string) => HOUSEHOLD_COLUMNS.findIndex((c) => c.key === key);
const VILLAGE_CODE = at('village_code');
const PERSON_START = 6;
const HOUSEHOLD_START = PERSON_START + PERSON_COLUMNS.length;
const RELATION = PERSON_START + PERSON_COLUMNS.findIndex((c) => c.key === 'relation');
const NAME = PERSON_START + PERSON_COLUMNS.findIndex((c) => c.key === 'name');

/** The 村代码 field of a household's COPY text. */
function villageCodeOf(part: string): string {
  let start = 0;
  for (let i = 0; i < VILLAGE_CODE; i++) start = part.indexOf('\t', start) + 1;
  const end = part.indexOf('\t', start);
  return part.slice(start, end < 0 ? part.length : end);
}

interface LoadedHousehold {
  /** Position in DirectLoad.households. */
  index: number;
  row: number;
  no: string;
  county: string;
  township: string;
  members: number;
  headName: string;
  headId: string;
  /** The household columns as COPY text (HOUSEHOLD_COLUMNS order): a handle in DirectLoad.parts. */
  part: number;
}

/**
 * Turns the staging fields RowChecker gives into `person` COPY lines and gathers the households.
 * The fields are: row, carrier, household number, ID number, sex, birth date, the person
 * columns, then (on the household's carrier row) the household columns as one COPY text. The
 * strings kept per household are the checker's own (no copies of the row's text).
 */
export class DirectLoad {
  private readonly households: LoadedHousehold[] = [];
  /** Households by number, built on the first row that does not follow a row of its household (rare). */
  private byNo: Map<string, LoadedHousehold> | null = null;
  private readonly parts = new TextStore('utf8');
  /** The person line being built (reused): county, ID number, household number, sex, birth date, person columns. */
  private readonly line: string[] = new Array(HOUSEHOLD_START - 1).fill('');
  persons = 0;
  /** Households before this position have been written (a segment); see `segment`. */
  private written = 0;
  /** Written households that got another row afterwards (their rows apart in the file): written again at the end. */
  private readonly reopened = new Set<LoadedHousehold>();

  constructor(private readonly countiesWithData: Set<string>) {}

  get householdCount(): number {
    return this.households.length;
  }

  /** The household of the row before (rows of a household usually follow each other). */
  private last: LoadedHousehold | null = null;

  /** Writes the person line of a checked row to `out`, and counts the row into its household. */
  take(f: readonly string[], out: CopyBuffer): void {
    const no = f[2];
    let h: LoadedHousehold | undefined;
    if (f[1] === 't') {
      const part = f[HOUSEHOLD_START];
      const village = villageCodeOf(part);
      if (village === COPY_NULL) throw new RestartOnStaging(`户 ${no} 以名称给出所在地`);
      const { county, township } = this.placeOf(village);
      if (this.countiesWithData.has(county)) throw new RestartOnStaging(`县 ${county} 已有登记户`);
      h = { index: this.households.length, row: Number(f[0]), no, county, township, members: 0, headName: COPY_NULL, headId: COPY_NULL, part: this.parts.add(part) };
      this.households.push(h);
      this.byNo?.set(no, h);
    } else {
      // RowChecker gives a household's carrier row before any other row of it.
      h = this.last !== null && this.last.no === no ? this.last : this.householdNumbered(no);
      if (h.index < this.written && h !== this.last) this.reopened.add(h);
    }
    this.last = h;
    h.members++;
    if (f[RELATION] === 'head') {
      // Kept to the end: copies, not slices of the block the row was read from.
      h.headName = detach(f[NAME]);
      h.headId = detach(f[3]);
    }
    this.persons++;
    const line = this.line;
    line[0] = h.county;
    line[1] = f[3];
    line[2] = no;
    line[3] = f[4];
    line[4] = f[5];
    for (let i = PERSON_START; i < HOUSEHOLD_START; i++) line[i - 1] = f[i];
    out.line(line.join('\t'));
  }

  /** One pair of strings per township code (a county has a few dozen), instead of a pair per household. */
  private readonly townships = new Map<string, { county: string; township: string }>();
  private placeOf(village: string): { county: string; township: string } {
    const code = village.slice(0, 9);
    let place = this.townships.get(code);
    if (place === undefined) {
      place = { county: code.slice(0, 6), township: code };
      this.townships.set(code, place);
    }
    return place;
  }

  private householdNumbered(no: string): LoadedHousehold {
    if (this.byNo === null) this.byNo = new Map(this.households.map((h) => [h.no, h]));
    return this.byNo.get(no)!;
  }

  /**
   * The households not yet written, but the last one (its rows may go on), as COPY text for the
   * household staging table; marks them written. `all` takes the last one too (the file has ended).
   */
  segment(all: boolean): Generator<Uint8Array> | null {
    const end = all ? this.households.length : this.households.length - 1;
    if (end <= this.written) return null;
    const from = this.written;
    this.written = end;
    return this.householdChunks(this.households.slice(from, end));
  }

  /** Written households that got rows after they were written: written again (the caller removes the first writing). */
  takeReopened(): { numbers: string[]; chunks: Generator<Uint8Array> } | null {
    if (this.reopened.size === 0) return null;
    const households = [...this.reopened];
    this.reopened.clear();
    return { numbers: households.map((h) => h.no), chunks: this.householdChunks(households) };
  }

  /** Households as COPY text for the household staging table, in chunks of about 1 MB. */
  private *householdChunks(households: LoadedHousehold[]): Generator<Uint8Array> {
    const out = new CopyBuffer();
    for (const h of households) {
      out.write(`${h.row}\t${h.no}\t${h.county}\t${h.township}\t${h.members}\t${h.headName}\t${h.headId}\t0\t`);
      out.writeBytes(this.parts.bytes(h.part));
      out.endLine();
      yield* out.take();
    }
    yield* out.take(1);
  }
}
