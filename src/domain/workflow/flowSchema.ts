/**
 * The shape of a procedure as policy data (POLICY.md §5): its steps in order, the role that
 * acts at each, the evidence each needs, where a return sends the case, and which number of
 * the policy's `procedures` rules sets a notice period or a spot-check share. A province
 * changes a procedure by saving a policy record that overrides these fields.
 */
import { z } from 'zod';
import { label } from '../policy/schemaHelpers';

export const PROCEDURES = ['exit', 'identification', 'monitoring_entry', 'risk_elimination', 'risk_remark', 'elimination_revert'] as const;
export type ProcedureCode = (typeof PROCEDURES)[number];

export const STEP_KINDS = ['review', 'notice', 'spot_check', 'decision'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** The numbers of `rules.procedures` a step may read. */
export const NOTICE_DAY_RULES = ['exitPublicNoticeDays', 'identificationPublicNoticeDays', 'monitoringPublicNoticeDays'] as const;
export const SAMPLE_SHARE_RULES = ['countySpotCheckShare'] as const;
export const FROM_YEAR_RULES = ['monitoringConsentFromYear'] as const;

const code = (text: string) => label(text, z.string().regex(/^[a-z][a-z0-9_]*$/, '代码应为小写字母、数字和下划线'));

const evidenceKind = z.strictObject({
  code: code('材料代码'),
  label: label('材料名称', z.string().min(1)),
  /** Required only from the year the named rule gives (e.g. the 2021 consent form). */
  fromYearRule: label('自该规则年份起需要', z.enum(FROM_YEAR_RULES).optional()),
});

export const stepDefinition = z.strictObject({
  code: code('步骤代码'),
  label: label('步骤名称', z.string().min(1)),
  kind: label('步骤类型（review 评议审核 / notice 公示 / spot_check 抽查 / decision 审定标注）', z.enum(STEP_KINDS)),
  roles: label('办理角色', z.array(z.string().min(1)).min(1)),
  evidence: label('须上传的佐证材料', z.array(evidenceKind)),
  returnTo: label('退回到的步骤代码（默认第一步）', code('退回步骤').optional()),
  noticeDaysRule: label('公示天数取自', z.enum(NOTICE_DAY_RULES).optional()),
  sampleShareRule: label('抽查比例取自', z.enum(SAMPLE_SHARE_RULES).optional()),
});
export type StepDefinition = z.infer<typeof stepDefinition>;

export const procedureDefinition = z.strictObject({
  label: label('程序名称', z.string().min(1)),
  /** From which household status the procedure may start, and the status it ends in. */
  outcomes: label('发起时的户状态 → 完成后的户状态', z.record(z.string().min(1), z.string().min(1))),
  starters: label('可发起的角色', z.array(z.string().min(1)).min(1)),
  steps: label('步骤', z.array(stepDefinition).min(1)),
});
export type ProcedureDefinition = z.infer<typeof procedureDefinition>;

export const procedureFlows = z.strictObject({
  exit: label('贫困户退出', procedureDefinition),
  identification: label('识别与返贫', procedureDefinition),
  monitoring_entry: label('纳入监测', procedureDefinition),
  risk_elimination: label('风险消除', procedureDefinition),
  /** Absent from records saved before 2026: the shipped definitions apply. */
  risk_remark: label('风险再标注', procedureDefinition.optional()),
  elimination_revert: label('消除回退', procedureDefinition.optional()),
});
export type ProcedureFlows = z.infer<typeof procedureFlows>;
