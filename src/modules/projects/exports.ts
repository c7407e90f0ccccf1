/** Workbooks of the project library, the coverage report, the funds ledger and the loans. */
import type { ReportSheet } from '../reports/service';
import type { ProjectView, CoverageLine } from './service';
import type { allocationView, disbursementView, sourceView } from './funds';
import type { LoanView } from './loans';

const money = { numFmt: '#,##0.00', width: 16 };

export function projectSheets(placeName: string, today: string, items: ProjectView[]): ReportSheet[] {
  return [{
    name: '项目库', title: `${placeName}扶贫项目库`, notes: [`导出日期：${today}`, `项目 ${items.length} 个`],
    columns: [{ header: '编号' }, { header: '地区', width: 24 }, { header: '年度' }, { header: '项目名称', width: 30 }, { header: '产业' }, { header: '类型' },
      { header: '规模' }, { header: '单位' }, { header: '计划产值（元）', ...money }, { header: '实际产值（元）', ...money }, { header: '牵头部门', width: 16 },
      { header: '计划开工' }, { header: '计划完工' }, { header: '开工日期' }, { header: '完工日期' }, { header: '验收日期' }, { header: '状态' }, { header: '利益联结' },
      { header: '覆盖卡户' }, { header: '户均增收（元）', ...money }, { header: '登记受益户' }, { header: '已分配资金（元）', ...money }, { header: '已拨付（元）', ...money }, { header: '未拨付余额（元）', ...money }],
    rows: items.map((p) => [p.id, p.placeName, p.year, p.name, p.industry, p.typeLabel, p.scale, p.scaleUnit, p.plannedOutput, p.actualOutput, p.leadDepartment,
      p.plannedStart, p.plannedCompletion, p.startedOn, p.completedOn, p.acceptedOn, p.statusLabel, p.benefitLinkLabel, p.coveredHouseholds, p.avgIncomeGain,
      p.beneficiaries, p.allocated, p.disbursed, p.balance]),
  }];
}

export function coverageSheets(placeName: string, year: number, today: string, lines: CoverageLine[]): ReportSheet[] {
  return [{
    name: '产业覆盖', title: `${placeName}${year}年产业扶贫项目覆盖情况`, notes: [`导出日期：${today}`, '覆盖卡户、户均增收为项目计划数；登记受益户为已关联到项目的建档立卡户'],
    columns: [{ header: '产业', width: 14 }, { header: '类型' }, { header: '项目数' }, { header: '规模' }, { header: '单位' }, { header: '计划产值（元）', ...money },
      { header: '实际产值（元）', ...money }, { header: '覆盖卡户' }, { header: '户均增收（元）', ...money }, { header: '登记受益户' }, { header: '受益户平均增收（元）', ...money }],
    rows: lines.map((l) => [l.industry, l.typeLabel, l.projects, l.scale, l.scaleUnit, l.plannedOutput, l.actualOutput, l.coveredHouseholds, l.avgIncomeGain, l.linkedHouseholds, l.linkedAvgIncomeGain]),
  }];
}

type Source = ReturnType<typeof sourceView>;
type Allocation = ReturnType<typeof allocationView>;
type Disbursement = ReturnType<typeof disbursementView>;

export function fundSheets(placeName: string, year: number | undefined, today: string, sources: Source[], allocations: Allocation[], disbursements: Disbursement[]): ReportSheet[] {
  const notes = [`年度：${year ?? '全部'}`, `导出日期：${today}`];
  return [
    {
      name: '资金来源', title: `${placeName}扶贫资金来源`, notes,
      columns: [{ header: '编号' }, { header: '年度' }, { header: '来源' }, { header: '资金名称', width: 30 }, { header: '文号', width: 20 }, { header: '到位日期' },
        { header: '金额（元）', ...money }, { header: '已分配（元）', ...money }, { header: '已拨付（元）', ...money }, { header: '未分配余额（元）', ...money }],
      rows: sources.map((x) => [x.id, x.year, x.kindLabel, x.name, x.docNo, x.receivedOn, x.amount, x.allocated, x.disbursed, x.unallocated]),
    },
    {
      name: '资金分配', title: `${placeName}扶贫资金分配`, notes,
      columns: [{ header: '编号' }, { header: '资金来源', width: 24 }, { header: '项目', width: 30 }, { header: '到户（户编号）', width: 20 }, { header: '户主' }, { header: '分配日期' },
        { header: '金额（元）', ...money }, { header: '已拨付（元）', ...money }, { header: '余额（元）', ...money }],
      rows: allocations.map((a) => [a.id, a.sourceName, a.projectName, a.householdNo, a.headName, a.allocatedOn, a.amount, a.disbursed, a.balance]),
    },
    {
      name: '资金拨付', title: `${placeName}扶贫资金拨付`, notes,
      columns: [{ header: '编号' }, { header: '拨付日期' }, { header: '凭证号', width: 18 }, { header: '资金来源', width: 24 }, { header: '项目', width: 30 }, { header: '到户（户编号）', width: 20 },
        { header: '收款方', width: 20 }, { header: '金额（元）', ...money }],
      rows: disbursements.map((d) => [d.id, d.paidOn, d.voucherNo, d.sourceName, d.projectName, d.householdNo, d.payee, d.amount]),
    },
  ];
}

export function loanSheets(placeName: string, today: string, items: LoanView[]): ReportSheet[] {
  return [{
    name: '小额信贷', title: `${placeName}扶贫小额信贷台账`, notes: [`状态按 ${today} 计算`],
    columns: [{ header: '编号' }, { header: '户编号', width: 20 }, { header: '户主' }, { header: '村', width: 22 }, { header: '贷款银行', width: 18 }, { header: '合同号' },
      { header: '金额（元）', ...money }, { header: '期限（月）' }, { header: '期数' }, { header: '年利率' }, { header: '贴息年利率' }, { header: '用途', width: 16 },
      { header: '放款日期' }, { header: '展期（月）' }, { header: '已还本金（元）', ...money }, { header: '未还本金（元）', ...money }, { header: '状态' },
      { header: '逾期起始' }, { header: '逾期本金（元）', ...money }, { header: '下次应还日' }, { header: '下次应还本金（元）', ...money }, { header: '到期日' }],
    rows: items.map((l) => [l.id, l.householdNo, l.headName, l.villageName, l.lender, l.contractNo, l.amount, l.termMonths, l.installments, l.annualRate, l.subsidyRate,
      l.purpose, l.issuedOn, l.extendedMonths, l.repaid, l.outstanding, l.dueSoon ? `${l.stateLabel}（即将到期）` : l.stateLabel, l.overdueSince, l.overdueAmount,
      l.nextDueOn, l.nextDueAmount, l.maturity]),
  }];
}
