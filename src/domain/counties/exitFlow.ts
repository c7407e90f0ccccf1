/**
 * The county exit procedure (POLICY.md §7, issue 18): 县申请 → 市初审 → 省核查 → 公示 → 批准,
 * run on the workflow engine. Each step is taken by a role at a place level (the county's own
 * operator applies; the city's and the province's 扶贫 operators review, publicise and approve);
 * the 公示 days come from the policy (countyExit.noticeDays).
 */
import type { PlannedStep } from '../workflow/plan';

export type StepLevel = 'county' | 'city' | 'province';

export const LEVEL_LENGTH: Record<StepLevel, number> = { county: 6, city: 4, province: 2 };
export const LEVEL_LABEL: Record<StepLevel, string> = { county: '县级', city: '市级', province: '省级' };

export interface CountyStep extends PlannedStep {
  level: StepLevel;
  /** Where the notice days come from (notice step). */
  noticeSource: string | null;
}

export interface CountyExitPlan {
  label: string;
  steps: CountyStep[];
}

const OPERATOR = ['department_operator'];

export function countyExitPlan(rules: { noticeDays: number; noticeDaysSource: string }): CountyExitPlan {
  const { noticeDays, noticeDaysSource } = rules;
  const step = (code: string, label: string, kind: PlannedStep['kind'], level: StepLevel, roles: string[], returnTo: number): CountyStep => ({
    code, label, kind, level, roles, evidence: [], returnTo, noticeDays: kind === 'notice' ? noticeDays : null, noticeSource: kind === 'notice' ? noticeDaysSource : null, sampleShare: null,
  });
  return {
    label: '贫困县退出（摘帽）',
    steps: [
      step('county_application', '县申请', 'review', 'county', ['county_operator'], 0),
      step('city_review', '市初审', 'review', 'city', OPERATOR, 0),
      step('province_check', '省核查', 'review', 'province', OPERATOR, 0),
      step('public_notice', '公示', 'notice', 'province', OPERATOR, 2),
      step('approval', '批准', 'decision', 'province', OPERATOR, 2),
    ],
  };
}

/** Why a user at `placeCode` may not act at the step (null when the level is right). */
export function levelRefusal(step: CountyStep, placeCode: string): string | null {
  if (placeCode.length === LEVEL_LENGTH[step.level]) return null;
  return `「${step.label}」由${LEVEL_LABEL[step.level]}办理，您所在的地区（${placeCode}）不是${LEVEL_LABEL[step.level]}`;
}
