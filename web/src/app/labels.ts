/** Display helpers over the registry's enumerations (the server sends stable codes), in the current language. */
import { labelOf, type Enumeration } from '../../../src/domain/enums';
import { currentLanguage, i18n } from '../i18n';

export * from '../../../src/domain/enums';

/** The label of a code in the current language (the Chinese label, or the English one). */
export function enumLabel(e: Enumeration, code: string): string {
  if (currentLanguage() === 'en') {
    const entry = e.entries.find((x) => x.code === code);
    if (entry) return entry.en;
  }
  return labelOf(e, code);
}

/** Select options `{ value: code, label }` for an enumeration. */
export function enumOptions(e: Enumeration): { value: string; label: string }[] {
  return e.entries.map((x) => ({ value: x.code, label: currentLanguage() === 'en' ? x.en : x.label }));
}

/** A label, or a dash for an empty value (tables show "—" rather than blank cells). */
export function labelOrDash(e: Enumeration, code: string | null | undefined): string {
  return code == null || code === '' ? '—' : enumLabel(e, code);
}

export function yesNo(value: boolean | null | undefined): string {
  return value == null ? '—' : value ? i18n.t('common.yes') : i18n.t('common.no');
}

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatYuan(value: number | null | undefined): string {
  return value == null ? '—' : yuan.format(value);
}

/** "2024-03-01 14:05:09" in the browser's time zone, for audit times and timelines. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
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
