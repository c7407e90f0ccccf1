/**
 * 基本医疗有保障: every member in basic medical insurance (and 大病保险), chronic patients
 * holding a 慢病卡, and the family-doctor contract as the rules require.
 */
import { labelOf, health as healthEnum } from '../enums';
import type { PolicyRules } from '../policy/rulesSchema';
import { decide, failed, missing, passed, type Finding } from './criterion';
import type { CriterionResult, HouseholdFacts, MemberFacts } from './types';

function flag(value: boolean | null, who: string, what: string): Finding | undefined {
  if (value === null) return missing(`${who} ${what}情况`);
  return value ? undefined : failed(`${who} 未${what}`);
}

function chronicCard(m: MemberFacts, statuses: string[]): Finding | undefined {
  if (m.chronicCard === true) return undefined;
  if (m.health === null) return missing(`${m.name} 健康状况（判断是否须办慢病卡）`);
  if (!statuses.includes(m.health)) return undefined;
  if (m.chronicCard === null) return missing(`${m.name} 慢病卡办理情况`);
  return failed(`${m.name} ${labelOf(healthEnum, m.health)}，未办理慢病卡`);
}

function familyDoctor(members: MemberFacts[], rule: PolicyRules['medical']['familyDoctor']): Finding[] {
  if (rule === 'not_required') return [];
  if (rule === 'every_member') return members.map((m) => flag(m.familyDoctor, m.name, '签约家庭医生')).filter((f): f is Finding => !!f);
  if (members.some((m) => m.familyDoctor === true)) return [];
  if (members.some((m) => m.familyDoctor === null)) return [missing('家庭医生签约情况')];
  return [failed('家中无成员签约家庭医生')];
}

export function assessMedical(facts: HouseholdFacts, rules: PolicyRules): CriterionResult {
  const r = rules.medical;
  const members = facts.members;
  const values = {
    members: members.length,
    insuredBasic: members.filter((m) => m.insuredBasic === true).length,
    insuredSerious: members.filter((m) => m.insuredSerious === true).length,
    familyDoctor: members.filter((m) => m.familyDoctor === true).length,
    chronicCard: members.filter((m) => m.chronicCard === true).length,
  };
  if (!members.length) return decide('medical', [missing('家庭成员记录')], values);
  const found: (Finding | undefined)[] = [];
  for (const m of members) {
    if (r.requireBasicInsurance) found.push(flag(m.insuredBasic, m.name, '参加基本医疗保险'));
    if (r.requireSeriousIllnessInsurance) found.push(flag(m.insuredSerious, m.name, '参加大病保险'));
    found.push(chronicCard(m, r.chronicCardHealthStatuses));
  }
  found.push(...familyDoctor(members, r.familyDoctor));
  const findings = found.filter((f): f is Finding => f !== undefined);
  const required = [
    r.requireBasicInsurance && '基本医疗保险',
    r.requireSeriousIllnessInsurance && '大病保险',
  ].filter(Boolean).join('、');
  const doctor = { every_member: '均签约家庭医生', one_member: '已签约家庭医生', not_required: '' }[r.familyDoctor];
  const passText = [`${members.length} 名成员${required ? `均参加${required}` : ''}`, doctor, '慢性病患者持慢病卡'].filter(Boolean).join('，');
  if (!findings.length) findings.push(passed(passText));
  return decide('medical', findings, values, passText);
}
