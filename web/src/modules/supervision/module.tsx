/**
 * The Supervision pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import type { ModuleDefinition } from '../types';
import { lazyPage } from '../../app/lazyPage';

// Each page's code is fetched when the page is first opened (app/lazyPage.tsx).
const ListedPlacePage = lazyPage(() => import('./ListedPlacePage'), 'ListedPlacePage');
const ListingPage = lazyPage(() => import('./ListingPage'), 'ListingPage');

const READ = ['dashboard.read'];
const guard = (page: ReactNode) => <RequirePermission permissions={READ}>{page}</RequirePermission>;

const zh = {
  menu: { listing: '挂牌督战名单' },
  title: '挂牌督战', heading: '{{place}}挂牌督战名单', detailHeading: '{{place}}挂牌督战', asOf: '时点', statusYear: '依据年度（年底剩余贫困人口）', thresholds: '挂牌线',
  thresholdText: '县 > {{county}} 人，乡镇 > {{township}} 人，村 > {{village}} 人',
  counties: '挂牌督战县（{{count}} 个）', townships: '挂牌督战乡镇（{{count}} 个）', villages: '挂牌督战村（{{count}} 个）',
  place: '督战对象', county: '所属县', households: '剩余贫困户', persons: '剩余贫困人口', threshold: '挂牌线', leader: '督战领导', noLeader: '未指定',
  latest: '最新剩余人口（年度）', open: '未销号问题', openOverdue: '{{open}} 个（逾期 {{overdue}}）', state: '状态', listed: '挂牌', delistable: '已降至线下，可摘牌',
  reason: '挂牌依据', notListed: '该地区在 {{date}} 未被挂牌督战', trend: '剩余贫困人口（逐年）', monthly: '剩余贫困人口（逐月）', noSnapshots: '暂无月度数据',
  remainingPersons: '剩余贫困人口', exitsPersons: '当年脱贫人口',
  setLeader: '指定督战领导', assign: '交办问题', year: '督战年度', leaderName: '督战领导', leaderTitle: '职务', note: '备注', saved: '已保存',
  finding: '发现问题', unit: '交办部门', responsibleLeader: '责任领导', person: '责任人', deadline: '整改时限', foundOn: '发现日期', sourceRef: '督战批次或文号', measures: '整改措施',
};

const en: typeof zh = {
  menu: { listing: 'Listed places' },
  title: 'Listed supervision', heading: 'Places of {{place}} listed for supervision', detailHeading: 'Supervision of {{place}}', asOf: 'As of', statusYear: 'Based on year-end', thresholds: 'Lines',
  thresholdText: 'county > {{county}}, township > {{township}}, village > {{village}} persons',
  counties: 'Listed counties ({{count}})', townships: 'Listed townships ({{count}})', villages: 'Listed villages ({{count}})',
  place: 'Place', county: 'County', households: 'Remaining households', persons: 'Remaining persons', threshold: 'Line', leader: 'Supervising leader', noLeader: 'not assigned',
  latest: 'Latest remaining (year)', open: 'Open findings', openOverdue: '{{open}} ({{overdue}} overdue)', state: 'State', listed: 'Listed', delistable: 'Below the line: can be delisted',
  reason: 'Why listed', notListed: 'Not listed on {{date}}', trend: 'Remaining poor by year', monthly: 'Remaining poor by month', noSnapshots: 'No monthly figures yet',
  remainingPersons: 'Remaining poor', exitsPersons: 'Exited that year',
  setLeader: 'Assign leader', assign: 'Hand a finding over', year: 'Year', leaderName: 'Leader', leaderTitle: 'Title', note: 'Note', saved: 'Saved',
  finding: 'Finding', unit: 'Department', responsibleLeader: 'Responsible leader', person: 'Responsible person', deadline: 'Deadline', foundOn: 'Found on', sourceRef: 'Batch or document', measures: 'Measures',
};

export const supervisionModule: ModuleDefinition = {
  key: 'supervision',
  pages: [
    { path: '/supervision', label: 'supervision.menu.listing', permissions: READ },
  ],
  routes: () => (
    <>
      <Route path="supervision" element={guard(<ListingPage />)} />
      <Route path="supervision/:code" element={guard(<ListedPlacePage />)} />
    </>
  ),
  messages: { zh, en },
};
