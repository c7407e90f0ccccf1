/** The list of procedure cases as a workbook (same filters as the list, every page). */
import type { ReportSheet } from '../reports/service';
import type { caseSummary } from './views';

type CaseSummary = ReturnType<typeof caseSummary>;

/** At most this many cases in one download (a county's yearly exits fit many times over). */
export const MAX_EXPORT_CASES = 20_000;

export function caseSheets(items: CaseSummary[], filters: string[], madeOn: string): ReportSheet[] {
  return [
    {
      name: '程序案件',
      title: '扶贫程序案件清单',
      notes: [`筛选：${filters.length ? filters.join('；') : '全部'}`, `制表日期：${madeOn}`],
      columns: [
        { header: '案件号', width: 8 }, { header: '程序', width: 12 }, { header: '户编号', width: 20 }, { header: '户主', width: 10 },
        { header: '所在地', width: 30 }, { header: '年度', width: 6 }, { header: '人数', width: 6 }, { header: '当前步骤', width: 26 },
        { header: '办理角色', width: 14 }, { header: '状态', width: 14 }, { header: '公示期', width: 24 }, { header: '未处理异议', width: 10 },
        { header: '理由', width: 40 }, { header: '发起时间', width: 20 }, { header: '更新时间', width: 20 },
      ],
      rows: items.map((c) => [
        c.id, c.procedureLabel, c.householdNo, c.headName, c.placeName, c.year, c.persons, `${c.step.index + 1}/${c.stepCount} ${c.step.label}`,
        c.step.roleLabels.join('、'), c.statusLabel, c.noticeStartsOn ? `${c.noticeStartsOn} 至 ${c.noticeEndsOn}` : '', c.openObjections || '',
        c.reason, c.startedAt, c.updatedAt,
      ]),
    },
  ];
}
