/** Registry rows as the API shows them: camelCase, ID numbers and phones masked unless revealed. */
import { ageOn, maskIdNumber, maskPhone } from '../../domain/idNumber';
import type { HouseholdWithPlace, PersonRow } from './queries';
import { NO_REVEAL, type HouseholdDetail, type Member, type RevealOptions } from './schemas';

export const idNumberShown = (id: string | null, reveal: RevealOptions) => (reveal.idNumber ? id : maskIdNumber(id));
export const phoneShown = (phone: string | null, reveal: RevealOptions) => (reveal.phone ? phone : maskPhone(phone));

export function placePathOf(row: { county_name: string | null; township_name: string | null; village_name: string | null }): string {
  return [row.county_name, row.township_name, row.village_name].filter((n) => n).join(' / ');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function memberOf(p: PersonRow, reveal: RevealOptions = NO_REVEAL): Member {
  return {
    memberKey: p.member_key,
    idNumber: idNumberShown(p.id_number, reveal)!,
    name: p.name,
    sex: p.sex,
    // The masked ID hides exactly the birth date: show only the year unless the ID is revealed.
    birthDate: reveal.idNumber ? p.birth_date : p.birth_date.slice(0, 4) + '-**-**',
    age: ageOn(p.birth_date, today()),
    relation: p.relation,
    ethnicity: p.ethnicity,
    education: p.education,
    schooling: p.schooling,
    health: p.health,
    disabilityGrade: p.disability_grade,
    labour: p.labour,
    workStatus: p.work_status,
    insuredBasic: p.insured_basic,
    insuredSerious: p.insured_serious,
    insuredCommercial: p.insured_commercial,
    insuredPension: p.insured_pension,
    familyDoctor: p.family_doctor,
    chronicCard: p.chronic_card,
    homeSchooling: p.home_schooling,
    phone: phoneShown(p.phone, reveal),
    ...(reveal.healthWithheld ? { health: null, disabilityGrade: null, chronicCard: null, healthWithheld: true as const } : {}),
  };
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** A household's own record for its card. */
export function householdCardOf(h: HouseholdWithPlace, reveal: RevealOptions = NO_REVEAL): HouseholdDetail['household'] {
  return {
    countyCode: h.county_code,
    householdNo: h.household_no,
    villageCode: h.village_code,
    townshipCode: h.township_code,
    placePath: placePathOf(h),
    headName: h.head_name,
    headIdNumber: idNumberShown(h.head_id_number, reveal),
    phone: phoneShown(h.phone, reveal),
    attribute: h.attribute,
    status: h.status,
    monitorCategory: h.monitor_category,
    identifiedYear: h.identified_year,
    plannedExitYear: h.planned_exit_year,
    exitYear: h.exit_year,
    mainCause: h.main_cause,
    otherCauses: h.other_causes,
    size: h.size,
    foodSecure: h.food_secure,
    clothingSecure: h.clothing_secure,
    houseGrade: h.house_grade,
    houseRenovated: h.house_renovated,
    relocated: h.relocated,
    waterLpd: h.water_lpd,
    waterQualityOk: h.water_quality_ok,
    waterTripMinutes: h.water_trip_minutes,
    waterPiped: h.water_piped,
    waterOutageDays: h.water_outage_days,
    waterScarceArea: h.water_scarce_area,
    waterHorizontalM: h.water_horizontal_m,
    waterVerticalM: h.water_vertical_m,
    openRiskTypes: h.open_risk_types,
    deregisterReason: h.deregister_reason,
    createdAt: iso(h.created_at),
    updatedAt: iso(h.updated_at),
  };
}
