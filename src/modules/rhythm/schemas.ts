/** Input and output schemas of the reporting rhythm, 督查, 通报 and 问责. */
import { z } from 'zod';
import { isCalendarDate } from '../../domain/dates';
import { placeCodeOf, placeCodeSchema } from '../../domain/placeCode';
import { monthStart } from '../../domain/rhythm/deadlines';
import { ACCOUNTABILITY_MEASURES, CAUSE_KINDS, FIGURES, INSPECTION_MODES } from '../../domain/rhythm/labels';
import { PRESENCE_KINDS } from '../../domain/rhythm/onPost';
import { ASSESSMENT_METRICS, ASSESSMENT_RULES } from '../../domain/rhythm/assessment';

const dateSchema = (name: string) => z.string({ message: `${name}应为日期，格式 YYYY-MM-DD` }).refine(isCalendarDate, `${name}应为有效日期，格式 YYYY-MM-DD`);
const text = (name: string, max: number) => z.string({ message: `${name}应为文字` }).trim().min(1, `${name}不能为空`).max(max, `${name}不超过 ${max} 个字`);
const optionalText = (name: string, max: number) => z.string({ message: `${name}应为文字` }).trim().max(max, `${name}不超过 ${max} 个字`).optional().nullable();
const yearSchema = z.coerce.number({ message: '年度（year）应为数字' }).int('年度（year）应为整数').min(2000, '年度（year）不早于 2000').max(2100, '年度（year）不晚于 2100');
const keysOf = <T extends Record<string, string>>(t: T) => Object.keys(t) as [keyof T & string, ...(keyof T & string)[]];
const listing = (t: Record<string, string>) => Object.entries(t).map(([c, l]) => `${c}（${l}）`).join('、');

/** 'YYYY-MM' → the month's first day. */
export const monthSchema = z
  .string({ message: '月份（month）应为 YYYY-MM' })
  .transform((v, ctx) => {
    const start = monthStart(v);
    if (!start) ctx.addIssue({ code: 'custom', message: `月份（month）应为 YYYY-MM：${v}` });
    return start ?? v;
  });

export const reportingPlace = placeCodeOf([6, 9], '上报单位（place）');

export const placeQuery = z.object({ place: placeCodeSchema.optional() });
export const trendQuery = z.object({ place: placeCodeSchema.optional(), year: yearSchema });
export const periodQuery = z.object({
  place: placeCodeSchema.optional(),
  year: yearSchema,
  kind: z.enum(['month', 'quarter', 'year'], { message: '报告种类（kind）应为 month（月报告）、quarter（季小结）或 year（年总结）' }),
  index: z.coerce.number({ message: '期次（index）应为数字' }).int().min(1, '期次（index）从 1 开始').max(12, '期次（index）不超过 12').default(1),
}).refine((q) => q.kind !== 'quarter' || q.index <= 4, { message: '季度（index）应为 1–4', path: ['index'] });
export const monthQuery = z.object({ place: placeCodeSchema.optional(), month: monthSchema });
export const reportParams = z.object({ place: reportingPlace, month: monthSchema });
export const snapshotParams = z.object({ county: placeCodeOf([6], '县代码（county）'), id: z.coerce.number({ message: '快照编号应为数字' }).int().positive() });
export const snapshotInput = z.object({ place: placeCodeOf([6, 9], '快照地区（place）') });

export const submissionInput = z.object({
  progress: text('工作进展情况（progress）', 8000),
  problems: optionalText('存在问题（problems）', 4000),
  nextSteps: optionalText('下步打算（nextSteps）', 4000),
});

export const decisionInput = z
  .object({
    decision: z.enum(['signed_off', 'returned'], { message: '处理（decision）应为 signed_off（签收）或 returned（退回）' }),
    reason: optionalText('退回理由（reason）', 2000),
  })
  .refine((d) => d.decision !== 'returned' || (d.reason ?? '').length > 0, { message: '退回时须写明退回理由（reason）', path: ['reason'] });

const figures = z.object(Object.fromEntries(FIGURES.map((f) => [f, z.number().int()])) as Record<(typeof FIGURES)[number], z.ZodNumber>);

export const trendSchema = z.object({ place: z.string(), year: z.number().int(), months: z.array(figures.extend({ month: z.string(), taken: z.boolean() })) });

export const periodSchema = z.object({
  place: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(), kind: z.string(), index: z.number().int(), title: z.string(),
  months: z.array(figures.extend({ month: z.string(), taken: z.boolean() })),
  endMonth: z.string().nullable(),
  children: z.array(figures.extend({ code: z.string(), name: z.string() })),
});

