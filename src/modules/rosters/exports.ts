/** A roster's report as a workbook: the counts by category, and the rows of the view asked (ID numbers and health facts masked). */
import type { ReportSheet } from '../reports/service';
import type { RosterRowView } from './service';

const VIEW_NAMES: Record<string, string> = { all: '全部行', conflicts: '不一致的行', unmatched: '未匹配的行' };

export function rosterSheets(title: string, view: string, byCategory: { label: string; rows: number; conflicts: number }[], items: RosterRowView[], madeOn: string): ReportSheet[] {
  const notes = [`${title}；制表日期：${madeOn}；身份证号、残疾等级已脱敏`];
  return [
    {
      name: VIEW_NAMES[view] ?? view,
      title: `${title}（${VIEW_NAMES[view] ?? view}）`,
      notes,
      columns: [
        { header: '名单行号', width: 8 }, { header: '身份证号', width: 22 }, { header: '名单姓名', width: 10 }, { header: '在册类别', width: 14 }, { header: '户编号', width: 20 },
        { header: '所在村代码', width: 14 }, { header: '在册姓名', width: 10 }, { header: '不一致字段', width: 14 }, { header: '库内', width: 14 }, { header: '名单', width: 14 }, { header: '说明', width: 50 },
      ],
      rows: items.flatMap((r) => {
        const base = [r.rowNo, r.idNumber, r.name, r.categoryLabel, r.householdNo, r.villageCode, r.personName];
        return r.conflicts.length ? r.conflicts.map((c) => [...base, c.field, c.registry, c.roster, c.note ?? null]) : [[...base, null, null, null, null]];
      }),
    },
    {
      name: '按在册类别', title: `${title}（按在册类别）`, notes,
      columns: [{ header: '在册类别', width: 18 }, { header: '人数', width: 10 }, { header: '其中不一致', width: 12 }],
      rows: byCategory.map((c) => [c.label, c.rows, c.conflicts]),
    },
  ];
}
