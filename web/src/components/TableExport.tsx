/**
 * 导出Excel for a list the server has no workbook of (to-do list, notices, targets, 三率一度,
 * users, …): the table as shown (its columns and rows, the page on screen, masked numbers
 * masked) written to an .xlsx in the browser. The table is the first one in the same card as
 * the button, or in the page. The workbook library is loaded on the first click.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, message } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Header texts and row texts of an antd table in the document (selection and action columns left out). */
export function tableTexts(table: Element): { header: string[]; rows: string[][] } {
  const text = (cell: Element) => (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
  const headCells = [...table.querySelectorAll('thead tr:last-child th')].filter((th) => !th.classList.contains('ant-table-selection-column'));
  const keep = headCells.map((th) => text(th) !== '' || th.classList.contains('ant-table-cell-fix-left'));
  const header = headCells.map(text).filter((_, i) => keep[i]);
  const rows = [...table.querySelectorAll('tbody tr.ant-table-row')].map((tr) =>
    [...tr.querySelectorAll(':scope > td')].filter((td) => !td.classList.contains('ant-table-selection-column')).map(text).filter((_, i) => keep[i]),
  );
  return { header, rows };
}

async function download(name: string, header: string[], rows: string[][]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(name.slice(0, 31));
  sheet.addRow(header).font = { bold: true };
  // Figures written as numbers (Excel sums them), everything else as text: 户编号 and ID numbers keep their digits.
  for (const row of rows) sheet.addRow(row.map((v) => (/^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d{1,9}(\.\d+)?$/.test(v) ? Number(v.replace(/,/g, '')) : v)));
  sheet.columns.forEach((c, i) => (c.width = Math.min(40, Math.max(8, ...[header[i] ?? '', ...rows.map((r) => r[i] ?? '')].map((v) => v.length * 2)))));
  const blob = new Blob([await book.xlsx.writeBuffer()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${name}.xlsx`;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** `name`: the file's and sheet's name; default the page's title. */
export function TableExport({ name }: { name?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLSpanElement>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const scope = ref.current?.closest('.ant-card') ?? ref.current?.closest('.app-content') ?? document.body;
    const table = scope.querySelector('.ant-table') ?? document.querySelector('.app-content .ant-table');
    if (!table) return void message.warning(t('common.noTable'));
    const { header, rows } = tableTexts(table);
    const title = scope.querySelector('.ant-card-head-title') ?? document.querySelector('.app-content .report-title, .app-content .ant-card-head-title');
    const fileName = (name ?? (title as HTMLElement | null)?.innerText ?? t('common.exportExcel')).replace(/[\\/:*?"<>|\s]+/g, '');
    setBusy(true);
    try {
      await download(fileName, header, rows);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span ref={ref} className="table-export no-print">
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid="table-export">
        {t('common.exportExcel')}
      </Button>
    </span>
  );
}
