import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCEDURE_FLOWS } from './defaultFlows';
import { ACTION_TYPES, applyAction, availableActions, initialState, type ActionType, type CaseAction, type CaseState, type Refusal, type Transition } from './engine';
import { planProcedure, type ProcedureNumbers, type ProcedurePlan } from './plan';

const NUMBERS: ProcedureNumbers = {
  exitPublicNoticeDays: 7,
  identificationPublicNoticeDays: 7,
  monitoringPublicNoticeDays: 0,
  countySpotCheckShare: 0.1,
  monitoringConsentFromYear: 2021,
};
const exitPlan = planProcedure(DEFAULT_PROCEDURE_FLOWS, NUMBERS, 'exit', 2024);
const TODAY = '2024-03-10';
const ctx = (role: string, today = TODAY) => ({ role, today });

/** One action of each type, filled so that only the rule under test can refuse it. */
const SAMPLE_ACTIONS: Record<ActionType, CaseAction> = {
  approve: { type: 'approve', evidence: ['review_minutes', 'household_agreement', 'notice_photo'] },
  return: { type: 'return', comment: '信息有误' },
  reject: { type: 'reject', comment: '收入不稳定' },
  publish: { type: 'publish', startsOn: '2024-03-01' },
  object: { type: 'object' },
  resolve: { type: 'resolve', upheld: false, comment: '经核实异议不成立' },
  sample: { type: 'sample', sampled: false },
  verify: { type: 'verify', passed: true, comment: '' },
};

const at = (index: number, extra: Partial<CaseState> = {}): CaseState => ({ ...initialState(), stepIndex: index, ...extra });
const ok = (r: Transition | Refusal): Transition => {
  if (!r.ok) throw new Error(`expected a transition, got ${r.code}: ${r.message}`);
  return r;
};
const refusal = (r: Transition | Refusal): Refusal => {
  if (r.ok) throw new Error(`expected a refusal, got ${r.result}`);
  return r;
};

/** The state in which an action of the kind is legal at each step (notice published and over, or drawn and sampled). */
function readyState(plan: ProcedurePlan, index: number, action: ActionType): CaseState {
  const step = plan.steps[index];
  if (step.kind === 'notice' && action !== 'publish') return at(index, { noticeStartsOn: '2024-03-01', noticeEndsOn: '2024-03-07', openObjections: action === 'resolve' ? 1 : 0 });
  if (step.kind === 'spot_check' && action === 'verify') return at(index, { sampled: true });
  return at(index);
}

const LEGAL: Record<string, ActionType[]> = {
  review: ['approve', 'return', 'reject'],
  decision: ['approve', 'return', 'reject'],
  notice: ['publish', 'object', 'resolve', 'approve', 'return', 'reject'],
  spot_check: ['sample', 'verify'],
};
const ROLES = ['village_operator', 'township_operator', 'county_operator', 'department_operator', 'leader'];

describe('every action at every step of the exit procedure, for every role', () => {
  const cases = exitPlan.steps.flatMap((step, index) => ACTION_TYPES.flatMap((action) => ROLES.map((role) => ({ index, step: step.label, kind: step.kind, action, role }))));
  it.each(cases)('$step · $action by $role', ({ index, kind, action, role }) => {
    const step = exitPlan.steps[index];
    const result = applyAction(exitPlan, readyState(exitPlan, index, action), SAMPLE_ACTIONS[action], ctx(role));
    if (!step.roles.includes(role)) {
      expect(refusal(result).code).toBe('wrong_role');
    } else if (!LEGAL[kind].includes(action)) {
      expect(refusal(result).code).toBe('wrong_step');
    } else if (index === 0 && action === 'return') {
      expect(refusal(result).code).toBe('first_step');
    } else {
      expect(ok(result).step.index).toBe(index);
    }
  });

  it.each(ACTION_TYPES)('nothing is accepted on a closed case: %s', (action) => {
    for (const status of ['completed', 'rejected'] as const) {
      const r = refusal(applyAction(exitPlan, { ...at(5), status }, SAMPLE_ACTIONS[action], ctx('county_operator')));
      expect(r.code).toBe('case_closed');
      expect(r.message).toContain(status === 'completed' ? '已完成' : '已终止');
    }
  });

  it('names the roles of the step in a wrong-role refusal', () => {
    const labels: Record<string, string> = { village_operator: '村级信息员', township_operator: '乡镇业务员' };
    const r = refusal(applyAction(exitPlan, at(3), SAMPLE_ACTIONS.approve, { role: 'village_operator', today: TODAY, roleLabel: (x) => labels[x] ?? x }));
    expect(r.message).toBe('「乡镇核查」由乡镇业务员办理，您的角色（村级信息员）不能通过');
  });
});

