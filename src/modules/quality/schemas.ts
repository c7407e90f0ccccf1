/** Input and answer schemas of 三率一度. */
import { z } from 'zod';
import { placeCodeSchema as placeCode } from '../../domain/placeCode';
import type { QualityThresholds, Rate, SurveyTotals } from './rates';

const count = z.number();
export const surveyBody = z.strictObject({
  placeCode,
  year: z.number(),
  surveyedOn: z.string(),
  ruralPopulation: count,
  personsSampled: count,
  missedPersons: count,
  exitedPersonsSampled: count,
  wronglyExitedPersons: count,
  respondents: count,
  satisfied: count,
  note: z.string().max(1000).nullable().optional(),
});
export const ratesQuery = z.object({ place: placeCode.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

/** POST /quality/surveys: the survey recorded. */
export const surveySavedSchema = z.object({ id: z.number().int(), placeCode: z.string(), placeName: z.string(), year: z.number().int() });

const surveyTotalsAnswer = z.object({
  surveys: z.number().int(),
  ruralPopulation: z.number().int(),
  personsSampled: z.number().int(),
  missedPersons: z.number().int(),
  exitedPersonsSampled: z.number().int(),
  wronglyExitedPersons: z.number().int(),
  respondents: z.number().int(),
  satisfied: z.number().int(),
}) satisfies z.ZodType<SurveyTotals>;
const rateAnswer = z.object({
  key: z.enum(['incidence', 'missedRate', 'wrongExitRate', 'approval']),
  label: z.string(),
  value: z.number().nullable().describe('无抽样数据时为 null'),
  threshold: z.number(),
  rule: z.enum(['below', 'atMost', 'atLeast']).describe('below 须低于标准，atMost 不超过，atLeast 不低于'),
  breach: z.boolean().nullable().describe('是否未达标；无数据时为 null'),
  explanation: z.string(),
}) satisfies z.ZodType<Rate>;
const qualityRowAnswer = z.object({ code: z.string(), name: z.string(), remainingPoor: z.number().int().describe('未脱贫人数'), totals: surveyTotalsAnswer, rates: z.array(rateAnswer), breached: z.array(rateAnswer.shape.key) });
export const qualityReportSchema = z.object({
  place: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  thresholds: z.object({ maxIncidence: z.number(), maxMissedRate: z.number(), maxWrongExitRate: z.number(), minApproval: z.number() }) satisfies z.ZodType<QualityThresholds>,
  total: qualityRowAnswer,
  rows: z.array(qualityRowAnswer).describe('有抽样调查或有未脱贫人口的下级地区'),
});
