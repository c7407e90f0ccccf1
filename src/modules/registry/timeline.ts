/**
 * A household's timeline (操作记录): the audited changes of its record and of its members,
 * newest first, read from the audit trail. ID numbers and phones appear masked, as the trail
 * keeps them; other values are the stored codes, which the card shows to the same readers.
 */
import type { Db } from '../../db/database';
import type { HouseholdAccess } from '../../db/householdReach';
import { notFound } from '../../server/errors';
import { auditActionLabel } from '../audit/service';
import { roleLabel } from '../auth/service';
import { auditedValue, HOUSEHOLD_FIELDS, MEMBER_FIELDS } from './auditValues';
import * as q from './queries';
import type { Timeline } from './schemas';
import { fieldLabel } from './validation';

/** The newest events a timeline shows. */
export const TIMELINE_LIMIT = 500;

const asRecord = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Changes are listed in the order of the card's fields (the trail's JSON keeps no order). */
const FIELD_ORDER = [...Object.keys(MEMBER_FIELDS), ...Object.keys(HOUSEHOLD_FIELDS)];
const orderOf = (field: string) => {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
};

/** Members' health fields, withheld from a department operator whose line does not need them (auth/roles.ts). */
const HEALTH_FIELDS = new Set(['health', 'disabilityGrade', 'chronicCard']);
const WITHHELD = '（不可见）';

function changesOf(before: unknown, after: unknown, healthWithheld: boolean): Timeline['items'][number]['changes'] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort((x, y) => orderOf(x) - orderOf(y) || (x < y ? -1 : x > y ? 1 : 0));
  return fields.map((field) => {
    const withheld = healthWithheld && HEALTH_FIELDS.has(field);
    return {
      field,
      fieldLabel: fieldLabel(field),
      before: withheld ? WITHHELD : auditedValue(field, b[field] ?? null),
      after: withheld ? WITHHELD : auditedValue(field, a[field] ?? null),
    };
  });
}

/** The timeline of a household within reach; 404 when unknown or out of reach. */
export async function householdTimeline(db: Db, access: HouseholdAccess, householdNo: string, options: { healthWithheld?: boolean } = {}): Promise<Timeline> {
  const h = await q.householdByNo(db, access, householdNo);
  if (!h) throw notFound(`户 ${householdNo} `);
  const events = await q.householdEvents(db, h.county_code, h.household_no, TIMELINE_LIMIT);
  return {
    items: events.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      userName: e.username,
      role: e.role,
      roleLabel: e.role === null ? null : roleLabel(e.role),
      action: e.action,
      actionLabel: auditActionLabel(e.action),
      subject: e.object_type === 'person' ? `成员 ${e.member_name ?? ''}`.trim() : null,
      changes: changesOf(e.before, e.after, options.healthWithheld ?? false),
    })),
  };
}