const header = z.object({
  countyCode: z.string(), id: z.number().int(), month: z.string(), kind: z.string(), kindLabel: z.string(), underCode: z.string(),
  statusYear: z.number().int().nullable(), takenAt: z.coerce.date().transform((d) => d.toISOString()), takenBy: z.string().nullable(),
});
export const snapshotListSchema = z.object({ items: z.array(header) });
export const snapshotSchema = header.extend({ place: z.string(), total: figures, children: z.array(figures.extend({ code: z.string(), name: z.string() })) });

export const reportSchema = z.object({
  place: z.object({ code: z.string(), name: z.string() }),
  month: z.string(), dueOn: z.string(), status: z.string().nullable(), statusLabel: z.string(), firstSubmittedOn: z.string().nullable(), late: z.boolean().nullable(),
  state: z.string(), stateLabel: z.string(), version: z.number().int(),
  versions: z.array(z.object({
    version: z.number().int(), snapshotId: z.number().int(), progress: z.string(), problems: z.string().nullable(), nextSteps: z.string().nullable(),
    missing: z.array(z.string()), missingNames: z.array(z.string()), submittedOn: z.string(), submittedAt: z.coerce.date().transform((d) => d.toISOString()),
    submittedBy: z.string().nullable(), decision: z.string().nullable(), reason: z.string().nullable(), decidedOn: z.string().nullable(), decidedBy: z.string().nullable(),
  })),
  figures: z.object({ total: figures, children: z.array(figures.extend({ code: z.string(), name: z.string() })) }).nullable(),
});

export const submissionListSchema = z.object({
  month: z.string(), today: z.string(),
  totals: z.object({ expected: z.number().int(), missing: z.number().int(), late: z.number().int(), signedOff: z.number().int() }),
  items: z.array(z.object({
    placeCode: z.string(), placeName: z.string(), level: z.string(), dueOn: z.string(), firstSubmittedOn: z.string().nullable(), status: z.string().nullable(),
    statusLabel: z.string(), version: z.number().int(), state: z.string(), stateLabel: z.string(), flagged: z.boolean(),
  })),
});

// 督查, 通报, 问责

export const roundInput = z.object({
  title: text('督查名称（title）', 200),
  mode: z.enum(keysOf(INSPECTION_MODES), { message: `督查方式（mode）应为：${listing(INSPECTION_MODES)}` }),
  places: z.array(placeCodeOf([6, 9, 12], '督查对象（places）'), { message: '督查对象（places）应为地区代码列表' }).min(1, '督查对象（places）至少一个').max(200, '督查对象（places）最多 200 个'),
  team: z.array(text('督查组成员（team）', 50), { message: '督查组成员（team）应为姓名列表' }).min(1, '督查组成员（team）至少一人').max(50),
  leader: optionalText('带队领导（leader）', 50),
  startsOn: dateSchema('开始日期（startsOn）'),
  endsOn: dateSchema('结束日期（endsOn）'),
});
export const roundParams = z.object({ county: placeCodeOf([6], '县代码（county）'), id: z.coerce.number({ message: '督查编号应为数字' }).int().positive() });
export const yearPlaceQuery = z.object({ place: placeCodeSchema.optional(), year: yearSchema });

export const findingInput = z.object({
  placeCode: placeCodeOf([6, 9, 12], '问题所在地区（placeCode）'),
  foundOn: dateSchema('发现日期（foundOn）'),
  finding: text('问题描述（finding）', 2000),
  responsibleUnit: text('责任单位（responsibleUnit）', 100),
  responsibleLeader: optionalText('责任领导（responsibleLeader）', 100),
  responsiblePerson: optionalText('责任人（responsiblePerson）', 100),
  deadline: dateSchema('整改时限（deadline）'),
  measures: optionalText('整改措施（measures）', 4000),
});

export type FindingInput = z.output<typeof findingInput>;

export const bulletinInput = z.object({
  title: text('通报标题（title）', 200),
  docNo: optionalText('文号（docNo）', 100),
  issuedOn: dateSchema('印发日期（issuedOn）'),
  body: optionalText('正文（body）', 8000),
  praise: z.array(z.object({ placeCode: placeCodeSchema.optional().nullable(), text: text('表扬事项（praise.text）', 1000) })).max(100).default([]),
});

