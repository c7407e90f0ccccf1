/** Errors carried to the client as { error: { code, message, details } } with the right status. */
import { z } from 'zod';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string, details?: unknown) => new AppError(404, 'not_found', `${what}不存在或不在您的权限范围内`, details);
export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);

/** One problem of an input: the field (dotted path), the value sent, the Chinese message. */
export interface FieldProblem {
  field: string;
  value: unknown;
  message: string;
}

/** Chinese names of fields that many routes take; a route adds its own (`labels`). */
export const COMMON_FIELD_LABELS: Readonly<Record<string, string>> = {
  place: '地区代码',
  placeCode: '地区代码',
  year: '年度',
  q: '查询内容',
  page: '页码',
  pageSize: '每页条数',
  sort: '排序字段',
  householdNo: '户编号',
  idNumber: '身份证号',
  name: '名称',
  note: '备注',
  reason: '理由',
  amount: '金额',
  date: '日期',
  status: '状态',
};

const TYPE_NAMES: Record<string, string> = { string: '文字', number: '数字', int: '整数', boolean: 'true 或 false', array: '列表', object: '对象', date: '日期' };
const CJK = /[\u4e00-\u9fff]/;

function shown(value: unknown): string {
  if (value === undefined) return '（空）';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 60) + '…' : text;
}

/** Why a value failed, in Chinese: the schema's own message when it wrote one, else by kind. */
function reasonOf(issue: z.core.$ZodIssue, preferOwn: boolean): string {
  if (preferOwn && CJK.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '不能为空' : `类型不对，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `太短，至少 ${issue.minimum} 个字`;
      return issue.origin === 'array' ? `太短，至少 ${issue.minimum} 项` : `应不小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `太长，最多 ${issue.maximum} 个字`;
      return issue.origin === 'array' ? `太多，最多 ${issue.maximum} 项` : `应不大于 ${issue.maximum}`;
    case 'invalid_format':
      return '格式不对';
    case 'invalid_value':
      return `无效，应为：${issue.values.map(String).join('、')}`;
    default:
      return !preferOwn || CJK.test(issue.message) ? issue.message : '无效';
  }
}

/** The value as the user sent it (before coercion), at a path of the input. */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let here = input;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

export interface ProblemOptions {
  /** Chinese names of the fields (top-level key → name), over COMMON_FIELD_LABELS. */
  labels?: Readonly<Record<string, string>>;
  /**
   * Use a schema's own Chinese message when it has one (default true). Off, the message says why by
   * the kind of failure and names every field as 「label（field）」 with the given labels only (the
   * registry's wording).
   */
  preferOwnMessages?: boolean;
}

/** Every issue of a failed parse as a problem naming the field in Chinese and the value sent. */
export function problemsOf(error: z.ZodError, input: unknown, options: ProblemOptions = {}): FieldProblem[] {
  const preferOwn = options.preferOwnMessages ?? true;
  return error.issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, value: (input as Record<string, unknown>)?.[key], message: `不能在此填写或修改字段 ${key}` }));
    }
    const field = issue.path.map(String).join('.');
    const top = String(issue.path[0] ?? '');
    const label = options.labels?.[top] ?? (preferOwn ? COMMON_FIELD_LABELS[top] : undefined) ?? top;
    const name = field ? (preferOwn && label === field ? field : `${label}（${field}）`) : '内容';
    const given = valueAt(input, issue.path) ?? issue.input;
    if (preferOwn && CJK.test(issue.message)) {
      // The schema's own message ("问题描述（finding）不能为空"): kept, prefixed with the field
      // when it does not name it, and followed by the value sent.
      const own = issue.message.includes(label) || (field !== '' && issue.message.includes(field)) ? issue.message : `${name}${issue.message}`;
      return [{ field, value: given, message: given === undefined ? own : `${own}（填写的值：“${shown(given)}”）` }];
    }
    return [{ field, value: given, message: `${name}的值“${shown(given)}”${reasonOf(issue, preferOwn)}` }];
  });
}

/** The 400 of a failed parse: "<what>有误：<each field, value and reason>". */
export function invalidInput(error: z.ZodError, input: unknown, what: string, options: ProblemOptions = {}): AppError {
  const problems = problemsOf(error, input, options);
  return new AppError(400, 'invalid_input', `${what}有误：${problems.map((p) => p.message).join('；')}`, problems);
}

/** Parse input with a schema; on failure a 400 whose message names every field and value. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string, options: ProblemOptions = {}): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw invalidInput(result.error, value, what, options);
}
