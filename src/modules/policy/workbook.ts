/** The list of policy versions as an .xlsx (Chinese headers; text neutralised against formula injection). */
import { workbookBuffer } from '../../spreadsheet';
import { STATUS_LABELS, type PolicyView } from './records';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

const COLUMNS: { header: string; width: number; value: (p: PolicyView) => string | number | null }[] = [
  { header: '适用地区代码', width: 14, value: (p) => p.regionCode },
  { header: '适用地区', width: 16, value: (p) => p.regionName },
  { header: '生效年份', width: 10, value: (p) => p.effectiveYear },
  { header: '版本', width: 6, value: (p) => p.version },
  { header: '名称', width: 30, value: (p) => p.title },
  { header: '状态', width: 8, value: (p) => STATUS_LABELS[p.status] },
  { header: '说明', width: 30, value: (p) => p.note },
  { header: '创建人', width: 12, value: (p) => p.createdBy },
  { header: '生效日期', width: 12, value: (p) => day(p.activatedAt) },
  { header: '被取代日期', width: 12, value: (p) => day(p.supersededAt) },
];

/** The versions, one row each, as an .xlsx buffer (a list of policy records is small). */
export async function policyListWorkbook(items: PolicyView[]): Promise<Buffer> {
  return workbookBuffer((workbook) => {
    const sheet = workbook.addSheet({ name: '政策参数版本', frozenHeader: true, columns: COLUMNS });
    for (const p of items) sheet.addRow(COLUMNS.map((c) => c.value(p)));
  });
}
