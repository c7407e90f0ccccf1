/**
 * The village record (村情) by year: checks shared by the form and the import (each problem
 * names the field and the value), saving with its audit event, and the row ↔ values mapping.
 * Poor households and persons are never typed: they come from the registry, and a 户籍人口
 * below the registry's own count is refused (POLICY §7).
 */
import type { Db } from '../../db/database';
import { badRequest, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { placeByCode } from '../places/service';
import { SCHOOL_LABELS, VILLAGE_FIELDS, type FieldValue, type VillageField, type VillageValues } from './fields';
import * as q from './queries';

export interface ValueProblem {
  key: string;
  field: string;
  value: string;
  message: string;
}

const MAX_TEXT = 500;

function fieldProblem(field: VillageField, v: FieldValue | undefined): string | null {
  if (v === null || v === undefined || v === '') return field.required ? `${field.label}不能为空` : null;
  switch (field.kind) {
    case 'count':
      if (typeof v !== 'number' || !Number.isInteger(v)) return `${field.label}应为整数`;
      return v < 0 ? `${field.label}不能为负数` : null;
    case 'money':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${field.label}应为数字（元）`;
      return v < 0 ? `${field.label}不能为负数` : null;
    case 'share':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${field.label}应为 0 到 1 之间的小数（或百分数）`;
      return v < 0 || v > 1 ? `${field.label}应在 0 到 100% 之间` : null;
    case 'year':
      return typeof v === 'number' && Number.isInteger(v) && v >= 1980 && v <= 2100 ? null : `${field.label}应为四位年份`;
    case 'flag':
      return typeof v === 'boolean' ? null : `${field.label}应为“是”或“否”`;
    case 'school':
      return typeof v === 'string' && v in SCHOOL_LABELS ? null : `${field.label}应为：${Object.values(SCHOOL_LABELS).join('、')}`;
    case 'text':
      return typeof v === 'string' && v.length <= MAX_TEXT ? null : `${field.label}应为不超过 ${MAX_TEXT} 字的文字`;
  }
}

const byKey = new Map<string, VillageField>(VILLAGE_FIELDS.map((f) => [f.key, f]));
const show = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Every problem of a record's values, the registry figures of the village considered. */
export function valueProblems(values: VillageValues, figures: Pick<q.RegistryFigures, 'persons' | 'poorPersons'>, year: number): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const add = (key: string, message: string) => problems.push({ key, field: byKey.get(key)!.label, value: show(values[key as keyof VillageValues]), message });
  for (const field of VILLAGE_FIELDS) {
    const message = fieldProblem(field, values[field.key]);
    if (message) add(field.key, message);
  }
  const registered = values.registeredPopulation;
  if (typeof registered === 'number' && Number.isInteger(registered) && registered >= 0) {
    if (figures.poorPersons > registered) add('registeredPopulation', `户籍人口 ${registered} 人少于登记的贫困人口 ${figures.poorPersons} 人（${year} 年底），贫困发生率将超过 100%`);
    else if (figures.persons > registered) add('registeredPopulation', `户籍人口 ${registered} 人少于建档立卡登记的本村人口 ${figures.persons} 人`);
  }
  if (values.exitYear != null && !values.poorVillage) add('exitYear', '只有贫困村才有出列年份');
  if (typeof values.exitYear === 'number' && typeof values.poorVillageYear === 'number' && values.exitYear < values.poorVillageYear) {
    add('exitYear', `出列年份 ${values.exitYear} 早于贫困村识别年份 ${values.poorVillageYear}`);
  }
  return problems;
}

/** The database row of a village's values. */
export function rowOf(values: VillageValues, key: { countyCode: string; villageCode: string; townshipCode: string; year: number }, by: string | null, at: Date): q.NewVillageRecord {
  const row: Record<string, unknown> = { county_code: key.countyCode, village_code: key.villageCode, township_code: key.townshipCode, year: key.year, updated_by: by, updated_at: at };
  for (const field of VILLAGE_FIELDS) {
    const v = values[field.key];
    row[field.column] = field.kind === 'flag' && ['poor_village', 'relative_poor_village', 'deep_poor_village'].includes(field.column) ? v === true : (v ?? null);
  }
  return row as unknown as q.NewVillageRecord;
}

/** A row's values by field key. */
export function valuesOf(row: q.VillageRecordRow): VillageValues {
  const out: Record<string, FieldValue> = {};
  for (const field of VILLAGE_FIELDS) out[field.key] = (row[field.column] as FieldValue | undefined) ?? null;
  return out as VillageValues;
}

export interface VillagePlace {
  code: string;
  name: string;
  townshipCode: string;
}

/** The village of a code: a level-5 place (404 otherwise). */
export async function villagePlace(db: Db, code: string): Promise<VillagePlace> {
  const place = await placeByCode(db, code);
  if (!place || place.level !== 5) throw notFound(`村 ${code} `);
  return { code, name: place.name, townshipCode: code.slice(0, 9) };
}

export interface SaveContext {
  actor: AuditActor & { at?: Date };
}

/** Save (create or replace) a village's record of a year, checked and audited in one transaction. */
export async function saveVillageRecord(db: Db, villageCode: string, year: number, values: VillageValues, ctx: SaveContext): Promise<void> {
  const village = await villagePlace(db, villageCode);
  const [figures] = await q.registryFigures(db, villageCode, year, [villageCode]);
  const problems = valueProblems(values, figures ?? { persons: 0, poorPersons: 0 }, year);
  if (problems.length) {
    throw badRequest(`村情有 ${problems.length} 处错误，未保存：${problems.map((p) => `${p.field}（${p.value || '空'}）：${p.message}`).join('；')}`, { problems });
  }
  const at = ctx.actor.at ?? new Date();
  await db.transaction().execute(async (tx) => {
    const before = await q.findRecord(tx, villageCode, year, true);
    const row = rowOf(values, { countyCode: villageCode.slice(0, 6), villageCode, townshipCode: village.townshipCode, year }, ctx.actor.username, at);
    await q.upsertRecord(tx, row);
    await recordAudit(tx, {
      ...ctx.actor, action: 'village.record.save', objectType: 'village_record', objectId: `${villageCode}/${year}`, placeCode: villageCode,
      before: before ? valuesOf(before) : null, after: values,
    });
  });
}
