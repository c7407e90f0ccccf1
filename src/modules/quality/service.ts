/**
 * 三率一度: sample surveys recorded per place (households checked, found missed, found wrongly
 * exited, satisfied respondents), and the four rates per place and child place with the policy's
 * thresholds (qualityIndicators of the place's rules), breaches flagged.
 */
import type { Db } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { isCalendarDate } from '../../domain/dates';
import { badRequest } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { loadActivePolicies, resolveOrFail } from '../policy/service';
import { childPlaces, reachablePlace } from '../places/service';
import { insertSurvey, latestSurveys, remainingPoorByChild } from './queries';
import { addTotals, EMPTY_TOTALS, qualityRates, surveyProblems, type SurveyTotals } from './rates';

export interface SurveyInput {
  placeCode: string;
  year: number;
  surveyedOn: string;
  ruralPopulation: number;
  personsSampled: number;
  missedPersons: number;
  exitedPersonsSampled: number;
  wronglyExitedPersons: number;
  respondents: number;
  satisfied: number;
  note?: string | null;
}

export async function recordSurvey(db: Db, scope: PlaceScope, input: SurveyInput, actor: AuditActor & { at: Date }) {
  const problems = surveyProblems(input);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.push(`年度（year）应为 2000–2100 的整数，实为 ${input.year}`);
  if (!isCalendarDate(input.surveyedOn)) problems.push(`调查日期（surveyedOn）${input.surveyedOn} 不是有效日期（应为 YYYY-MM-DD）`);
  if (problems.length) throw badRequest(`${input.placeCode} 的抽样调查有误：${problems.join('；')}`, { problems });
  const place = await reachablePlace(db, scope, input.placeCode);
  if (place.code === '0') throw badRequest('抽样调查须登记到具体的行政区划');
  return db.transaction().execute(async (tx) => {
    const row = await insertSurvey(tx, {
      place_code: place.code,
      year: input.year,
      surveyed_on: input.surveyedOn,
      rural_population: input.ruralPopulation,
      persons_sampled: input.personsSampled,
      missed_persons: input.missedPersons,
      exited_persons_sampled: input.exitedPersonsSampled,
      wrongly_exited_persons: input.wronglyExitedPersons,
      respondents: input.respondents,
      satisfied: input.satisfied,
      note: input.note ?? null,
      recorded_by: actor.username,
      recorded_at: actor.at,
    });
    await recordAudit(tx, { ...actor, action: 'quality.survey', objectType: 'quality_survey', objectId: String(row.id), placeCode: place.code, after: { ...input, placeCode: place.code }, note: `${place.name} ${input.year} 年三率一度抽样调查` });
    return { id: Number(row.id), placeCode: place.code, placeName: place.name, year: input.year };
  });
}

const totalsOf = (s: { rural_population: number; persons_sampled: number; missed_persons: number; exited_persons_sampled: number; wrongly_exited_persons: number; respondents: number; satisfied: number }): SurveyTotals => ({
  surveys: 1,
  ruralPopulation: s.rural_population,
  personsSampled: s.persons_sampled,
  missedPersons: s.missed_persons,
  exitedPersonsSampled: s.exited_persons_sampled,
  wronglyExitedPersons: s.wrongly_exited_persons,
  respondents: s.respondents,
  satisfied: s.satisfied,
});

/** The four rates of a place and of each child with surveys or remaining poor, for a year. */
export async function qualityReport(db: Db, scope: PlaceScope, placeCode: string, year: number) {
  const place = await reachablePlace(db, scope, placeCode);
  const thresholds = resolveOrFail(await loadActivePolicies(db), place.code, year).rules.qualityIndicators;
  const [surveys, poor, children] = await Promise.all([latestSurveys(db, scope, place.code, year), remainingPoorByChild(db, scope, place.code), childPlaces(db, place.code)]);
  const under = (code: string) => (s: { place_code: string }) => code === '0' || s.place_code.startsWith(code);
  const row = (code: string, name: string) => {
    const totals = surveys.filter(under(code)).map(totalsOf).reduce(addTotals, EMPTY_TOTALS);
    const remaining = poor.filter((p) => code === place.code || p.code === code).reduce((n, p) => n + p.persons, 0);
    const rates = qualityRates(totals, remaining, thresholds);
    return { code, name, remainingPoor: remaining, totals, rates, breached: rates.filter((r) => r.breach).map((r) => r.key) };
  };
  const rows = children.map((c) => row(c.code, c.name)).filter((r) => r.totals.surveys > 0 || r.remainingPoor > 0);
  return { place, year, thresholds, total: row(place.code, place.name), rows };
}

export { surveyProblems, type SurveyTotals } from './rates';

export interface CountySamples {
  /** Sum of the latest survey of the year of each surveyed place of the county. */
  totals: SurveyTotals;
  /** The county's 农村户籍人口 as its surveys record it: the county-level survey's, else the sum of its surveyed places'; null without surveys. */
  ruralPopulation: number | null;
  /** Whether ruralPopulation is the county's own figure (a county-level survey). */
  ruralPopulationOfCounty: boolean;
}

/**
 * The 抽查 / survey records of every county at or under `place` for a year, by county code: the
 * 三率一度 of a county come from these records, never from typed totals.
 */
export async function countySamples(db: Db, place: string, year: number): Promise<Map<string, CountySamples>> {
  const surveys = await latestSurveys(db, ALL_PLACES, place.length > 6 ? place.slice(0, 6) : place, year);
  const byCounty = new Map<string, CountySamples>();
  for (const s of surveys.filter((x) => x.place_code.length >= 6)) {
    const county = s.place_code.slice(0, 6);
    const now = byCounty.get(county) ?? { totals: EMPTY_TOTALS, ruralPopulation: null, ruralPopulationOfCounty: false };
    const own = s.place_code === county;
    byCounty.set(county, {
      totals: addTotals(now.totals, totalsOf(s)),
      ruralPopulation: own ? s.rural_population : now.ruralPopulationOfCounty ? now.ruralPopulation : (now.ruralPopulation ?? 0) + s.rural_population,
      ruralPopulationOfCounty: own || now.ruralPopulationOfCounty,
    });
  }
  return byCounty;
}
