/** 名单比对 pages: upload a roster (column mapping per source set once), the rosters, a roster's report. */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { lazyPage } from '../../app/lazyPage';
import type { ModuleDefinition } from '../types';

const RostersPage = lazyPage(() => import('./RostersPage'), 'RostersPage');
const RosterPage = lazyPage(() => import('./RosterPage'), 'RosterPage');

const zh = {
  menu: { rosters: '名单比对' },
  title: '名单比对（按身份证号）', place: '比对地区', source: '名单来源', retention: '保留天数', chooseFile: '选择名单文件并比对', uploading: '正在比对…',
  hint: '任何名单（国家系统导出、学校学生名单、民政低收入人口名单、银行贷款名单…）：.xlsx 或 .csv（UTF-8 或 GBK），每个来源设置一次列映射。身份证号按 18 位、大写 X、半角、去空格统一后比对。',
  mappingTitle: '来源「{{source}}」的列映射', mappingHint: '为每个字段选择文件中的列（身份证号必选），保存后自动重新比对。', saveMapping: '保存列映射并重新比对', notMapped: '（不比对）',
  errorReport: '下载错误报告', problems: '错误行（前 100 条）', openReport: '查看比对结果', rosters: '已上传的名单', id: '编号', fileName: '文件', rows: '行数', matched: '在册', unmatched: '未匹配',
  conflicts: '不一致', uploadedBy: '上传人', uploadedAt: '上传时间', purgeAfter: '保留至', status: '状态',
  reportTitle: '名单 {{id}} 比对结果', byCategory: '按在册类别', category: '在册类别', count: '人数', ofWhichConflicts: '其中不一致',
  viewConflicts: '不一致', viewUnmatched: '未匹配', viewAll: '全部', rowNo: '行号', idNumber: '身份证号', name: '名单姓名', household: '户编号', personName: '在册姓名',
  field: '字段', registry: '库内', roster: '名单', note: '说明',
};

const en: typeof zh = {
  menu: { rosters: 'Roster matching' },
  title: 'Roster matching (by ID number)', place: 'Place', source: 'Source', retention: 'Keep (days)', chooseFile: 'Choose a roster and match', uploading: 'Matching…',
  hint: 'Any roster (national system exports, school lists, civil-affairs low-income lists, bank loans…) as .xlsx or .csv (UTF-8 or GBK); map each source\'s columns once. ID numbers are normalised (18 digits, upper-case X, half-width, no spaces).',
  mappingTitle: 'Column mapping of "{{source}}"', mappingHint: 'Choose the file\'s column for each field (the ID number is required); saving matches again.', saveMapping: 'Save the mapping and match again', notMapped: '(not compared)',
  errorReport: 'Download the error report', problems: 'Refused rows (first 100)', openReport: 'Open the report', rosters: 'Rosters', id: 'No.', fileName: 'File', rows: 'Rows', matched: 'Registered', unmatched: 'Unmatched',
  conflicts: 'Conflicts', uploadedBy: 'By', uploadedAt: 'At', purgeAfter: 'Kept until', status: 'Status',
  reportTitle: 'Roster {{id}}: matching', byCategory: 'By registry category', category: 'Registry category', count: 'Persons', ofWhichConflicts: 'With conflicts',
  viewConflicts: 'Conflicts', viewUnmatched: 'Unmatched', viewAll: 'All', rowNo: 'Row', idNumber: 'ID number', name: 'Name in roster', household: 'Household', personName: 'Registered name',
  field: 'Field', registry: 'Registry', roster: 'Roster', note: 'Note',
};

const guard = (page: ReactNode) => <RequirePermission permissions={['compare.import']}>{page}</RequirePermission>;

export const rostersModule: ModuleDefinition = {
  key: 'rosters',
  pages: [
    { path: '/rosters', label: 'rosters.menu.rosters', permissions: ['compare.import'] },
    { path: '/rosters/:id', label: 'rosters.menu.rosters', permissions: ['compare.import'], menu: false },
  ],
  routes: () => (
    <>
      <Route path="rosters" element={guard(<RostersPage />)} />
      <Route path="rosters/:id" element={guard(<RosterPage />)} />
    </>
  ),
  messages: { zh, en },
};
