/** A member's attributes (education, schooling, health, labour, work, insurance) from age and household. */
import type { Random } from './random';
import type { MemberDraft } from './family';
import type { RegionProfile } from './profiles';

export interface PersonTraits {
  education: string | null;
  schooling: string;
  health: string;
  disabilityGrade: number | null;
  labour: string;
  workStatus: string;
  insuredBasic: boolean;
  insuredSerious: boolean;
  insuredCommercial: boolean;
  insuredPension: boolean;
  familyDoctor: boolean;
  chronicCard: boolean;
  homeSchooling: boolean;
}

export interface TraitContext {
  poor: boolean;
  profile: RegionProfile;
  /** Health forced by the household's main cause (因病 / 因残), if this member carries it. */
  condition?: 'chronic' | 'serious' | 'disabled';
  /** 因学: this member is the student. */
  student?: boolean;
}

function educationFor(rng: Random, age: number, schooling: string): string | null {
  if (age < 6) return null;
  if (age <= 11) return 'primary';
  if (age <= 14) return schooling === 'dropout' ? 'primary' : 'junior';
  if (schooling === 'senior' || schooling === 'vocational') return 'junior';
  if (schooling === 'college' || schooling === 'university') return 'senior';
  if (age >= 60) return rng.weighted([['illiterate', 45], ['primary', 40], ['junior', 15]]);
  if (age >= 40) return rng.weighted([['illiterate', 10], ['primary', 40], ['junior', 44], ['senior', 6]]);
  return rng.weighted([['primary', 10], ['junior', 58], ['senior', 15], ['vocational', 9], ['college', 8]]);
}

function schoolingFor(rng: Random, age: number, ctx: TraitContext): string {
  if (ctx.student) return age <= 17 ? rng.weighted([['senior', 60], ['vocational', 40]]) : rng.weighted([['college', 55], ['university', 45]]);
  if (age < 3) return 'none';
  if (age <= 5) return 'preschool';
  if (age <= 15 && ctx.poor && rng.chance(0.004)) return 'dropout';
  if (age <= 11) return 'primary';
  if (age <= 14) return 'junior';
  if (age <= 17) return rng.weighted([['senior', 55], ['vocational', 30], ['none', 15]]);
  if (age <= 21) return rng.weighted([['college', 12], ['university', 8], ['none', 80]]);
  return 'none';
}

function healthFor(rng: Random, age: number, ctx: TraitContext): { health: string; grade: number | null } {
  const condition = ctx.condition ?? (rng.chance(0.02) ? 'disabled' : age >= 55 && rng.chance(0.22) ? 'chronic' : age >= 18 && rng.chance(0.03) ? 'chronic' : null);
  if (condition === 'disabled') return { health: 'disabled', grade: rng.weighted([[1, 15], [2, 30], [3, 30], [4, 25]]) };
  if (condition) return { health: condition, grade: null };
  return { health: 'healthy', grade: null };
}

function labourFor(rng: Random, age: number, schooling: string, health: string, grade: number | null): string {
  const inSchool = schooling !== 'none' && schooling !== 'dropout';
  if (age < 16 || inSchool || age >= 70) return 'none';
  if (health === 'serious' || (health === 'disabled' && grade !== null && grade <= 2)) return 'lost';
  if (health === 'chronic' || health === 'disabled' || age >= 60) return 'weak';
  return rng.chance(0.28) ? 'skilled' : 'ordinary';
}

function workFor(rng: Random, labour: string, profile: RegionProfile): string {
  if (labour === 'ordinary' || labour === 'skilled') {
    const away = profile.migrantShare;
    return rng.weighted([
      ['out_of_province', away * 100],
      ['in_province', away * 45],
      ['in_county', 18],
      ['in_township', 12],
      ['welfare_job', 6],
      ['farming', 30],
    ]);
  }
  if (labour === 'weak') return rng.weighted([['farming', 50], ['welfare_job', 30], ['none', 20]]);
  return 'none';
}

export function personTraits(rng: Random, member: MemberDraft, ctx: TraitContext): PersonTraits {
  const { age } = member;
  let schooling = schoolingFor(rng, age, ctx);
  const { health, grade } = healthFor(rng, age, ctx);
  let homeSchooling = false;
  if (health === 'disabled' && grade !== null && grade <= 2 && age >= 6 && age <= 15) {
    schooling = 'none';
    homeSchooling = true;
  }
  const labour = labourFor(rng, age, schooling, health, grade);
  const ill = health === 'chronic' || health === 'serious';
  const insuredBasic = ctx.poor ? !rng.chance(0.006) : true;
  return {
    education: educationFor(rng, age, schooling),
    schooling,
    health,
    disabilityGrade: grade,
    labour,
    workStatus: workFor(rng, labour, ctx.profile),
    insuredBasic,
    insuredSerious: insuredBasic,
    insuredCommercial: rng.chance(ctx.profile.commercialInsurance),
    insuredPension: age >= 16 && schooling === 'none' && rng.chance(0.93),
    familyDoctor: ctx.poor ? rng.chance(0.97) : true,
    chronicCard: ill && (ctx.poor ? rng.chance(0.9) : true),
    homeSchooling,
  };
}
