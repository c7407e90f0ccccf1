/**
 * The Assistance pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import type { ModuleDefinition } from '../types';
import { lazyPage } from '../../app/lazyPage';
import { FIELD_APP_PATH, FIELD_APP_PERMISSION } from './fieldApp';

// Each page's code is fetched when the page is first opened (app/lazyPage.tsx).
const CadresPage = lazyPage(() => import('./CadresPage'), 'CadresPage');
const CoveragePage = lazyPage(() => import('./CoveragePage'), 'CoveragePage');
const FieldPage = lazyPage(() => import('./FieldPage'), 'FieldPage');
const LeftBehindPage = lazyPage(() => import('./LeftBehindPage'), 'LeftBehindPage');
const PairingPage = lazyPage(() => import('./PairingPage'), 'PairingPage');
const PairingImportPage = lazyPage(() => import('./PairingImportPage'), 'PairingImportPage');
const VisitsPage = lazyPage(() => import('./VisitsPage'), 'VisitsPage');

const READ = ['registry.read'];
const MANAGE = ['assistance.manage'];
const FIELD = [FIELD_APP_PERMISSION];
const guard = (permissions: string[], page: ReactNode) => <RequirePermission permissions={permissions}>{page}</RequirePermission>;

const zh = {
  menu: { cadres: '帮扶干部', pairing: '结对帮扶', visits: '走访与逾期', coverage: '帮扶措施覆盖', leftBehind: '三留守登记', field: '走访端（手机）' },
  export: '导出 Excel',
  cadresTitle: '帮扶干部',
  cadreForm: { add: '登记帮扶干部', edit: '修改', id: '干部编号', name: '干部姓名', unit: '工作单位', rank: '职级', quota: '最多结对', households: '户', place: '工作地', phone: '联系电话', phoneInvalid: '联系电话只能含数字、空格、+ 和 -' },
  pairForm: { open: '结对帮扶干部', title: '结对帮扶干部', cadre: '帮扶干部', startedOn: '结对日期', pair: '结对' },
  measureForm: {
    add: '新增帮扶措施', edit: '修改帮扶措施', year: '年度', type: '措施类型', role: '措施类别', main: '主导措施', auxiliary: '辅助措施',
    persons: '覆盖人数', amount: '金额（元）', dates: '起止日期', department: '责任部门',
  },
  pairingImport: {
    open: '结对表导入', title: '结对表导入（批量结对）', back: '返回帮扶干部', step1: '第一步：下载模板，按列填写 户编号、干部编号、结对日期（YYYY-MM-DD）', template: '下载结对表模板',
    templateHint: '模板第二页列出可结对的帮扶干部及其干部编号', step2: '第二步：选择填好的 .xlsx 或 .csv 文件', choose: '点击或拖入文件', chosen: '已选择：{{name}}',
    check: '检查（试导入，不写入）', commit: '导入', checked: '检查通过：{{rows}} 行，将为 {{cadres}} 组干部结对 {{paired}} 户；点击“导入”写入', imported: '导入完成：为 {{cadres}} 组干部结对 {{paired}} 户',
    problems: '共 {{count}} 处问题，未写入任何结对', row: '行号', column: '列', value: '填写的值', message: '问题',
  },
  contactForm: { open: '指定联系人', title: '三留守联系人', name: '联系人', phone: '联系电话', phoneInvalid: '联系电话只能含数字、空格、+ 和 -', cadre: '帮扶干部', rhythm: '联系频次', defaultRhythm: '月探访、周通话' },
  pairingTitle: '结对帮扶：未结对的贫困户和监测户', chooseCadre: '选择帮扶干部', pairedCount: '已结对 {{count}} 户', pair: '结对所选 {{count}} 户', paired: '已结对 {{count}} 户',
  unpaired: '未结对 {{count}} 户', householdNo: '户编号', head: '户主', village: '村', size: '人数', status: '状态',
  statuses: { poor: '未脱贫', returned: '返贫', monitored: '监测对象' },
  visitsTitle: '走访记录与逾期未走访', asOf: '统计日期', overdue: '逾期未走访（{{count}}）', byCadre: '按干部', visitList: '走访记录（{{count}}）', cadre: '帮扶干部', unit: '工作单位',
  lastVisit: '最近走访', rule: '走访频次', months: '个月', times: '次', state: '状态', isOverdue: '逾期', isDue: '本期待走访', households: '户数', persons: '人数',
  visitedOn: '走访日期', findings: '走访情况', photos: '照片',
  coverageTitle: '帮扶措施覆盖（一户一策）', year: '年度', measure: '帮扶措施', mainHouseholds: '其中主导措施户数',
  leftBehindTitle: '三留守人员登记', categories: { child: '留守儿童', woman: '留守妇女', elderly: '留守老人', disabled: '残疾人' },
  name: '姓名', idNumber: '身份证号', age: '年龄', contact: '联系人', rhythm: '联系频次', defaultRhythm: '月探访、周通话（未指定联系人）',
  field: {
    online: '在线', offline: '离线', queued: '待同步', keepMine: '保留我的修改', keepServer: '采用服务器的值', none: '暂无结对户', lastVisit: '最近走访', back: '返回', desktop: '电脑版', title: '扶贫走访',
    findings: '走访发现的情况', measures: '商议的帮扶措施', foodSecure: '不愁吃', photo: '拍照/选择照片', save: '保存走访', visits: '走访记录', photoCount: '照片 {{count}} 张',
    savedOnline: '走访已保存（{{when}}）', savedOffline: '走访已保存在手机上（{{when}}），联网后自动上传', saveFailed: '保存失败：{{message}}，填写的内容仍在，请重试',
    risk: { red: '红色', yellow: '黄色', green: '绿色', undetermined: '待定', none: '未评估' },
    criteria: { income: '收入', food: '吃', clothing: '穿', education: '义教', medical: '医疗', housing: '住房', water: '饮水' },
  },
};

const en: typeof zh = {
  menu: { cadres: 'Cadres', pairing: 'Pairing', visits: 'Visits & overdue', coverage: 'Measure coverage', leftBehind: 'Left-behind register', field: 'Field app (phone)' },
  export: 'Export to Excel',
  cadresTitle: 'Cadres',
  cadreForm: { add: 'Register a cadre', edit: 'Edit', id: 'Cadre no.', name: 'Name', unit: 'Unit', rank: 'Rank', quota: 'up to', households: 'households', place: 'Works for', phone: 'Phone', phoneInvalid: 'Digits, spaces, + and - only' },
  pairForm: { open: 'Pair a cadre', title: 'Pair a cadre', cadre: 'Cadre', startedOn: 'Paired on', pair: 'Pair' },
  measureForm: {
    add: 'Add a measure', edit: 'Edit the measure', year: 'Year', type: 'Type', role: 'Role', main: 'Main', auxiliary: 'Auxiliary',
    persons: 'Persons covered', amount: 'Amount (yuan)', dates: 'From / to', department: 'Department',
  },
  pairingImport: {
    open: 'Pairing upload', title: 'Pairing upload', back: 'Back to cadres', step1: 'Step 1: download the template; fill household no., cadre no., date (YYYY-MM-DD)', template: 'Download the template',
    templateHint: "The template's second sheet lists the cadres and their numbers", step2: 'Step 2: choose the filled-in .xlsx or .csv', choose: 'Click or drop a file', chosen: 'Chosen: {{name}}',
    check: 'Check (dry run)', commit: 'Import', checked: 'Check passed: {{rows}} rows, {{paired}} households for {{cadres}} cadre groups', imported: 'Imported: {{paired}} households for {{cadres}} cadre groups',
    problems: '{{count}} problems; nothing written', row: 'Row', column: 'Column', value: 'Value', message: 'Problem',
  },
  contactForm: { open: 'Name a contact', title: 'Contact', name: 'Contact', phone: 'Phone', phoneInvalid: 'Digits, spaces, + and - only', cadre: 'Cadre', rhythm: 'Rhythm', defaultRhythm: 'Monthly visit, weekly call' },
  pairingTitle: 'Pairing: poor and monitored households without a cadre', chooseCadre: 'Choose a cadre', pairedCount: '{{count}} paired', pair: 'Pair the {{count}} selected', paired: '{{count}} households paired',
  unpaired: '{{count}} unpaired', householdNo: 'Household no.', head: 'Head', village: 'Village', size: 'Persons', status: 'Status',
  statuses: { poor: 'Poor', returned: 'Returned', monitored: 'Monitored' },
  visitsTitle: 'Visits and overdue visits', asOf: 'As of', overdue: 'Overdue ({{count}})', byCadre: 'By cadre', visitList: 'Visits ({{count}})', cadre: 'Cadre', unit: 'Unit',
  lastVisit: 'Last visit', rule: 'Frequency', months: ' months: ', times: '×', state: 'State', isOverdue: 'Overdue', isDue: 'Due this period', households: 'Households', persons: 'Persons',
  visitedOn: 'Visited on', findings: 'Findings', photos: 'Photos',
  coverageTitle: 'Measure coverage (one plan per household)', year: 'Year', measure: 'Measure', mainHouseholds: 'Of which main measure',
  leftBehindTitle: 'Left-behind register', categories: { child: 'Left-behind children', woman: 'Left-behind women', elderly: 'Left-behind elderly', disabled: 'Disabled persons' },
  name: 'Name', idNumber: 'ID number', age: 'Age', contact: 'Contact', rhythm: 'Rhythm', defaultRhythm: 'Monthly visit, weekly call (no contact named)',
  field: {
    online: 'Online', offline: 'Offline', queued: 'Queued', keepMine: 'Keep my change', keepServer: 'Use the server value', none: 'No paired households', lastVisit: 'Last visit', back: 'Back', desktop: 'Desktop', title: 'Field visits',
    findings: 'What you found', measures: 'Measures discussed', foodSecure: 'Enough food', photo: 'Take/choose a photo', save: 'Save visit', visits: 'Visits', photoCount: '{{count}} photo(s)',
    savedOnline: 'Visit saved ({{when}})', savedOffline: 'Visit saved on the phone ({{when}}); it uploads when online', saveFailed: 'Not saved: {{message}}; your entries are kept, please try again',
    risk: { red: 'Red', yellow: 'Yellow', green: 'Green', undetermined: 'Undetermined', none: 'Not assessed' },
    criteria: { income: 'Income', food: 'Food', clothing: 'Clothing', education: 'School', medical: 'Medical', housing: 'Housing', water: 'Water' },
  },
};

export const assistanceModule: ModuleDefinition = {
  key: 'assistance',
  pages: [
    { path: '/assistance/cadres', label: 'assistance.menu.cadres', permissions: MANAGE },
    { path: '/assistance/pairing', label: 'assistance.menu.pairing', permissions: MANAGE },
    { path: '/assistance/visits', label: 'assistance.menu.visits', permissions: READ },
    { path: '/assistance/coverage', label: 'assistance.menu.coverage', permissions: READ },
    { path: '/assistance/left-behind', label: 'assistance.menu.leftBehind', permissions: READ },
    { path: FIELD_APP_PATH, label: 'assistance.menu.field', permissions: FIELD },
  ],
  routes: () => (
    <>
      <Route path="assistance/cadres" element={guard(MANAGE, <CadresPage />)} />
      <Route path="assistance/pairing" element={guard(MANAGE, <PairingPage />)} />
      <Route path="assistance/pairing/import" element={guard(MANAGE, <PairingImportPage />)} />
      <Route path="assistance/visits" element={guard(READ, <VisitsPage />)} />
      <Route path="assistance/coverage" element={guard(READ, <CoveragePage />)} />
      <Route path="assistance/left-behind" element={guard(READ, <LeftBehindPage />)} />
    </>
  ),
  standaloneRoutes: () => <Route path="assistance/field" element={guard(FIELD, <FieldPage />)} />,
  messages: { zh, en },
};
