/** Policy rows as the API shows them and as the pure rules read them. */
import type { Selectable } from 'kysely';
import type { PolicyRecordTable } from '../../db/schema';
import { NATIONAL_REGION, type PolicyOverrides, type PolicyRecord } from '../../domain/policy/record';
import type { PolicyRow } from './queries';

export type PolicyStatus = 'draft' | 'active' | 'superseded';

export interface PolicyView {
  id: string;
  regionCode: string;
  regionName: string;
  effectiveYear: number;
  version: number;
  status: PolicyStatus;
  title: string;
  note: string | null;
  rules: unknown;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  activatedBy: string | null;
  activatedAt: Date | null;
  supersededAt: Date | null;
}

export const STATUS_LABELS: Record<PolicyStatus, string> = { draft: '草稿', active: '生效', superseded: '已被新版本取代' };

export function regionNameOf(code: string, placeName: string | null): string {
  if (code === NATIONAL_REGION) return '全国';
  return placeName ?? code;
}

export function policyView(row: PolicyRow): PolicyView {
  return {
    id: row.id,
    regionCode: row.region_code,
    regionName: regionNameOf(row.region_code, row.region_name),
    effectiveYear: row.effective_year,
    version: row.version,
    status: row.status as PolicyStatus,
    title: row.title,
    note: row.note,
    rules: row.rules,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activatedBy: row.activated_by,
    activatedAt: row.activated_at,
    supersededAt: row.superseded_at,
  };
}

/** The record as resolvePolicy reads it; a superseded version never takes part. */
export function domainRecord(row: Selectable<PolicyRecordTable> | PolicyView): PolicyRecord {
  const r = 'regionCode' in row
    ? row
    : { id: row.id, regionCode: row.region_code, effectiveYear: row.effective_year, version: row.version, status: row.status, title: row.title, note: row.note, rules: row.rules };
  return {
    id: r.id,
    regionCode: r.regionCode,
    effectiveYear: r.effectiveYear,
    version: r.version,
    status: r.status === 'active' ? 'active' : 'draft',
    title: r.title,
    ...(r.note ? { note: r.note } : {}),
    rules: r.rules as PolicyOverrides,
  };
}

/** The records with `record` taking effect as if activated: it replaces the active version of its region and year. */
export function withRecordActive(records: readonly PolicyRecord[], record: PolicyRecord): PolicyRecord[] {
  return [
    ...records.filter((r) => r.id !== record.id && !(r.regionCode === record.regionCode && r.effectiveYear === record.effectiveYear)),
    { ...record, status: 'active' },
  ];
}
