/**
 * The centre's spot check of exited counties (POLICY.md §7, issue 23 item 5): in year Y a
 * national or provincial user draws at least the policy share (exitStandards
 * .countyCentralSpotCheckShare, 20%) of the counties declared exited in Y−1, per province so
 * every province is covered, by a reproducible draw (the seed is kept with who drew and when).
 * Each drawn county's re-check findings give its 三率一度 through the same county verdict; a
 * failed re-check marks the county 复查未通过 and opens a rectification per failing condition
 * (through rectification's service). It does not revoke the exit.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { countyVerdict, type CountyVerdict, type SampleFindings } from '../../domain/counties/verdict';
import { addDays } from '../../domain/dates';
import { drawSample, sampleSize } from '../../domain/workflow/sample';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { placeNames, reachablePlace } from '../places/service';
import { loadActivePolicies, resolveOrFail } from '../policy/service';
import { surveyProblems } from '../quality/service';
import { createRectification } from '../rectification/service';
import type { CaseActor } from './exitCase';
import * as q from './queries';
import { countyFigures } from './verdicts';

export const RECHECK_STATUS_LABELS: Record<string, string> = { drawn: '已抽中，待复查', passed: '复查通过', failed: '复查未通过' };

/** Days a rectification opened by a failed re-check has (local default). */
export const RECHECK_RECTIFICATION_DAYS = 90;

function assertCentreOrProvince(actor: CaseActor) {
  if (actor.placeCode !== '0' && actor.placeCode.length !== 2) {
    throw conflict(`中央对摘帽县的抽查由全国或省级用户办理，您所在的地区（${actor.placeCode}）不是全国或省级`);
  }
}

/** Draw the counties to re-check in `year` at or under `place` (the nation or a province). */
export async function drawRecheck(db: Db, scope: PlaceScope, input: { year: number; place: string; seed?: string }, actor: CaseActor) {
  assertCentreOrProvince(actor);
  const place = await reachablePlace(db, scope, input.place);
  if (place.code !== '0' && place.code.length !== 2) throw badRequest(`抽查范围（place）应为全国或一个省，实为 ${place.code}`);
  const exitYear = input.year - 1;
  const share = resolveOrFail(await loadActivePolicies(db), place.code, input.year).rules.exitStandards.countyCentralSpotCheckShare;
  const exited = await q.exitedIn(db, scope, place.code, exitYear);
  if (exited.length === 0) throw badRequest(`${place.name}没有 ${exitYear} 年摘帽的县，无从抽查`);
  const seed = input.seed?.trim() || `${input.year}-${place.code}-${actor.at.toISOString()}`;
  const byProvince = new Map<string, string[]>();
  for (const e of exited) byProvince.set(e.county_code.slice(0, 2), [...(byProvince.get(e.county_code.slice(0, 2)) ?? []), e.county_code]);
  const sample = [...byProvince.entries()].flatMap(([province, codes]) => drawSample(codes, share, `${seed}/${province}`, (a, b) => a.localeCompare(b)).sample);
  const population = exited.map((e) => e.county_code);
  const draw = await db.transaction().execute(async (tx) => {
    const overlapping = await q.overlappingDraws(tx, input.year, place.code);
    if (overlapping.length) throw conflict(`${input.year} 年已抽取过摘帽县（第 ${overlapping.map((d) => d.id).join('、')} 次抽取，范围 ${overlapping.map((d) => d.place_code).join('、')}），不能重复抽取`);
    const d = await q.insertDraw(tx, { year: input.year, exit_year: exitYear, place_code: place.code, seed, share, population, sample, drawn_by: actor.username, drawn_role: actor.role, drawn_at: actor.at });
    await q.insertRechecks(tx, sample.map((county_code) => ({ county_code, year: input.year, draw_id: Number(d.id) })));
    await recordAudit(tx, { ...actor.audit, action: 'county_recheck.draw', objectType: 'county_recheck_draw', objectId: String(d.id), placeCode: place.code, after: { year: input.year, exitYear, seed, share, population, sample } });
    return d;
  });
  return { id: Number(draw.id), year: input.year, exitYear, placeCode: place.code, seed, share, population, sample, required: [...byProvince.values()].reduce((n, c) => n + sampleSize(c.length, share), 0) };
}

export interface RecheckFindings extends SampleFindings {
  checkedOn: string;
  ruralPopulation: number;
}

