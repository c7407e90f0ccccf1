/**
 * What the audit trail keeps of a registry change: the values of the fields that changed,
 * before and after, by their API names. ID numbers and phone numbers are kept masked
 * (411426********1234, 138****5678): the trail is hash-chained and kept at least 180 days, so
 * nothing in it can be corrected or erased (PIPL art. 47), and it is searched and exported by
 * auditors who need to know that a number changed, who changed it and when, not the number
 * (PIPL art. 6 minimum necessary, art. 51 de-identification). The full current value stays in
 * the registry. See docs/registry-access.md.
 */
import { maskIdNumber, maskPhone } from '../../domain/idNumber';
import type { HouseholdRow, PersonRow } from './queries';

type Readers<R> = Record<string, (row: R) => unknown>;

const MASKS: Partial<Record<string, (value: string | null) => string | null>> = { idNumber: maskIdNumber, headIdNumber: maskIdNumber, phone: maskPhone };

/** A value as the audit trail may keep it: ID numbers and phones masked (a masked value stays as it is). */
export function auditedValue(field: string, value: unknown): unknown {
  const mask = MASKS[field];
  if (mask && typeof value === 'string') return mask(value);
  return value ?? null;
}

export const MEMBER_FIELDS: Readers<PersonRow> = {
  idNumber: (p) => p.id_number,
  name: (p) => p.name,
  relation: (p) => p.relation,
  ethnicity: (p) => p.ethnicity,
  education: (p) => p.education,
  schooling: (p) => p.schooling,
  health: (p) => p.health,
  disabilityGrade: (p) => p.disability_grade,
  labour: (p) => p.labour,
  workStatus: (p) => p.work_status,
  insuredBasic: (p) => p.insured_basic,
  insuredSerious: (p) => p.insured_serious,
  insuredCommercial: (p) => p.insured_commercial,
  insuredPension: (p) => p.insured_pension,
  familyDoctor: (p) => p.family_doctor,
  chronicCard: (p) => p.chronic_card,
  homeSchooling: (p) => p.home_schooling,
  phone: (p) => p.phone,
};

export const HOUSEHOLD_FIELDS: Readers<HouseholdRow> = {
  phone: (h) => h.phone,
  attribute: (h) => h.attribute,
  identifiedYear: (h) => h.identified_year,
  plannedExitYear: (h) => h.planned_exit_year,
  mainCause: (h) => h.main_cause,
  otherCauses: (h) => h.other_causes,
  foodSecure: (h) => h.food_secure,
  clothingSecure: (h) => h.clothing_secure,
  houseGrade: (h) => h.house_grade,
  houseRenovated: (h) => h.house_renovated,
  relocated: (h) => h.relocated,
  waterLpd: (h) => h.water_lpd,
  waterQualityOk: (h) => h.water_quality_ok,
  waterTripMinutes: (h) => h.water_trip_minutes,
  waterPiped: (h) => h.water_piped,
  waterOutageDays: (h) => h.water_outage_days,
  waterScarceArea: (h) => h.water_scarce_area,
  waterHorizontalM: (h) => h.water_horizontal_m,
  waterVerticalM: (h) => h.water_vertical_m,
  openRiskTypes: (h) => h.open_risk_types,
};

export interface AuditedChange {
  /** null for a new record. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  fields: string[];
}

/**
 * The fields whose stored values differ between `before` and `after` (every non-empty field of
 * a new record when `before` is null), compared in full and kept masked.
 */
export function auditedChange<R>(readers: Readers<R>, before: R | null, after: R): AuditedChange {
  const change: AuditedChange = { before: before === null ? null : {}, after: {}, fields: [] };
  for (const [field, read] of Object.entries(readers)) {
    const now = read(after) ?? null;
    if (before === null) {
      if (now === null || (Array.isArray(now) && now.length === 0)) continue;
    } else {
      const then = read(before) ?? null;
      if (JSON.stringify(then) === JSON.stringify(now)) continue;
      change.before![field] = auditedValue(field, then);
    }
    change.after[field] = auditedValue(field, now);
    change.fields.push(field);
  }
  return change;
}
