/**
 * One rule value of a draft as a form control chosen from the rule's schema (served with the
 * field): numbers as InputNumber, yes/no and single codes as selects, lists of codes as
 * checkboxes, free lists as tags; only a compound value (e.g. a monitoring line that is either a
 * multiple or an amount) stays a JSON box. Empty means "inherit". Values are checked here against
 * the schema's bounds first, with a message naming the field in Chinese and the value typed.
 */
import { Button, Checkbox, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleField, RuleInputSpec } from './api';
import { readableValue } from './readable';

type Json = Record<string, unknown>;

/** The schema without its null branch (a nullable number is asked as a number; empty inherits). */
function core(spec: RuleInputSpec | undefined): Json | undefined {
  const schema = spec?.schema;
  if (!schema) return undefined;
  const anyOf = schema.anyOf as Json[] | undefined;
  if (anyOf) {
    const rest = anyOf.filter((s) => s.type !== 'null');
    if (rest.length === 1) return { ...rest[0], description: schema.description };
  }
  return schema;
}

export type RuleKind = 'number' | 'integer' | 'boolean' | 'enum' | 'codes' | 'tags' | 'text' | 'json';

export function kindOf(field: Pick<RuleField, 'input'>): RuleKind {
  const schema = core(field.input);
  if (!schema) return 'json';
  if (schema.type === 'number') return 'number';
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'string') return field.input?.options ? 'enum' : 'text';
  if (schema.type === 'array' && (schema.items as Json | undefined)?.type === 'string') return field.input?.options ? 'codes' : 'tags';
  return 'json';
}

/** The value as the control holds it (JSON boxes hold text). */
export function controlValue(field: RuleField, value: unknown): unknown {
  return kindOf(field) === 'json' && value !== undefined ? JSON.stringify(value) : value;
}

/** The value to send, from what the control holds (undefined: inherit). */
export function sentValue(field: RuleField, held: unknown): unknown {
  if (held === undefined || held === null || held === '') return undefined;
  if (kindOf(field) !== 'json') return held;
  try {
    return JSON.parse(String(held));
  } catch {
    return held;
  }
}

/** A value in words: codes by their Chinese names, yes/no, lists joined with 、, compound values by their parts' names. */
export function valueWords(field: Pick<RuleField, 'input'>, value: unknown, yes: string, no: string): string {
  const names = field.input?.options ?? {};
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'string') return names[value] ?? value;
  if (typeof value === 'number') return value.toLocaleString('zh-CN', { maximumFractionDigits: 6 });
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v) => names[v] ?? v).join('、');
  return readableValue(value, yes, no, names);
}

const shown = (v: unknown) => `「${typeof v === 'string' ? v : JSON.stringify(v)}」`;

/** The first problem of a value against the field's schema, in Chinese naming the field and the value; undefined when fine. */
export function ruleValueProblem(field: RuleField, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const schema = core(field.input);
  const kind = kindOf(field);
  if (kind === 'json') return typeof value === 'string' ? `${name}应为 JSON 格式，填写的是${shown(value)}` : undefined;
  if (!schema) return undefined;
  if (kind === 'number' || kind === 'integer') {
    if (typeof value !== 'number' || Number.isNaN(value)) return `${name}应为数字，填写的是${shown(value)}`;
    if (kind === 'integer' && !Number.isInteger(value)) return `${name}应为整数，填写的是${shown(value)}`;
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as { minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
    if (exclusiveMinimum !== undefined && !(value > exclusiveMinimum)) return `${name}应大于 ${exclusiveMinimum}，填写的是${shown(value)}`;
    if (minimum !== undefined && value < minimum) return `${name}不能小于 ${minimum}，填写的是${shown(value)}`;
    if (exclusiveMaximum !== undefined && !(value < exclusiveMaximum)) return `${name}应小于 ${exclusiveMaximum}，填写的是${shown(value)}`;
    if (maximum !== undefined && maximum < Number.MAX_SAFE_INTEGER && value > maximum) return `${name}不能大于 ${maximum}，填写的是${shown(value)}`;
  }
  if ((kind === 'codes' || kind === 'tags') && Array.isArray(value)) {
    const minItems = schema.minItems as number | undefined;
    if (minItems !== undefined && value.length < minItems) return `${name}至少选择 ${minItems} 项`;
  }
  return undefined;
}

interface Props {
  field: RuleField;
  value: unknown;
  invalid: boolean;
  onChange: (value: unknown) => void;
}

export function RuleInput({ field, value, invalid, onChange }: Props) {
  const { t } = useTranslation();
  const status = invalid ? 'error' : undefined;
  const options = Object.entries(field.input?.options ?? {}).map(([code, label]) => ({ value: code, label }));
  const inherit = t('policy.edit.inherit');
  const common = { 'data-path': field.path, style: { width: '100%' } };
  switch (kindOf(field)) {
    case 'number':
    case 'integer':
      return <InputNumber {...common} status={status} placeholder={inherit} precision={kindOf(field) === 'integer' ? 0 : undefined} value={(value as number | null | undefined) ?? null} onChange={(v) => onChange(v ?? undefined)} />;
    case 'boolean':
      return (
        <Select
          {...common}
          status={status}
          allowClear
          placeholder={inherit}
          value={value as boolean | undefined}
          onChange={(v) => onChange(v)}
          options={[{ value: true, label: t('common.yes') }, { value: false, label: t('common.no') }]}
        />
      );
    case 'enum':
      return <Select {...common} status={status} allowClear placeholder={inherit} value={value as string | undefined} onChange={(v) => onChange(v)} options={options} />;
    case 'codes':
      return (
        <Space direction="vertical" size={2} data-path={field.path}>
          <Checkbox.Group value={(value as string[] | undefined) ?? []} onChange={(v) => onChange(v)} options={options} />
          {value !== undefined && (
            <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onChange(undefined)}>
              {t('policy.edit.useInherited')}
            </Button>
          )}
        </Space>
      );
    case 'tags':
      return <Select {...common} status={status} mode="tags" allowClear placeholder={inherit} value={(value as string[] | undefined) ?? []} onChange={(v: string[]) => onChange(v.length ? v : undefined)} />;
    case 'text':
      return <Input {...common} status={status} placeholder={inherit} value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />;
    default:
      return <Input {...common} status={status} className="mono" placeholder={inherit} value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />;
  }
}
