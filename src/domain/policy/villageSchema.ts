/**
 * Village rules of a policy record (POLICY.md §7, issue 18): the western incidence line of
 * 贫困村出列, which collective income counts for the exit condition, and seed 004's yearly
 * collective income targets (shown against the actual, not a veto). The other village numbers
 * live where they already were: exitStandards.villageMaxIncidence / villageCollectiveIncomeMin /
 * villageConditions, relativePoverty.village*, supervision.villageIncidence.
 * Optional: a record stored before this block existed falls back to VILLAGE_RULE_DEFAULTS.
 */
import { z } from 'zod';
import { codes, label, share, yuan } from './schemaHelpers';

export const COLLECTIVE_INCOME_SOURCES = ['operating', 'contract', 'investment', 'subsidy', 'other'] as const;
export type CollectiveIncomeSource = (typeof COLLECTIVE_INCOME_SOURCES)[number];

/** The infrastructure and service conditions a policy may judge (exitStandards.villageConditions). */
export const VILLAGE_CONDITIONS = [
  'road', 'electricity', 'broadband', 'water', 'clinic', 'culture',
  'mobile_4g', 'natural_village_roads', 'school', 'service_center', 'no_dangerous_houses',
] as const;
export type VillageConditionCode = (typeof VILLAGE_CONDITIONS)[number];

export const villageRules = {
  villageExit: label('贫困村出列（西部标准、集体经济收入口径和年度目标）', z.strictObject({
    westernRegions: codes('西部地区（省或地区代码；比照西部的地区可加入）'),
    westernMaxIncidence: share('西部地区贫困村出列：贫困发生率不超过'),
    countedIncomeSources: label('计入出列条件的村集体经济收入来源', z.array(z.enum(COLLECTIVE_INCOME_SOURCES)).min(1)),
    collectiveIncomeTargets: label('村集体经济收入年度目标（不作出列否决条件）', z.strictObject({
      poorVillage: yuan('贫困村年度目标（元）'),
      otherVillage: yuan('其他村年度目标（元）'),
      targetSource: label('目标出处', z.string().min(1)),
    })),
  }).optional()),
};
