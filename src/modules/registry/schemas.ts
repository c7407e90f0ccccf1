/**
 * The registry's request and response shapes. Responses are parsed through these schemas on
 * the way out: a field nobody listed never leaves the server, and ID numbers and phones must
 * be masked or the response fails.
 */
import { z } from 'zod';
import * as enums from '../../domain/enums';
import { enumCode } from './validation';

/** Empty query values (status= from a form) mean "not given". */
function blankAsAbsent(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== ''));
}

export const SORT_KEYS = [
  'householdNo',
  'headName',
  'villageCode',
  'size',
  'identifiedYear',
  'exitYear',
  'status',
  'attribute',
  'mainCause',
  'perCapitaNet',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const filterFields = {
  place: z.string().regex(/^(0|\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/).optional(),
  status: enumCode(enums.householdStatus).optional(),
  attribute: enumCode(enums.householdAttribute).optional(),
  cause: enumCode(enums.povertyCause).optional(),
  year: z.coerce.number().int().min(1980).max(2100).optional(),
  q: z.string().trim().min(1).max(50).optional(),
};

export const householdFilterSchema = z.preprocess(blankAsAbsent, z.object(filterFields));
export type HouseholdFilters = z.output<typeof householdFilterSchema>;

export const householdListQuerySchema = z.preprocess(
  blankAsAbsent,
  z.object({
    ...filterFields,
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    sort: z.enum(SORT_KEYS).default('householdNo'),
    order: z.enum(['asc', 'desc']).default('asc'),
  }),
);
export type HouseholdListQuery = z.output<typeof householdListQuerySchema>;
export type PageRequest = Pick<HouseholdListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

const optionalEnum = (e: enums.Enumeration) => enumCode(e).nullable().optional();
const flag = z.boolean().nullable().optional();
const year = z.number().int().min(1980).max(2100).nullable().optional();
const phoneInput = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/)
  .nullable()
  .optional();

const memberFields = {
  name: z.string().trim().min(1).max(50),
  relation: enumCode(enums.relation),
  ethnicity: optionalEnum(enums.ethnicity),
  education: optionalEnum(enums.education),
  schooling: optionalEnum(enums.schooling),
  health: optionalEnum(enums.health),
  disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
  labour: optionalEnum(enums.labourCapacity),
  workStatus: optionalEnum(enums.workStatus),
  insuredBasic: flag,
  insuredSerious: flag,
  insuredCommercial: flag,
  insuredPension: flag,
  familyDoctor: flag,
  chronicCard: flag,
  homeSchooling: flag,
  phone: phoneInput,
};

/** A new member: the ID number is required; sex and birth date come from it. */
export const memberInputSchema = z.strictObject({ idNumber: z.string().trim().min(1), ...memberFields });
export type MemberInput = z.output<typeof memberInputSchema>;

/** Changes to a member; an idNumber here corrects the member's ID number. */
export const memberPatchSchema = memberInputSchema.partial().refine((p) => Object.keys(p).length > 0, { message: '没有要修改的字段' });
export type MemberPatch = z.output<typeof memberPatchSchema>;

/**
 * Changes to a household's own record. Status, exit year and deregistration change through
 * their procedures (with status history), the head through the members.
 */
export const householdPatchSchema = z
  .strictObject({
    phone: phoneInput,
    attribute: enumCode(enums.householdAttribute).optional(),
    identifiedYear: year,
    plannedExitYear: year,
    mainCause: optionalEnum(enums.povertyCause),
    otherCauses: z.array(enumCode(enums.povertyCause)).max(11).optional(),
    foodSecure: flag,
    clothingSecure: flag,
    houseGrade: optionalEnum(enums.houseGrade),
    houseRenovated: flag,
    relocated: flag,
    waterLpd: z.number().min(0).max(10000).nullable().optional(),
    waterQualityOk: flag,
    waterTripMinutes: z.number().int().min(0).max(1440).nullable().optional(),
    waterPiped: flag,
    waterOutageDays: z.number().int().min(0).max(366).nullable().optional(),
    waterScarceArea: flag,
  })
  .refine((p) => Object.keys(p).length > 0, { message: '没有要修改的字段' });
export type HouseholdPatch = z.output<typeof householdPatchSchema>;

// ---- responses ----

/** Only a masked ID number may leave the server: 411426********1234. */
const maskedIdNumber = z.string().regex(/^(\d{6}\*+[0-9X]{4}|\*+)$/, '证件号码未脱敏');
/** Only a masked phone number: 138****5678. */
const maskedPhone = z.string().regex(/^(.{0,3}\*+.{0,4})$/, '电话号码未脱敏');

export const householdListItemSchema = z.object({
  householdNo: z.string(),
  countyCode: z.string(),
  villageCode: z.string(),
  placePath: z.string(),
  headName: z.string(),
  headIdNumber: maskedIdNumber.nullable(),
  attribute: z.string(),
  status: z.string(),
  monitorCategory: z.string().nullable(),
  mainCause: z.string().nullable(),
  size: z.number().int(),
  identifiedYear: z.number().int().nullable(),
  exitYear: z.number().int().nullable(),
  perCapitaNet: z.number().nullable(),
});

export const householdPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(householdListItemSchema),
});
export type HouseholdPage = z.output<typeof householdPageSchema>;

