/** What an import is given and what it reports (the import itself is in service.ts, its job in jobs.ts). */
import type { PlaceScope } from '../../db/placeScope';
import type { AuditActor } from '../audit/service';
import type { SheetFormat } from '../../spreadsheet';
import type { ImportProblem } from './problems';

export interface ImportSource {
  /** The file on disk (uploads are streamed to a temporary file first). */
  path: string;
  /** The name the user gave it (its extension decides the format). */
  fileName: string;
}

export type ImportPhase = 'reading' | 'checking' | 'writing' | 'assessing' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** Share of the whole import done, 0..1. */
  fraction: number;
}

export interface ImportOptions {
  /** Validate everything, including against the database, and write nothing. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Places the importing user may change; households elsewhere are refused. */
  scope?: PlaceScope;
  /** 业务年度: the year of the status-history record of a household without 收入年度; required when the file has no 收入年度 column (never the clock's year). */
  statusYear?: number;
  /** Bound for birth dates in ID numbers (default: now). */
  today?: Date;
  /** Who imports, for the audit event (default: the server console). */
  actor?: AuditActor;
  /** The job running the import, named in the audit event. */
  jobId?: number;
  /**
   * A load of at least this many persons into a registry no larger than the load (an initial
   * load) rebuilds the registry's secondary indexes once instead of updating them row by row.
   */
  bulkLoadRows?: number;
  /**
   * Take the direct path when none of the file's counties has households yet (default true);
   * false forces the staging path (tests compare the two).
   */
  direct?: boolean;
  /** Person COPY text per segment of the direct path (default 16 MB); tests make it small to exercise segments. */
  segmentBytes?: number;
  /**
   * Re-assess the imported counties once the import has committed (default true), for the income
   * years the file gave (else the latest year on record). Benchmarks of the import alone pass false.
   */
  recompute?: boolean;
  /** Told once the import has committed (before the re-assessment). */
  onCommitted?: () => Promise<void>;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  /** True when the file was accepted (and, unless a dry run, written). */
  ok: boolean;
  dryRun: boolean;
  fileName: string;
  format: SheetFormat | null;
  /** Data rows read (blank rows and the header not counted). */
  rows: number;
  households: ImportCounts;
  persons: ImportCounts;
  /** Income records added or changed. */
  incomes: number;
  /** Status-history records added or changed. */
  statusRecords: number;
  /** Risk events added or changed. */
  riskEvents: number;
  /** Secondary indexes dropped and rebuilt around the writes (a bulk load); 0 otherwise. */
  indexesRebuilt: number;
  /** How the rows went in: straight into the registry (a county's first load) or through staging (see directLoad.ts). */
  path: 'direct' | 'staging';
  /** The income years (收入年度) the file carries. */
  incomeYears: number[];
  /** The business year given for households without 收入年度 (null: every household had one). */
  statusYear: number | null;
  /** The re-assessment run after the import: households assessed per county and year. */
  assessed: { county: string; year: number; households: number }[];
  errorCount: number;
  /** The errors, sorted by row (the first 10,000). */
  errors: ImportProblem[];
  warnings: string[];
  seconds: number;
}
