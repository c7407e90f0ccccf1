/** The assistance lists as workbooks (Chinese headers): unpaired households, overdue visits, coverage, left-behind register. */
import type { ReportSheet } from '../reports/service';
import type { CoverageRow, LeftBehindRow } from './measureQueries';
import type { OverdueReport } from './visits';

const STATUS: Record<string, string> = { poor: '未脱贫', returned: '返贫', monitored: '监测对象' };
const CATEGORY: Record<string, string> = { child: '留守儿童', woman: '留守妇女', elderly: '留守老人', disabled: '残疾人' };

export function unpairedSheet(placeName: string, items: { householdNo: string; headName: string; villageName: string | null; size: number; status: string }[]): ReportSheet {
  return {
    name: '未结对户',
    title: `${placeName}未结对的贫困户和监测户`,
    notes: [`共 ${items.length} 户`],
    columns: [{ header: '户编号', width: 22 }, { header: '户主', width: 12 }, { header: '村', width: 24 }, { header: '人数', width: 8 }, { header: '状态', width: 12 }],
    rows: items.map((h) => [h.householdNo, h.headName, h.villageName, h.size, STATUS[h.status] ?? h.status]),
  };
}

export function overdueSheets(placeName: string, report: OverdueReport): ReportSheet[] {
  return [
    {
      name: '逾期未走访',
      title: `${placeName}逾期未走访清单（统计日期 ${report.asOf}）`,
      notes: report.rules.map((r) => `${r.label}：每 ${r.periodMonths} 个月至少走访 ${r.minVisits} 次`),
      columns: [{ header: '户编号', width: 22 }, { header: '户主', width: 12 }, { header: '村', width: 24 }, { header: '帮扶干部', width: 14 }, { header: '工作单位', width: 20 }, { header: '最近走访', width: 12 }, { header: '说明', width: 60 }],
      rows: report.lines.map((l) => [l.householdNo, l.headName, l.villageName, l.cadreName, l.unit, l.lastVisitOn, l.standing.reason]),
    },
    {
      name: '按干部',
      title: `${placeName}走访情况（按帮扶干部）`,
      notes: [],
      columns: [{ header: '帮扶干部', width: 14 }, { header: '工作单位', width: 20 }, { header: '结对户数', width: 10 }, { header: '逾期户数', width: 10 }, { header: '本期待走访', width: 10 }],
      rows: report.byCadre.map((c) => [c.cadreName, c.unit, c.households, c.overdue, c.due]),
    },
  ];
}

export function coverageSheet(placeName: string, year: number | null, rows: CoverageRow[]): ReportSheet {
  return {
    name: '帮扶措施覆盖',
    title: `${placeName}帮扶措施覆盖情况${year ? `（${year} 年）` : ''}`,
    notes: ['每户每类措施计一次；人数为措施覆盖的人数'],
    columns: [{ header: '帮扶措施', width: 24 }, { header: '户数', width: 10 }, { header: '人数', width: 10 }, { header: '其中主导措施户数', width: 16 }],
    rows: rows.map((r) => [r.label, r.households, r.persons, r.mainHouseholds]),
  };
}

export function leftBehindSheet(placeName: string, asOf: string, rows: LeftBehindRow[]): ReportSheet {
  return {
    name: '三留守',
    title: `${placeName}三留守人员和残疾人登记（${asOf}）`,
    notes: ['由家庭成员数据推算：外出务工指省外务工、省内县外务工'],
    columns: [{ header: '类别', width: 10 }, { header: '姓名', width: 10 }, { header: '身份证号', width: 22 }, { header: '年龄', width: 6 }, { header: '村', width: 24 }, { header: '户编号', width: 22 }, { header: '联系人', width: 12 }, { header: '联系频次', width: 16 }],
    rows: rows.map((r) => [CATEGORY[r.category] ?? r.category, r.name, r.idNumber, r.age, r.villageName, r.householdNo, r.contactName ?? r.cadreName, r.rhythm ?? '月探访、周通话']),
  };
}

export function cadreSheet(placeName: string, items: { id: number; name: string; unit: string; rank: string; placeCode: string; households: number }[], rankLabels: ReadonlyMap<string, string>): ReportSheet {
  return {
    name: '帮扶干部',
    title: `${placeName}帮扶干部`,
    notes: [`共 ${items.length} 人`],
    columns: [{ header: '干部编号', width: 10 }, { header: '姓名', width: 12 }, { header: '工作单位', width: 28 }, { header: '职级', width: 16 }, { header: '工作地代码', width: 14 }, { header: '结对户数', width: 10 }],
    rows: items.map((c) => [c.id, c.name, c.unit, rankLabels.get(c.rank) ?? c.rank, c.placeCode, c.households]),
  };
}