describe('a whole exit from village review to county marking', () => {
  it('walks every step in order and completes at the marking', () => {
    let state = initialState();
    const walk: [string, CaseAction, string][] = [
      ['village_operator', { type: 'approve', evidence: ['review_minutes'] }, 'passed'],
      ['village_operator', { type: 'approve', evidence: ['household_agreement'] }, 'passed'],
      ['village_operator', { type: 'publish', startsOn: '2024-03-01' }, 'published'],
      ['village_operator', { type: 'approve', evidence: ['notice_photo'] }, 'passed'],
      ['township_operator', { type: 'approve', evidence: [] }, 'passed'],
      ['county_operator', { type: 'sample', sampled: true }, 'sampled'],
      ['county_operator', { type: 'verify', passed: true, comment: '' }, 'verified'],
      ['county_operator', { type: 'approve', evidence: [] }, 'completed'],
    ];
    const steps: string[] = [];
    for (const [role, action, result] of walk) {
      const t = ok(applyAction(exitPlan, state, action, ctx(role)));
      expect(t.result).toBe(result);
      steps.push(t.step.code);
      state = t.state;
    }
    expect(steps).toEqual(['village_review', 'village_verification', 'public_notice', 'public_notice', 'township_check', 'county_spot_check', 'county_spot_check', 'county_marking']);
    expect(state.status).toBe('completed');
  });

  it('rejecting ends the case at any review or decision step', () => {
    for (const [index, role] of [[0, 'village_operator'], [3, 'township_operator'], [5, 'county_operator']] as const) {
      const t = ok(applyAction(exitPlan, at(index), { type: 'reject', comment: '不符合条件' }, ctx(role)));
      expect(t).toMatchObject({ result: 'rejected', closed: true, state: { status: 'rejected', stepIndex: index } });
    }
  });
});

describe('review and decision steps', () => {
  it('refuses approval without the required evidence, naming it', () => {
    const r = refusal(applyAction(exitPlan, at(1), { type: 'approve', evidence: ['review_minutes'] }, ctx('village_operator')));
    expect(r).toMatchObject({ code: 'evidence_missing', message: '「村两委组织信息核实（农户签字认可）」须上传佐证材料：农户签字确认书' });
  });

  it('needs a reason to return or reject', () => {
    expect(refusal(applyAction(exitPlan, at(3), { type: 'return', comment: '  ' }, ctx('township_operator'))).code).toBe('comment_required');
    expect(refusal(applyAction(exitPlan, at(3), { type: 'reject', comment: '' }, ctx('township_operator'))).code).toBe('comment_required');
  });

  it('returns to the step the definition names, and the first step cannot return', () => {
    expect(ok(applyAction(exitPlan, at(3), SAMPLE_ACTIONS.return, ctx('township_operator'))).state.stepIndex).toBe(1);
    expect(ok(applyAction(exitPlan, at(5), SAMPLE_ACTIONS.return, ctx('county_operator'))).state.stepIndex).toBe(3);
    expect(ok(applyAction(exitPlan, at(1), SAMPLE_ACTIONS.return, ctx('village_operator'))).state.stepIndex).toBe(0);
    expect(refusal(applyAction(exitPlan, at(0), SAMPLE_ACTIONS.return, ctx('village_operator'))).code).toBe('first_step');
  });

  it('does not change the state it was given', () => {
    const state = at(0);
    applyAction(exitPlan, state, { type: 'approve', evidence: ['review_minutes'] }, ctx('village_operator'));
    expect(state).toEqual(at(0));
  });
});

