/** Input schemas of projects, funds and micro-loans. Money arrives in yuan (≤ 2 decimals), stored in fen. */
import { z } from 'zod';
import { fenOf } from '../../domain/funds/money';
import { BENEFIT_LINK_CODES, BENEFIT_LINKS, FUND_KIND_CODES, FUND_KINDS, PROJECT_STATUS_CODES, PROJECT_STATUSES, PROJECT_TYPE_CODES, PROJECT_TYPES } from '../../domain/funds/projectTypes';
import { placeCodeSchema } from '../../domain/placeCode';

export const dateSchema = (name: string) =>
  z
    .string({ message: `${name}应为日期，格式 YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name}应为日期，格式 YYYY-MM-DD`)
    .refine((v) => !Number.isNaN(Date.parse(v + 'T00:00:00Z')) && new Date(v + 'T00:00:00Z').toISOString().startsWith(v), `${name}不是有效日期`);

const text = (name: string, max: number) => z.string({ message: `${name}应为文字` }).trim().min(1, `${name}不能为空`).max(max, `${name}不超过 ${max} 个字`);
const optionalText = (name: string, max: number) => z.string({ message: `${name}应为文字` }).trim().max(max, `${name}不超过 ${max} 个字`).optional().nullable();
const listText = (table: Record<string, string | { label: string }>) => Object.entries(table).map(([c, l]) => `${c}（${typeof l === 'string' ? l : l.label}）`).join('、');

/** Yuan with at most two decimals, → fen. */
export const yuanSchema = (name: string, positive = true) =>
  z
    .number({ message: `${name}应为数字（元）` })
    .refine((v) => (positive ? v > 0 : v >= 0), positive ? `${name}应大于 0` : `${name}不能为负数`)
    .refine((v) => v <= 1e12, `${name}过大`)
    .refine((v) => fenOf(v) !== null, `${name}最多两位小数（分）`)
    .transform((v) => fenOf(v) as number);

export const yearSchema = z.coerce.number({ message: '年份（year）应为数字' }).int('年份（year）应为整数').min(2000, '年份（year）应在 2000–2100 之间').max(2100, '年份（year）应在 2000–2100 之间');
export const idSchema = (name: string) => z.coerce.number({ message: `${name}应为数字` }).int(`${name}应为整数`).positive(`${name}应为正整数`);

const projectFields = {
  year: yearSchema,
  name: text('项目名称（name）', 200),
  industry: text('产业（industry）', 50),
  type: z.enum(PROJECT_TYPE_CODES, { message: `项目类型（type）应为：${listText(PROJECT_TYPES)}` }),
  scale: z.number({ message: '建设规模（scale）应为数字' }).min(0, '建设规模（scale）不能为负数').max(1e12, '建设规模（scale）过大').nullable().optional(),
  scaleUnit: optionalText('规模单位（scaleUnit）', 20),
  plannedOutput: yuanSchema('计划产值（plannedOutput）', false).nullable().optional(),
  actualOutput: yuanSchema('实际产值（actualOutput）', false).nullable().optional(),
  leadDepartment: text('牵头部门（leadDepartment）', 100),
  plannedStart: dateSchema('计划开工日期（plannedStart）').nullable().optional(),
  plannedCompletion: dateSchema('计划完工日期（plannedCompletion）').nullable().optional(),
  benefitLink: z.enum(BENEFIT_LINK_CODES, { message: `利益联结方式（benefitLink）应为：${listText(BENEFIT_LINKS)}` }).nullable().optional(),
  coveredHouseholds: z.number({ message: '覆盖卡户数（coveredHouseholds）应为整数' }).int('覆盖卡户数（coveredHouseholds）应为整数').min(0, '覆盖卡户数不能为负数').nullable().optional(),
  avgIncomeGain: yuanSchema('户均增收（avgIncomeGain）', false).nullable().optional(),
  note: optionalText('备注（note）', 2000),
};

export const projectInput = z.object({ placeCode: placeCodeSchema.refine((v) => v.length >= 6, '项目所在地区（placeCode）应为县、乡镇或村'), ...projectFields });
export type ProjectInput = z.infer<typeof projectInput>;

export const projectChange = z.object(projectFields).partial();
export type ProjectChange = z.infer<typeof projectChange>;

export const statusInput = z.object({
  status: z.enum(PROJECT_STATUS_CODES, { message: `项目状态（status）应为：${listText(PROJECT_STATUSES)}` }),
  onDate: dateSchema('日期（onDate）').optional(),
});

export const beneficiariesInput = z.object({
  households: z
    .array(z.object({ householdNo: text('户编号（householdNo）', 40), incomeGain: yuanSchema('增收（incomeGain）', false).nullable().optional() }), { message: '受益户（households）应为列表' })
    .max(5000, '受益户一次最多 5000 户'),
});

export const projectListQuery = z.object({
  place: placeCodeSchema.optional(),
  year: yearSchema.optional(),
  type: z.enum(PROJECT_TYPE_CODES).optional(),
  status: z.enum(PROJECT_STATUS_CODES).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ProjectListQuery = z.infer<typeof projectListQuery>;

export const placeYearQuery = z.object({ place: placeCodeSchema.optional(), year: yearSchema.optional() });

export const sourceInput = z.object({
  placeCode: placeCodeSchema.refine((v) => v.length >= 6, '资金所属地区（placeCode）应为县或以下'),
  year: yearSchema,
  kind: z.enum(FUND_KIND_CODES, { message: `资金来源（kind）应为：${listText(FUND_KINDS)}` }),
  name: text('资金名称（name）', 200),
  docNo: optionalText('文号（docNo）', 100),
  receivedOn: dateSchema('到位日期（receivedOn）').nullable().optional(),
  amount: yuanSchema('金额（amount）'),
});
export type SourceInput = z.infer<typeof sourceInput>;

export const allocationInput = z
  .object({
    sourceId: idSchema('资金来源编号（sourceId）'),
    projectId: idSchema('项目编号（projectId）').nullable().optional(),
    householdNo: z.string().trim().min(1).max(40).nullable().optional(),
    amount: yuanSchema('分配金额（amount）'),
    allocatedOn: dateSchema('分配日期（allocatedOn）'),
    note: optionalText('备注（note）', 500),
  })
  .refine((v) => (v.projectId == null) !== (v.householdNo == null), { message: '资金应分配到一个项目（projectId）或直接到一户（householdNo），二者选一', path: ['projectId'] });
export type AllocationInput = z.infer<typeof allocationInput>;

export const disbursementInput = z.object({
  allocationId: idSchema('资金分配编号（allocationId）'),
  paidOn: dateSchema('拨付日期（paidOn）'),
  voucherNo: text('凭证号（voucherNo）', 60),
  amount: yuanSchema('拨付金额（amount）'),
  payee: optionalText('收款单位或个人（payee）', 100),
  note: optionalText('备注（note）', 500),
});
export type DisbursementInput = z.infer<typeof disbursementInput>;

export const pvRevenueInput = z.object({
  villageCode: placeCodeSchema.refine((v) => v.length === 12, '村代码（villageCode）应为 12 位'),
  year: yearSchema,
  revenue: yuanSchema('光伏收益（revenue）', false),
  welfareJobs: yuanSchema('用于公益岗位和劳务（welfareJobs）', false),
});
export type PvRevenueInput = z.infer<typeof pvRevenueInput>;

export const fundListQuery = z.object({ place: placeCodeSchema.optional(), year: yearSchema.optional(), projectId: idSchema('项目编号（projectId）').optional() });

export const splitQuery = z.object({
  place: placeCodeSchema.optional(),
  year: yearSchema,
  persons: z.coerce.number().int().min(0).max(100_000_000).optional(),
});

export const loanInput = z.object({
  householdNo: text('户编号（householdNo）', 40),
  lender: text('贷款银行（lender）', 100),
  contractNo: optionalText('合同号（contractNo）', 60),
  amount: yuanSchema('贷款金额（amount）'),
  termMonths: z.number({ message: '贷款期限（termMonths）应为月数' }).int('贷款期限（termMonths）应为整数月').min(1, '贷款期限至少 1 个月').max(600),
  installments: z.number({ message: '还款期数（installments）应为整数' }).int().min(1, '还款期数至少 1 期').max(600).default(1),
  annualRate: z.number({ message: '年利率（annualRate）应为小数，如 0.0435' }).min(0).max(0.5, '年利率（annualRate）应为小数，如 0.0435'),
  subsidyRate: z.number({ message: '贴息年利率（subsidyRate）应为小数' }).min(0).max(0.5),
  purpose: text('贷款用途（purpose）', 200),
  issuedOn: dateSchema('放款日期（issuedOn）'),
}).refine((v) => v.subsidyRate <= v.annualRate, { message: '贴息年利率（subsidyRate）不能高于年利率', path: ['subsidyRate'] });
export type LoanInput = z.infer<typeof loanInput>;

export const repaymentInput = z.object({
  paidOn: dateSchema('还款日期（paidOn）'),
  principal: yuanSchema('归还本金（principal）', false),
  interest: yuanSchema('支付利息（interest）', false).default(0),
  note: optionalText('备注（note）', 500),
}).refine((v) => v.principal + v.interest > 0, { message: '还款金额应大于 0', path: ['principal'] });
export type RepaymentInput = z.infer<typeof repaymentInput>;

export const extensionInput = z.object({
  grantedOn: dateSchema('展期日期（grantedOn）'),
  months: z.number({ message: '展期月数（months）应为整数' }).int('展期月数（months）应为整数').min(1, '展期至少 1 个月').max(120),
  reason: text('展期原因（reason）', 500),
});
export type ExtensionInput = z.infer<typeof extensionInput>;

export const loanListQuery = z.object({
  place: placeCodeSchema.optional(),
  state: z.enum(['active', 'overdue', 'repaid', 'due_soon'], { message: '状态（state）应为 active、overdue、repaid 或 due_soon' }).optional(),
  dueSoonDays: z.coerce.number().int().min(1).max(365).default(30),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type LoanListQuery = z.infer<typeof loanListQuery>;
