/**
 * A plan's tasks from a spreadsheet (.xlsx or .csv): the header row is found by its Chinese
 * names (工作任务, 牵头部门…, with common variants), every following non-empty row is a task.
 * Problems are collected per row and field, in Chinese, so the whole file is accepted or none.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { restoreNeutralised } from '../../domain/spreadsheetSafe';

export type TaskField = 'seq' | 'section' | 'title' | 'content' | 'deadlineText' | 'leadDepartment' | 'responsibleDepartments' | 'responsiblePerson';

/** Column headers of the template, and the other names accepted for each. */
export const PLAN_COLUMNS: { field: TaskField; header: string; aliases: string[]; required: boolean }[] = [
  { field: 'seq', header: '序号', aliases: ['编号'], required: false },
  { field: 'section', header: '板块', aliases: ['类别', '分类', '工作板块'], required: false },
  { field: 'title', header: '工作任务', aliases: ['任务', '任务名称', '工作事项'], required: true },
  { field: 'content', header: '工作内容', aliases: ['具体措施', '主要内容', '工作措施', '任务内容'], required: false },
  { field: 'deadlineText', header: '完成时限', aliases: ['时限', '完成时间', '时限要求'], required: true },
  { field: 'leadDepartment', header: '牵头部门', aliases: ['牵头单位'], required: true },
  { field: 'responsibleDepartments', header: '责任部门', aliases: ['责任单位', '配合部门', '配合单位'], required: false },
  { field: 'responsiblePerson', header: '责任人', aliases: ['联系人'], required: false },
];

export interface SheetTask {
  row: number;
  values: Partial<Record<TaskField, string>>;
}

export class PlanSheetError extends Error {
  constructor(
    message: string,
    readonly problems: { row: number | null; field: string; value: string | null; message: string }[],
  ) {
    super(message);
  }
}

const clean = (v: string) => restoreNeutralised(v.replace(/\u00a0/g, ' ').trim());

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

async function gridOf(content: Buffer, fileName: string): Promise<string[][]> {
  if (/\.csv$/i.test(fileName)) {
    const text = content.toString('utf8').replace(/^\ufeff/, '');
    return parseCsv(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  }
  if (!/\.xlsx$/i.test(fileName)) throw new PlanSheetError(`文件“${fileName}”不是 .xlsx 或 .csv`, [{ row: null, field: 'file', value: fileName, message: '只接受 .xlsx 或 .csv 文件' }]);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new PlanSheetError(`文件“${fileName}”无法作为 .xlsx 读取`, [{ row: null, field: 'file', value: fileName, message: '文件已损坏或不是 .xlsx' }]);
  }
  const sheet = workbook.worksheets[0];
  const grid: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    grid[n - 1] = values;
  });
  return Array.from(grid, (r) => r ?? []);
}

/** The tasks of the sheet, with the row numbers users see (1-based). */
export async function readPlanSheet(content: Buffer, fileName: string): Promise<SheetTask[]> {
  const grid = await gridOf(content, fileName);
  const find = (cells: string[], names: string[]) => cells.findIndex((c) => names.includes(clean(c)));
  const headerAt = grid.findIndex((cells) => PLAN_COLUMNS.filter((c) => c.required).every((c) => find(cells, [c.header, ...c.aliases]) >= 0));
  if (headerAt < 0) {
    const names = PLAN_COLUMNS.filter((c) => c.required).map((c) => c.header).join('、');
    throw new PlanSheetError(`没有找到表头行：表头须有${names}`, [{ row: null, field: 'header', value: null, message: `表头须有${names}` }]);
  }
  const header = grid[headerAt];
  const columns = PLAN_COLUMNS.map((c) => ({ field: c.field, index: find(header, [c.header, ...c.aliases]) })).filter((c) => c.index >= 0);
  const tasks: SheetTask[] = [];
  grid.slice(headerAt + 1).forEach((cells, i) => {
    const values: Partial<Record<TaskField, string>> = {};
    for (const c of columns) {
      const v = clean(cells[c.index] ?? '');
      if (v !== '') values[c.field] = v;
    }
    if (Object.keys(values).length > 0) tasks.push({ row: headerAt + i + 2, values });
  });
  return tasks;
}

/** "镇社保中心、社会事务办，各村（社区）" → the departments. */
export function splitDepartments(text: string): string[] {
  return text.split(/[、，,；;\/\n]+/).map((d) => d.trim()).filter(Boolean);
}
