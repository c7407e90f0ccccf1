/** The rhythm's workbooks (导出Excel): a period report, the submissions of a month, a submitted report, a round, the 问责 ledger. */
import { FIGURES, FIGURE_LABELS, type Figures } from '../../domain/rhythm/labels';
import type { ReportSheet } from '../reports/service';
import type { accountabilityLedger, assessmentResults, periodReport, reportDetail, roundDetail, submissionList, teamMonth } from './service';

const figureColumns = FIGURES.map((f) => ({ header: FIGURE_LABELS[f], width: 14 }));
const figureCells = (f: Figures) => FIGURES.map((k) => f[k]);

export function periodSheets(r: Awaited<ReturnType<typeof periodReport>>, madeOn: string): ReportSheet[] {
  const notes = [`数据来源：各月月末快照（快照生成后不再变动）；截至 ${r.endMonth?.slice(0, 7) ?? '（尚无快照）'}；制表日期：${madeOn}`];
  return [
    { name: '逐月', title: r.title, notes, columns: [{ header: '月份', width: 10 }, { header: '快照', width: 8 }, ...figureColumns], rows: r.months.map((m) => [m.month.slice(0, 7), m.taken ? '有' : '无', ...figureCells(m)]) },
    { name: '分地区', title: `${r.title}（分地区）`, notes, columns: [{ header: '代码', width: 14 }, { header: '地区', width: 16 }, ...figureColumns], rows: r.children.map((c) => [c.code, c.name, ...figureCells(c)]) },
  ];
}

export function submissionSheets(placeName: string, list: Awaited<ReturnType<typeof submissionList>>): ReportSheet[] {
  return [{
    name: '上报情况',
    title: `${placeName}${list.month.slice(0, 7)}月度进展上报情况`,
    notes: [`应报 ${list.totals.expected}，逾期未报 ${list.totals.missing}，逾期上报 ${list.totals.late}，已签收 ${list.totals.signedOff}；制表日期：${list.today}`],
    columns: [{ header: '代码', width: 12 }, { header: '单位', width: 16 }, { header: '层级', width: 8 }, { header: '报送期限', width: 12 }, { header: '首次上报日期', width: 14 }, { header: '状态', width: 14 }, { header: '版本', width: 8 }, { header: '及时性', width: 24 }],
    rows: list.items.map((i) => [i.placeCode, i.placeName, i.level, i.dueOn, i.firstSubmittedOn, i.statusLabel, i.version, i.stateLabel]),
  }];
}

export function reportSheets(r: Awaited<ReturnType<typeof reportDetail>>): ReportSheet[] {
  const current = r.versions.find((v) => v.version === r.version);
  const title = `${r.place.name}${r.month.slice(0, 4)}年${Number(r.month.slice(5, 7))}月工作进展报告`;
  const notes = [`报送期限 ${r.dueOn}；首次上报 ${r.firstSubmittedOn ?? '—'}；${r.stateLabel}；第 ${r.version} 版（数字取自上报时冻结的快照）`];
  return [
    {
      name: '报告', title, notes,
      columns: [{ header: '项目', width: 20 }, { header: '内容', width: 80 }],
      rows: [
        ['工作进展情况', current?.progress], ['存在问题', current?.problems], ['下步打算', current?.nextSteps],
        ['未报乡镇', current?.missingNames.join('、') || '无'],
        ...(r.figures ? FIGURES.map((f) => [FIGURE_LABELS[f], r.figures!.total[f]]) : []),
      ],
    },
    { name: '分地区', title: `${title}（分地区）`, notes, columns: [{ header: '代码', width: 14 }, { header: '地区', width: 16 }, ...figureColumns], rows: (r.figures?.children ?? []).map((c) => [c.code, c.name, ...figureCells(c)]) },
    {
      name: '版本', title: `${title}（各版本）`, notes,
      columns: [{ header: '版本', width: 8 }, { header: '上报日期', width: 12 }, { header: '上报人', width: 12 }, { header: '处理', width: 10 }, { header: '处理日期', width: 12 }, { header: '处理人', width: 12 }, { header: '退回理由', width: 40 }],
      rows: r.versions.map((v) => [v.version, v.submittedOn, v.submittedBy, v.decision === 'signed_off' ? '签收' : v.decision === 'returned' ? '退回' : '待处理', v.decidedOn, v.decidedBy, v.reason]),
    },
  ];
}

