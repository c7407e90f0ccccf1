/** 住房安全有保障: house appraised A/B, or renovated (危房改造), or relocated (易地扶贫搬迁). */
import type { PolicyRules } from '../policy/rulesSchema';
import { decide, failed, missing, passed, type Finding } from './criterion';
import type { CriterionResult, HouseholdFacts } from './types';

export function assessHousing(facts: HouseholdFacts, rules: PolicyRules): CriterionResult {
  const { grade, renovated, relocated } = facts.house;
  const r = rules.housing;
  const values = { grade, renovated, relocated };
  const gradeText = grade === null ? '' : `住房鉴定为 ${grade} 级`;
  let finding: Finding;
  if (r.relocatedPasses && relocated === true) finding = passed('易地扶贫搬迁已入住');
  else if (grade !== null && (r.passingGrades as string[]).includes(grade)) finding = passed(gradeText);
  else if (r.renovatedPasses && renovated === true) finding = passed(`${gradeText ? gradeText + '，' : ''}危房改造已完成`);
  else if (grade === null) finding = missing('住房安全鉴定等级');
  else {
    const remedies = [r.renovatedPasses && '危房改造完成', r.relocatedPasses && '易地搬迁入住'].filter(Boolean).join('或');
    finding = failed(`${gradeText}（达标等级为 ${r.passingGrades.join('、')} 级）${remedies ? `，无${remedies}记录` : ''}`);
  }
  return decide('housing', [finding], values);
}
