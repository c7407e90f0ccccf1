/** The task ledger as workbooks: the plan template (Chinese headers) and the task list with its status. */
import type { ReportSheet } from '../reports/service';
import { PLAN_COLUMNS } from './planSheet';
import type { TaskView } from './service';

export function templateSheets(): ReportSheet[] {
  return [
    {
      name: '工作任务',
      title: '工作任务台账导入模板',
      notes: ['一行一项任务；完成时限可写“3月底前”“2019年底完成，并长期坚持”或日期；多个责任部门用顿号分隔。'],
      columns: PLAN_COLUMNS.map((c) => ({ header: c.header, width: c.field === 'content' ? 50 : c.field === 'deadlineText' ? 30 : 16 })),
      rows: [[1, '（一）打好住房保障硬仗', '彻底完成农村危房改造工作', '农村危房改造对象户全面竣工入住', '4月底前竣工入住', '危改办', '国土所、各村（社区）', '张三']],
    },
  ];
}

export function taskSheets(placeName: string, items: TaskView[], madeOn: string): ReportSheet[] {
  return [
    {
      name: '工作任务台账',
      title: `${placeName}工作任务台账`,
      notes: [`制表日期：${madeOn}（逾期按制表日期计算）`],
      columns: [
        { header: '计划', width: 30 }, { header: '序号', width: 6 }, { header: '板块', width: 24 }, { header: '工作任务', width: 28 },
        { header: '完成时限', width: 30 }, { header: '完成日期', width: 12 }, { header: '长期坚持', width: 10 }, { header: '牵头部门', width: 14 },
        { header: '责任部门', width: 36 }, { header: '责任人', width: 10 }, { header: '进度（%）', width: 10 }, { header: '状态', width: 10 },
        { header: '是否逾期', width: 10 }, { header: '完成于', width: 12 },
      ],
      rows: items.map((t) => [
        t.planTitle, t.seq, t.section, t.title, t.deadlineText, t.deadline, t.ongoing ? '是' : '', t.leadDepartment,
        t.responsibleDepartments.join('、'), t.responsiblePerson, t.progress, t.statusLabel, t.overdue ? '逾期' : '', t.completedOn,
      ]),
    },
  ];
}
