/**
 * The Reports pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import type { ModuleDefinition } from '../types';
import { lazyPage } from '../../app/lazyPage';

// Each page's code is fetched when the page is first opened (app/lazyPage.tsx).
const CauseReportPage = lazyPage(() => import('./CauseReportPage'), 'CauseReportPage');
const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');
const MonthlyReportPage = lazyPage(() => import('./MonthlyReportPage'), 'MonthlyReportPage');
const ProgressReportPage = lazyPage(() => import('./ProgressReportPage'), 'ProgressReportPage');

const READ = ['dashboard.read'];
const guard = (page: ReactNode) => <RequirePermission permissions={READ}>{page}</RequirePermission>;

const zh = {
  menu: { dashboard: '领导驾驶舱', causes: '致贫原因统计', progress: '脱贫进展统计', monthly: '月度进展报告' },
  common: {
    export: '导出Excel', print: '打印', year: '年度', latest: '最新', place: '地区', households: '户数', persons: '人数', total: '合计',
    noData: '该地区暂无统计数据', personUnit: '人', householdUnit: '户',
  },
  causes: {
    title: '致贫原因统计', heading: '{{place}}剩余贫困人口致贫原因（{{year}} 年底）', cause: '主要致贫原因', householdShare: '户数占比', personShare: '人数占比',
    chart: '按主要致贫原因（户）', total: '剩余贫困 {{households}} 户 {{persons}} 人', byChild: '按下级地区（点击名称或柱形下钻）', byChildPlain: '按下级地区',
  },
  progress: {
    title: '脱贫进展统计', heading: '{{place}}脱贫进展（{{year}} 年底）', trend: '逐年变化', byChild: '下级地区（{{year}} 年底）',
    remaining: '剩余贫困', exits: '当年脱贫', returns: '当年返贫', exited: '累计已脱贫', monitored: '监测对象',
    remainingHouseholds: '剩余贫困户', remainingPersons: '剩余贫困人口', exitsPersons: '当年脱贫人口', returnsPersons: '当年返贫人口', exitedPersons: '累计脱贫人口', monitoredPersons: '监测对象人口',
  },
  dashboard: {
    title: '领导驾驶舱', heading: '{{place}}脱贫攻坚驾驶舱（{{year}} 年底）', causeReport: '致贫原因报告', supervision: '挂牌督战',
    remaining: '{{year}} 年底剩余贫困人口', exits: '{{year}} 年脱贫人口', listedPlaces: '挂牌督战对象', openRectifications: '未销号问题', overdueRectifications: '逾期未整改',
    trend: '剩余贫困人口与脱贫人口（逐年）', causes: '致贫原因构成（户）', children: '下级地区剩余贫困人口', drillHint: '点击柱形或名称下钻',
    listed: '挂牌', listedTitle: '挂牌督战对象（{{date}}）',
  },
  monthly: {
    heading: '{{place}}脱贫攻坚工作月度进展报告（{{month}}）', countyHint: '月度进展报告按县编制：请在地区选择中选定一个县。', summary: '一、总体情况', progress: '二、脱贫进展',
    causes: '三、剩余贫困人口致贫原因', listed: '四、挂牌督战对象（{{date}}）', byUnit: '五、问题整改（按责任单位）', reportDate: '报告日期', rectifications: '问题整改',
    rectificationCounts: '未销号 {{open}} 个，逾期 {{overdue}} 个，已销号 {{closed}} 个', pair: '{{households}} 户 {{persons}} 人', latestPersons: '最新剩余人数', leader: '督战领导',
    delistable: '可摘牌', unit: '责任单位', open: '未销号', overdue: '逾期', closed: '已销号', reopened: '重新整改',
    exportProgress: '导出进展表', exportCauses: '导出致贫原因表', exportListing: '导出督战名单',
  },
};

const en: typeof zh = {
  menu: { dashboard: 'Leader dashboard', causes: 'Poverty causes', progress: 'Exit progress', monthly: 'Monthly report' },
  common: {
    export: 'Export Excel', print: 'Print', year: 'Year', latest: 'latest', place: 'Place', households: 'Households', persons: 'Persons', total: 'Total',
    noData: 'No figures for this place yet', personUnit: ' persons', householdUnit: ' households',
  },
  causes: {
    title: 'Poverty causes', heading: 'Remaining poor of {{place}} by main cause (end of {{year}})', cause: 'Main cause', householdShare: 'Share of households', personShare: 'Share of persons',
    chart: 'By main cause (households)', total: '{{households}} households, {{persons}} persons remaining', byChild: 'By sub-area (click a name or bar to drill down)', byChildPlain: 'By sub-area',
  },
  progress: {
    title: 'Exit progress', heading: 'Exit progress of {{place}} (end of {{year}})', trend: 'By year', byChild: 'Sub-areas (end of {{year}})',
    remaining: 'Remaining poor', exits: 'Exited this year', returns: 'Returned this year', exited: 'Exited in total', monitored: 'Monitored',
    remainingHouseholds: 'Remaining poor households', remainingPersons: 'Remaining poor persons', exitsPersons: 'Persons exited this year', returnsPersons: 'Persons returned this year', exitedPersons: 'Persons exited in total', monitoredPersons: 'Monitored persons',
  },
  dashboard: {
    title: 'Leader dashboard', heading: 'Dashboard of {{place}} (end of {{year}})', causeReport: 'Cause report', supervision: 'Listed supervision',
    remaining: 'Remaining poor at end of {{year}}', exits: 'Exited in {{year}}', listedPlaces: 'Listed places', openRectifications: 'Open findings', overdueRectifications: 'Overdue findings',
    trend: 'Remaining poor and exits by year', causes: 'Main causes (households)', children: 'Remaining poor by sub-area', drillHint: 'Click a bar or name to drill down',
    listed: 'Listed', listedTitle: 'Listed for supervision ({{date}})',
  },
  monthly: {
    heading: 'Monthly progress report of {{place}} ({{month}})', countyHint: 'The monthly report is made per county: choose a county.', summary: '1. Overview', progress: '2. Exit progress',
    causes: '3. Causes of the remaining poor', listed: '4. Listed places ({{date}})', byUnit: '5. Rectification by unit', reportDate: 'Report date', rectifications: 'Rectification',
    rectificationCounts: '{{open}} open, {{overdue}} overdue, {{closed}} closed', pair: '{{households}} households, {{persons}} persons', latestPersons: 'Latest remaining', leader: 'Supervising leader',
    delistable: 'Can be delisted', unit: 'Unit', open: 'Open', overdue: 'Overdue', closed: 'Closed', reopened: 'Reopened',
    exportProgress: 'Export progress', exportCauses: 'Export causes', exportListing: 'Export listing',
  },
};

export const reportsModule: ModuleDefinition = {
  key: 'reports',
  pages: [
    { path: '/dashboard', label: 'reports.menu.dashboard', permissions: READ },
    { path: '/reports/causes', label: 'reports.menu.causes', permissions: READ },
    { path: '/reports/progress', label: 'reports.menu.progress', permissions: READ },
    { path: '/reports/monthly', label: 'reports.menu.monthly', permissions: READ },
  ],
  routes: () => (
    <>
      <Route path="dashboard" element={guard(<DashboardPage />)} />
      <Route path="reports/causes" element={guard(<CauseReportPage />)} />
      <Route path="reports/progress" element={guard(<ProgressReportPage />)} />
      <Route path="reports/monthly" element={guard(<MonthlyReportPage />)} />
    </>
  ),
  messages: { zh, en },
};
