/**
 * The Tasks & rectification pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import type { ModuleDefinition } from '../types';
import { lazyPage } from '../../app/lazyPage';

// Each page's code is fetched when the page is first opened (app/lazyPage.tsx).
const RectificationLedgerPage = lazyPage(() => import('./RectificationLedgerPage'), 'RectificationLedgerPage');
const TaskLedgerPage = lazyPage(() => import('./TaskLedgerPage'), 'TaskLedgerPage');

const READ = ['dashboard.read'];
const guard = (page: ReactNode) => <RequirePermission permissions={READ}>{page}</RequirePermission>;

const zh = {
  menu: { tasks: '工作任务台账', rectifications: '问题整改台账' },
  ledgerTitle: '工作任务台账', tabTasks: '任务', tabPlans: '工作计划', tabDepartments: '按部门', title: '工作任务', place: '地区', deadline: '完成时限',
  lead: '牵头部门', responsible: '责任部门', person: '责任人', status: '状态', progress: '进度', ongoing: '长期坚持', planTitle: '计划名称', year: '年度', docNo: '文号',
  issuedOn: '印发日期', taskCount: '任务数', done: '已完成', overdue: '已逾期', dueSoon: '即将到期', due: '期限', department: '部门', asLead: '牵头', asResponsible: '参与',
  overdueOn: '{{date}} 已逾期', daysLeft: '{{date}}（剩 {{days}} 天）', planFilter: '计划 {{id}}', total: '共 {{count}} 项', onDate: '日期', note: '进展情况', evidence: '佐证材料',
  evidenceHint: '每行一项，如：会议纪要.pdf', report: '报送进展', saved: '已保存', import: '导入计划', template: '下载导入模板', chooseFile: '请选择计划表文件（.xlsx 或 .csv）',
  imported: '已导入 {{count}} 项任务',
  statuses: { open: '未完成', not_started: '未开始', in_progress: '推进中', done: '已完成' },
  rect: {
    title: '问题整改台账', create: '登记问题', finding: '问题描述', source: '问题来源', sourceRef: '批次或文号', foundOn: '发现日期', unit: '责任单位', leader: '责任领导',
    measures: '整改措施', open: '未销号', closed: '已销号', reopenedCount: '重新整改', reopened: '重新整改 {{count}} 次', tabList: '问题清单', tabUnits: '按责任单位',
    tabPlaces: '按地区', total: '共 {{count}} 个问题', newDeadline: '新的整改时限', confirm: '确认',
  },
};

const en: typeof zh = {
  menu: { tasks: 'Task ledger', rectifications: 'Rectification ledger' },
  ledgerTitle: 'Task ledger', tabTasks: 'Tasks', tabPlans: 'Plans', tabDepartments: 'By department', title: 'Task', place: 'Place', deadline: 'Deadline',
  lead: 'Lead department', responsible: 'Responsible departments', person: 'Responsible person', status: 'Status', progress: 'Progress', ongoing: 'Ongoing', planTitle: 'Plan', year: 'Year', docNo: 'Document no.',
  issuedOn: 'Issued on', taskCount: 'Tasks', done: 'Done', overdue: 'Overdue', dueSoon: 'Due soon', due: 'Due', department: 'Department', asLead: 'Lead', asResponsible: 'Responsible',
  overdueOn: 'overdue since {{date}}', daysLeft: '{{date}} ({{days}} days left)', planFilter: 'Plan {{id}}', total: '{{count}} tasks', onDate: 'Date', note: 'Progress note', evidence: 'Evidence',
  evidenceHint: 'One item a line, e.g. minutes.pdf', report: 'Report progress', saved: 'Saved', import: 'Import plan', template: 'Download the template', chooseFile: 'Choose the plan file (.xlsx or .csv)',
  imported: '{{count}} tasks imported',
  statuses: { open: 'Not done', not_started: 'Not started', in_progress: 'In progress', done: 'Done' },
  rect: {
    title: 'Rectification ledger', create: 'Record a finding', finding: 'Finding', source: 'Source', sourceRef: 'Batch or document', foundOn: 'Found on', unit: 'Responsible unit', leader: 'Responsible leader',
    measures: 'Measures', open: 'Open', closed: 'Closed', reopenedCount: 'Reopened', reopened: 'reopened {{count}}×', tabList: 'Findings', tabUnits: 'By unit',
    tabPlaces: 'By place', total: '{{count}} findings', newDeadline: 'New deadline', confirm: 'Confirm',
  },
};

export const tasksModule: ModuleDefinition = {
  key: 'tasks',
  pages: [
    { path: '/tasks', label: 'tasks.menu.tasks', permissions: READ },
    { path: '/rectifications', label: 'tasks.menu.rectifications', permissions: READ },
  ],
  routes: () => (
    <>
      <Route path="tasks" element={guard(<TaskLedgerPage />)} />
      <Route path="rectifications" element={guard(<RectificationLedgerPage />)} />
    </>
  ),
  messages: { zh, en },
};