describe('public notice', () => {
  const published = (extra: Partial<CaseState> = {}) => at(2, { noticeStartsOn: '2024-03-01', noticeEndsOn: '2024-03-07', ...extra });
  const approve: CaseAction = { type: 'approve', evidence: ['notice_photo'] };

  it('a published notice runs its days counting the first day', () => {
    const t = ok(applyAction(exitPlan, at(2), { type: 'publish', startsOn: '2024-03-01' }, ctx('village_operator', '2024-03-01')));
    expect(t.state).toMatchObject({ stepIndex: 2, noticeStartsOn: '2024-03-01', noticeEndsOn: '2024-03-07' });
  });

  it('cannot pass before it is published', () => {
    expect(refusal(applyAction(exitPlan, at(2), approve, ctx('village_operator'))).code).toBe('notice_not_published');
  });

  it.each([
    ['2024-03-01', false],
    ['2024-03-06', false],
    ['2024-03-07', false],
    ['2024-03-08', true],
    ['2024-04-30', true],
  ])('on %s the period is over: %s', (today, over) => {
    const r = applyAction(exitPlan, published(), approve, ctx('village_operator', today));
    if (over) expect(ok(r).state.stepIndex).toBe(3);
    else expect(refusal(r)).toMatchObject({ code: 'notice_period_running', message: '公示期为 2024-03-01 至 2024-03-07（7 天），2024-03-08 起方可通过' });
  });

  it('is published once, from a real date not after today', () => {
    expect(refusal(applyAction(exitPlan, published(), { type: 'publish', startsOn: '2024-03-09' }, ctx('village_operator'))).code).toBe('notice_already_published');
    expect(refusal(applyAction(exitPlan, at(2), { type: 'publish', startsOn: '2024-03-11' }, ctx('village_operator'))).code).toBe('bad_date');
    expect(refusal(applyAction(exitPlan, at(2), { type: 'publish', startsOn: '2024-02-30' }, ctx('village_operator'))).code).toBe('bad_date');
    expect(refusal(applyAction(exitPlan, at(2), { type: 'publish', startsOn: '3/1/2024' }, ctx('village_operator'))).code).toBe('bad_date');
  });

  it('an open objection blocks passing, returning and rejecting', () => {
    const state = ok(applyAction(exitPlan, published(), { type: 'object' }, ctx('village_operator'))).state;
    expect(state.openObjections).toBe(1);
    for (const action of [approve, SAMPLE_ACTIONS.return, SAMPLE_ACTIONS.reject]) {
      expect(refusal(applyAction(exitPlan, state, action, ctx('village_operator', '2024-03-20')))).toMatchObject({ code: 'objection_open', message: '「村内公示」还有 1 条异议未处理，须先处理异议' });
    }
  });

  it('an objection needs a published notice', () => {
    expect(refusal(applyAction(exitPlan, at(2), { type: 'object' }, ctx('village_operator'))).code).toBe('notice_not_published');
  });

  it('a dismissed objection lets the case pass once all are resolved', () => {
    let state = published({ openObjections: 2 });
    state = ok(applyAction(exitPlan, state, SAMPLE_ACTIONS.resolve, ctx('village_operator'))).state;
    expect(refusal(applyAction(exitPlan, state, approve, ctx('village_operator', '2024-03-20'))).code).toBe('objection_open');
    state = ok(applyAction(exitPlan, state, SAMPLE_ACTIONS.resolve, ctx('village_operator'))).state;
    expect(ok(applyAction(exitPlan, state, approve, ctx('village_operator', '2024-03-20'))).state.stepIndex).toBe(3);
  });

  it('an upheld objection returns the case to the village review and clears the notice', () => {
    const t = ok(applyAction(exitPlan, published({ openObjections: 1 }), { type: 'resolve', upheld: true, comment: '家中有在职公职人员' }, ctx('village_operator')));
    expect(t.result).toBe('objection_upheld');
    expect(t.state).toEqual(at(0));
  });

  it('resolving needs an open objection and a written result', () => {
    expect(refusal(applyAction(exitPlan, published(), SAMPLE_ACTIONS.resolve, ctx('village_operator'))).code).toBe('no_open_objection');
    expect(refusal(applyAction(exitPlan, published({ openObjections: 1 }), { type: 'resolve', upheld: false, comment: '' }, ctx('village_operator'))).code).toBe('comment_required');
  });

  it('needs the notice photo to pass', () => {
    expect(refusal(applyAction(exitPlan, published(), { type: 'approve', evidence: [] }, ctx('village_operator', '2024-03-08'))).code).toBe('evidence_missing');
  });
});

