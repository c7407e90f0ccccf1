/** Input and output schemas of the task ledger. */
import { z } from 'zod';
import { placeCodeSchema } from '../../domain/placeCode';

const dateSchema = (name: string) =>
  z
    .string({ message: `${name}应为日期，格式 YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name}应为日期，格式 YYYY-MM-DD`)
    .refine((v) => new Date(v + 'T00:00:00Z').toISOString().startsWith(v), `${name}不是有效日期`);

const text = (name: string, max: number) => z.string({ message: `${name}应为文字` }).trim().min(1, `${name}不能为空`).max(max, `${name}不超过 ${max} 个字`);
const optional = (name: string, max: number) => z.string({ message: `${name}应为文字` }).trim().max(max, `${name}不超过 ${max} 个字`).optional().nullable();

export const taskInput = z.object({
  section: optional('板块（section）', 200),
  title: text('工作任务（title）', 200),
  content: optional('工作内容（content）', 4000),
  /** 完成时限 as written; the deadline is read from it unless `deadline` is given. */
  deadlineText: optional('完成时限（deadlineText）', 500),
  deadline: dateSchema('完成日期（deadline）').optional(),
  ongoing: z.boolean().optional(),
  leadDepartment: text('牵头部门（leadDepartment）', 100),
  responsibleDepartments: z.array(text('责任部门', 100)).max(50, '责任部门最多 50 个').default([]),
  responsiblePerson: optional('责任人（responsiblePerson）', 100),
});
export type TaskInput = z.input<typeof taskInput>;

export const planInput = z.object({
  placeCode: placeCodeSchema.refine((v) => v !== '0', '计划所属地区（placeCode）不能是全国'),
  year: z.number({ message: '年度（year）应为数字' }).int().min(2000, '年度不早于 2000').max(2100, '年度不晚于 2100'),
  title: text('计划名称（title）', 200),
  docNo: optional('文号（docNo）', 100),
  issuedOn: dateSchema('印发日期（issuedOn）').optional().nullable(),
  tasks: z.array(taskInput).min(1, '计划至少有一项任务').max(500, '一个计划最多 500 项任务'),
});
export type PlanInput = z.input<typeof planInput>;

/**
 * POST /plans as the route reads it: the plan checked here, its tasks checked one by one by the
 * service (createPlan), which names each wrong task ("第 3 项任务…").
 */
export const planBody = planInput.omit({ tasks: true }).extend({
  tasks: z.array(z.unknown()).optional().describe('工作任务（1 至 500 项），每项：section、title、content、deadlineText、deadline、ongoing、leadDepartment、responsibleDepartments、responsiblePerson'),
});

export const planMetaInput = planInput.omit({ tasks: true }).extend({ year: z.coerce.number({ message: '年度（year）应为数字' }).int().min(2000).max(2100) });

export const progressInput = z.object({
  progress: z.number({ message: '进度（progress）应为 0–100 的整数' }).int('进度应为整数').min(0, '进度不小于 0').max(100, '进度不大于 100'),
  note: text('进展情况（note）', 2000),
  evidence: z.array(z.string().trim().max(500)).max(50).default([]),
  onDate: dateSchema('日期（onDate）').optional(),
});

export const taskQuery = z.object({
  place: placeCodeSchema.optional(),
  department: z.string().trim().min(1).max(100).optional(),
  due: z.enum(['overdue', 'soon'], { message: '期限（due）应为 overdue（已逾期）或 soon（即将到期）' }).optional(),
  status: z.enum(['not_started', 'in_progress', 'done', 'open'], { message: '状态（status）应为 not_started、in_progress、done 或 open' }).optional(),
  plan: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const task = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  planTitle: z.string(),
  placeCode: z.string(),
  placeName: z.string(),
  seq: z.number().int(),
  section: z.string().nullable(),
  title: z.string(),
  content: z.string().nullable(),
  deadline: z.string(),
  deadlineText: z.string().nullable(),
  ongoing: z.boolean(),
  leadDepartment: z.string(),
  responsibleDepartments: z.array(z.string()),
  responsiblePerson: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  progress: z.number().int(),
  completedOn: z.string().nullable(),
  overdue: z.boolean(),
  daysLeft: z.number().int().nullable(),
});

export const taskPageSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), today: z.string(), items: z.array(task) });

export const planSchema = z.object({
  id: z.number().int(),
  placeCode: z.string(),
  placeName: z.string(),
  year: z.number().int(),
  title: z.string(),
  docNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  tasks: z.array(task),
});

export const planListSchema = z.array(z.object({ id: z.number().int(), placeCode: z.string(), placeName: z.string(), year: z.number().int(), title: z.string(), docNo: z.string().nullable(), issuedOn: z.string().nullable(), tasks: z.number().int(), done: z.number().int(), overdue: z.number().int() }));

export const taskDetailSchema = task.extend({
  updates: z.array(z.object({ seq: z.number().int(), onDate: z.string(), progress: z.number().int(), note: z.string(), evidence: z.array(z.string()), actor: z.string().nullable() })),
});

export const departmentSummarySchema = z.object({
  today: z.string(),
  departments: z.array(z.object({ department: z.string(), lead: z.number().int(), responsible: z.number().int(), done: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() })),
});
