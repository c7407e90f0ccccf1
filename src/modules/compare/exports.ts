/** The 疑点 ledger as a workbook: one line per hit (ID numbers masked), and the counts by rule, place, status and outcome. */
import type { ReportSheet } from '../reports/service';
import type { HitView } from './hits';

type CountLine = { name: string; total: number; open: number; overdue: number; closed: number; resolved: number };

const countColumns = (first: string) => [
  { header: first, width: 22 }, { header: '疑点数', width: 10 }, { header: '未办结', width: 10 }, { header: '其中逾期', width: 10 }, { header: '已办结', width: 10 }, { header: '数据已消除', width: 12 },
];
const countRows = (lines: CountLine[]) => lines.map((l) => [l.name, l.total, l.open, l.overdue, l.closed, l.resolved]);

export function hitSheets(placeName: string, items: HitView[], report: { byRule: CountLine[]; byPlace: CountLine[]; byStatus: CountLine[]; byOutcome: CountLine[] }, madeOn: string): ReportSheet[] {
  const notes = [`地区：${placeName}；制表日期：${madeOn}（逾期按制表日期计算）；身份证号已脱敏`];
  return [
    {
      name: '疑点台账',
      title: `${placeName}大数据比对疑点台账`,
      notes,
      columns: [
        { header: '编号', width: 8 }, { header: '规则', width: 18 }, { header: '户编号', width: 20 }, { header: '户主', width: 10 }, { header: '所在村', width: 20 },
        { header: '成员', width: 10 }, { header: '身份证号', width: 22 }, { header: '部门数据姓名', width: 12 }, { header: '建议结果', width: 10 }, { header: '状态', width: 12 },
        { header: '村核实结果', width: 10 }, { header: '认定结果', width: 10 }, { header: '关联程序', width: 10 }, { header: '发现日期', width: 12 }, { header: '核实期限', width: 12 },
        { header: '是否逾期', width: 8 }, { header: '办结日期', width: 12 }, { header: '数据消除批次', width: 12 },
      ],
      rows: items.map((h) => [
        h.id, h.ruleLabel, h.householdNo, h.headName, h.placeName, h.personName, h.idNumber, h.referenceName, h.suggestedOutcomeLabel, h.statusLabel,
        h.proposedOutcome, h.outcomeLabel, h.procedureCaseId, h.foundOn, h.deadline, h.overdue ? '逾期' : '', h.closedOn, h.resolvedBatchId,
      ]),
    },
    { name: '按规则', title: `${placeName}比对疑点（按规则）`, notes, columns: countColumns('规则'), rows: countRows(report.byRule) },
    { name: '按村', title: `${placeName}比对疑点（按村）`, notes, columns: countColumns('村'), rows: countRows(report.byPlace) },
    { name: '按状态', title: `${placeName}比对疑点（按状态）`, notes, columns: countColumns('状态'), rows: countRows(report.byStatus) },
    { name: '按结果', title: `${placeName}比对疑点（按认定结果）`, notes, columns: countColumns('认定结果'), rows: countRows(report.byOutcome) },
  ];
}
