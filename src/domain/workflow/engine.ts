/**
 * The state machine every procedure runs on. A case stands at one step of its plan; an action
 * of a user in one of the step's roles moves it on, back (to the step's return target), or to
 * its end. Everything not listed as legal is refused with a reason in Chinese:
 *   review / decision  approve (required evidence present), return (with a reason; not at the
 *                      first step), reject (with a reason)
 *   notice             publish (start date not in the future, once), object / resolve,
 *                      approve (published, period over, no open objection, evidence present),
 *                      return / reject (no open objection)
 *   spot_check         sample (the draw: not sampled passes on, sampled waits), verify (sampled
 *                      cases: passed goes on, failed returns)
 * Approving the last step (a decision) completes the case; rejecting ends it.
 */
import { addDays, isCalendarDate } from '../dates';
import type { PlannedStep, ProcedurePlan } from './plan';

export type CaseStatus = 'in_progress' | 'completed' | 'rejected';

export interface CaseState {
  status: CaseStatus;
  stepIndex: number;
  /** First and last day of the notice of the current (notice) step, once published. */
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  openObjections: number;
  /** Spot check: null before the draw, true when drawn and awaiting verification. */
  sampled: boolean | null;
}

export type CaseAction =
  | { type: 'approve'; evidence: readonly string[] }
  | { type: 'return'; comment: string }
  | { type: 'reject'; comment: string }
  | { type: 'publish'; startsOn: string }
  | { type: 'object' }
  | { type: 'resolve'; upheld: boolean; comment: string }
  | { type: 'sample'; sampled: boolean }
  | { type: 'verify'; passed: boolean; comment: string };

export type ActionType = CaseAction['type'];
export const ACTION_TYPES: readonly ActionType[] = ['approve', 'return', 'reject', 'publish', 'object', 'resolve', 'sample', 'verify'];

export type StepResult =
  | 'passed' | 'completed' | 'returned' | 'rejected' | 'published' | 'objection'
  | 'objection_dismissed' | 'objection_upheld' | 'sampled' | 'not_sampled' | 'verified' | 'check_failed';

export const STEP_RESULT_LABELS: Record<StepResult, string> = {
  passed: '通过', completed: '通过，程序完成', returned: '退回', rejected: '不予通过，程序终止', published: '开始公示',
  objection: '收到异议', objection_dismissed: '异议不成立', objection_upheld: '异议成立，退回', sampled: '抽中，待核查',
  not_sampled: '未抽中，通过', verified: '抽查核实通过', check_failed: '抽查核实未通过，退回',
};

export interface ActionContext {
  role: string;
  /** Today's date, 'YYYY-MM-DD' (injected: never read from the system clock here). */
  today: string;
  roleLabel?: (role: string) => string;
}

export interface Transition {
  ok: true;
  state: CaseState;
  /** The step the action was taken at. */
  step: { index: number; code: string; label: string };
  result: StepResult;
  /** The case reached its end (completed or rejected) with this action. */
  closed: boolean;
}

export type RefusalCode =
  | 'case_closed' | 'wrong_role' | 'wrong_step' | 'evidence_missing' | 'comment_required' | 'first_step'
  | 'notice_not_published' | 'notice_already_published' | 'notice_period_running' | 'bad_date'
  | 'objection_open' | 'no_open_objection' | 'not_drawn' | 'already_drawn' | 'not_sampled';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
}

export const initialState = (): CaseState => ({ status: 'in_progress', stepIndex: 0, noticeStartsOn: null, noticeEndsOn: null, openObjections: 0, sampled: null });

const refuse = (code: RefusalCode, message: string): Refusal => ({ ok: false, code, message });

const ACTION_WORDS: Record<ActionType, string> = {
  approve: '通过', return: '退回', reject: '不予通过', publish: '开始公示', object: '登记异议', resolve: '处理异议', sample: '抽样', verify: '抽查核实',
};

/** Which actions a step kind knows at all. */
const ACTIONS_OF_KIND: Record<PlannedStep['kind'], readonly ActionType[]> = {
  review: ['approve', 'return', 'reject'],
  decision: ['approve', 'return', 'reject'],
  notice: ['publish', 'object', 'resolve', 'approve', 'return', 'reject'],
  spot_check: ['sample', 'verify'],
};

function moveTo(state: CaseState, index: number): CaseState {
  return { ...state, stepIndex: index, noticeStartsOn: null, noticeEndsOn: null, openObjections: 0, sampled: null };
}

/** The last day of a notice of `days` days starting on `startsOn` (the start day counts). */
export const noticeEndsOn = (startsOn: string, days: number): string => addDays(startsOn, days - 1);

