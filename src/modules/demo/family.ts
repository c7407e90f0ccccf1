/** Who lives in a household: relations to the head, sexes and ages that fit those relations. */
import type { Random } from './random';

export type Sex = 'M' | 'F';

export interface MemberDraft {
  relation: string;
  sex: Sex;
  /** Age at the end of the demo year. */
  age: number;
}

export interface FamilyOptions {
  size: number;
  /** Poor households lean older than exited ones. */
  poor: boolean;
  /** 因学: the household has a child in senior school or college. */
  student: boolean;
}

function headAge(rng: Random, options: FamilyOptions): number {
  if (options.size === 1) return rng.int(50, 88);
  const band = options.poor
    ? rng.weighted([[[28, 44], 15], [[45, 59], 32], [[60, 74], 35], [[75, 88], 18]] as const)
    : rng.weighted([[[28, 44], 25], [[45, 59], 40], [[60, 74], 25], [[75, 88], 10]] as const);
  return rng.int(band[0], band[1]);
}

const childRelation = (sex: Sex) => (sex === 'M' ? 'son' : 'daughter');
const grandchildRelation = (sex: Sex) => (sex === 'M' ? 'grandson' : 'granddaughter');
const opposite = (sex: Sex): Sex => (sex === 'M' ? 'F' : 'M');

/** A child's age for a parent of `parentAge`: born when the parent was 20–36. */
function childAge(rng: Random, parentAge: number): number {
  const youngest = Math.max(0, parentAge - 36);
  const oldest = parentAge - 20;
  return oldest < 0 ? 0 : rng.int(youngest, oldest);
}

export function composeFamily(rng: Random, options: FamilyOptions): MemberDraft[] {
  const { size } = options;
  let age = headAge(rng, options);
  if (options.student) age = Math.max(age, 40);
  const head: MemberDraft = { relation: 'head', sex: rng.chance(size === 1 ? 0.6 : 0.86) ? 'M' : 'F', age };
  const members: MemberDraft[] = [head];
  let left = size - 1;
  const add = (m: MemberDraft) => {
    members.push(m);
    left--;
  };

  if (options.student && left > 0) {
    const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
    add({ relation: childRelation(sex), sex, age: rng.int(15, 21) });
  }
  if (left > 0 && rng.chance(age < 75 ? 0.88 : 0.6)) {
    add({ relation: 'spouse', sex: opposite(head.sex), age: Math.max(20, age + rng.int(-6, 4)) });
  }
  if (left >= 2 && age >= 56 && !options.student && rng.chance(0.7)) {
    const sonAge = rng.int(Math.max(22, age - 34), age - 22);
    add({ relation: 'son', sex: 'M', age: sonAge });
    add({ relation: 'daughter_in_law', sex: 'F', age: Math.max(20, sonAge + rng.int(-4, 2)) });
    while (left > 0 && sonAge >= 20) {
      const sex: Sex = rng.chance(0.52) ? 'M' : 'F';
      add({ relation: grandchildRelation(sex), sex, age: childAge(rng, sonAge) });
    }
  }
  for (let n = 0; left > 0 && n < 3; n++) {
    const sex: Sex = rng.chance(0.52) ? 'M' : 'F';
    add({ relation: childRelation(sex), sex, age: childAge(rng, age) });
  }
  if (left > 0 && age <= 64) {
    const sex: Sex = rng.chance(0.35) ? 'M' : 'F';
    add({ relation: sex === 'M' ? 'father' : 'mother', sex, age: Math.min(96, age + rng.int(21, 32)) });
  }
  while (left > 0) {
    const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
    if (rng.chance(0.6)) add({ relation: childRelation(sex), sex, age: childAge(rng, age) });
    else add({ relation: rng.chance(0.8) ? 'sibling' : 'other', sex, age: Math.max(0, age + rng.int(-10, 10)) });
  }
  return members;
}
