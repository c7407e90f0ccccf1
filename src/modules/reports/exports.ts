/** The report tables as workbooks: the same figures the pages show, with Chinese headers. */
import type { CauseReport, ProgressReport, ReportPlace } from './service';
import { causeLabel, statusLabel } from './service';
import type { ReportSheet } from './workbook';

const placeTitle = (p: ReportPlace) => (p.path.length ? p.path.map((s) => s.name).join(' / ') : p.name);
const yearText = (year: number | null) => (year === null ? '（无数据）' : `${year} 年底`);

export function causeReportSheets(report: CauseReport, madeOn: string): ReportSheet[] {
  const notes = [
    `地区：${placeTitle(report.place)}（${report.place.code}）`,
    `时点：${yearText(report.year)}；户状态：${report.statuses.map(statusLabel).join('、')}`,
    `合计：${report.households} 户，${report.persons} 人；占比为占户数（人数）的百分比，保留两位小数`,
    `制表日期：${madeOn}`,
  ];
  const causes: ReportSheet = {
    name: '致贫原因',
    title: `${report.place.name}贫困户致贫原因统计`,
    notes,
    columns: [
      { header: '致贫原因', width: 20 },
      { header: '户数', width: 10 },
      { header: '占户数比例（%）', width: 16, numFmt: '0.00' },
      { header: '人数', width: 10 },
      { header: '占人数比例（%）', width: 16, numFmt: '0.00' },
    ],
    rows: [
      ...report.causes.map((c) => [c.label, c.households, c.householdShare, c.persons, c.personShare]),
      ['合计', report.households, report.households ? 100 : 0, report.persons, report.persons ? 100 : 0],
    ],
  };
  const causeCodes = report.causes.map((c) => c.cause);
  const children: ReportSheet = {
    name: '下级地区',
    title: `${report.place.name}各下级地区致贫原因（户）`,
    notes,
    columns: [
      { header: '地区代码', width: 14 },
      { header: '地区', width: 18 },
      { header: '户数', width: 10 },
      { header: '人数', width: 10 },
      ...causeCodes.map((c) => ({ header: causeLabel(c), width: 12 })),
    ],
    rows: report.children.map((c) => [c.code, c.name, c.households, c.persons, ...causeCodes.map((code) => c.causes[code] ?? 0)]),
  };
  return report.children.length ? [causes, children] : [causes];
}

const PROGRESS_COLUMNS = [
  { header: '未脱贫户数', width: 12 },
  { header: '未脱贫人数', width: 12 },
  { header: '当年脱贫户数', width: 14 },
  { header: '当年脱贫人数', width: 14 },
  { header: '累计已脱贫户数', width: 16 },
  { header: '累计已脱贫人数', width: 16 },
  { header: '当年返贫户数', width: 14 },
  { header: '当年返贫人数', width: 14 },
  { header: '监测对象户数', width: 14 },
  { header: '监测对象人数', width: 14 },
];

type Figures = ProgressReport['years'][number];
const figures = (f: Omit<Figures, 'year'>) => [
  f.remainingHouseholds, f.remainingPersons, f.exitsHouseholds, f.exitsPersons, f.exitedHouseholds, f.exitedPersons,
  f.returnsHouseholds, f.returnsPersons, f.monitoredHouseholds, f.monitoredPersons,
];

export function progressReportSheets(report: ProgressReport, madeOn: string): ReportSheet[] {
  const notes = [`地区：${placeTitle(report.place)}（${report.place.code}）`, `各年为年底状态；制表日期：${madeOn}`];
  const years: ReportSheet = {
    name: '逐年进展',
    title: `${report.place.name}脱贫进展（逐年）`,
    notes,
    columns: [{ header: '年度', width: 8 }, ...PROGRESS_COLUMNS],
    rows: report.years.map((y) => [y.year, ...figures(y)]),
  };
  const children: ReportSheet = {
    name: '下级地区',
    title: `${report.place.name}各下级地区脱贫进展（${yearText(report.year)}）`,
    notes,
    columns: [{ header: '地区代码', width: 14 }, { header: '地区', width: 18 }, ...PROGRESS_COLUMNS],
    rows: report.children.map((c) => [c.code, c.name, ...figures(c)]),
  };
  return report.children.length ? [years, children] : [years];
}
