/** 两不愁: 不愁吃、不愁穿, recorded yes/no by the visiting cadre. */
import { decide, failed, missing, passed } from './criterion';
import type { CriterionResult, HouseholdFacts } from './types';

function answer(criterion: 'food' | 'clothing', value: boolean | null, subject: string): CriterionResult {
  const finding = value === null ? missing(`走访记录“${subject}”`) : value ? passed(`走访记录：${subject}`) : failed(`走访记录：${subject}未达到`);
  return decide(criterion, [finding], { [criterion === 'food' ? 'foodSecure' : 'clothingSecure']: value });
}

export const assessFood = (facts: HouseholdFacts): CriterionResult => answer('food', facts.foodSecure, '不愁吃');
export const assessClothing = (facts: HouseholdFacts): CriterionResult => answer('clothing', facts.clothingSecure, '不愁穿');
