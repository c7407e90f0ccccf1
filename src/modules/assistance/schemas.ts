/** Input and output schemas of the assistance API (Chinese messages naming the field). */
import { z } from 'zod';
import { MEASURE_TYPES } from '../../domain/assistance/measures';
import { placeCodeSchema as placeCode } from '../../domain/placeCode';

const date = (name: string) => z.iso.date(`${name}格式应为 YYYY-MM-DD`);
const householdNo = z.string({ message: '户编号应为文字' }).trim().min(1, '户编号不能为空').max(40, '户编号过长');
const id = (name: string) => z.coerce.number({ message: `${name}应为数字` }).int(`${name}应为整数`).positive(`${name}应为正整数`);

export const placeQuery = z.object({ place: placeCode.optional() });

export const cadreInput = z.strictObject({
  name: z.string().trim().min(1, '干部姓名不能为空').max(40, '干部姓名过长'),
  unit: z.string().trim().min(1, '工作单位不能为空').max(100, '工作单位过长'),
  rank: z.string().trim().min(1, '职级不能为空').max(40),
  visitRole: z.string().trim().min(1).max(40).default('pairing_cadre'),
  placeCode: placeCode,
  phone: z.string().trim().max(20, '电话过长').nullable().default(null),
  userId: id('用户编号').nullable().default(null),
});
export type CadreInput = z.output<typeof cadreInput>;

export const pairInput = z.strictObject({
  cadreId: id('干部编号'),
  householdNos: z.array(householdNo).min(1, '至少选择一户').max(500, '一次最多结对 500 户'),
  startedOn: date('结对日期'),
});
export type PairInput = z.output<typeof pairInput>;

export const endPairingInput = z.strictObject({ endedOn: date('结束日期'), reason: z.string().trim().max(200).nullable().default(null) });

export const teamInput = z.strictObject({
  villageCode: z.string().regex(/^\d{12}$/, '村代码应为 12 位数字'),
  cadreId: id('干部编号'),
  role: z.enum(['first_secretary', 'team_leader', 'team_member'], { message: '角色应为 first_secretary（第一书记）、team_leader（队长）或 team_member（队员）' }),
  startedOn: date('到岗日期'),
});

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const photoInput = z.strictObject({
  contentType: z.enum(PHOTO_TYPES, { message: '照片格式应为 JPEG、PNG 或 WebP' }),
  /** Base64 of the file. */
  data: z.string().min(1, '照片内容为空').max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 8, `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`),
  /** The SHA-256 the device computed; checked against the bytes received. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '照片校验值应为 64 位十六进制 SHA-256').optional(),
});
export type PhotoInput = z.output<typeof photoInput>;

export const visitInput = z.strictObject({
  id: z.uuid('走访编号应为 UUID（由设备生成）'),
  householdNo,
  visitedOn: date('走访日期'),
  findings: z.string().trim().min(1, '走访发现的情况不能为空').max(4000, '走访情况最多 4000 字'),
  measuresDiscussed: z.string().trim().max(4000, '商议措施最多 4000 字').nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  accuracyM: z.number().nonnegative().nullable().default(null),
  photos: z.array(photoInput).max(6, '一次走访最多 6 张照片').default([]),
  /** The visiting cadre; default the signed-in user's cadre record. */
  cadreId: id('干部编号').optional(),
});
export type VisitInput = z.output<typeof visitInput>;

export const visitListQuery = z.object({
  place: placeCode.optional(),
  householdNo: householdNo.optional(),
  cadreId: id('干部编号').optional(),
  from: date('起始日期').optional(),
  to: date('截止日期').optional(),
});

export const overdueQuery = z.object({
  place: placeCode.optional(),
  cadreId: id('干部编号').optional(),
  asOf: date('统计日期').optional(),
  all: z.enum(['true', 'false']).optional(),
});

export const measureInput = z.strictObject({
  householdNo,
  year: z.number().int().min(2000).max(2100),
  type: z.enum(MEASURE_TYPES as [string, ...string[]], { message: '帮扶措施类型不在措施目录中' }),
  role: z.enum(['main', 'auxiliary'], { message: '措施类别应为 main（主导措施）或 auxiliary（辅助措施）' }),
  persons: z.number().int().min(0).max(100).optional(),
  amount: z.number().nonnegative('金额不能为负数').nullable().default(null),
  startedOn: date('开始日期').nullable().default(null),
  endedOn: date('结束日期').nullable().default(null),
  providerDepartment: z.string().trim().max(100).nullable().default(null),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type MeasureInput = z.output<typeof measureInput>;

export const coverageQuery = z.object({ place: placeCode.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

export const leftBehindQuery = z.object({
  place: placeCode.optional(),
  category: z.enum(['child', 'woman', 'elderly', 'disabled']).optional(),
  asOf: date('统计日期').optional(),
});

const contactFields = {
  category: z.enum(['child', 'woman', 'elderly', 'disabled'], { message: '类别应为 child（留守儿童）、woman（留守妇女）、elderly（留守老人）或 disabled（残疾人）' }),
  contactName: z.string().trim().min(1, '联系人不能为空').max(40, '联系人最多 40 字'),
  contactPhone: z.string().trim().regex(/^[0-9+\- ]{0,20}$/, '联系电话只能含数字、空格、+ 和 -').nullable().default(null),
  cadreId: id('干部编号').nullable().default(null),
  rhythm: z.string().trim().min(1, '联系频次不能为空').max(100, '联系频次最多 100 字').default('月探访、周通话'),
};

export const contactInput = z.strictObject({ idNumber: z.string().regex(/^\d{17}[0-9X]$/, '身份证号应为 18 位'), ...contactFields });

/** The contact named from the register's row: the household and the person's ID number as the register shows it (masked) or in full. */
export const householdContactInput = z.strictObject({
  householdNo,
  idNumber: z.string().trim().regex(/^\d{6}[0-9*]{8,11}[0-9X*]$|^\d{17}[0-9X]$/, '身份证号应为 18 位（可为登记表中脱敏后的号码）'),
  ...contactFields,
});

/** Household fields the field app may change (camelCase as in the household card). */
export const FACT_FIELDS = {
  foodSecure: 'food_secure',
  clothingSecure: 'clothing_secure',
  houseGrade: 'house_grade',
  houseRenovated: 'house_renovated',
  relocated: 'relocated',
  waterLpd: 'water_lpd',
  waterQualityOk: 'water_quality_ok',
  waterTripMinutes: 'water_trip_minutes',
  waterPiped: 'water_piped',
  waterOutageDays: 'water_outage_days',
} as const;
export type FactField = keyof typeof FACT_FIELDS;

const factValue = z.union([z.boolean(), z.number(), z.string(), z.null()]);

export const syncInput = z.strictObject({
  changes: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('visit'), changeId: z.uuid('变更编号应为 UUID'), visit: visitInput }),
        z.strictObject({
          kind: z.literal('fact'),
          changeId: z.uuid('变更编号应为 UUID'),
          householdNo,
          field: z.enum(Object.keys(FACT_FIELDS) as [FactField, ...FactField[]], { message: '该字段不能在走访端修改' }),
          /** The value the cadre saw when he made the edit (from his last download). */
          base: factValue,
          value: factValue,
          /** Resolve a conflict: apply over whatever the server has now. */
          force: z.boolean().default(false),
        }),
      ]),
    )
    .min(1, '没有要同步的变更')
    .max(200, '一次最多同步 200 条变更'),
});
export type SyncInput = z.output<typeof syncInput>;
export type SyncChange = SyncInput['changes'][number];