/** Record what a drawn county's re-check samples found: its 三率一度 verdict; a failure marks it and opens rectifications. */
export async function recordRecheck(db: Db, scope: PlaceScope, countyCode: string, year: number, findings: RecheckFindings, actor: CaseActor) {
  assertCentreOrProvince(actor);
  const problems = surveyProblems({ ...findings });
  if (findings.checkedOn > actor.today) problems.push(`复查日期（checkedOn）${findings.checkedOn} 晚于今天（${actor.today}）`);
  if (problems.length) throw badRequest(`县 ${countyCode} 的复查结果有误：${problems.join('；')}`, { problems });
  const figures = (await countyFigures(db, [countyCode], countyCode, year)).get(countyCode)!;
  const rules = resolveOrFail(await loadActivePolicies(db), countyCode, year).rules.countyExit;
  const verdict: CountyVerdict = countyVerdict({
    ...figures,
    ruralPopulation: findings.ruralPopulation,
    ruralPopulationSource: '复查核实的农村户籍人口',
    samples: findings,
    samplesSource: `${year} 年中央抽查复查`,
  }, rules);
  const name = (await placeNames(db, [countyCode])).get(countyCode)?.name ?? countyCode;
  await db.transaction().execute(async (tx) => {
    const r = await q.lockRecheck(tx, countyCode, year);
    if (!r) throw notFound(`${year} 年抽中的摘帽县 ${countyCode} `);
    if (r.status !== 'drawn') throw conflict(`${name} ${year} 年的复查结果已登记（${RECHECK_STATUS_LABELS[r.status]}）`);
    await q.updateRecheck(tx, countyCode, year, {
      status: verdict.passed ? 'passed' : 'failed', checked_on: findings.checkedOn,
      persons_sampled: findings.personsSampled, missed_persons: findings.missedPersons, exited_persons_sampled: findings.exitedPersonsSampled,
      wrongly_exited_persons: findings.wronglyExitedPersons, respondents: findings.respondents, satisfied: findings.satisfied,
      rural_population: findings.ruralPopulation, verdict: JSON.stringify(verdict), recorded_by: actor.username, recorded_at: actor.at,
    });
    if (!verdict.passed) await q.setExitStatus(tx, countyCode, 'recheck_failed');
    await recordAudit(tx, { ...actor.audit, action: 'county_recheck.record', objectType: 'county_recheck', objectId: `${countyCode}/${year}`, placeCode: countyCode, after: { findings, passed: verdict.passed, failing: verdict.failing } });
  });
  if (!verdict.passed) {
    // Rectification's service opens its own transaction: one finding per failing condition, after the re-check is recorded.
    const ids: number[] = [];
    for (const reason of verdict.failing) {
      const opened = await createRectification(db, {
        placeCode: countyCode, source: 'supervision_check', sourceRef: `${year} 年中央抽查摘帽县`, foundOn: findings.checkedOn,
        finding: `${name} ${year} 年摘帽县复查未通过：${reason}`, responsibleUnit: `${name}乡村振兴（扶贫）部门`,
        deadline: addDays(actor.today, RECHECK_RECTIFICATION_DAYS),
      }, { actor: { ...actor.audit, at: actor.at }, today: actor.today });
      ids.push(opened.id);
    }
    await q.updateRecheck(db, countyCode, year, { rectification_ids: ids });
  }
  return { countyCode, year, passed: verdict.passed, verdict };
}

/** The draws of a year and the re-checks at or under a place, with names and verdicts. */
export async function recheckOverview(db: Db, scope: PlaceScope, placeCode: string, year: number) {
  const place = await reachablePlace(db, scope, placeCode);
  const [draws, rechecks] = await Promise.all([q.drawsOf(db, year), q.rechecksUnder(db, scope, place.code, year)]);
  const visibleDraws = draws.filter((d) => d.place_code === '0' || place.code === '0' || d.place_code.startsWith(place.code) || place.code.startsWith(d.place_code));
  const names = await placeNames(db, [...new Set([...rechecks.map((r) => r.county_code), ...visibleDraws.map((d) => d.place_code)])], { withNation: true });
  return {
    place, year,
    draws: visibleDraws.map((d) => ({
      id: Number(d.id), placeCode: d.place_code, placeName: names.get(d.place_code)?.name ?? d.place_code, exitYear: d.exit_year, seed: d.seed,
      share: Number(d.share), populationCount: d.population.length, sampleCount: d.sample.length, drawnBy: d.drawn_by, drawnRole: d.drawn_role, drawnAt: new Date(d.drawn_at).toISOString(),
    })),
    rechecks: rechecks.map((r) => {
      const verdict = r.verdict as CountyVerdict | null;
      return {
        countyCode: r.county_code, countyName: names.get(r.county_code)?.name ?? r.county_code, drawId: Number(r.draw_id), status: r.status,
        statusLabel: RECHECK_STATUS_LABELS[r.status] ?? r.status, checkedOn: r.checked_on,
        conditions: verdict ? verdict.conditions.map((c) => ({ key: c.key, label: c.label, shown: c.shown, passed: c.passed, reason: c.reason })) : [],
        rectificationIds: (r.rectification_ids ?? []).map(Number),
      };
    }),
  };
}

export interface RecheckSampleChange {
  /** The province. */
  code: string;
  name: string;
  /** Counties of the province declared exited the year before. */
  exited: number;
  before: number;
  after: number;
}

/**
 * What a changed share (exitStandards.countyCentralSpotCheckShare) would change in the centre's
 * re-check of `year`: per province under `place`, the counties declared exited in `year − 1` and
 * how many would be drawn at each share. Only the provinces whose count changes (the policy what-if).
 */
export async function recheckSampleChanges(db: Db, scope: PlaceScope, place: string, year: number, shareBefore: number, shareAfter: number): Promise<RecheckSampleChange[]> {
  const exited = await q.exitedIn(db, scope, place, year - 1);
  const byProvince = new Map<string, number>();
  for (const e of exited) byProvince.set(e.county_code.slice(0, 2), (byProvince.get(e.county_code.slice(0, 2)) ?? 0) + 1);
  const names = await placeNames(db, [...byProvince.keys()]);
  return [...byProvince.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => ({ code, name: names.get(code)?.name ?? code, exited: n, before: sampleSize(n, shareBefore), after: sampleSize(n, shareAfter) }))
    .filter((p) => p.before !== p.after);
}
