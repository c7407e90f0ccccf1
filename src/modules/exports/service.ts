/**
 * Export of the registry to .xlsx, streamed: households are read in keyset batches and each
 * batch is written and flushed before the next is read, so the list is never all in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { safeCellValue } from '../../domain/spreadsheetSafe';
import { readRegistryRows, type HouseholdFilters, type RegistryRow } from '../registry/service';
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

/**
 * Check the filters and read the first batch (so a bad filter or unknown place fails before
 * anything is written), then hand back a writer for the workbook.
 */
export async function prepareHouseholdExport(db: Db, scope: PlaceScope, filters: HouseholdFilters, options: ExportOptions): Promise<PreparedExport> {
  const batches = readRegistryRows(db, scope, filters, options.batchSize ?? 500);
  const first = await batches.next();
  return {
    async writeTo(output) {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
      const sheet = workbook.addWorksheet('建档立卡户', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = REGISTRY_EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
      const counts: ExportCounts = { households: 0, persons: 0, rows: 0 };
      let lastHousehold: string | null = null;
      const stop = new AbortController();
      const closed = closedEarly(output, stop.signal);
      const write = async (rows: RegistryRow[]) => {
        if (output.destroyed) throw interrupted();
        for (const row of rows) {
          sheet.addRow(REGISTRY_EXPORT_COLUMNS.map((c) => safeCellValue(c.value(row, options.reveal)))).commit();
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
        sheet.commit();
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
