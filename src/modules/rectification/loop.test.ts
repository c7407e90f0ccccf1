import { describe, expect, it } from 'vitest';
import { actionsFrom, applyStep, isOverdue, LoopError, type RectificationStatus, type StepAction } from './loop';

const dates = { foundOn: '2020-03-10', today: '2020-06-30', lastStepOn: '2020-03-10' };
const step = (onDate = '2020-04-01', evidence = ['整改报告.pdf']) => ({ onDate, note: '已完成', evidence });

describe('the rectification loop', () => {
  it('runs report → rectify → verify → close', () => {
    let status: RectificationStatus = 'reported';
    const trail: [StepAction, RectificationStatus, string | null | undefined][] = [];
    for (const action of ['start', 'rectify', 'verify_pass', 'close'] as StepAction[]) {
      const out = applyStep(status, action, step(), dates);
      trail.push([action, out.statusAfter, out.closedOn]);
      status = out.statusAfter;
    }
    expect(trail).toEqual([
      ['start', 'rectifying', undefined],
      ['rectify', 'rectified', undefined],
      ['verify_pass', 'verified', undefined],
      ['close', 'closed', '2020-04-01'],
    ]);
  });

  it('sends a failed verification back to rectifying, and reopens a closed finding when 回头看 fails', () => {
    expect(applyStep('rectified', 'verify_fail', step(), dates)).toEqual({ statusAfter: 'rectifying', reopened: false, closedOn: undefined });
    expect(applyStep('closed', 'lookback_fail', step(), dates)).toEqual({ statusAfter: 'rectifying', reopened: true, closedOn: null });
    expect(applyStep('closed', 'lookback_pass', step(), dates)).toEqual({ statusAfter: 'closed', reopened: false, closedOn: undefined });
  });

  it('refuses a step the status does not allow, naming what is possible', () => {
    expect(() => applyStep('reported', 'close', step(), dates)).toThrow('问题当前为“待整改”，不能“销号”；可进行：开始整改');
    expect(() => applyStep('verified', 'lookback_fail', step(), dates)).toThrow(LoopError);
    expect(actionsFrom('closed')).toEqual(['lookback_pass', 'lookback_fail']);
  });

  it('wants a note, evidence where proof is due, and dates between the finding and today', () => {
    expect(() => applyStep('rectifying', 'rectify', step('2020-04-01', []), dates)).toThrow('须列出佐证材料');
    expect(() => applyStep('rectifying', 'rectify', step('2020-04-01', ['  ']), dates)).toThrow('须列出佐证材料');
    expect(applyStep('reported', 'start', step('2020-04-01', []), dates).statusAfter).toBe('rectifying');
    expect(() => applyStep('reported', 'start', { onDate: '2020-04-01', note: ' ', evidence: [] }, dates)).toThrow('须填写说明');
    expect(() => applyStep('reported', 'start', step('2020-07-01'), dates)).toThrow('晚于今天 2020-06-30');
    expect(() => applyStep('reported', 'start', step('2020-03-09'), dates)).toThrow('早于发现问题的日期');
    expect(() => applyStep('reported', 'start', step('2020-03-20'), { ...dates, lastStepOn: '2020-03-21' })).toThrow('早于上一步的日期');
    try {
      applyStep('rectifying', 'rectify', step('2020-04-01', []), dates);
    } catch (e) {
      expect([(e as LoopError).field, (e as LoopError).value]).toEqual(['evidence', []]);
    }
  });
});

describe('isOverdue', () => {
  it.each([
    ['rectifying', '2020-06-29', '2020-06-30', true],
    ['rectifying', '2020-06-30', '2020-06-30', false],
    ['verified', '2020-05-01', '2020-06-30', true],
    ['closed', '2020-05-01', '2020-06-30', false],
  ])('%s due %s on %s: %s', (status, deadline, today, overdue) => {
    expect(isOverdue({ status, deadline }, today)).toBe(overdue);
  });
});
