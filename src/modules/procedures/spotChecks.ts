/**
 * County spot checks (县级抽查): a reproducible draw from the cases waiting at a spot-check step
 * under a county or township. The seed is stored with the population and the sample, so the
 * draw can be redone and compared by anyone; cases not drawn pass on, drawn ones wait for the
 * county's verification, and a failed verification returns the case.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { scopeContains } from '../../db/placeScope';
import { PROCEDURES, type ProcedureCode } from '../../domain/workflow/flowSchema';
import { drawSample } from '../../domain/workflow/sample';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { applyToCases, type Author } from './act';
import { undrawnCases } from './caseQueries';
import { planOf } from './caseState';
import { drawById, drawCases, drawVerifications, insertDraw, type DrawRow } from './noticeQueries';
import type { Caller } from './reach';

export interface DrawInput {
  procedure: ProcedureCode;
  /** A county (6 digits) or township (9 digits) code. */
  place: string;
  seed?: string;
}

const byId = (a: number, b: number) => a - b;

export async function drawSpotCheck(db: Db, caller: Caller, input: DrawInput, author: Author): Promise<DrawRow> {
  if (!PROCEDURES.includes(input.procedure)) throw badRequest(`程序（procedure）${input.procedure} 无效`);
  if (!/^\d{6}(\d{3})?$/.test(input.place)) throw badRequest(`抽查范围（place）应为县（6 位）或乡镇（9 位）代码，实为 ${input.place}`);
  if (!scopeContains(caller.access.scope, input.place)) throw notFound(`行政区划 ${input.place} `);
  const seed = input.seed?.trim() || randomBytes(8).toString('hex');
  if (seed.length > 100) throw badRequest('抽样种子（seed）不能超过 100 个字符');
  return db.transaction().execute(async (tx) => {
    const rows = await undrawnCases(tx, caller.access, input.place, input.procedure);
    if (rows.length === 0) throw conflict(`${input.place} 没有等待县级抽查的案件`);
    const shares = new Set(rows.map((r) => planOf(r).steps[r.step_index].sampleShare));
    if (shares.size > 1) throw badRequest(`待抽查案件适用的抽查比例不同（${[...shares].join('、')}），请按乡镇分别抽查`);
    const share = [...shares][0] ?? 0.1;
    const draw = drawSample(rows.map((r) => r.id), share, seed, byId);
    const chosen = new Set(draw.sample);
    const saved = await insertDraw(tx, {
      county_code: input.place.slice(0, 6),
      place_code: input.place,
      procedure: input.procedure,
      seed,
      share,
      population: draw.population,
      sample: draw.sample,
      drawn_by: author.username,
      drawn_at: author.at,
    });
    await applyToCases(tx, rows, (r) => ({ type: 'sample', sampled: chosen.has(r.id) }), author, {
      details: () => ({ drawId: saved.id, seed }),
      columns: (r) => (chosen.has(r.id) ? { spot_check_id: saved.id } : {}),
    });
    await recordAudit(tx, {
      ...author.actor,
      at: author.at,
      action: 'procedure.spot_check_draw',
      objectType: 'spot_check_draw',
      objectId: String(saved.id),
      placeCode: input.place,
      after: { procedure: input.procedure, seed, share, population: draw.population.length, sample: draw.sample },
      note: `县级抽查：从 ${draw.population.length} 件中抽取 ${draw.sample.length} 件（比例 ${share}，种子 ${seed}）`,
    });
    return saved;
  });
}

export interface DrawView {
  id: number;
  placeCode: string;
  procedure: string;
  seed: string;
  share: number;
  population: number[];
  sample: number[];
  drawnBy: string | null;
  drawnAt: string;
  /** Redoing the draw from the stored seed and population gives the stored sample. */
  reproduced: boolean;
  cases: { id: number; householdNo: string; headName: string; villageCode: string; status: string; stepCode: string; awaiting: boolean; verification: { result: string; comment: string | null; onDate: string; by: string | null } | null }[];
}

export async function getDraw(db: Db, caller: Caller, id: number): Promise<DrawView> {
  const d = await drawById(db, id);
  if (!d) throw notFound(`抽查第 ${id} 号`);
  await caller.reach({ type: 'spot_check_draw', id: String(id), placeCode: d.place_code });
  const population = d.population.map(Number);
  const sample = d.sample.map(Number);
  const redo = drawSample(population, Number(d.share), d.seed, byId).sample;
  const cases = await drawCases(db, d.county_code, sample);
  const checks = await drawVerifications(db, d.county_code, d.id);
  return {
    id: d.id,
    placeCode: d.place_code,
    procedure: d.procedure,
    seed: d.seed,
    share: Number(d.share),
    population,
    sample,
    drawnBy: d.drawn_by,
    drawnAt: new Date(d.drawn_at).toISOString(),
    reproduced: redo.length === sample.length && redo.every((x, i) => x === sample[i]),
    cases: cases.map((c) => {
      const v = checks.filter((x) => x.case_id === c.id).at(-1);
      return {
        id: c.id,
        householdNo: c.household_no,
        headName: c.head_name,
        villageCode: c.village_code,
        status: c.status,
        stepCode: c.step_code,
        awaiting: c.sampled === true,
        verification: v ? { result: v.result, comment: v.comment, onDate: v.on_date, by: v.actor_name } : null,
      };
    }),
  };
}
