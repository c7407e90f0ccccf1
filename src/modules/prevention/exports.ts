/** The sheets of 防止返贫致贫's 导出Excel: the screening list and the case clocks. */
import type { ReportSheet } from '../reports/service';
import type { ScreeningResult } from './screening';
import type { CaseClockView } from './clocks';

export function screeningSheets(placeName: string, r: ScreeningResult, today: string): ReportSheet[] {
  return [{
    name: '监测范围内的户',
    title: `${placeName} ${r.year} 年防止返贫致贫监测范围内的户`,
    notes: [...r.ranges, `范围内 ${r.counts.inRange} 户（脱贫不稳定户 ${r.counts.unstable}、边缘易致贫户 ${r.counts.marginal}、突发严重困难户 ${r.counts.sudden}），其中尚未纳入监测 ${r.counts.notYetMonitored} 户；应纳尽纳，不设规模上限。导出日期：${today}`],
    columns: [{ header: '户编号', width: 16 }, { header: '户主' }, { header: '村代码', width: 14 }, { header: '类别', width: 14 }, { header: '人均纯收入（元）' }, { header: '扣除合规自付后（元）' }, { header: '已纳入监测' }, { header: '依据', width: 80 }],
    rows: r.items.map((i) => [i.householdNo, i.headName, i.villageCode, i.kindLabel ?? '范围外', i.perCapita, i.afterCosts, i.monitored ? '是' : '否', i.reason]),
  }];
}

export function clockSheets(placeName: string, items: CaseClockView[], today: string): ReportSheet[] {
  return [{
    name: '纳入监测时限',
    title: `${placeName} 纳入监测办理时限（截至 ${today}）`,
    notes: ['时限自发现线索之日起算；超期为橙色预警并报上一级督办，超期超过规定天数为红色预警并再报上一级。'],
    columns: [{ header: '程序编号' }, { header: '户编号', width: 16 }, { header: '户主' }, { header: '发现日期' }, { header: '时限方案', width: 24 }, { header: '当前步骤', width: 16 }, { header: '总时限至' }, { header: '剩余' }, { header: '状态', width: 16 }, { header: '督办层级' }, { header: '先行帮扶', width: 30 }, { header: '说明', width: 70 }],
    rows: items.map((i) => [i.caseId, i.householdNo, i.headName, i.clueOn, i.profileLabel, i.procedureStepLabel, i.dueOn, `${i.remaining} ${i.unitLabel}`, i.statusLabel, i.escalateTo, i.urgentMeasures.map((u) => `${u.startedOn} ${u.causeLabel}：${u.measure}`).join('；'), i.text]),
  }];
}
