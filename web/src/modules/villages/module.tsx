/** The villages pages (村情, 出列判定, 贫困村出列): menu entry, routes and strings. */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { lazyPage } from '../../app/lazyPage';
import type { ModuleDefinition } from '../types';

const VillageListPage = lazyPage(() => import('./VillageListPage'), 'VillageListPage');
const VillagePage = lazyPage(() => import('./VillagePage'), 'VillagePage');

const READ = ['dashboard.read'];
const guard = (page: ReactNode) => <RequirePermission permissions={READ}>{page}</RequirePermission>;

const zh = {
  menu: { list: '村情与出列' },
  listTitle: '村情与贫困村出列判定', pageTitle: '{{name}} {{year}} 年村情', flag: '村的类别', verdict: '出列判定', code: '村代码', name: '村名称', township: '乡镇',
  registered: '户籍人口', poorHouseholds: '贫困户数', poorPersons: '贫困人口', incidence: '贫困发生率', income: '计入出列的集体经济收入（元）', secretary: '第一书记',
  failing: '未达标的条件', passed: '达标', failed: '未达标', none: '未填村情', exitYear: '出列年份', total: '共 {{count}} 个村',
  flags: { poor: '贫困村', relative: '相对贫困村', deep: '深度贫困村', exited: '已出列', not_exited: '未出列贫困村' },
  figures: '建档立卡数据（按户状态计算）', households: '登记户数', persons: '登记人口', record: '村情', save: '保存村情', saved: '村情已保存', notFilled: '本年度村情尚未填写',
  verdictTitle: '出列判定', condition: '条件', value: '数值', threshold: '标准', result: '结果', source: '依据', shownOnly: '仅显示', policy: '政策版本：{{key}}',
  relativeTitle: '相对贫困村识别（广东）', met: '符合', notMet: '不符合', unknown: '未填写', collective: '村集体经济收入', counted: '计入出列条件', notCounted: '不计入',
  listing: '挂牌督战（贫困发生率超过 10%）', listed: '挂牌', notListed: '不挂牌',
  exitTitle: '贫困村出列程序', startExit: '发起出列（村申请）', started: '已发起出列', step: '当前步骤', status: '状态', notice: '公示期', objections: '异议',
  actions: { approve: '通过', return: '退回', reject: '不予通过', publish: '开始公示', object: '登记异议', resolve: '处理异议' },
  comment: '说明', startsOn: '公示开始日期', objector: '异议人', upheld: '异议成立', history: '办理记录', done: '已办理',
  yes: '是', no: '否', school: { school: '学校', teaching_point: '教学点', none: '无' }, shareHint: '比例 0–1',
};

const en: typeof zh = {
  menu: { list: 'Villages' },
  listTitle: 'Villages and exit verdicts', pageTitle: '{{name}}, {{year}}', flag: 'Kind', verdict: 'Verdict', code: 'Code', name: 'Village', township: 'Township',
  registered: 'Registered population', poorHouseholds: 'Poor households', poorPersons: 'Poor persons', incidence: 'Incidence', income: 'Counted collective income (yuan)', secretary: 'First secretary',
  failing: 'Failing conditions', passed: 'Pass', failed: 'Fail', none: 'No record', exitYear: 'Exit year', total: '{{count}} villages',
  flags: { poor: 'Poor village', relative: 'Relatively poor village', deep: 'Deeply poor village', exited: 'Exited', not_exited: 'Poor, not exited' },
  figures: 'Registry figures (by household status)', households: 'Households', persons: 'Persons', record: 'Village record', save: 'Save record', saved: 'Saved', notFilled: 'No record for this year yet',
  verdictTitle: 'Exit verdict', condition: 'Condition', value: 'Value', threshold: 'Threshold', result: 'Result', source: 'Source', shownOnly: 'shown only', policy: 'Policy: {{key}}',
  relativeTitle: 'Relatively poor village (Guangdong)', met: 'Met', notMet: 'Not met', unknown: 'Not filled in', collective: 'Collective income', counted: 'counted', notCounted: 'not counted',
  listing: 'Listed supervision (incidence over 10%)', listed: 'Listed', notListed: 'Not listed',
  exitTitle: 'Village exit procedure', startExit: 'Start the exit (application)', started: 'Exit started', step: 'Step', status: 'Status', notice: 'Notice', objections: 'Objections',
  actions: { approve: 'Approve', return: 'Return', reject: 'Reject', publish: 'Publish notice', object: 'Record objection', resolve: 'Resolve objection' },
  comment: 'Comment', startsOn: 'Notice starts on', objector: 'Objector', upheld: 'Objection upheld', history: 'History', done: 'Done',
  yes: 'Yes', no: 'No', school: { school: 'School', teaching_point: 'Teaching point', none: 'None' }, shareHint: 'share 0–1',
};

export const villagesModule: ModuleDefinition = {
  key: 'villages',
  pages: [
    { path: '/villages', label: 'villages.menu.list', permissions: READ },
    { path: '/villages/:code', label: 'villages.menu.list', permissions: READ, menu: false },
  ],
  routes: () => (
    <>
      <Route path="villages" element={guard(<VillageListPage />)} />
      <Route path="villages/:code" element={guard(<VillagePage />)} />
    </>
  ),
  messages: { zh, en },
};
