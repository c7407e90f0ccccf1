/**
 * The Projects & funds pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import type { ModuleDefinition } from '../types';
import { lazyPage } from '../../app/lazyPage';

// Each page's code is fetched when the page is first opened (app/lazyPage.tsx).
const CoveragePage = lazyPage(() => import('./CoveragePage'), 'CoveragePage');
const DisclosurePage = lazyPage(() => import('./DisclosurePage'), 'DisclosurePage');
const FundsPage = lazyPage(() => import('./FundsPage'), 'FundsPage');
const LoansPage = lazyPage(() => import('./LoansPage'), 'LoansPage');
const ProjectsPage = lazyPage(() => import('./ProjectsPage'), 'ProjectsPage');

const READ = ['funds.read'];
const guard = (page: ReactNode) => <RequirePermission permissions={READ}>{page}</RequirePermission>;

const zh = {
  menu: { projects: '项目库', coverage: '产业覆盖', funds: '扶贫资金', disclosure: '资金公示', loans: '小额信贷' },
  libraryTitle: '扶贫项目库', create: '新建项目', name: '项目名称', place: '地区', placeCode: '地区代码', year: '年度', industry: '产业', type: '项目类型', scale: '建设规模', unit: '单位',
  plannedOutput: '计划产值（元）', actualOutput: '实际产值（元）', lead: '牵头部门', plannedStart: '计划开工', plannedCompletion: '计划完工', benefitLink: '利益联结',
  coveredHouseholds: '覆盖卡户', avgIncomeGain: '户均增收（元）', note: '备注', status: '状态', onDate: '日期', search: '项目名称或产业', total: '共 {{count}} 个项目',
  allocated: '已分配（元）', disbursed: '已拨付（元）', balance: '余额（元）', disclosure: '公示', print: '打印', saved: '已保存', submit: '提交',
  coverageTitle: '产业扶贫项目覆盖情况', coverageTitleOf: '{{place}}{{year}}年产业扶贫项目覆盖情况', projectCount: '项目数', outputWan: '产值（万元）', linkedHouseholds: '登记受益户',
  linkedGain: '受益户平均增收（元）', coverageNote: '覆盖卡户、户均增收为项目计划数；登记受益户为已关联到项目的建档立卡户。',
  fundsTitle: '扶贫资金', addSource: '登记资金来源', allocate: '分配资金', disburse: '登记拨付', fundName: '资金名称', kind: '来源', docNo: '文号', amount: '金额（元）',
  unallocated: '未分配余额（元）', receivedOn: '到位日期', target: '去向', source: '资金来源', allocatedOn: '分配日期', paidOn: '日期', voucher: '凭证号', payee: '收款方',
  allocation: '资金分配', project: '项目', householdNo: '户编号', toProject: '分配到项目', toHousehold: '直接拨付到户',
  tabSources: '资金来源', tabAllocations: '资金分配', tabDisbursements: '资金拨付',
  rulesTitle: '资金使用规则', rulesCountyOnly: '资金使用规则（产业资金占比、公益岗位等）按全县核算，由县级查看；这里列出本辖区的资金来源、分配和支出。', rulesTitleOf: '{{place}}{{year}}年资金使用规则', pass: '达标', fail: '未达标', noData: '无数据', policyUsed: '所用政策',
  splitTitle: '人均帮扶资金分担（省 : 对口帮扶市 : 本市）', splitText: '{{place}}帮扶对象 {{persons}} 人 × 每人 {{perPerson}} 元 = {{total}} 元，按 {{ratio}} 分担：',
  disclosureTitle: '扶贫资金公示', disclosureTitleOf: '{{place}}{{year}}年扶贫资金公示', disclosureIntro: '共分配资金 {{allocated}} 元，已拨付 {{disbursed}} 元。',
  disclosureFooter: '公示期 7 天。如有异议，请向乡镇人民政府或县扶贫开发领导小组办公室反映。',
  detail: '项目详情', edit: '编辑', beneficiaryTitle: '受益户（{{count}} 户）', headName: '户主', householdStatus: '状态', incomeGain: '增收（元）', addBeneficiary: '添加受益户',
  saveBeneficiaries: '保存受益户', householdNoRequired: '请填写户编号', notBeneficiary: '{{value}} 不在项目所在地区的登记户中',
  pvTitle: '光伏收益', pvVillage: '村代码', pvRevenue: '光伏收益（元）', pvWelfare: '用于公益岗位和劳务（元）', pvSave: '保存光伏收益',
  loansTitle: '扶贫小额信贷', newLoan: '登记贷款', overdueCheck: '逾期检查', checked: '已检查 {{checked}} 笔，状态变化 {{changed}} 笔', household: '贷款户', village: '村',
  lender: '贷款银行', contractNo: '合同号', outstanding: '未还本金（元）', issuedOn: '放款日期', nextDue: '下次应还', state: '状态', overdueSince: '自 {{date}} 逾期 {{amount}} 元',
  dueSoon: '即将到期', termMonths: '期限（月）', installments: '还款期数', annualRate: '年利率', subsidyRate: '贴息年利率', purpose: '用途', extended: '已展期（月）/上限',
  seq: '期次', dueOn: '应还日', principal: '本金（元）', interest: '利息（元）', subsidy: '贴息（元）', paid: '已还', repayments: '还款记录', extensions: '展期记录',
  grantedOn: '展期日期', months: '展期月数', reason: '原因', repay: '登记还款', extend: '展期',
  states: { all: '全部', active: '正常', overdue: '逾期', due_soon: '30 天内到期', repaid: '已结清' },
};

const en: typeof zh = {
  menu: { projects: 'Project library', coverage: 'Industry coverage', funds: 'Funds', disclosure: 'Fund disclosure', loans: 'Micro-loans' },
  libraryTitle: 'Project library', create: 'New project', name: 'Project', place: 'Place', placeCode: 'Place code', year: 'Year', industry: 'Industry', type: 'Type', scale: 'Scale', unit: 'Unit',
  plannedOutput: 'Planned output (yuan)', actualOutput: 'Actual output (yuan)', lead: 'Lead department', plannedStart: 'Planned start', plannedCompletion: 'Planned completion', benefitLink: 'Benefit link',
  coveredHouseholds: 'Households covered', avgIncomeGain: 'Average income gain (yuan)', note: 'Note', status: 'Status', onDate: 'Date', search: 'Project or industry', total: '{{count}} projects',
  allocated: 'Allocated (yuan)', disbursed: 'Disbursed (yuan)', balance: 'Balance (yuan)', disclosure: 'Notice', print: 'Print', saved: 'Saved', submit: 'Submit',
  coverageTitle: 'Industry project coverage', coverageTitleOf: 'Industry project coverage of {{place}}, {{year}}', projectCount: 'Projects', outputWan: 'Output (10k yuan)', linkedHouseholds: 'Linked households',
  linkedGain: 'Linked average gain (yuan)', coverageNote: 'Households covered and average gain are the planned figures; linked households are registered households attached to the projects.',
  fundsTitle: 'Poverty-alleviation funds', addSource: 'Register a source', allocate: 'Allocate', disburse: 'Record a disbursement', fundName: 'Fund', kind: 'Source', docNo: 'Document no.', amount: 'Amount (yuan)',
  unallocated: 'Unallocated (yuan)', receivedOn: 'Received on', target: 'To', source: 'Source', allocatedOn: 'Allocated on', paidOn: 'Date', voucher: 'Voucher', payee: 'Payee',
  allocation: 'Allocation', project: 'Project', householdNo: 'Household no.', toProject: 'To a project', toHousehold: 'Directly to a household',
  tabSources: 'Sources', tabAllocations: 'Allocations', tabDisbursements: 'Disbursements',
  rulesTitle: 'Fund rules', rulesCountyOnly: 'The fund rules (share for industry, public-welfare posts …) are reckoned for the whole county and read at county level; here are the sources, allocations and disbursements of your area.', rulesTitleOf: 'Fund rules of {{place}}, {{year}}', pass: 'Pass', fail: 'Fail', noData: 'No data', policyUsed: 'Policy used',
  splitTitle: 'Per-person fund shares (province : partner city : city)', splitText: '{{place}}: {{persons}} persons × {{perPerson}} yuan = {{total}} yuan, shared {{ratio}}: ',
  disclosureTitle: 'Fund disclosure', disclosureTitleOf: 'Fund disclosure of {{place}}, {{year}}', disclosureIntro: 'Allocated {{allocated}} yuan, disbursed {{disbursed}} yuan.',
  disclosureFooter: 'Posted for 7 days. Objections go to the township government or the county poverty-alleviation office.',
  detail: 'Project detail', edit: 'Edit', beneficiaryTitle: 'Beneficiary households ({{count}})', headName: 'Head', householdStatus: 'Status', incomeGain: 'Income gain (yuan)', addBeneficiary: 'Add a household',
  saveBeneficiaries: 'Save beneficiaries', householdNoRequired: 'Enter the household no.', notBeneficiary: '{{value}} is not a registered household of the project\'s place',
  pvTitle: 'Photovoltaic revenue', pvVillage: 'Village code', pvRevenue: 'PV revenue (yuan)', pvWelfare: 'Spent on public-welfare jobs and labour (yuan)', pvSave: 'Save PV revenue',
  loansTitle: 'Poverty-alleviation micro-loans', newLoan: 'Record a loan', overdueCheck: 'Check overdue', checked: '{{checked}} loans checked, {{changed}} changed', household: 'Household', village: 'Village',
  lender: 'Lender', contractNo: 'Contract no.', outstanding: 'Outstanding (yuan)', issuedOn: 'Issued on', nextDue: 'Next due', state: 'State', overdueSince: 'overdue since {{date}}: {{amount}} yuan',
  dueSoon: 'Due soon', termMonths: 'Term (months)', installments: 'Installments', annualRate: 'Annual rate', subsidyRate: 'Subsidised rate', purpose: 'Purpose', extended: 'Extended (months) / limit',
  seq: 'No.', dueOn: 'Due on', principal: 'Principal (yuan)', interest: 'Interest (yuan)', subsidy: 'Subsidy (yuan)', paid: 'Paid', repayments: 'Repayments', extensions: 'Extensions',
  grantedOn: 'Granted on', months: 'Months', reason: 'Reason', repay: 'Record a repayment', extend: 'Extend',
  states: { all: 'All', active: 'Current', overdue: 'Overdue', due_soon: 'Due within 30 days', repaid: 'Repaid' },
};

export const projectsModule: ModuleDefinition = {
  key: 'projects',
  pages: [
    { path: '/projects', label: 'projects.menu.projects', permissions: READ },
    { path: '/projects/coverage', label: 'projects.menu.coverage', permissions: READ },
    { path: '/funds', label: 'projects.menu.funds', permissions: READ },
    { path: '/funds/disclosure', label: 'projects.menu.disclosure', permissions: READ },
    { path: '/loans', label: 'projects.menu.loans', permissions: READ },
  ],
  routes: () => (
    <>
      <Route path="projects" element={guard(<ProjectsPage />)} />
      <Route path="projects/coverage" element={guard(<CoveragePage />)} />
      <Route path="funds" element={guard(<FundsPage />)} />
      <Route path="funds/disclosure" element={guard(<DisclosurePage />)} />
      <Route path="loans" element={guard(<LoansPage />)} />
    </>
  ),
  messages: { zh, en },
};
