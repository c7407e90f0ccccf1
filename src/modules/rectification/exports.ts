/** The rectification ledger as a workbook (台账): one line per finding, and the counts by unit. */
import type { ReportSheet } from '../reports/service';
import type { RectificationView, CountLine } from './service';

export function ledgerSheets(placeName: string, items: RectificationView[], byUnit: CountLine[], madeOn: string): ReportSheet[] {
  const notes = [`地区：${placeName}；制表日期：${madeOn}（逾期按制表日期计算）`];
  return [
    {
      name: '整改台账',
      title: `${placeName}问题整改台账`,
      notes,
      columns: [
        { header: '编号', width: 8 }, { header: '地区', width: 14 }, { header: '问题来源', width: 14 }, { header: '来源批次或文号', width: 18 },
        { header: '发现日期', width: 12 }, { header: '问题描述', width: 50 }, { header: '责任领导', width: 12 }, { header: '责任单位', width: 16 },
        { header: '责任人', width: 10 }, { header: '整改时限', width: 12 }, { header: '整改措施', width: 40 }, { header: '状态', width: 14 },
        { header: '是否逾期', width: 10 }, { header: '销号日期', width: 12 }, { header: '重新整改次数', width: 12 },
      ],
      rows: items.map((r) => [
        r.id, r.placeName, r.sourceLabel, r.sourceRef, r.foundOn, r.finding, r.responsibleLeader, r.responsibleUnit, r.responsiblePerson,
        r.deadline, r.measures, r.statusLabel, r.overdue ? '逾期' : '', r.closedOn, r.reopenCount,
      ]),
    },
    {
      name: '按责任单位',
      title: `${placeName}问题整改情况（按责任单位）`,
      notes,
      columns: [{ header: '责任单位', width: 20 }, { header: '未销号', width: 10 }, { header: '其中逾期', width: 10 }, { header: '已销号', width: 10 }, { header: '曾重新整改', width: 12 }],
      rows: byUnit.map((u) => [u.name, u.open, u.overdue, u.closed, u.reopened]),
    },
  ];
}
