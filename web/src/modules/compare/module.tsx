/** 大数据比对 pages: reference import and batches, running the comparison, the 疑点 list and detail. */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { lazyPage } from '../../app/lazyPage';
import type { ModuleDefinition } from '../types';

const ReferencePage = lazyPage(() => import('./ReferencePage'), 'ReferencePage');
const RunPage = lazyPage(() => import('./RunPage'), 'RunPage');
const HitsPage = lazyPage(() => import('./HitsPage'), 'HitsPage');
const HitDetailPage = lazyPage(() => import('./HitDetailPage'), 'HitDetailPage');

const guard = (permissions: string[], page: ReactNode) => <RequirePermission permissions={permissions}>{page}</RequirePermission>;

const zh = {
  menu: { reference: '比对数据导入', run: '大数据比对', hits: '比对疑点' },
  breadcrumb: '大数据比对',
  referenceTitle: '部门比对数据', kind: '数据种类', county: '县', asOf: '数据截止日期', source: '数据来源', dryRun: '只检查不导入', chooseFile: '选择文件并导入',
  columnsOf: '{{kind}}的列（* 必填，🔒 脱敏）', importing: '正在导入…', errorReport: '下载错误报告', warnings: '提示', problems: '错误行（前 100 条）',
  batches: '已导入批次', batchId: '批次', fileName: '文件', rowCount: '行数', errorCount: '错误行', importedBy: '导入人', importedAt: '导入时间', status: '状态', rows: '数据行',
  runTitle: '大数据比对', runPlace: '比对范围', start: '开始比对', running: '比对中', added: '新增疑点', resolved: '数据消除', rulesTitle: '现行比对规则（第 {{version}} 版）',
  rule: '规则', group: '类别', meaning: '含义', ruleSource: '出处', suggested: '建议结果', localDefault: '地方默认值', goHits: '查看疑点',
  hitsTitle: '比对疑点', outcome: '认定结果', overdue: '逾期', onlyOverdue: '只看逾期', sendAll: '下发全部待下发疑点', sent: '已下发 {{count}} 个疑点', total: '共 {{count}} 个疑点',
  household: '户', headName: '户主', village: '村', person: '成员', idNumber: '身份证号', foundOn: '发现日期', deadline: '核实期限', nameDiffers: '姓名不一致',
  byRule: '按规则', byPlace: '按村', byStatus: '按状态', byOutcome: '按结果', list: '疑点列表', count: '疑点数', open: '未办结', closed: '已办结',
  detailTitle: '疑点 {{id}}', facts: '比对依据', steps: '办理记录', note: '说明', photos: '现场照片', upload: '上传照片', year: '业务年度', monitorCategory: '监测对象类别',
  proposed: '村核实结果', procedure: '关联程序', submit: '提交', done: '已办理', withheld: '（健康信息不向本条线显示）', referenceName: '部门数据姓名', batch: '数据批次',
  cardTitle: '大数据比对疑点', none: '无',
};

const en: typeof zh = {
  menu: { reference: 'Reference data', run: 'Data comparison', hits: 'Comparison findings' },
  breadcrumb: 'Data comparison',
  referenceTitle: 'Department reference data', kind: 'Kind', county: 'County', asOf: 'As of', source: 'Source', dryRun: 'Check only', chooseFile: 'Choose a file and import',
  columnsOf: 'Columns of {{kind}} (* required, 🔒 masked)', importing: 'Importing…', errorReport: 'Download the error report', warnings: 'Notes', problems: 'Refused rows (first 100)',
  batches: 'Batches', batchId: 'Batch', fileName: 'File', rowCount: 'Rows', errorCount: 'Refused rows', importedBy: 'By', importedAt: 'At', status: 'Status', rows: 'Rows',
  runTitle: 'Data comparison', runPlace: 'Scope', start: 'Start', running: 'Running', added: 'New findings', resolved: 'Resolved by data', rulesTitle: 'Rules in force (version {{version}})',
  rule: 'Rule', group: 'Group', meaning: 'Meaning', ruleSource: 'Source', suggested: 'Suggested outcome', localDefault: 'Local default', goHits: 'Findings',
  hitsTitle: 'Comparison findings', outcome: 'Outcome', overdue: 'Overdue', onlyOverdue: 'Overdue only', sendAll: 'Send all new findings down', sent: '{{count}} findings sent', total: '{{count}} findings',
  household: 'Household', headName: 'Head', village: 'Village', person: 'Member', idNumber: 'ID number', foundOn: 'Found on', deadline: 'Deadline', nameDiffers: 'Name differs',
  byRule: 'By rule', byPlace: 'By village', byStatus: 'By status', byOutcome: 'By outcome', list: 'Findings', count: 'Findings', open: 'Open', closed: 'Closed',
  detailTitle: 'Finding {{id}}', facts: 'Facts', steps: 'Steps', note: 'Note', photos: 'Photos', upload: 'Upload a photo', year: 'Year', monitorCategory: 'Monitoring category',
  proposed: 'Village proposal', procedure: 'Procedure', submit: 'Submit', done: 'Done', withheld: '(health facts withheld from this line)', referenceName: 'Name in the file', batch: 'Batch',
  cardTitle: 'Comparison findings', none: 'None',
};

export const compareModule: ModuleDefinition = {
  key: 'compare',
  pages: [
    { path: '/compare/reference', label: 'compare.menu.reference', permissions: ['compare.import'] },
    { path: '/compare/run', label: 'compare.menu.run', permissions: ['compare.run'] },
    { path: '/compare/hits', label: 'compare.menu.hits', permissions: ['compare.read'] },
    { path: '/compare/hits/:id', label: 'compare.menu.hits', permissions: ['compare.read'], menu: false },
  ],
  routes: () => (
    <>
      <Route path="compare/reference" element={guard(['compare.import'], <ReferencePage />)} />
      <Route path="compare/run" element={guard(['compare.run'], <RunPage />)} />
      <Route path="compare/hits" element={guard(['compare.read'], <HitsPage />)} />
      <Route path="compare/hits/:id" element={guard(['compare.read'], <HitDetailPage />)} />
    </>
  ),
  messages: { zh, en },
};
