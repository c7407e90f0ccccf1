/**
 * Validation of a policy record on save, with messages in Chinese that name the field, its
 * path and the value found ("饮水安全 · 缺水地区最低水量（rules.water.minLitresScarce）应大于 0，实为 -5").
 */
import type { z } from 'zod';
import { mergeRules } from './merge';
import { fieldLabel } from './schemaWalk';
import { NATIONAL_REGION, PolicyOverridesSchema, PolicyRules, policyRecordFields, type PolicyOverrides, type PolicyRecord } from './record';
import { policyRulesObject } from './rulesSchema';

export interface PolicyProblem {
  path: string;
  field: string;
  message: string;
}

export type PolicyValidation = { ok: true; record: PolicyRecord } | { ok: false; errors: PolicyProblem[] };

const TYPE_NAMES: Record<string, string> = {
  number: '数字', int: '整数', string: '文字', boolean: '是/否', object: '对象', array: '列表', record: '对象',
};

function show(value: unknown): string {
  if (value === undefined) return '未填写';
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

function describeIssue(issue: z.core.$ZodIssue & { input?: unknown }): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '未填写' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实为 ${show(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array') return `至少应有 ${issue.minimum} 项`;
      if (issue.origin === 'string') return '不能为空';
      return `应${issue.inclusive ? '不小于' : '大于'} ${issue.minimum}，实为 ${show(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `至多 ${issue.maximum} 项`;
      return `应${issue.inclusive ? '不大于' : '小于'} ${issue.maximum}，实为 ${show(issue.input)}`;
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => String(v)).join('、')} 之一，实为 ${show(issue.input)}`;
    case 'unrecognized_keys':
      return `含有不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_key':
      return `键 ${show(issue.input)} 无效：${issue.issues[0]?.message ?? '格式不符'}`;
    case 'invalid_union':
      return `格式不符，实为 ${show(issue.input)}`;
    case 'invalid_format':
      return issue.message.startsWith('Invalid') ? `格式不符，实为 ${show(issue.input)}` : `${issue.message}，实为 ${show(issue.input)}`;
    default:
      return issue.message;
  }
}

function problems(schema: z.ZodType, value: unknown, prefix: string[], labelSchema: z.ZodType): PolicyProblem[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)].join('.');
    const keyed = issue.code === 'invalid_key' && issue.path.length > 0;
    const named = keyed
      ? [fieldLabel(labelSchema, issue.path.slice(0, -1)), String(issue.path.at(-1))].filter(Boolean).join(' · ')
      : fieldLabel(labelSchema, issue.path);
    const field = named || (prefix.length ? '规则' : '记录');
    return { path, field, message: `${field}（${path || '整条记录'}）${describeIssue(issue)}` };
  });
}

/**
 * Check a record before it is saved. The national record must hold complete rules; any other
 * record only the fields it overrides. With `base` (the resolved rules of the regions above it)
 * the override is also merged and the result checked as a whole.
 */
export function validatePolicy(record: unknown, base?: PolicyRules): PolicyValidation {
  const errors = problems(policyRecordFields, record, [], policyRecordFields);
  if (typeof record !== 'object' || record === null) return { ok: false, errors };
  const candidate = record as PolicyRecord;
  const national = candidate.regionCode === NATIONAL_REGION;
  const rulesSchema = national ? PolicyRules : PolicyOverridesSchema;
  const ruleErrors = problems(rulesSchema, candidate.rules, ['rules'], policyRulesObject);
  errors.push(...ruleErrors);
  if (!ruleErrors.length && !national && base) {
    const merged = mergeRules(base, candidate.rules as PolicyOverrides);
    errors.push(...problems(PolicyRules, merged, ['rules'], policyRulesObject));
  }
  return errors.length ? { ok: false, errors } : { ok: true, record: candidate };
}