const nullableFlag = z.boolean().nullable();

export const householdCardSchema = z.object({
  countyCode: z.string(),
  householdNo: z.string(),
  villageCode: z.string(),
  townshipCode: z.string(),
  placePath: z.string(),
  headName: z.string(),
  headIdNumber: maskedIdNumber.nullable(),
  phone: maskedPhone.nullable(),
  attribute: z.string(),
  status: z.string(),
  monitorCategory: z.string().nullable(),
  identifiedYear: z.number().int().nullable(),
  plannedExitYear: z.number().int().nullable(),
  exitYear: z.number().int().nullable(),
  mainCause: z.string().nullable(),
  otherCauses: z.array(z.string()),
  size: z.number().int(),
  foodSecure: nullableFlag,
  clothingSecure: nullableFlag,
  houseGrade: z.string().nullable(),
  houseRenovated: nullableFlag,
  relocated: nullableFlag,
  waterLpd: z.number().nullable(),
  waterQualityOk: nullableFlag,
  waterTripMinutes: z.number().int().nullable(),
  waterPiped: nullableFlag,
  waterOutageDays: z.number().int().nullable(),
  waterScarceArea: nullableFlag,
  deregisterReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const memberSchema = z.object({
  idNumber: maskedIdNumber,
  name: z.string(),
  sex: z.string(),
  birthDate: z.string(),
  age: z.number().int(),
  relation: z.string(),
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  schooling: z.string().nullable(),
  health: z.string().nullable(),
  disabilityGrade: z.number().int().nullable(),
  labour: z.string().nullable(),
  workStatus: z.string().nullable(),
  insuredBasic: nullableFlag,
  insuredSerious: nullableFlag,
  insuredCommercial: nullableFlag,
  insuredPension: nullableFlag,
  familyDoctor: nullableFlag,
  chronicCard: nullableFlag,
  homeSchooling: nullableFlag,
  phone: maskedPhone.nullable(),
});
export type Member = z.output<typeof memberSchema>;

export const incomeSchema = z.object({
  year: z.number().int(),
  wages: z.number(),
  productionNet: z.number(),
  property: z.number(),
  transfer: z.number(),
  productionCost: z.number(),
  householdSize: z.number().int(),
  perCapitaNet: z.number(),
});

export const statusRecordSchema = z.object({
  year: z.number().int(),
  status: z.string(),
  monitorCategory: z.string().nullable(),
  reason: z.string().nullable(),
});

export const householdDetailSchema = z.object({
  household: householdCardSchema,
  members: z.array(memberSchema),
  incomes: z.array(incomeSchema),
  statusHistory: z.array(statusRecordSchema),
});
export type HouseholdDetail = z.output<typeof householdDetailSchema>;

export const memberChangeSchema = z.object({ householdNo: z.string(), member: memberSchema });
export type MemberChange = z.output<typeof memberChangeSchema>;