describe('county spot check', () => {
  it('a case not drawn passes on; a drawn one waits for verification', () => {
    expect(ok(applyAction(exitPlan, at(4), { type: 'sample', sampled: false }, ctx('county_operator')))).toMatchObject({ result: 'not_sampled', state: { stepIndex: 5 } });
    expect(ok(applyAction(exitPlan, at(4), { type: 'sample', sampled: true }, ctx('county_operator')))).toMatchObject({ result: 'sampled', state: { stepIndex: 4, sampled: true } });
  });

  it('a case is drawn once and verified only when drawn', () => {
    expect(refusal(applyAction(exitPlan, at(4, { sampled: true }), SAMPLE_ACTIONS.sample, ctx('county_operator'))).code).toBe('already_drawn');
    expect(refusal(applyAction(exitPlan, at(4), SAMPLE_ACTIONS.verify, ctx('county_operator'))).code).toBe('not_drawn');
    expect(refusal(applyAction(exitPlan, at(4, { sampled: false }), SAMPLE_ACTIONS.verify, ctx('county_operator'))).code).toBe('not_sampled');
  });

  it('cannot be approved, returned or rejected directly', () => {
    for (const a of ['approve', 'return', 'reject'] as const) expect(refusal(applyAction(exitPlan, at(4, { sampled: true }), SAMPLE_ACTIONS[a], ctx('county_operator'))).code).toBe('wrong_step');
  });

  it('a failed check returns the case to the village verification, with the finding written', () => {
    expect(refusal(applyAction(exitPlan, at(4, { sampled: true }), { type: 'verify', passed: false, comment: '' }, ctx('county_operator'))).code).toBe('comment_required');
    const t = ok(applyAction(exitPlan, at(4, { sampled: true }), { type: 'verify', passed: false, comment: '收入未核实' }, ctx('county_operator')));
    expect(t).toMatchObject({ result: 'check_failed', state: at(1) });
  });

  it('a passed check moves to the marking', () => {
    expect(ok(applyAction(exitPlan, at(4, { sampled: true }), SAMPLE_ACTIONS.verify, ctx('county_operator'))).state).toEqual(at(5));
  });
});

describe('what a user can do now', () => {
  it('offers the step’s actions to its roles only, with the reason one is not allowed yet', () => {
    expect(availableActions(exitPlan, at(3), 'village_operator', TODAY)).toEqual([]);
    expect(availableActions(exitPlan, { ...at(3), status: 'completed' }, 'township_operator', TODAY)).toEqual([]);
    expect(availableActions(exitPlan, at(3), 'township_operator', TODAY).map((a) => [a.type, a.allowed])).toEqual([['approve', true], ['return', true], ['reject', true]]);
    const notice = availableActions(exitPlan, at(2, { noticeStartsOn: '2024-03-05', noticeEndsOn: '2024-03-11' }), 'village_operator', TODAY);
    expect(notice.find((a) => a.type === 'approve')).toEqual({ type: 'approve', allowed: false, reason: '公示期为 2024-03-05 至 2024-03-11（7 天），2024-03-12 起方可通过' });
    expect(notice.find((a) => a.type === 'publish')?.allowed).toBe(false);
    expect(notice.find((a) => a.type === 'object')?.allowed).toBe(true);
    expect(availableActions(exitPlan, at(0), 'village_operator', TODAY).find((a) => a.type === 'return')?.allowed).toBe(false);
  });
});
