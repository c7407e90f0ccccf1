import { describe, expect, it } from 'vitest';
import { assessEducation } from './education';
import { defaultPolicy, household, member, withRules } from './testFacts';
import type { MemberFacts } from './types';

const rules = defaultPolicy().rules;
const asOf = '2019-12-31';

function child(birthDate: string, extra: Partial<MemberFacts> = {}): MemberFacts {
  return member({ name: '王小明', birthDate, schooling: 'dropout', ...extra });
}

describe('compulsory education (6–15 on the assessment date)', () => {
  const cases: { name: string; child: MemberFacts; status: string; reason: RegExp }[] = [
    { name: 'a 15-year-old out of school fails', child: child('2004-06-01'), status: 'fail', reason: /^王小明（15岁）失学\/辍学$/ },
    { name: 'a 16-year-old out of school passes (beyond compulsory age)', child: child('2003-06-01'), status: 'pass', reason: /家中无 6–15 岁义务教育阶段成员/ },
    { name: 'turning 16 on the assessment date passes', child: child('2003-12-31'), status: 'pass', reason: /家中无/ },
    { name: 'turning 16 the day after still counts as 15', child: child('2004-01-01'), status: 'fail', reason: /（15岁）失学/ },
    { name: 'a 6-year-old out of school fails', child: child('2013-12-31'), status: 'fail', reason: /（6岁）失学/ },
    { name: 'a 5-year-old is not of school age', child: child('2014-01-01'), status: 'pass', reason: /家中无/ },
    { name: 'a child in school passes', child: child('2008-03-01', { schooling: 'junior' }), status: 'pass', reason: /6–15 岁成员 1 人均在校/ },
    { name: 'a severely disabled child taught at home passes', child: child('2010-03-01', { disabilityGrade: 1, homeSchooling: true, health: 'disabled' }), status: 'pass',
      reason: /王小明（9岁）一级残疾，送教上门/ },
    { name: 'grade 2 is severe too', child: child('2010-03-01', { disabilityGrade: 2, homeSchooling: true }), status: 'pass', reason: /二级残疾，送教上门/ },
    { name: 'a grade-3 child taught at home is not exempt', child: child('2010-03-01', { disabilityGrade: 3, homeSchooling: true }), status: 'fail',
      reason: /虽送教上门，但残疾等级为三级，不属于重度残疾（二级及以上）/ },
    { name: 'home teaching without a disability grade is not exempt', child: child('2010-03-01', { homeSchooling: true }), status: 'fail', reason: /未登记残疾等级/ },
    { name: 'a severely disabled child out of school without home teaching fails', child: child('2010-03-01', { disabilityGrade: 1, homeSchooling: false }), status: 'fail', reason: /^王小明（9岁）失学\/辍学$/ },
    { name: 'unknown schooling of a school-age child cannot be decided', child: child('2010-03-01', { schooling: null }), status: 'undetermined', reason: /不能判定：缺少数据（王小明（9岁）在校状况）/ },
    { name: 'unknown schooling of an adult does not matter', child: child('1990-03-01', { schooling: null }), status: 'pass', reason: /家中无/ },
    { name: 'a member born after the assessment date is ignored', child: child('2020-03-01'), status: 'pass', reason: /家中无/ },
  ];
  it.each(cases)('$name', ({ child: c, status, reason }) => {
    const result = assessEducation(household({ members: [member(), c] }), rules, asOf);
    expect(result.status).toBe(status);
    expect(result.reason).toMatch(reason);
  });

  it('lists every child out of school and records the ages read', () => {
    const facts = household({ members: [member(), child('2008-01-01', { name: '甲' }), child('2012-01-01', { name: '乙' }), child('2010-01-01', { name: '丙', schooling: 'primary' })] });
    const result = assessEducation(facts, rules, asOf);
    expect(result.reason).toBe('甲（11岁）失学/辍学；乙（7岁）失学/辍学');
    expect(result.values).toEqual({ ageFrom: 6, ageTo: 15, asOf, childrenOfCompulsoryAge: ['甲（11岁）', '乙（7岁）', '丙（9岁）'] });
  });

  it('follows a province that extends the ages', () => {
    const policy = withRules((r) => ({ ...r, education: { ...r.education, compulsoryAgeTo: 16 } }));
    const result = assessEducation(household({ members: [child('2003-06-01')] }), policy.rules, asOf);
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/（16岁）失学/);
  });

  it('treats the statuses the rules list as out of school', () => {
    const policy = withRules((r) => ({ ...r, education: { ...r.education, outOfSchoolStatuses: ['dropout', 'none'] } }));
    const result = assessEducation(household({ members: [child('2010-01-01', { schooling: 'none' })] }), policy.rules, asOf);
    expect(result.status).toBe('fail');
  });
});