/** Apply one action to a case; a Refusal says why it is not allowed. Pure: the input is not changed. */
export function applyAction(plan: Pick<ProcedurePlan, 'steps'>, state: CaseState, action: CaseAction, ctx: ActionContext): Transition | Refusal {
  if (state.status !== 'in_progress') return refuse('case_closed', `程序已${state.status === 'completed' ? '完成' : '终止'}，不能再${ACTION_WORDS[action.type]}`);
  const step = plan.steps[state.stepIndex];
  const at = { index: state.stepIndex, code: step.code, label: step.label };
  const name = ctx.roleLabel ?? ((r: string) => r);
  if (!step.roles.includes(ctx.role)) {
    return refuse('wrong_role', `「${step.label}」由${step.roles.map(name).join('或')}办理，您的角色（${name(ctx.role)}）不能${ACTION_WORDS[action.type]}`);
  }
  if (!ACTIONS_OF_KIND[step.kind].includes(action.type)) {
    return refuse('wrong_step', `当前步骤「${step.label}」不能${ACTION_WORDS[action.type]}`);
  }
  const done = (next: CaseState, result: StepResult): Transition => ({ ok: true, state: next, step: at, result, closed: next.status !== 'in_progress' });
  const advance = (result: StepResult): Transition => {
    const last = state.stepIndex === plan.steps.length - 1;
    return last ? done({ ...moveTo(state, state.stepIndex), status: 'completed' }, 'completed') : done(moveTo(state, state.stepIndex + 1), result);
  };
  const noticeBlocks = () => step.kind === 'notice' && state.openObjections > 0;
  const openObjection = () => refuse('objection_open', `「${step.label}」还有 ${state.openObjections} 条异议未处理，须先处理异议`);

  switch (action.type) {
    case 'approve': {
      if (step.kind === 'notice') {
        if (!state.noticeEndsOn) return refuse('notice_not_published', `「${step.label}」尚未开始公示，不能通过`);
        if (ctx.today <= state.noticeEndsOn) {
          return refuse('notice_period_running', `公示期为 ${state.noticeStartsOn} 至 ${state.noticeEndsOn}（${step.noticeDays} 天），${addDays(state.noticeEndsOn, 1)} 起方可通过`);
        }
        if (noticeBlocks()) return openObjection();
      }
      const missing = step.evidence.filter((e) => !action.evidence.includes(e.code));
      if (missing.length) return refuse('evidence_missing', `「${step.label}」须上传佐证材料：${missing.map((e) => e.label).join('、')}`);
      return advance('passed');
    }
    case 'return': {
      if (!action.comment.trim()) return refuse('comment_required', '退回须写明理由');
      if (state.stepIndex === 0) return refuse('first_step', `「${step.label}」是第一步，不能退回；不同意请选择“不予通过”`);
      if (noticeBlocks()) return openObjection();
      return done(moveTo(state, step.returnTo), 'returned');
    }
    case 'reject': {
      if (!action.comment.trim()) return refuse('comment_required', '不予通过须写明理由');
      if (noticeBlocks()) return openObjection();
      return done({ ...state, status: 'rejected' }, 'rejected');
    }
    case 'publish': {
      if (state.noticeEndsOn) return refuse('notice_already_published', `已于 ${state.noticeStartsOn} 开始公示（至 ${state.noticeEndsOn}）`);
      if (!isCalendarDate(action.startsOn)) return refuse('bad_date', `公示开始日期 ${action.startsOn} 不是有效日期（应为 YYYY-MM-DD）`);
      if (action.startsOn > ctx.today) return refuse('bad_date', `公示开始日期 ${action.startsOn} 晚于今天（${ctx.today}）`);
      const endsOn = noticeEndsOn(action.startsOn, step.noticeDays ?? 1);
      return done({ ...state, noticeStartsOn: action.startsOn, noticeEndsOn: endsOn }, 'published');
    }
    case 'object': {
      if (!state.noticeEndsOn) return refuse('notice_not_published', `「${step.label}」尚未开始公示，不能登记异议`);
      return done({ ...state, openObjections: state.openObjections + 1 }, 'objection');
    }
    case 'resolve': {
      if (state.openObjections === 0) return refuse('no_open_objection', '没有待处理的异议');
      if (!action.comment.trim()) return refuse('comment_required', '处理异议须写明处理结果');
      if (action.upheld) return done(moveTo(state, step.returnTo), 'objection_upheld');
      return done({ ...state, openObjections: state.openObjections - 1 }, 'objection_dismissed');
    }
    case 'sample': {
      if (state.sampled !== null) return refuse('already_drawn', `本案已参加抽样（${state.sampled ? '已抽中，待核查' : '未抽中'}）`);
      return action.sampled ? done({ ...state, sampled: true }, 'sampled') : advance('not_sampled');
    }
    case 'verify': {
      if (state.sampled === null) return refuse('not_drawn', '尚未抽样，不能核查');
      if (!state.sampled) return refuse('not_sampled', '本案未被抽中，无需核查');
      if (!action.passed) {
        if (!action.comment.trim()) return refuse('comment_required', '抽查未通过须写明发现的问题');
        return done(moveTo(state, step.returnTo), 'check_failed');
      }
      return advance('verified');
    }
  }
}

export interface ActionOption {
  type: ActionType;
  /** False when the action exists at this step for this role but cannot be taken now. */
  allowed: boolean;
  reason: string | null;
}

/**
 * What a user of `role` can do with the case now: each action the current step knows, with
 * whether it is allowed today (assuming the evidence and reasons an action needs are given).
 * Empty when the case is closed or the step is not the role's.
 */
export function availableActions(plan: Pick<ProcedurePlan, 'steps'>, state: CaseState, role: string, today: string): ActionOption[] {
  if (state.status !== 'in_progress') return [];
  const step = plan.steps[state.stepIndex];
  if (!step.roles.includes(role)) return [];
  const everything = step.evidence.map((e) => e.code);
  const probe: Record<ActionType, CaseAction> = {
    approve: { type: 'approve', evidence: everything },
    return: { type: 'return', comment: '-' },
    reject: { type: 'reject', comment: '-' },
    publish: { type: 'publish', startsOn: today },
    object: { type: 'object' },
    resolve: { type: 'resolve', upheld: false, comment: '-' },
    sample: { type: 'sample', sampled: false },
    verify: { type: 'verify', passed: true, comment: '-' },
  };
  return ACTIONS_OF_KIND[step.kind].map((type) => {
    const r = applyAction(plan, state, probe[type], { role, today });
    return { type, allowed: r.ok, reason: r.ok ? null : r.message };
  });
}
