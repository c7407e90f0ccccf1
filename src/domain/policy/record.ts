/**
 * A policy record: one version of the rules of one region from one effective year on.
 * The national record (region '0') holds complete rules; every other record holds only the
 * fields it changes (a partial override, merged onto the records above it by resolvePolicy).
 */
import { z } from 'zod';
import { PolicyRules, policyRulesObject } from './rulesSchema';
import { label } from './schemaHelpers';
import { overridesSchemaOf } from './schemaWalk';
import { placeCodeSchema } from '../placeCode';

export const NATIONAL_REGION = '0';

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type PolicyOverrides = DeepPartial<PolicyRules>;

export interface PolicyRecord {
  id: string;
  regionCode: string;
  effectiveYear: number;
  version: number;
  status: 'draft' | 'active';
  title: string;
  note?: string;
  rules: PolicyOverrides;
}

/** The version an assessment records: which record, which region, which year and version. */
export interface PolicyVersionRef {
  id: string;
  regionCode: string;
  effectiveYear: number;
  version: number;
  title: string;
}

export const PolicyOverridesSchema = overridesSchemaOf(policyRulesObject);

export const policyRecordFields = z.strictObject({
  id: label('编号', z.string().min(1)),
  regionCode: label('适用地区代码', placeCodeSchema),
  effectiveYear: label('生效年份', z.number().int().min(2000).max(2100)),
  version: label('版本号', z.number().int().positive()),
  status: label('状态', z.enum(['draft', 'active'])),
  title: label('名称', z.string().min(1)),
  note: label('说明', z.string().optional()),
  rules: label('规则', z.unknown()),
});

export function versionRef(record: PolicyRecord): PolicyVersionRef {
  const { id, regionCode, effectiveYear, version, title } = record;
  return { id, regionCode, effectiveYear, version, title };
}

/** '0', '44', '4418', '441882', '441882001', '441882001001': the regions whose rules apply to a place. */
export function regionChain(placeCode: string): string[] {
  const chain = [NATIONAL_REGION];
  for (const length of [2, 4, 6, 9, 12]) if (placeCode.length >= length) chain.push(placeCode.slice(0, length));
  return chain;
}

export { PolicyRules };
