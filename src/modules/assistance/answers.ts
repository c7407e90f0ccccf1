/**
 * Answer schemas of the assistance routes (routes.ts). Each is checked against the type its
 * service returns (`SameShape`), so parsing an answer on the way out drops no field.
 */
import { z } from 'zod';
import type { SameShape } from '../../server/defineRoute';
import type * as svc from './service';

type Out<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
const text = z.string();
const maybe = z.string().nullable();
const int = z.number().int();

export const idAnswer = z.object({ id: int });

const cadre = z.object({ id: int, userId: int.nullable(), name: text, unit: text, rank: text, visitRole: text, placeCode: text, phone: maybe, households: int });
export const cadreList = z.object({ items: z.array(cadre) });
const cadresListed: SameShape<z.output<typeof cadre>, Out<typeof svc.listCadres>[number]> = true;

const unpairedHousehold = z.object({ countyCode: text, householdNo: text, villageCode: text, villageName: maybe, headName: text, status: text, size: int });
export const unpairedList = z.object({ total: int, items: z.array(unpairedHousehold) });
const unpairedListed: SameShape<z.output<typeof unpairedList>, Out<typeof svc.listUnpaired>> = true;

export const pairedAnswer = z.object({ paired: int });
export const pairedFromSheet = z.object({ paired: int, cadres: int });

const teamMember = z.object({ id: int, villageCode: text, villageName: maybe, role: text, startedOn: text, endedOn: maybe, cadreId: int, cadreName: text, unit: text });
export const teamList = z.object({ items: z.array(teamMember) });
const teamsListed: SameShape<z.output<typeof teamMember>, Out<typeof svc.listTeams>[number]> = true;

const visit = z.object({
  countyCode: text, id: text, householdNo: text, cadreId: int, cadreName: text, visitedOn: text, findings: text, measuresDiscussed: maybe,
  latitude: z.number().nullable(), longitude: z.number().nullable(), recordedAt: z.union([z.date(), text]), headName: text, villageCode: text, photos: z.array(text),
});
export const visitRecorded = z.object({ visit, duplicate: z.boolean() });
export const visitList = z.object({ items: z.array(visit) });
// recordedAt: a timestamp, typed by the query as the column's ColumnType.
const visitsListed: SameShape<Omit<z.output<typeof visit>, 'recordedAt'>, Omit<Out<typeof svc.listVisits>[number], 'recordedAt'>> = true;
/** A visit as the queries type it (recordedAt as the column type), answered as `visit`. */
export const asVisit = <V extends { recordedAt: unknown }>(v: V) => v as V & { recordedAt: Date };

const period = { start: text, end: text };
const rule = z.object({ role: text, label: text, minVisits: int, periodMonths: int });
const overdueLine = z.object({
  countyCode: text, pairingId: int, householdNo: text, startedOn: text, headName: text, villageCode: text, villageName: maybe, status: text,
  cadreId: int, cadreName: text, unit: text, visitRole: text, lastVisitOn: maybe,
  standing: z.object({
    rule,
    previous: z.object({ ...period, visits: int, required: z.boolean() }),
    current: z.object({ ...period, visits: int }),
    overdue: z.boolean(),
    due: z.boolean(),
    reason: text,
  }),
});
export const overdueReport = z.object({
  asOf: text,
  lines: z.array(overdueLine),
  byCadre: z.array(z.object({ cadreId: int, cadreName: text, unit: text, households: int, overdue: int, due: int })),
  rules: z.array(rule),
});
const overdueListed: SameShape<z.output<typeof overdueReport>, svc.OverdueReport> = true;

export const measureTypeList = z.object({ items: z.array(z.object({ code: text, label: text })) });

const measure = z.object({
  id: int, year: int, type: text, typeLabel: text, role: text, persons: int, amount: z.number().nullable(), startedOn: maybe, endedOn: maybe, providerDepartment: maybe, details: z.unknown(),
});
const pairingOfHousehold = z.object({ countyCode: text, id: int, cadreId: int, cadreName: text, unit: text, rank: text, startedOn: text, endedOn: maybe });
export const householdPlan = z.object({
  household: z.object({ countyCode: text, householdNo: text, villageCode: text, townshipCode: text, headName: text, status: text, size: int }),
  measures: z.array(measure),
  cadres: z.array(pairingOfHousehold),
});
const planListed: SameShape<z.output<typeof householdPlan>, Out<typeof svc.householdPlan>> = true;

export const coverageReport = z.object({
  place: text,
  year: int.nullable(),
  rows: z.array(z.object({ type: text, label: text, households: int, persons: int, mainHouseholds: int })),
});
const coverageListed: SameShape<z.output<typeof coverageReport>, Out<typeof svc.coverage>> = true;

/** A row of the 三留守 register: the ID number leaves the server masked only. */
const leftBehindRow = z.object({
  countyCode: text, householdNo: text,
  idNumber: z.string().regex(/^(\d{6}\*+[0-9X]{4}|)$/, '证件号码未脱敏'),
  name: text, sex: text, age: int, category: text, villageCode: text, villageName: maybe, headName: text, contactName: maybe, contactPhone: maybe, cadreName: maybe, rhythm: maybe,
});
export const leftBehindRows = z.array(leftBehindRow);
export const leftBehindList = z.object({ items: leftBehindRows });
const leftBehindListed: SameShape<z.output<typeof leftBehindRow>, Out<typeof svc.leftBehindRegister>[number]> = true;

const fieldHousehold = z.object({
  countyCode: text, householdNo: text, headName: text, villageCode: text, villageName: maybe, status: text, size: int,
  foodSecure: z.boolean().nullable(), clothingSecure: z.boolean().nullable(), houseGrade: maybe, houseRenovated: z.boolean().nullable(), relocated: z.boolean().nullable(),
  waterLpd: z.number().nullable(), waterQualityOk: z.boolean().nullable(), waterTripMinutes: z.number().nullable(), waterPiped: z.boolean().nullable(), waterOutageDays: z.number().nullable(),
  riskGrade: maybe, criteria: maybe, lastVisitOn: maybe,
});
export const fieldPackage = z.object({ cadre: z.object({ id: int, name: text, unit: text }).nullable(), items: z.array(fieldHousehold) });
const fieldListed: SameShape<z.output<typeof fieldHousehold>, Out<typeof svc.fieldHouseholds>[number]> = true;

/** A change's result; a replayed one carries `replayed` whatever its status. */
const syncResult = z.discriminatedUnion('status', [
  z.object({ changeId: text, status: z.enum(['applied', 'unchanged']), replayed: z.boolean(), visitId: text.optional(), duplicate: z.boolean().optional() }),
  z.object({ changeId: text, status: z.literal('conflict'), householdNo: text, field: text, base: z.unknown(), server: z.unknown(), mine: z.unknown(), message: text, replayed: z.boolean().optional() }),
  z.object({ changeId: text, status: z.literal('error'), message: text, replayed: z.boolean().optional() }),
]);
export const syncAnswer = z.object({ results: z.array(syncResult) });
const syncListed: SameShape<z.output<typeof syncResult>, svc.SyncResult> = true;

export const ANSWERS_LISTED = [cadresListed, unpairedListed, teamsListed, visitsListed, overdueListed, planListed, coverageListed, leftBehindListed, fieldListed, syncListed];
