/**
 * Export of the registry to .xlsx, streamed: households are read in keyset batches and each
 * batch is written and flushed before the next is read, so the list is never all in memory.
 * Every export is audited before its first byte is written ('registry.export': filters, rows,
 * which fields in clear), and once more if writing fails.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from '../../db/database';
import { maskIdNumber } from '../../domain/idNumber';
import type { HouseholdAccess } from '../../db/householdReach';
import { streamWorkbook } from '../../spreadsheet';
import { recordAudit } from '../audit/service';
import { countRegistryRows, readRegistryRows, type ChangeAuthor, type HouseholdFilters, type RegistryRow } from '../registry/service';
import { REGISTRY_EXPORT_COLUMNS, type RevealOptions } from './columns';

export interface ExportCounts {
  households: number;
  persons: number;
  rows: number;
}

export interface PreparedExport {
  /** Write the workbook to `output` and end it; resolves when everything is written. */
  writeTo(output: Writable): Promise<ExportCounts>;
}

export interface ExportOptions {
  reveal: RevealOptions;
  /** Households per read (default 500). */
  batchSize?: number;
  /** Who exports, for the audit trail. */
  author: ChangeAuthor;
  /** The place the export is of (the place filter, else the user's scope), for the audit trail. */
  placeCode: string | null;
}

export interface AuditedExport extends PreparedExport {
  /** Households and rows matching when the export was audited. */
  expected: { households: number; rows: number };
}

const interrupted = () => new Error('导出已中断：接收方已关闭');

/** Rejects when `output` closes before the workbook is finished (the client went away). */
function closedEarly(output: Writable, signal: AbortSignal): Promise<never> {
  const closed = once(output, 'close', { signal }).then(() => {
    throw interrupted();
  });
  closed.catch(() => {});
  return closed;
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Filters as the audit trail keeps them: a full ID number searched for is kept masked. */
function auditedFilters(filters: HouseholdFilters): Record<string, unknown> {
  const q = filters.q && /^\d{15}$|^\d{17}[\dXx]$/.test(filters.q) ? maskIdNumber(filters.q) : filters.q;
  return Object.fromEntries(Object.entries({ ...filters, q }).filter(([, v]) => v !== undefined));
}

/**
 * Export the households within reach that meet the filters: check the filters and read the
 * first batch (a bad filter or unknown place fails before anything is written or audited),
 * audit the export, then hand back a writer for the workbook.
 */
export async function exportHouseholds(db: Db, access: HouseholdAccess, filters: HouseholdFilters, options: ExportOptions): Promise<AuditedExport> {
  const prepared = await prepareHouseholdExport(db, access, filters, options);
  const expected = await countRegistryRows(db, access, filters);
  const fields = (['idNumber', 'phone'] as const).filter((f) => options.reveal[f]);
  const event = { ...options.author, action: 'registry.export', objectType: 'household', placeCode: options.placeCode };
  await recordAudit(db, { ...event, after: { filters: auditedFilters(filters), revealed: fields, ...expected } });
  return {
    expected,
    async writeTo(output) {
      try {
        return await prepared.writeTo(output);
      } catch (e) {
        await recordAudit(db, { ...event, outcome: 'failure', after: { filters: auditedFilters(filters), revealed: fields }, note: (e as Error).message });
        throw e;
      }
    },
  };
}

async function prepareHouseholdExport(db: Db, access: HouseholdAccess, filters: HouseholdFilters, options: ExportOptions): Promise<PreparedExport> {
  const batches = readRegistryRows(db, access, filters, options.batchSize ?? 500);
  const first = await batches.next();
  return {
    async writeTo(output) {
      const workbook = streamWorkbook(output);
      const sheet = workbook.addSheet({ name: '建档立卡户', frozenHeader: true, columns: REGISTRY_EXPORT_COLUMNS });
      const counts: ExportCounts = { households: 0, persons: 0, rows: 0 };
      let lastHousehold: string | null = null;
      const stop = new AbortController();
      const closed = closedEarly(output, stop.signal);
      const write = async (rows: RegistryRow[]) => {
        if (output.destroyed) throw interrupted();
        for (const row of rows) {
          sheet.addRow(REGISTRY_EXPORT_COLUMNS.map((c) => c.value(row, options.reveal)));
          counts.rows++;
          if (row.id_number !== null) counts.persons++;
          if (row.household_no !== lastHousehold) counts.households++;
          lastHousehold = row.household_no;
        }
        if (output.writableNeedDrain) await Promise.race([once(output, 'drain', { signal: stop.signal }), closed]);
      };
      try {
        if (!first.done) await write(first.value);
        for await (const rows of batches) await write(rows);
        await Promise.race([workbook.commit(), closed]);
      } catch (e) {
        output.destroy(e as Error);
        throw e;
      } finally {
        stop.abort();
      }
      return counts;
    },
  };
}

/** The file name offered for download: 建档立卡户-<place>-<date>.xlsx */
export function exportFileName(filters: HouseholdFilters, on: Date = new Date()): string {
  return `建档立卡户-${filters.place ?? '全部'}-${on.toISOString().slice(0, 10)}.xlsx`;
}
