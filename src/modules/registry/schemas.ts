/**
 * The registry's request and response shapes. Responses are parsed through these schemas on
 * the way out: a field nobody listed never leaves the server, and ID numbers and phones must
 * be masked or the response fails.
 */
import { z } from 'zod';
import * as enums from '../../domain/enums';
import { enumCode, riskTypeCode } from './validation';
import { placeCodeSchema } from '../../domain/placeCode';

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
  place: placeCodeSchema.optional(),
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
    /** Keyset paging (sorted by 户编号 only): the page after this household number (the last page's nextAfter) instead of `page`. */
    after: z.string().min(1).max(40).optional(),
  }),
);
export type HouseholdListQuery = z.output<typeof householdListQuerySchema>;
export type PageRequest = Pick<HouseholdListQuery, 'page' | 'pageSize' | 'sort' | 'order' | 'after'>;

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
    waterHorizontalM: z.number().min(0).max(99999).nullable().optional(),
    waterVerticalM: z.number().min(0).max(99999).nullable().optional(),
    openRiskTypes: z.array(riskTypeCode).max(20).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: '没有要修改的字段' });
export type HouseholdPatch = z.output<typeof householdPatchSchema>;

/** The registry's OpenAPI tag (its routes, the reveal and the export). */
export const REGISTRY_MODULE = { tag: '建档立卡', description: 'Registry: households, members, incomes, timeline, reveal, export (src/modules/registry, src/modules/exports)' };

/** Where the registry's cards and lists show ID numbers and phones: masked unless revealed. */
export const REVEAL_NOTE = '证件号码、电话默认脱敏；加 reveal=idNumber,phone 显示明文（须有「查看完整身份证号和电话」权限（person.reveal），并记入审计）。';

// ---- responses ----

/** Which fields a response shows in clear (only to a role with 'person.reveal' that asked). */
export interface RevealOptions {
  idNumber: boolean;
  phone: boolean;
  /** Members' health data withheld from this user (his line of work does not need them: auth/roles.ts). */
  healthWithheld?: boolean;
}
export const NO_REVEAL: RevealOptions = { idNumber: false, phone: false };

/** A masked ID number: 411426********1234. */
export const maskedIdNumber = z.string().regex(/^(\d{6}\*+[0-9X]{4}|\*+)$/, '证件号码未脱敏');
/** A masked phone number: 138****5678. */
export const maskedPhone = z.string().regex(/^(.{0,3}\*+.{0,4})$/, '电话号码未脱敏');
const fullIdNumber = z.string().regex(/^(\d{17}[0-9X]|\d{6}\*+[0-9X]{4}|\*+)$/);
const nullableFlag = z.boolean().nullable();

/**
 * The response schemas for one reveal choice: an ID number or phone leaves the server in
 * clear only in a field the choice reveals; anywhere else the response fails.
 */
function responseSchemas(reveal: RevealOptions) {
  const idNumber = reveal.idNumber ? fullIdNumber : maskedIdNumber;
  const phone = reveal.phone ? z.string() : maskedPhone;
  const listItem = z.object({
    householdNo: z.string(),
    countyCode: z.string(),
    villageCode: z.string(),
    placePath: z.string(),
    headName: z.string(),
    headIdNumber: idNumber.nullable(),
    attribute: z.string(),
    status: z.string(),
    monitorCategory: z.string().nullable(),
    mainCause: z.string().nullable(),
    size: z.number().int(),
    identifiedYear: z.number().int().nullable(),
    exitYear: z.number().int().nullable(),
    perCapitaNet: z.number().nullable(),
  });
  const page = z.object({
    total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(listItem),
    /** The next page by keyset (`after`): the last household number of a full page sorted by 户编号, else null. */
    nextAfter: z.string().nullable().optional(),
  });
  const card = z.object({
    countyCode: z.string(),
    householdNo: z.string(),
    villageCode: z.string(),
    townshipCode: z.string(),
    placePath: z.string(),
    headName: z.string(),
    headIdNumber: idNumber.nullable(),
    phone: phone.nullable(),
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
    waterHorizontalM: z.number().nullable(),
    waterVerticalM: z.number().nullable(),
    openRiskTypes: z.array(z.string()),
    deregisterReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  });
  const member = z.object({
    memberKey: z.uuid(),
    idNumber,
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
    phone: phone.nullable(),
    /** Present (true) when health, disability grade and chronic card are withheld from the user. */
    healthWithheld: z.literal(true).optional(),
  });
  const income = z.object({
    year: z.number().int(),
    wages: z.number(),
    productionNet: z.number(),
    property: z.number(),
    transfer: z.number(),
    productionCost: z.number(),
    householdSize: z.number().int(),
    perCapitaNet: z.number(),
  });
  const statusRecord = z.object({ year: z.number().int(), status: z.string(), monitorCategory: z.string().nullable(), reason: z.string().nullable() });
  const detail = z.object({ household: card, members: z.array(member), incomes: z.array(income), statusHistory: z.array(statusRecord) });
  return { listItem, page, card, member, detail };
}

type ResponseSchemas = ReturnType<typeof responseSchemas>;
const schemaCache = new Map<string, ResponseSchemas>();

/** The response schemas for a reveal choice (built once per choice). */
export function schemasFor(reveal: RevealOptions): ResponseSchemas {
  const key = `${reveal.idNumber}/${reveal.phone}`;
  let schemas = schemaCache.get(key);
  if (!schemas) schemaCache.set(key, (schemas = responseSchemas(reveal)));
  return schemas;
}

const masked = schemasFor(NO_REVEAL);
export const householdListItemSchema = masked.listItem;
export const householdPageSchema = masked.page;
export const householdCardSchema = masked.card;
export const memberSchema = masked.member;
export const householdDetailSchema = masked.detail;
export type HouseholdPage = z.output<typeof householdPageSchema>;
export type Member = z.output<typeof memberSchema>;
export type HouseholdDetail = z.output<typeof householdDetailSchema>;

/** Answers of member changes are always masked. */
export const memberChangeSchema = z.object({ householdNo: z.string(), member: memberSchema });
export type MemberChange = z.output<typeof memberChangeSchema>;

/** A member's key in a URL. */
export const memberKeySchema = z.uuid();

/** Fields whose values a timeline shows only masked. */
export const MASKED_FIELDS: Record<string, z.ZodType> = { idNumber: maskedIdNumber, headIdNumber: maskedIdNumber, phone: maskedPhone };

const fieldChangeSchema = z
  .object({ field: z.string(), fieldLabel: z.string(), before: z.unknown(), after: z.unknown() })
  .superRefine((c, ctx) => {
    const mask = MASKED_FIELDS[c.field];
    if (!mask) return;
    for (const value of [c.before, c.after]) {
      if (value !== null && value !== undefined && !mask.safeParse(value).success) ctx.addIssue({ code: 'custom', message: `${c.field} 未脱敏` });
    }
  });

export const timelineSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      userName: z.string().nullable(),
      role: z.string().nullable(),
      roleLabel: z.string().nullable(),
      action: z.string(),
      actionLabel: z.string(),
      /** "成员 王小红" for a member's change, null for the household's own record. */
      subject: z.string().nullable(),
      changes: z.array(fieldChangeSchema),
    }),
  ),
});
export type Timeline = z.output<typeof timelineSchema>;

/** Path parameters of the routes of one household (its own and other modules'). */
export const householdNoParams = z.object({ householdNo: z.string() });
