import { describe, expect, it } from 'vitest';
import { assessMedical } from './medical';
import { defaultPolicy, household, member, withRules } from './testFacts';
import type { MemberFacts } from './types';

const rules = defaultPolicy().rules;
const check = (members: MemberFacts[], r = rules) => assessMedical(household({ members }), r);

describe('basic medical care', () => {
  const cases: { name: string; members: MemberFacts[]; status: string; reason: RegExp }[] = [
    { name: 'everyone insured and signed', members: [member(), member({ name: '李秀英' })], status: 'pass', reason: /^2 名成员均参加基本医疗保险、大病保险，均签约家庭医生，慢性病患者持慢病卡$/ },
    { name: 'one member without basic insurance', members: [member(), member({ name: '李秀英', insuredBasic: false })], status: 'fail', reason: /^李秀英 未参加基本医疗保险$/ },
    { name: 'without serious-illness insurance', members: [member({ insuredSerious: false })], status: 'fail', reason: /王大山 未参加大病保险/ },
    { name: 'insurance not recorded', members: [member({ insuredBasic: null })], status: 'undetermined', reason: /缺少数据（王大山 参加基本医疗保险情况）/ },
    { name: 'chronic patient with a card', members: [member({ health: 'chronic', chronicCard: true })], status: 'pass', reason: /持慢病卡/ },
    { name: 'chronic patient without a card', members: [member({ health: 'chronic', chronicCard: false })], status: 'fail', reason: /王大山 长期慢性病，未办理慢病卡/ },
    { name: 'chronic patient, card not recorded', members: [member({ health: 'chronic', chronicCard: null })], status: 'undetermined', reason: /王大山 慢病卡办理情况/ },
    { name: 'healthy member needs no card', members: [member({ health: 'healthy', chronicCard: false })], status: 'pass', reason: /均参加/ },
    { name: 'unknown health and no card', members: [member({ health: null, chronicCard: null })], status: 'undetermined', reason: /健康状况（判断是否须办慢病卡）/ },
    { name: 'unknown health but a card held', members: [member({ health: null, chronicCard: true })], status: 'pass', reason: /均参加/ },
    { name: 'no family doctor', members: [member({ familyDoctor: false })], status: 'fail', reason: /王大山 未签约家庭医生/ },
    { name: 'a failure and a gap: fails and names the gap', members: [member({ insuredBasic: false }), member({ name: '李秀英', familyDoctor: null })], status: 'fail',
      reason: /^王大山 未参加基本医疗保险；另缺少数据（李秀英 签约家庭医生情况）$/ },
    { name: 'no members recorded', members: [], status: 'undetermined', reason: /家庭成员记录/ },
  ];
  it.each(cases)('$name', ({ members, status, reason }) => {
    const result = check(members);
    expect(result.status).toBe(status);
    expect(result.reason).toMatch(reason);
  });

  it('with one contract per household, one signed member is enough', () => {
    const r = withRules((x) => ({ ...x, medical: { ...x.medical, familyDoctor: 'one_member' } })).rules;
    expect(check([member({ familyDoctor: false }), member({ name: '李秀英', familyDoctor: true })], r).status).toBe('pass');
    expect(check([member({ familyDoctor: false }), member({ name: '李秀英', familyDoctor: null })], r).status).toBe('undetermined');
    expect(check([member({ familyDoctor: false })], r).reason).toBe('家中无成员签约家庭医生');
  });

  it('ignores serious-illness insurance and family doctors when not required', () => {
    const r = withRules((x) => ({ ...x, medical: { ...x.medical, requireSeriousIllnessInsurance: false, familyDoctor: 'not_required' } })).rules;
    const result = check([member({ insuredSerious: false, familyDoctor: null })], r);
    expect(result.status).toBe('pass');
    expect(result.reason).toBe('1 名成员均参加基本医疗保险，慢性病患者持慢病卡');
  });

  it('counts what it read', () => {
    const result = check([member(), member({ name: '李秀英', insuredSerious: false, familyDoctor: false })]);
    expect(result.values).toEqual({ members: 2, insuredBasic: 2, insuredSerious: 1, familyDoctor: 1, chronicCard: 0 });
  });
});