const followUp = z.object({ status: z.string(), statusLabel: z.string(), closedOn: z.string().nullable(), overdue: z.boolean() }).nullable();
export const bulletinSchema = z.object({
  countyCode: z.string(), countyName: z.string(), id: z.number().int(), roundId: z.number().int().nullable(), title: z.string(), docNo: z.string().nullable(),
  issuedOn: z.string(), body: z.string().nullable(), issuedBy: z.string().nullable(),
  items: z.array(z.object({
    kind: z.enum(['praise', 'criticism']), placeCode: z.string().nullable(), placeName: z.string().nullable(), text: z.string(),
    findingSeq: z.number().int().optional(), rectificationId: z.number().int().optional(), followUp,
  })),
});
export const bulletinListSchema = z.object({
  items: z.array(z.object({ countyCode: z.string(), id: z.number().int(), roundId: z.number().int().nullable(), title: z.string(), docNo: z.string().nullable(), issuedOn: z.string(), body: z.string().nullable(), issuedBy: z.string().nullable(), praise: z.number().int(), criticism: z.number().int() })),
});

const round = z.object({
  countyCode: z.string(), id: z.number().int(), title: z.string(), mode: z.string(), modeLabel: z.string(), places: z.array(z.string()), placeNames: z.array(z.string()),
  team: z.array(z.string()), leader: z.string().nullable(), startsOn: z.string(), endsOn: z.string(), createdBy: z.string().nullable(),
});
export const roundListSchema = z.object({ items: z.array(round) });
export const roundSchema = round.extend({
  findings: z.array(z.object({
    seq: z.number().int(), placeCode: z.string(), placeName: z.string(), foundOn: z.string(), finding: z.string(), responsibleUnit: z.string(), rectificationId: z.number().int(),
    createdBy: z.string().nullable(), rectificationStatus: z.string(), rectificationStatusLabel: z.string(), deadline: z.string(), overdue: z.boolean(), closedOn: z.string().nullable(),
  })),
});
export const findingResultSchema = z.object({ seq: z.number().int(), round: roundSchema });

export const accountabilityInput = z.object({
  placeCode: placeCodeOf([6, 9, 12], '被问责人所在地区（placeCode）'),
  person: text('被问责人（person）', 50),
  position: optionalText('职务（position）', 100),
  unit: optionalText('单位（unit）', 100),
  causeKind: z.enum(keysOf(CAUSE_KINDS), { message: `问责事由类别（causeKind）应为：${listing(CAUSE_KINDS)}` }),
  causeRef: optionalText('问责事由编号（causeRef）', 50),
  basis: optionalText('问责依据（basis）', 2000),
  measure: z.enum(keysOf(ACCOUNTABILITY_MEASURES), { message: `问责方式（measure）应为：${listing(ACCOUNTABILITY_MEASURES)}` }),
  decidedOn: dateSchema('决定日期（decidedOn）'),
  note: optionalText('备注（note）', 2000),
});
export const accountabilityResultSchema = z.object({ id: z.number().int(), causeText: z.string() });
export const accountabilityListSchema = z.object({
  items: z.array(z.object({
    countyCode: z.string(), id: z.number().int(), placeCode: z.string(), placeName: z.string(), person: z.string(), position: z.string().nullable(), unit: z.string().nullable(),
    causeKind: z.string(), causeKindLabel: z.string(), causeRef: z.string().nullable(), causeText: z.string(), basis: z.string().nullable(),
    measure: z.string(), measureLabel: z.string(), decidedOn: z.string(), note: z.string().nullable(),
  })),
});

// 驻村工作队

const memberId = z.coerce.number({ message: '队员编号（memberId）应为数字' }).int('队员编号（memberId）应为整数').positive('队员编号（memberId）应为正整数');

export const presenceInput = z.object({
  memberId,
  onDate: dateSchema('日期（onDate）'),
  kind: z.enum(keysOf(PRESENCE_KINDS), { message: `记录类别（kind）应为：${listing(PRESENCE_KINDS)}` }),
  note: optionalText('说明（note）', 500),
});
export const leaveInput = z.object({ memberId, fromOn: dateSchema('请假开始日期（fromOn）'), toOn: dateSchema('请假结束日期（toOn）'), reason: text('请假事由（reason）', 500) });
export const replacementInput = z.object({
  memberId,
  endedOn: dateSchema('原队员离任日期（endedOn）'),
  reason: text('替换原因（reason）', 500),
  cadreId: z.coerce.number({ message: '接替干部（cadreId）应为数字' }).int().positive('接替干部（cadreId）应为正整数'),
  startedOn: dateSchema('接替到岗日期（startedOn）'),
});
export const diaryInput = z.object({ memberId, onDate: dateSchema('日期（onDate）'), content: text('民情日记内容（content）', 4000) });

