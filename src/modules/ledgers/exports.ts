/** The workbooks of the ledgers: each ledger's import template and export, 应助尽助 and the students-by-stage coverage. */
import { commonColumns, headersOf, type RowProblem } from '../../domain/ledgers/rows';
import type { LedgerShape } from '../../domain/ledgers/shapes';
import { workbookBuffer } from '../../spreadsheet';

const TYPE_TEXT: Record<string, string> = { text: '文字', date: '日期（YYYY-MM-DD）', money: '金额（元，不小于0，最多两位小数）', int: '整数', enum: '选项', bool: '是/否' };

/** The import template: the header row to fill, and a sheet describing each column. */
export function templateWorkbook(shape: LedgerShape): Promise<Buffer> {
  return workbookBuffer((wb) => {
    const sheet = wb.addSheet({ name: shape.label, columns: headersOf(shape).map((h) => ({ header: h, width: Math.max(12, h.length * 2 + 4) })), frozenHeader: true });
    void sheet;
    const notes = wb.addSheet({ name: '填写说明', columns: [{ header: '列', width: 20 }, { header: '必填', width: 8 }, { header: '类型', width: 30 }, { header: '可选值或示例', width: 60 }] });
    for (const c of commonColumns(shape)) {
      const note = c.key === 'year' ? (shape.kind.startsWith('edu_') ? '学年的起始年份（2019 即 2019-2020 学年）' : '四位年份') : c.key === 'placeCode' ? '仅非建档立卡人员需要：所在县、乡镇或村的行政区划代码' : c.key === 'idNumber' ? '18位身份证号（校验码须正确）' : '';
      notes.addRow([c.label, c.required ? '是' : '否', c.key === 'year' ? '整数' : '文字', note]);
    }
    for (const f of shape.fields) notes.addRow([f.label, f.required ? '是' : '否', TYPE_TEXT[f.type], f.options ? f.options.map((o) => o.label).join('、') : (f.example ?? '')]);
  });
}

/** One sheet of rows under headers (an export of a list). */
export function listWorkbook(name: string, headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  return workbookBuffer((wb) => {
    const sheet = wb.addSheet({ name, columns: headers.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 4) })), frozenHeader: true });
    for (const r of rows) sheet.addRow(r);
  });
}

/** The error report of a ledger file: every refused row's problem (row, column, value, message), and the warnings after them. */
export function errorReportWorkbook(problems: readonly RowProblem[], warnings: readonly RowProblem[]): Promise<Buffer> {
  const line = (kind: string) => (p: RowProblem) => [p.row, p.field, p.value, p.message, kind];
  return listWorkbook('错误报告', ['行号', '列', '值', '问题', '类别'], [...problems.map(line('错误')), ...warnings.map(line('提示'))]);
}
