/**
 * 考核 of a county's townships (seed 002 全面量化考核, POLICY §8): a scheme of a year (indicators
 * as data, weights checked to add up to 100 points), scores entered by inspectors with their
 * evidence, and computed indicators scored from fupin's own figures as they stood at the 考核
 * date — overdue rectifications and the year's exits from the last month-end snapshot before
 * it, on-time monthly submissions — each with the evidence behind it; totals, bands and ranks.
 * Results are computed when read, so a change of a source shows at the next reading.
 */
import type { Db } from '../../db/database';
import { ALL_PLACES } from '../../db/placeScope';
import { ASSESSMENT_METRICS, ASSESSMENT_RULES, bandOf, checkEntered, checkScheme, computedScore, ranks, SchemeError, type Indicator } from '../../domain/rhythm/assessment';
import { badRequest, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { childPlaces, placeNames } from '../places/service';
import type { LedgerContext } from '../rectification/service';
import * as q from './assessmentQueries';
import { monthFiguresByChild } from './snapshotQueries';

export { ASSESSMENT_METRICS, ASSESSMENT_RULES };

const points = (hundredths: number) => Math.round(hundredths) / 100;

function refused(e: unknown): never {
  if (e instanceof SchemeError) throw badRequest(e.message, [{ field: e.field, value: e.value }]);
  throw e;
}

export interface SchemeInput {
  county: string;
  year: number;
  title: string;
  assessOn: string;
  source?: string | null;
  /** Weights and k in points (two decimals), stored in hundredths. */
  indicators: (Omit<Indicator, 'weight' | 'k'> & { weight: number; k?: number })[];
}

export async function createScheme(db: Db, input: SchemeInput, ctx: LedgerContext) {
  const indicators: Indicator[] = input.indicators.map((i) => ({ ...i, weight: Math.round(i.weight * 100), k: i.k === undefined ? undefined : Math.round(i.k * 100) }));
  try {
    checkScheme(indicators);
  } catch (e) {
    refused(e);
  }
  if (Number(input.assessOn.slice(0, 4)) < input.year) throw badRequest(`考核日期（assessOn）${input.assessOn} 早于考核年度 ${input.year}`, [{ field: 'assessOn', value: input.assessOn }]);
  const id = await db.transaction().execute(async (tx) => {
    const newId = await q.insertScheme(tx, { countyCode: input.county, year: input.year, title: input.title, assessOn: input.assessOn, source: input.source ?? null, indicators }, ctx.actor.username);
    await recordAudit(tx, { ...ctx.actor, action: 'assessment.scheme', objectType: 'assessment_scheme', objectId: `${input.county}-${newId}`, placeCode: input.county, after: { ...input, indicators } });
    return newId;
  });
  return { countyCode: input.county, id };
}

async function schemeOf(db: Db, county: string, id: number) {
  const scheme = await q.findScheme(db, county, id);
  if (!scheme) throw notFound(`考核方案 ${county}-${id} `);
  return scheme;
}

export interface EntryInput {
  placeCode: string;
  indicatorCode: string;
  /** Points, two decimals. */
  score: number;
  evidence: string;
}

/** An inspector's score of an entered indicator (a computed one cannot be typed over). */
export async function enterScore(db: Db, county: string, id: number, input: EntryInput, ctx: LedgerContext) {
  const scheme = await schemeOf(db, county, id);
  const ind = scheme.indicators.find((i) => i.code === input.indicatorCode);
  if (!ind) throw badRequest(`考核方案没有指标 ${input.indicatorCode}`, [{ field: 'indicatorCode', value: input.indicatorCode }]);
  if (ind.source !== 'entered') throw badRequest(`指标“${ind.name}”由系统按数据计算，不能录入得分；如需调整请另列调整项并写明理由`, [{ field: 'indicatorCode', value: input.indicatorCode }]);
  if (input.placeCode.length !== 9 || input.placeCode.slice(0, 6) !== county) throw badRequest(`被考核乡镇（placeCode）${input.placeCode} 不是本县的乡镇`, [{ field: 'placeCode', value: input.placeCode }]);
  const score = Math.round(input.score * 100);
  try {
    checkEntered(ind, score);
  } catch (e) {
    refused(e);
  }
  await db.transaction().execute(async (tx) => {
    await q.upsertEntry(tx, { county, schemeId: id, placeCode: input.placeCode, indicatorCode: ind.code, score, evidence: input.evidence, by: ctx.actor.username, at: ctx.actor.at ?? new Date() });
    await recordAudit(tx, { ...ctx.actor, action: 'assessment.score', objectType: 'assessment_scheme', objectId: `${county}-${id}`, placeCode: input.placeCode, after: input });
  });
}

/** The scheme's results: every township of the county with each indicator's score and evidence, total, band and rank. */
export async function assessmentResults(db: Db, county: string, id: number) {
  const scheme = await schemeOf(db, county, id);
  const [townships, entries, onTime, month] = await Promise.all([
    childPlaces(db, county),
    q.entriesOf(db, county, id),
    q.onTimeMonths(db, county, scheme.year, scheme.assessOn),
    q.lastMonthEnd(db, county, scheme.assessOn),
  ]);
  const figures = new Map((month ? await monthFiguresByChild(db, ALL_PLACES, county, month) : []).map((f) => [f.code, f]));
  const entered = new Map(entries.map((e) => [`${e.placeCode}|${e.indicatorCode}`, e]));
  const rows = townships.map((t) => {
    const lines = scheme.indicators.map((ind) => {
      if (ind.source === 'entered') {
        const e = entered.get(`${t.code}|${ind.code}`);
        return { code: ind.code, name: ind.name, weight: points(ind.weight), score: e ? points(e.score) : null, evidence: e?.evidence ?? '尚未录入' };
      }
      const f = figures.get(t.code);
      let actual: number | null = null;
      let evidence: string;
      if (ind.metric === 'on_time_submissions') {
        actual = onTime.get(t.code) ?? 0;
        evidence = `${scheme.year} 年按时上报月度进展 ${actual} 个月（截至 ${scheme.assessOn}）`;
      } else if (!month || !f) {
        actual = month ? 0 : null;
        evidence = month ? `${month.slice(0, 7)} 月末快照无此乡镇数据，按 0 计` : `${scheme.assessOn} 前尚无月末快照`;
      } else {
        actual = ind.metric === 'overdue_rectifications' ? f.overdue_rectifications : f.exits_persons;
        evidence = `${month.slice(0, 7)} 月末快照：${ASSESSMENT_METRICS[ind.metric!]} ${actual}`;
      }
      const score = actual === null ? null : points(computedScore(ind, actual));
      return { code: ind.code, name: ind.name, weight: points(ind.weight), score, evidence: `${evidence}；${ASSESSMENT_RULES[ind.rule!]}` };
    });
    const total = Math.round(lines.reduce((n, l) => n + (l.score ?? 0) * 100, 0));
    return { placeCode: t.code, placeName: t.name, lines, total: points(total), band: bandOf(total), complete: lines.every((l) => l.score !== null), rank: 0 };
  });
  const order = ranks(rows.map((r) => Math.round(r.total * 100)));
  rows.forEach((r, i) => (r.rank = order[i]));
  rows.sort((a, b) => a.rank - b.rank || a.placeCode.localeCompare(b.placeCode));
  const names = await placeNames(db, [county]);
  return { ...scheme, countyName: names.get(county)?.name ?? county, snapshotMonth: month, indicators: scheme.indicators.map((i) => ({ ...i, weight: points(i.weight), k: i.k === undefined ? undefined : points(i.k) })), rows };
}

export async function listSchemes(db: Db, place: string, year: number) {
  return (await q.schemesUnder(db, place, year)).map(({ indicators, ...s }) => ({ ...s, indicators: indicators.length }));
}
