/** Display helpers over the registry's enumerations (the server sends stable codes). */
import { labelOf, type Enumeration } from '../../../src/domain/enums';

export * from '../../../src/domain/enums';

/** Select options `{ value: code, label }` for an enumeration. */
export function enumOptions(e: Enumeration): { value: string; label: string }[] {
  return e.entries.map((x) => ({ value: x.code, label: x.label }));
}

/** A label, or a dash for an empty value (tables show "—" rather than blank cells). */
export function labelOrDash(e: Enumeration, code: string | null | undefined): string {
  return code == null || code === '' ? '—' : labelOf(e, code);
}

export function yesNo(value: boolean | null | undefined): string {
  return value == null ? '—' : value ? '是' : '否';
}

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatYuan(value: number | null | undefined): string {
  return value == null ? '—' : yuan.format(value);
}

/** Tag colours for household status: poor/returned red, monitored orange, exited green. */
export const STATUS_COLORS: Record<string, string> = {
  poor: 'red',
  returned: 'volcano',
  monitored: 'orange',
  exited: 'green',
  risk_eliminated: 'cyan',
  not_poor: 'default',
  deregistered: 'default',
};
