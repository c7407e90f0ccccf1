/**
 * The rectification loop (整改一件、销号一件, seeds 000 and 001) as a state machine:
 * reported → rectifying → rectified → verified → closed, a failed verification back to
 * rectifying, and a failed follow-up check (回头看) reopening a closed finding. Each step carries
 * a note and, where the seeds ask for proof, evidence. Pure: no I/O.
 */

export const RECTIFICATION_SOURCES = {
  inspection: '巡视',
  patrol: '巡察',
  supervision_check: '督查',
  assessment_feedback: '考核反馈',
  lookback: '回头看',
  unannounced: '暗访',
  listed_supervision: '挂牌督战交办',
} as const;

export type RectificationSource = keyof typeof RECTIFICATION_SOURCES;

export const RECTIFICATION_STATUSES = {
  reported: '待整改',
  rectifying: '整改中',
  rectified: '已整改待核验',
  verified: '核验通过待销号',
  closed: '已销号',
} as const;

export type RectificationStatus = keyof typeof RECTIFICATION_STATUSES;

export const RECTIFICATION_ACTIONS = {
  report: '登记问题',
  start: '开始整改',
  rectify: '报告整改完成',
  verify_pass: '核验通过',
  verify_fail: '核验未通过',
  close: '销号',
  lookback_pass: '回头看通过',
  lookback_fail: '回头看未通过（重新整改）',
} as const;

export type RectificationAction = keyof typeof RECTIFICATION_ACTIONS;

interface Transition {
  from: RectificationStatus;
  to: RectificationStatus;
  /** The step must name its evidence (整改材料, 核验记录, 销号材料, 回头看记录). */
  evidence: boolean;
}

const TRANSITIONS: Record<Exclude<RectificationAction, 'report'>, Transition> = {
  start: { from: 'reported', to: 'rectifying', evidence: false },
  rectify: { from: 'rectifying', to: 'rectified', evidence: true },
  verify_pass: { from: 'rectified', to: 'verified', evidence: true },
  verify_fail: { from: 'rectified', to: 'rectifying', evidence: true },
  close: { from: 'verified', to: 'closed', evidence: true },
  lookback_pass: { from: 'closed', to: 'closed', evidence: true },
  lookback_fail: { from: 'closed', to: 'rectifying', evidence: true },
};

export type StepAction = keyof typeof TRANSITIONS;

export const isStepAction = (a: string): a is StepAction => Object.prototype.hasOwnProperty.call(TRANSITIONS, a);

export interface StepInput {
  onDate: string;
  note: string;
  evidence: string[];
}

export interface StepOutcome {
  statusAfter: RectificationStatus;
  /** The finding is open again (回头看 failed). */
  reopened: boolean;
  /** Date of 销号, null when reopened, unchanged otherwise. */
  closedOn: string | null | undefined;
}

export class LoopError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly value: unknown,
  ) {
    super(message);
  }
}

/** The actions possible from a status (for the page's buttons). */
export function actionsFrom(status: RectificationStatus): StepAction[] {
  return (Object.keys(TRANSITIONS) as StepAction[]).filter((a) => TRANSITIONS[a].from === status);
}

/**
 * Check a step against the finding's status and dates; the outcome or a LoopError naming the
 * field. `foundOn` is the finding's date, `today` the office's date (no step in the future).
 */
export function applyStep(status: RectificationStatus, action: StepAction, input: StepInput, dates: { foundOn: string; today: string; lastStepOn: string }): StepOutcome {
  const t = TRANSITIONS[action];
  if (t.from !== status) {
    const allowed = actionsFrom(status).map((a) => RECTIFICATION_ACTIONS[a]).join('、') || '无';
    throw new LoopError(`问题当前为“${RECTIFICATION_STATUSES[status]}”，不能“${RECTIFICATION_ACTIONS[action]}”；可进行：${allowed}`, 'action', action);
  }
  if (input.note.trim() === '') throw new LoopError(`“${RECTIFICATION_ACTIONS[action]}”须填写说明（note）`, 'note', input.note);
  if (t.evidence && input.evidence.every((e) => e.trim() === '')) {
    throw new LoopError(`“${RECTIFICATION_ACTIONS[action]}”须列出佐证材料（evidence），如整改报告、照片、核验记录`, 'evidence', input.evidence);
  }
  if (input.onDate > dates.today) throw new LoopError(`日期（onDate）${input.onDate} 晚于今天 ${dates.today}`, 'onDate', input.onDate);
  if (input.onDate < dates.foundOn) throw new LoopError(`日期（onDate）${input.onDate} 早于发现问题的日期 ${dates.foundOn}`, 'onDate', input.onDate);
  if (input.onDate < dates.lastStepOn) throw new LoopError(`日期（onDate）${input.onDate} 早于上一步的日期 ${dates.lastStepOn}`, 'onDate', input.onDate);
  const reopened = action === 'lookback_fail';
  return { statusAfter: t.to, reopened, closedOn: action === 'close' ? input.onDate : reopened ? null : undefined };
}

/** Open (not 销号) and past its deadline on `today`. */
export function isOverdue(r: { status: string; deadline: string }, today: string): boolean {
  return r.status !== 'closed' && r.deadline < today;
}
