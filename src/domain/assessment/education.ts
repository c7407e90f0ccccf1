/**
 * 义务教育有保障: no member of compulsory-school age (6–15 by default, on the assessment date)
 * out of school, except a severely disabled child taught at home (送教上门).
 */
import { ageOn } from '../idNumber';
import type { PolicyRules } from '../policy/rulesSchema';
import { decide, failed, missing, passed, type Finding } from './criterion';
import { disabilityGradeText } from './format';
import type { CriterionResult, HouseholdFacts, MemberFacts } from './types';

function judgeChild(m: MemberFacts, age: number, rules: PolicyRules['education']): Finding {
  const who = `${m.name}（${age}岁）`;
  if (m.schooling === null) return missing(`${who}在校状况`);
  if (!rules.outOfSchoolStatuses.includes(m.schooling)) return passed(`${who}在校`);
  if (m.homeSchooling === true) {
    if (m.disabilityGrade !== null && m.disabilityGrade <= rules.homeSchoolingMaxDisabilityGrade) {
      return passed(`${who}${disabilityGradeText(m.disabilityGrade)}残疾，送教上门`);
    }
    const grade = m.disabilityGrade === null ? '未登记残疾等级' : `残疾等级为${disabilityGradeText(m.disabilityGrade)}`;
    return failed(`${who}失学/辍学：虽送教上门，但${grade}，不属于重度残疾（${disabilityGradeText(rules.homeSchoolingMaxDisabilityGrade)}及以上）免于入学的情形`);
  }
  return failed(`${who}失学/辍学`);
}

export function assessEducation(facts: HouseholdFacts, rules: PolicyRules, asOf: string): CriterionResult {
  const { compulsoryAgeFrom: from, compulsoryAgeTo: to } = rules.education;
  const range = `${from}–${to} 岁`;
  const findings: Finding[] = [];
  const children: string[] = [];
  for (const m of facts.members) {
    if (m.birthDate > asOf) continue;
    const age = ageOn(m.birthDate, asOf);
    if (age < from || age > to) continue;
    children.push(`${m.name}（${age}岁）`);
    findings.push(judgeChild(m, age, rules.education));
  }
  const values = { ageFrom: from, ageTo: to, asOf, childrenOfCompulsoryAge: children };
  if (!children.length) return decide('education', [passed(`家中无 ${range}义务教育阶段成员`)], values);
  const taughtAtHome = findings.filter((f) => f.status === 'pass' && f.text.endsWith('送教上门')).map((f) => f.text);
  const passText = `${range}成员 ${children.length} 人均在校或按规定送教上门` + (taughtAtHome.length ? `（${taughtAtHome.join('；')}）` : '');
  return decide('education', findings, values, passText);
}
