/** Field names and values of households and members in words, for the timeline. */
import { i18n } from '../../i18n';
import {
  education,
  enumLabel,
  ethnicity,
  health,
  houseGrade,
  householdAttribute,
  householdStatus,
  labourCapacity,
  monitorCategory,
  povertyCause,
  relation,
  schooling,
  sex,
  workStatus,
  type Enumeration,
} from '../../app/labels';

const FIELD_ENUMS: Record<string, Enumeration> = {
  relation,
  ethnicity,
  education,
  schooling,
  health,
  labour: labourCapacity,
  workStatus,
  sex,
  attribute: householdAttribute,
  status: householdStatus,
  monitorCategory,
  mainCause: povertyCause,
  otherCauses: povertyCause,
  houseGrade,
};

/** The field's name in the current language (the server's Chinese name when there is no translation). */
export function fieldName(field: string, serverLabel: string): string {
  return i18n.exists(`fields.${field}`) ? i18n.t(`fields.${field}`) : serverLabel;
}

/** A stored value in words: enum codes as labels, yes/no, "空" for nothing. */
export function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return i18n.t('timeline.emptyValue');
  if (typeof value === 'boolean') return value ? i18n.t('common.yes') : i18n.t('common.no');
  const e = FIELD_ENUMS[field];
  if (Array.isArray(value)) return value.map((v) => (e ? enumLabel(e, String(v)) : String(v))).join(i18n.language === 'en' ? ', ' : '、');
  if (e && typeof value === 'string') return enumLabel(e, value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
