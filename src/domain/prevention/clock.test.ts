import { describe, expect, it } from 'vitest';
import { PREVENTION_DEFAULTS } from './defaults';
import { addCounted, calendarOf, caseClock, countedBetween, isWorkingDay, type ClockInput } from './clock';
import { clockProblems } from './schema';
import { PolicyRules } from '../policy/rulesSchema';
import { NATIONAL_RULES } from '../policy/defaults';

const clock = PREVENTION_DEFAULTS.clock;
const cal = calendarOf(clock);

describe('working days with the holiday calendar as data', () => {
  it('skips weekends and holidays and counts make-up working days', () => {
    expect(isWorkingDay('2026-10-05', cal)).toBe(false); // 国庆 holiday on a Monday
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // Saturday worked (调休)
    expect(isWorkingDay('2026-10-11', cal)).toBe(false);
    // From Tuesday 29 Sept: 30 Sept, then 8, 9, 10 (Sat, worked), 12 October.
    expect(addCounted('2026-09-29', 5, 'working', cal)).toBe('2026-10-12');
    expect(addCounted('2026-09-29', 5, 'calendar', cal)).toBe('2026-10-04');
    expect(countedBetween('2026-09-29', '2026-10-12', 'working', cal)).toBe(5);
    expect(countedBetween('2026-10-12', '2026-09-29', 'working', cal)).toBe(-5);
  });

  it('gives 海南 20 working days across the National Day holiday', () => {
    const p = clock.profiles.hainan;
    const c = caseClock({ profileCode: 'hainan', profile: p, calendar: cal, redAfterDays: 3, clueOn: '2026-09-28', today: '2026-10-09', procedureStep: 'public_notice', actorLevel: 'village', decidedOn: null });
    // 29, 30 Sept, 8, 9, 10 (Sat, worked), 12…: the 5th working day is 10 October, the 20th 30 October (20 calendar days: 18 October).
    expect(c.dueOn).toBe('2026-10-30');
    expect(addCounted('2026-09-28', 20, 'calendar', cal)).toBe('2026-10-18');
    expect(c.steps[0]).toEqual({ code: 'verification', label: '入户核实（承诺授权）', dueOn: '2026-10-10' });
    expect(c.remaining).toBe(16);
    expect(c.currentStep).toEqual({ code: 'review_notice', label: '民主评议和公示', dueOn: '2026-10-21' });
    expect(c.status).toBe('on_time');
    expect(c.text).toContain('个工作日');
  });
});

describe('escalation when overdue', () => {
  const base: ClockInput = { profileCode: 'national', profile: clock.profiles.national, calendar: cal, redAfterDays: 3, clueOn: '2026-06-01', today: '2026-06-03', procedureStep: 'village_review', actorLevel: 'village', decidedOn: null };
  it('is on time within the step, orange to the township when the step is overdue, red to the county past the red days', () => {
    expect(caseClock(base)).toMatchObject({ status: 'on_time', remaining: 13, stepRemaining: 1, escalateTo: null, dueOn: '2026-06-16' });
    expect(caseClock({ ...base, today: '2026-06-06' })).toMatchObject({ status: 'orange', stepRemaining: -2, escalateTo: '乡镇' });
    expect(caseClock({ ...base, today: '2026-06-08' })).toMatchObject({ status: 'red', escalateTo: '县级' });
    const county = caseClock({ ...base, today: '2026-06-17', procedureStep: 'county_decision', actorLevel: 'county' });
    expect(county).toMatchObject({ status: 'orange', remaining: -1, escalateTo: '市级' });
    expect(county.text).toContain('已超期 1 天');
  });
  it('a decided case shows whether it kept the clock', () => {
    expect(caseClock({ ...base, decidedOn: '2026-06-16' }).status).toBe('done');
    expect(caseClock({ ...base, decidedOn: '2026-06-17' }).status).toBe('done_late');
  });
});

describe('a clock profile whose steps exceed its total', () => {
  it('is refused with a Chinese sentence naming the profile and the days', () => {
    const bad = { ...clock, profiles: { ...clock.profiles, hainan: { ...clock.profiles.hainan, totalDays: 18 } } };
    expect(clockProblems(bad)[0].message).toBe('时限方案「海南（20个工作日）」（hainan）各步骤时限合计 20 个工作日（入户核实（承诺授权） 5 + 民主评议和公示 8 + 乡镇初审 4 + 县级审定 3），超过总时限 18 个工作日');
    const parsed = PolicyRules.safeParse({ ...NATIONAL_RULES, prevention: { ...PREVENTION_DEFAULTS, clock: bad } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toContain('超过总时限 18 个工作日');
    expect(clockProblems({ ...clock, profile: 'tibet' })[0].message).toContain('采用的时限方案 tibet 不存在');
    expect(clockProblems(clock)).toEqual([]);
  });
});
