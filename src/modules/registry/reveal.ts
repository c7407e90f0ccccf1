/**
 * 查看完整号码: one full ID number or phone at a time, for a role with 'person.reveal', with the
 * reason typed by the user; audited as a reveal ('person.reveal') with that reason, so the
 * auditor finds who saw whose number and why.
 */
import type { Db } from '../../db/database';
import { notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import * as q from './queries';

export type RevealField = 'idNumber' | 'phone';

export interface RevealRequest {
  field: RevealField;
  /** The member (absent: the household head's ID number, or the household's phone). */
  memberKey?: string;
  reason: string;
}

export interface RevealAnswer {
  field: RevealField;
  memberKey: string | null;
  name: string;
  value: string | null;
}

const FIELD_NAMES: Record<RevealField, string> = { idNumber: '证件号码', phone: '联系电话' };

/** The full value asked for, audited with its reason; 404 for a member the household does not have. */
export async function revealOne(db: Db, h: q.HouseholdWithPlace, asked: RevealRequest, actor: AuditActor & { at?: Date }): Promise<RevealAnswer> {
  const members = await q.membersOf(db, h.county_code, h.household_no);
  const member = asked.memberKey ? members.find((m) => m.member_key === asked.memberKey) : asked.field === 'idNumber' ? members.find((m) => m.relation === 'head') : undefined;
  if (asked.memberKey && !member) throw notFound(`户 ${h.household_no} 的成员 ${asked.memberKey} `);
  const name = member?.name ?? h.head_name;
  const value = member ? (asked.field === 'idNumber' ? member.id_number : member.phone) : asked.field === 'idNumber' ? null : h.phone;
  await recordAudit(db, {
    ...actor,
    action: 'person.reveal',
    objectType: member ? 'person' : 'household',
    objectId: member ? member.member_key : h.household_no,
    placeCode: h.village_code,
    after: { fields: [asked.field], householdNo: h.household_no, name, reason: asked.reason },
    note: `查看${name}的完整${FIELD_NAMES[asked.field]}，原因：${asked.reason}`,
  });
  return { field: asked.field, memberKey: member?.member_key ?? null, name, value };
}
