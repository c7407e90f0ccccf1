/**
 * 防止返贫致贫 (2021 rules as run in 2026) as policy data: the monitoring income range per
 * province and year with the notice it comes from, the 收支核算口径 (which income and expense
 * items count, which 合规自付 costs are deducted), and the legal clock of monitoring entry
 * (profiles of steps and days, calendar or working days, a holiday calendar). No cap on numbers
 * (应纳尽纳): nothing here limits how many households are monitored.
 */
import { z } from 'zod';
import { byYear, count, label, positiveInt, share, yuan } from '../policy/schemaHelpers';

export const INCOME_ITEMS = ['wages', 'production_net', 'property', 'transfer'] as const;
export const EXPENSE_ITEMS = ['production_cost'] as const;
/** 自付支出 lines a household may have recorded for a year. */
export const COST_ITEMS = ['medical_compliant', 'medical_other', 'schooling_compliant', 'schooling_other'] as const;
export type CostItem = (typeof COST_ITEMS)[number];

export const ITEM_LABELS: Record<string, string> = {
  wages: '工资性收入',
  production_net: '生产经营性收入',
  property: '财产性收入',
  transfer: '转移性收入',
  production_cost: '生产经营费用支出',
  medical_compliant: '合规自付医疗费用',
  medical_other: '目录外自费医疗费用',
  schooling_compliant: '合规自付教育费用',
  schooling_other: '其他教育支出',
};

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const stepCode = z.string().regex(/^[a-z][a-z0-9_]*$/, '代码应为小写字母、数字和下划线');

export const clockStep = z.strictObject({
  code: label('时限步骤代码', stepCode),
  label: label('时限步骤名称', z.string().min(1)),
  days: positiveInt('本步骤时限（天）'),
  procedureSteps: label('对应的程序步骤代码', z.array(stepCode).min(1)),
});

export const clockProfile = z.strictObject({
  label: label('时限方案名称', z.string().min(1)),
  unit: label('计日方式（calendar 自然日 / working 工作日）', z.enum(['calendar', 'working'])),
  totalDays: positiveInt('自发现线索起的总时限（天）'),
  noticeMinDays: count('公示最少天数'),
  source: label('依据', z.string().min(1)),
  steps: label('步骤时限', z.array(clockStep).min(1)),
});
export type ClockProfile = z.infer<typeof clockProfile>;

export const preventionRules = {
  prevention: label('防止返贫致贫监测', z.strictObject({
    rangeByYear: byYear('监测范围（按年）', z.strictObject({
      upper: yuan('监测范围：家庭人均纯收入不超过（元/人·年）'),
      notice: label('依据文件', z.string().min(1)),
    })),
    accounting: label('收支核算口径', z.strictObject({
      incomeItems: label('计入的收入项目', z.array(z.enum(INCOME_ITEMS)).min(1)),
      expenseItems: label('扣除的生产经营支出', z.array(z.enum(EXPENSE_ITEMS))),
      deductedCosts: label('扣除的合规自付支出', z.array(z.enum(COST_ITEMS))),
      notice: label('口径依据', z.string().min(1)),
    })),
    suddenIncomeFallShare: share('突发严重困难户：收入较上年下降比例（超过即列入）'),
    clock: label('纳入监测时限', z.strictObject({
      profile: label('采用的时限方案', z.string().min(1)),
      profiles: label('时限方案', z.record(z.string(), clockProfile)),
      holidaysByYear: byYear('法定节假日（按年）', z.array(date)),
      workdaysByYear: byYear('调休上班日（按年）', z.array(date)),
      redAfterDays: count('超期多少天后升为红色'),
    })),
  }).optional()),
};

export type PreventionRules = NonNullable<z.infer<(typeof preventionRules)['prevention']>>;

/** Problems of a clock section (steps over the total, an unknown profile), each a Chinese sentence with its path. */
export function clockProblems(clock: PreventionRules['clock']): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const unitLabel = (u: string) => (u === 'working' ? '个工作日' : '天');
  for (const [code, p] of Object.entries(clock.profiles)) {
    const sum = p.steps.reduce((s, step) => s + step.days, 0);
    if (sum > p.totalDays) {
      const parts = p.steps.map((s) => `${s.label} ${s.days}`).join(' + ');
      problems.push({ path: ['prevention', 'clock', 'profiles', code, 'steps'], message: `时限方案「${p.label}」（${code}）各步骤时限合计 ${sum} ${unitLabel(p.unit)}（${parts}），超过总时限 ${p.totalDays} ${unitLabel(p.unit)}` });
    }
    const notice = p.steps.find((s) => s.procedureSteps.includes('public_notice'));
    if (notice && notice.days < p.noticeMinDays) {
      problems.push({ path: ['prevention', 'clock', 'profiles', code, 'noticeMinDays'], message: `时限方案「${p.label}」（${code}）公示所在步骤「${notice.label}」只有 ${notice.days} ${unitLabel(p.unit)}，少于公示最少天数 ${p.noticeMinDays}` });
    }
  }
  if (!(clock.profile in clock.profiles)) {
    problems.push({ path: ['prevention', 'clock', 'profile'], message: `采用的时限方案 ${clock.profile} 不存在（现有：${Object.keys(clock.profiles).join('、') || '无'}）` });
  }
  return problems;
}
