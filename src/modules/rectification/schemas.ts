/** Input and output schemas of the rectification ledger. */
import { z } from 'zod';
import { placeCodeSchema } from '../../domain/placeCode';
import { RECTIFICATION_ACTIONS, RECTIFICATION_SOURCES, RECTIFICATION_STATUSES } from './loop';

const dateSchema = (name: string) =>
  z
    .string({ message: `${name}应为日期，格式 YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name}应为日期，格式 YYYY-MM-DD`)
    .refine((v) => !Number.isNaN(Date.parse(v + 'T00:00:00Z')) && new Date(v + 'T00:00:00Z').toISOString().startsWith(v), `${name}不是有效日期`);

const text = (name: string, max: number) => z.string({ message: `${name}应为文字` }).trim().min(1, `${name}不能为空`).max(max, `${name}不超过 ${max} 个字`);
const optionalText = (name: string, max: number) => z.string({ message: `${name}应为文字` }).trim().max(max, `${name}不超过 ${max} 个字`).optional().nullable();
const evidence = z.array(z.string().trim().max(500, '每项佐证材料不超过 500 个字'), { message: '佐证材料（evidence）应为文字列表' }).max(50, '佐证材料最多 50 项').default([]);

const sources = Object.keys(RECTIFICATION_SOURCES) as [keyof typeof RECTIFICATION_SOURCES, ...(keyof typeof RECTIFICATION_SOURCES)[]];
const sourceText = Object.entries(RECTIFICATION_SOURCES).map(([c, l]) => `${c}（${l}）`).join('、');
const statuses = Object.keys(RECTIFICATION_STATUSES) as [string, ...string[]];

export const rectificationInput = z.object({
  placeCode: placeCodeSchema.refine((v) => v !== '0', '问题所在地区（placeCode）不能是全国'),
  source: z.enum(sources, { message: `问题来源（source）应为：${sourceText}` }),
  sourceRef: optionalText('来源批次或文号（sourceRef）', 200),
  foundOn: dateSchema('发现日期（foundOn）'),
  finding: text('问题描述（finding）', 2000),
  responsibleLeader: optionalText('责任领导（responsibleLeader）', 100),
  responsibleUnit: text('责任单位（responsibleUnit）', 100),
  responsiblePerson: optionalText('责任人（responsiblePerson）', 100),
  deadline: dateSchema('整改时限（deadline）'),
  measures: optionalText('整改措施（measures）', 4000),
});
export type RectificationInput = z.infer<typeof rectificationInput>;

const stepActions = Object.keys(RECTIFICATION_ACTIONS).filter((a) => a !== 'report') as [string, ...string[]];

export const stepInput = z.object({
  action: z.enum(stepActions, { message: `操作（action）应为：${stepActions.join('、')}` }),
  onDate: dateSchema('日期（onDate）').optional(),
  note: z.string({ message: '说明（note）应为文字' }).max(2000, '说明不超过 2000 个字').default(''),
  evidence,
  /** A new deadline when the finding goes back to rectifying (核验未通过, 回头看未通过). */
  deadline: dateSchema('新的整改时限（deadline）').optional(),
  measures: optionalText('整改措施（measures）', 4000),
});
export type StepInputBody = z.infer<typeof stepInput>;

export const listQuery = z.object({
  place: placeCodeSchema.optional(),
  status: z.enum(['open', ...statuses], { message: `状态（status）应为 open 或：${statuses.join('、')}` }).optional(),
  source: z.enum(sources, { message: `问题来源（source）应为：${sourceText}` }).optional(),
  unit: z.string().trim().min(1).max(100).optional(),
  due: z.enum(['overdue', 'soon'], { message: '期限（due）应为 overdue（已逾期）或 soon（即将到期）' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const item = z.object({
  id: z.number().int(),
  placeCode: z.string(),
  placeName: z.string(),
  source: z.string(),
  sourceLabel: z.string(),
  sourceRef: z.string().nullable(),
  foundOn: z.string(),
  finding: z.string(),
  responsibleLeader: z.string().nullable(),
  responsibleUnit: z.string(),
  responsiblePerson: z.string().nullable(),
  deadline: z.string(),
  measures: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  reopenCount: z.number().int(),
  closedOn: z.string().nullable(),
  overdue: z.boolean(),
  daysLeft: z.number().int().nullable(),
});

export const pageSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), today: z.string(), items: z.array(item) });

export const detailSchema = item.extend({
  actions: z.array(z.object({ action: z.string(), label: z.string() })),
  steps: z.array(
    z.object({ seq: z.number().int(), action: z.string(), label: z.string(), onDate: z.string(), note: z.string(), evidence: z.array(z.string()), actor: z.string().nullable(), statusAfter: z.string() }),
  ),
});

const countLine = z.object({ key: z.string(), name: z.string(), open: z.number().int(), overdue: z.number().int(), closed: z.number().int(), reopened: z.number().int() });
export const summarySchema = z.object({ place: z.string(), today: z.string(), totals: countLine.omit({ key: true, name: true }), byUnit: z.array(countLine), byPlace: z.array(countLine) });
