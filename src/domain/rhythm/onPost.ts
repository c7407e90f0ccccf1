/**
 * Days on post of a 驻村工作队 member (POLICY §8, 2017 national 意见): on-post days = days present
 * + approved 因公外出 (a repeated check-in on one day is one day); the monthly minimum is policy
 * data (local default 20), prorated by the days the member is assigned that month; a member
 * below it and a team below its minimum size are flagged separately.
 */
import { daysBetween } from '../dates';

export const PRESENCE_KINDS = { present: '在岗', official_trip: '因公外出', leave: '请假' } as const;
export type PresenceKind = keyof typeof PRESENCE_KINDS;

export const TEAM_ROLES: Record<string, string> = { first_secretary: '第一书记', team_leader: '队长', team_member: '队员' };

export function monthBounds(month: string): { first: string; last: string; days: number } {
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month.slice(0, 7)}-01`, last: `${month.slice(0, 7)}-${String(days).padStart(2, '0')}`, days };
}

/** Days of the month the member is assigned (0 when not at all). */
export function assignedDays(month: string, startedOn: string, endedOn: string | null): number {
  const { first, last } = monthBounds(month);
  const from = startedOn > first ? startedOn : first;
  const to = endedOn && endedOn < last ? endedOn : last;
  return to < from ? 0 : daysBetween(from, to) + 1;
}

/** The minimum on-post days of a month, prorated by the days assigned (rounded up). */
export function requiredDays(monthlyMin: number, month: string, assigned: number): number {
  return Math.ceil((monthlyMin * assigned) / monthBounds(month).days);
}

export interface OnPost {
  assigned: number;
  required: number;
  onPost: number;
  leave: number;
  below: boolean;
}

/** A member's month: the kinds of his recorded days (one per day) against the prorated minimum. */
export function onPostOf(monthlyMin: number, month: string, member: { startedOn: string; endedOn: string | null }, kinds: readonly string[]): OnPost {
  const assigned = assignedDays(month, member.startedOn, member.endedOn);
  const required = requiredDays(monthlyMin, month, assigned);
  const onPost = kinds.filter((k) => k === 'present' || k === 'official_trip').length;
  return { assigned, required, onPost, leave: kinds.filter((k) => k === 'leave').length, below: assigned > 0 && onPost < required };
}