export function roundSheets(r: Awaited<ReturnType<typeof roundDetail>>, madeOn: string): ReportSheet[] {
  return [{
    name: '督查发现问题',
    title: `${r.title}（${r.modeLabel}）发现问题及整改情况`,
    notes: [`督查时间 ${r.startsOn} 至 ${r.endsOn}；督查组：${r.team.join('、')}；对象：${r.placeNames.join('、')}；制表日期：${madeOn}`],
    columns: [{ header: '序号', width: 6 }, { header: '地区', width: 16 }, { header: '发现日期', width: 12 }, { header: '问题', width: 50 }, { header: '责任单位', width: 16 }, { header: '整改编号', width: 10 }, { header: '整改时限', width: 12 }, { header: '整改状态', width: 14 }, { header: '销号日期', width: 12 }],
    rows: r.findings.map((f) => [f.seq, f.placeName, f.foundOn, f.finding, f.responsibleUnit, f.rectificationId, f.deadline, f.rectificationStatusLabel + (f.overdue ? '（逾期）' : ''), f.closedOn]),
  }];
}

export function accountabilitySheets(placeName: string, year: number, rows: Awaited<ReturnType<typeof accountabilityLedger>>): ReportSheet[] {
  return [{
    name: '问责台账',
    title: `${placeName}${year}年问责台账`,
    notes: [`共 ${rows.length} 条`],
    columns: [{ header: '决定日期', width: 12 }, { header: '地区', width: 16 }, { header: '被问责人', width: 10 }, { header: '职务', width: 14 }, { header: '单位', width: 16 }, { header: '事由类别', width: 12 }, { header: '事由', width: 50 }, { header: '依据', width: 30 }, { header: '问责方式', width: 14 }, { header: '备注', width: 20 }],
    rows: rows.map((a) => [a.decidedOn, a.placeName, a.person, a.position, a.unit, a.causeKindLabel, a.causeText, a.basis, a.measureLabel, a.note]),
  }];
}

export function teamSheets(placeName: string, r: Awaited<ReturnType<typeof teamMonth>>): ReportSheet[] {
  const notes = [`${r.month.slice(0, 7)}；每月最少在岗 ${r.rules.monthlyMinDays} 天（按在任天数折算），每队至少 ${r.rules.minMembers} 人；在岗天数 = 在岗 + 因公外出`];
  return [
    {
      name: '在岗情况', title: `${placeName}驻村工作队在岗情况`, notes,
      columns: [{ header: '村', width: 18 }, { header: '姓名', width: 10 }, { header: '职务', width: 10 }, { header: '单位', width: 18 }, { header: '在任天数', width: 10 }, { header: '应在岗', width: 10 }, { header: '在岗', width: 8 }, { header: '请假', width: 8 }, { header: '是否不足', width: 10 }],
      rows: r.villages.flatMap((v) => v.members.map((m) => [v.villageName, m.cadreName, m.roleLabel, m.unit, m.assigned, m.required, m.onPost, m.leave, m.below ? '不足' : ''])),
    },
    {
      name: '未派驻或不足', title: `${placeName}有贫困人口未派驻工作队、队员不足的村`, notes,
      columns: [{ header: '村', width: 18 }, { header: '代码', width: 14 }, { header: '情况', width: 30 }],
      rows: [
        ...r.withoutTeam.map((v) => [v.villageName, v.villageCode, `未派驻工作队（剩余贫困人口 ${v.remainingPersons} 人）`]),
        ...r.smallTeams.map((v) => [v.villageName, v.villageCode, `在任队员 ${v.activeMembers} 人，少于 ${r.rules.minMembers} 人`]),
      ],
    },
  ];
}

export function assessmentSheets(r: Awaited<ReturnType<typeof assessmentResults>>): ReportSheet[] {
  const notes = [`考核日期 ${r.assessOn}；计算指标取 ${r.snapshotMonth?.slice(0, 7) ?? '（无）'} 月末快照和按时上报记录；${r.source ?? ''}`];
  return [
    {
      name: '考核结果', title: `${r.countyName}${r.title}`, notes,
      columns: [{ header: '名次', width: 6 }, { header: '乡镇', width: 16 }, ...r.indicators.map((i) => ({ header: `${i.name}（${i.weight}分）`, width: 14 })), { header: '总分', width: 8 }, { header: '等次', width: 8 }],
      rows: r.rows.map((row) => [row.rank, row.placeName, ...row.lines.map((l) => l.score), row.total, row.band]),
    },
    {
      name: '评分依据', title: `${r.countyName}${r.title}（评分依据）`, notes,
      columns: [{ header: '乡镇', width: 16 }, { header: '指标', width: 16 }, { header: '分值', width: 8 }, { header: '得分', width: 8 }, { header: '依据', width: 60 }],
      rows: r.rows.flatMap((row) => row.lines.map((l) => [row.placeName, l.name, l.weight, l.score, l.evidence])),
    },
  ];
}