const memberMonth = z.object({
  id: z.number().int(), cadreId: z.number().int(), cadreName: z.string(), unit: z.string(), role: z.string(), roleLabel: z.string(), startedOn: z.string(), endedOn: z.string().nullable(),
  assigned: z.number().int(), required: z.number().int(), onPost: z.number().int(), leave: z.number().int(), below: z.boolean(),
});
export const teamMonthSchema = z.object({
  month: z.string(), place: z.string(), statusYear: z.number().int().nullable(), rules: z.object({ monthlyMinDays: z.number().int(), minMembers: z.number().int() }),
  villages: z.array(z.object({
    villageCode: z.string(), villageName: z.string(), remainingPersons: z.number().int(), members: z.array(memberMonth), activeMembers: z.number().int(),
    noTeam: z.boolean(), smallTeam: z.boolean(), membersBelow: z.number().int(),
  })),
  withoutTeam: z.array(z.object({ villageCode: z.string(), villageName: z.string(), remainingPersons: z.number().int() })),
  belowMinimum: z.array(memberMonth.extend({ villageCode: z.string(), villageName: z.string() })),
  smallTeams: z.array(z.object({ villageCode: z.string(), villageName: z.string(), activeMembers: z.number().int() })),
});
export const presenceResultSchema = z.object({ memberId: z.number().int(), onDate: z.string(), kind: z.string() });
export const leaveResultSchema = z.object({ memberId: z.number().int(), days: z.number().int() });
export const replacementResultSchema = z.object({ endedMemberId: z.number().int(), newMemberId: z.number().int() });
export const diaryListSchema = z.object({
  items: z.array(z.object({ countyCode: z.string(), id: z.number().int(), villageCode: z.string(), villageName: z.string(), memberId: z.number().int(), onDate: z.string(), content: z.string(), createdBy: z.string().nullable() })),
});
export const idResultSchema = z.object({ id: z.number().int() });

// 考核

const pointsSchema = (name: string) => z.number({ message: `${name}应为数字` }).min(0, `${name}不能为负`).max(100, `${name}不超过 100 分`).refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, `${name}最多两位小数`);
export const schemeInput = z.object({
  county: placeCodeOf([6], '考核县（county）'),
  year: yearSchema,
  title: text('方案名称（title）', 200),
  assessOn: dateSchema('考核日期（assessOn）'),
  source: optionalText('出处（source）', 200),
  indicators: z.array(z.object({
    code: z.string({ message: '指标代码（code）应为文字' }).trim().regex(/^[a-z0-9_]{1,30}$/, '指标代码（code）应为 1–30 个小写字母、数字或下划线'),
    name: text('指标名称（name）', 100),
    weight: pointsSchema('分值（weight）'),
    source: z.enum(['entered', 'computed'], { message: '数据来源（source）应为 entered（录入）或 computed（系统计算）' }),
    metric: z.enum(keysOf(ASSESSMENT_METRICS), { message: `计算依据（metric）应为：${listing(ASSESSMENT_METRICS)}` }).optional(),
    rule: z.enum(keysOf(ASSESSMENT_RULES), { message: `计分规则（rule）应为：${listing(ASSESSMENT_RULES)}` }).optional(),
    target: z.number({ message: '目标值（target）应为数字' }).positive('目标值（target）应为正数').optional(),
    k: pointsSchema('每次扣分（k）').optional(),
  })).min(1, '至少一项指标').max(100, '指标最多 100 项'),
});
export const schemeParams = z.object({ county: placeCodeOf([6], '县代码（county）'), id: z.coerce.number({ message: '考核方案编号应为数字' }).int().positive() });
export const entryInput = z.object({
  placeCode: placeCodeOf([9], '被考核乡镇（placeCode）'),
  indicatorCode: text('指标代码（indicatorCode）', 30),
  score: z.number({ message: '得分（score）应为数字' }),
  evidence: text('评分依据（evidence）', 2000),
});
export const schemeCreatedSchema = z.object({ countyCode: z.string(), id: z.number().int() });
export const schemeListSchema = z.object({ items: z.array(z.object({ countyCode: z.string(), id: z.number().int(), year: z.number().int(), title: z.string(), assessOn: z.string(), source: z.string().nullable(), indicators: z.number().int() })) });
export const resultsSchema = z.object({
  countyCode: z.string(), countyName: z.string(), id: z.number().int(), year: z.number().int(), title: z.string(), assessOn: z.string(), source: z.string().nullable(), snapshotMonth: z.string().nullable(),
  indicators: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number(), source: z.string(), metric: z.string().optional(), rule: z.string().optional(), target: z.number().optional(), k: z.number().optional() })),
  rows: z.array(z.object({
    placeCode: z.string(), placeName: z.string(), total: z.number(), band: z.string(), complete: z.boolean(), rank: z.number().int(),
    lines: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number(), score: z.number().nullable(), evidence: z.string() })),
  })),
});
