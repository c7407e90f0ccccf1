/**
 * The county pages (贫困县退出): the exit dashboard, an exit case, the centre's re-check of
 * exited counties: menu entries, routes and strings. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { lazyPage } from '../../app/lazyPage';
import type { ModuleDefinition } from '../types';

const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');
const CasePage = lazyPage(() => import('./CasePage'), 'CasePage');
const RecheckPage = lazyPage(() => import('./RecheckPage'), 'RecheckPage');

const READ = ['dashboard.read'];
const guard = (page: ReactNode) => <RequirePermission permissions={READ}>{page}</RequirePermission>;

const zh = {
  menu: { exit: '贫困县退出', rechecks: '摘帽县抽查' },
  title: '贫困县退出', dashboardTitle: '贫困县退出条件', year: '年度', county: '县', verdict: '结论', passed: '达标', failed: '未达标', noData: '无数据',
  reasons: '原因', allPassed: '各项均达标', exit: '摘帽情况', start: '发起摘帽', export: '导出Excel', summary: '{{total}} 个县中 {{passed}} 个达到摘帽标准',
  cases: '摘帽申请', caseNo: '编号', step: '当前步骤', status: '状态', noticeEnds: '公示截止', caseTitle: '贫困县退出（摘帽）申请', back: '返回退出条件',
  days: '天', waitingOn: '待办理', notice: '公示期', policy: '政策版本', startedBy: '发起人', publish: '开始公示', objector: '异议人', objection: '异议内容',
  object: '登记异议', comment: '意见', approve: '通过', return: '退回', reject: '不予通过', startVerdict: '发起时的摘帽条件', objections: '异议', dismiss: '异议不成立',
  uphold: '异议成立', dismissed: '异议不成立', upheld: '异议成立', open: '待处理', history: '办理记录', result: '结果', date: '日期', actor: '办理人',
  recheckTitle: '摘帽县抽查复查', draw: '抽取 {{year}} 年摘帽县', seedHint: '抽样种子（可不填）', drawn: '已从 {{population}} 个摘帽县中抽取 {{sample}} 个',
  recheckPassed: '复查通过', checkedOn: '复查日期', rectifications: '整改问题', record: '登记复查结果', drawNo: '批次', drawPlace: '范围', exitYear: '摘帽年度',
  share: '比例', drawCount: '抽中/摘帽县', seed: '种子', drawnBy: '抽取人', save: '保存', required: '必填',
  conditions: { incidence: '综合贫困发生率', wrongExitRate: '错退率', missedRate: '漏评率', approval: '群众认可度' },
  fields: { ruralPopulation: '农村户籍人口', personsSampled: '抽查未建档人数', missedPersons: '漏评人数', exitedPersonsSampled: '抽查已脱贫人数', wronglyExitedPersons: '错退人数', respondents: '调查户数', satisfied: '认可户数' },
};

const en: typeof zh = {
  menu: { exit: 'County exit', rechecks: 'Exit re-checks' },
  title: 'County exit', dashboardTitle: 'County exit conditions', year: 'Year', county: 'County', verdict: 'Verdict', passed: 'Met', failed: 'Not met', noData: 'No data',
  reasons: 'Reasons', allPassed: 'All conditions met', exit: 'Exit', start: 'Apply for exit', export: 'Export Excel', summary: '{{passed}} of {{total}} counties meet the exit standard',
  cases: 'Exit applications', caseNo: 'No.', step: 'Step', status: 'Status', noticeEnds: 'Notice ends', caseTitle: 'County exit application', back: 'Back to the conditions',
  days: 'days', waitingOn: 'Waiting on', notice: 'Notice', policy: 'Policy version', startedBy: 'Started by', publish: 'Publish notice', objector: 'Objector', objection: 'Objection',
  object: 'Record objection', comment: 'Comment', approve: 'Approve', return: 'Return', reject: 'Reject', startVerdict: 'Conditions at the start', objections: 'Objections', dismiss: 'Dismiss',
  uphold: 'Uphold', dismissed: 'Dismissed', upheld: 'Upheld', open: 'Open', history: 'History', result: 'Result', date: 'Date', actor: 'By',
  recheckTitle: 'Re-checks of exited counties', draw: 'Draw counties exited in {{year}}', seedHint: 'Seed (optional)', drawn: '{{sample}} of {{population}} exited counties drawn',
  recheckPassed: 'Re-check passed', checkedOn: 'Checked on', rectifications: 'Rectifications', record: 'Record findings', drawNo: 'Draw', drawPlace: 'Scope', exitYear: 'Exit year',
  share: 'Share', drawCount: 'Drawn / exited', seed: 'Seed', drawnBy: 'Drawn by', save: 'Save', required: 'Required',
  conditions: { incidence: 'Poverty incidence', wrongExitRate: 'Wrong-exit rate', missedRate: 'Missed rate', approval: 'Approval' },
  fields: { ruralPopulation: 'Rural registered population', personsSampled: 'Non-registered persons sampled', missedPersons: 'Missed persons', exitedPersonsSampled: 'Exited persons sampled', wronglyExitedPersons: 'Wrongly exited', respondents: 'Households surveyed', satisfied: 'Households approving' },
};

export const countiesModule: ModuleDefinition = {
  key: 'counties',
  pages: [
    { path: '/counties/exit', label: 'counties.menu.exit', permissions: READ },
    { path: '/counties/rechecks', label: 'counties.menu.rechecks', permissions: READ },
  ],
  routes: () => (
    <>
      <Route path="counties/exit" element={guard(<DashboardPage />)} />
      <Route path="counties/exit-cases/:id" element={guard(<CasePage />)} />
      <Route path="counties/rechecks" element={guard(<RecheckPage />)} />
    </>
  ),
  messages: { zh, en },
};
