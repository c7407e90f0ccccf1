/**
 * The work of a 疑点 (POLICY.md §9): found by the comparison → 下发 by the county to the township
 * and village → 村核实 (a note, photos, the outcome the village proposes) → 乡镇审核 (pass, or
 * back to the village) → 县确认 (the outcome, or back to the village). A hit that no longer
 * matches the data is resolved by data at any point before it is closed.
 */
import { OUTCOMES, type Outcome } from './rules';

export const HIT_STATUSES = {
  found: '待下发',
  sent: '待村核实',
  verified: '待乡镇审核',
  reviewed: '待县确认',
  closed: '已办结',
  resolved: '数据已消除',
} as const;
export type HitStatus = keyof typeof HIT_STATUSES;

export const HIT_ACTIONS = {
  send: '下发',
  verify: '村核实',
  review_pass: '乡镇审核通过',
  review_return: '乡镇退回',
  confirm: '县确认',
  confirm_return: '县退回',
  resolve: '数据消除',
} as const;
export type HitAction = keyof typeof HIT_ACTIONS;

interface Transition {
  from: HitStatus;
  to: HitStatus;
  roles: readonly string[];
}

const TRANSITIONS: Record<Exclude<HitAction, 'resolve'>, Transition> = {
  send: { from: 'found', to: 'sent', roles: ['county_operator'] },
  verify: { from: 'sent', to: 'verified', roles: ['village_operator'] },
  review_pass: { from: 'verified', to: 'reviewed', roles: ['township_operator'] },
  review_return: { from: 'verified', to: 'sent', roles: ['township_operator'] },
  confirm: { from: 'reviewed', to: 'closed', roles: ['county_operator'] },
  confirm_return: { from: 'reviewed', to: 'sent', roles: ['county_operator'] },
};

const ROLE_NAMES: Record<string, string> = { county_operator: '县级业务员', township_operator: '乡镇业务员', village_operator: '村级信息员' };

export interface StepInput {
  action: HitAction;
  role: string;
  note: string;
  outcome?: Outcome | null;
  evidence: readonly number[];
}

export class HitStepError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly value: unknown,
    readonly conflict = false,
  ) {
    super(message);
  }
}

/** The status after a step, or HitStepError naming the field at fault. */
export function nextStatus(status: HitStatus, input: StepInput): HitStatus {
  if (input.action === 'resolve') throw new HitStepError('数据消除只由比对任务记录', 'action', input.action, true);
  const t = TRANSITIONS[input.action];
  if (!t) throw new HitStepError(`未知操作 ${input.action}`, 'action', input.action);
  if (t.from !== status) throw new HitStepError(`疑点当前状态为「${HIT_STATUSES[status]}」，不能${HIT_ACTIONS[input.action]}`, 'action', input.action, true);
  if (!t.roles.includes(input.role)) throw new HitStepError(`${HIT_ACTIONS[input.action]}由${t.roles.map((r) => ROLE_NAMES[r] ?? r).join('或')}办理`, 'action', input.action, true);
  const note = input.note.trim();
  if (input.action === 'verify') {
    if (!input.outcome) throw new HitStepError(`村核实须提出核实结果（outcome）：${Object.entries(OUTCOMES).map(([c, l]) => `${c} ${l}`).join('、')}`, 'outcome', input.outcome ?? null);
    if (note === '') throw new HitStepError('村核实须写明核实情况（note）', 'note', input.note);
    if (input.evidence.length === 0) throw new HitStepError('村核实须上传现场照片等佐证材料（evidence）', 'evidence', []);
  }
  if ((input.action === 'review_return' || input.action === 'confirm_return') && note === '') throw new HitStepError('退回须写明理由（note）', 'note', input.note);
  if (input.action === 'confirm' && !input.outcome) throw new HitStepError('县确认须写明认定结果（outcome）', 'outcome', input.outcome ?? null);
  return t.to;
}

/** The actions a role may take on a hit in this status. */
export function actionsFor(status: HitStatus, role: string): HitAction[] {
  return (Object.entries(TRANSITIONS) as [HitAction, Transition][]).filter(([, t]) => t.from === status && t.roles.includes(role)).map(([a]) => a);
}

/** Overdue: sent down and not closed or resolved by its deadline. */
export function isOverdue(hit: { status: string; deadline: string | null }, today: string): boolean {
  return hit.deadline !== null && ['sent', 'verified', 'reviewed'].includes(hit.status) && today > hit.deadline;
}
