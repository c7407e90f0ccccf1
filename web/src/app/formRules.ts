/**
 * Form rules with Chinese messages naming the field and the value typed, for antd Form.Items.
 * Money and counts are checked here instead of an InputNumber `min`: a `min` quietly turns a
 * typed -500 into 0 when the box loses focus; a rule refuses it and says why.
 */
import type { FormInstance, FormRule as Rule } from 'antd';
import { ApiError } from '../api/client';

const shown = (value: unknown) => `「${String(value)}」`;
const empty = (value: unknown) => value === undefined || value === null || value === '';

/** An amount of money (元): a number, not negative (with `positive`, above 0). */
export function moneyRule(label: string, options: { positive?: boolean } = {}): Rule {
  return {
    validator: async (_, value: unknown) => {
      if (empty(value)) return;
      if (typeof value !== 'number' || Number.isNaN(value)) throw new Error(`${label}应为数字（元），填写的是${shown(value)}`);
      if (value < 0) throw new Error(`${label}不能为负数，填写的是${shown(value)}`);
      if (options.positive && value === 0) throw new Error(`${label}应大于 0，填写的是${shown(value)}`);
    },
  };
}

/** A whole number between `min` and `max`. */
export function wholeRule(label: string, min = 0, max?: number): Rule {
  return {
    validator: async (_, value: unknown) => {
      if (empty(value)) return;
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${label}应为整数，填写的是${shown(value)}`);
      if (value < min) throw new Error(min === 0 ? `${label}不能为负数，填写的是${shown(value)}` : `${label}不能小于 ${min}，填写的是${shown(value)}`);
      if (max !== undefined && value > max) throw new Error(`${label}不能大于 ${max}，填写的是${shown(value)}`);
    },
  };
}

/** A required field, named. */
export const requiredRule = (label: string): Rule => ({ required: true, message: `请填写${label}` });

/**
 * A refused save: the server's problems (`details` as [{ field: 'details.monthlyPay', message }])
 * put on the form items they name (dotted paths as name paths), and the error returned for the banner.
 */
export function showFieldErrors(error: unknown, form: FormInstance): ApiError {
  const e = error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
  const details = Array.isArray(e.details) ? (e.details as { field?: string; message?: string }[]) : [];
  const byField = new Map<string, string[]>();
  for (const d of details) if (d.field && d.message) byField.set(d.field, [...(byField.get(d.field) ?? []), d.message]);
  form.setFields([...byField].map(([field, errors]) => ({ name: field.split('.'), errors })));
  return e;
}
