/**
 * Demo ledgers from the seeds, on the demo registry's persons and households:
 * - 察隅县 (seed 002): students by stage of the 2018 school year — 幼儿园27人, 小学765人, 初中304人,
 *   高中168人, 中职3人, 大学183人 and 研究生1人 (高校 184) — the youngest registered persons from
 *   age 3 taken stage by stage (youngest first), and 生态保护员373人 (adults of working age);
 * - 龙山镇 (seed 000): 易地扶贫搬迁 of its 562 registered households (2452 persons), 建档立卡搬迁,
 *   入住 by the end of March 2019 and 旧房拆除 by the end of September 2019 (the seed's milestones).
 * Invented and labelled 演示 in each record (`demo: true`, and the notes below): schools and
 * sites, dates within the milestones (a few late, to show 逾期), aid items and amounts (every
 * thirtieth student left without aid so that 应助尽助 lists someone), pay of the 生态保护员.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { addDays } from '../../domain/dates';
import { upsertRecords, type NewRecord } from './queries';

export const DEMO_STUDENT_YEAR = 2018;
/** Seed 002's students by stage (研究生 counted with 大学 as 高校). */
export const CHAYU_STUDENTS: readonly [string, number][] = [['preschool', 27], ['primary', 765], ['junior', 304], ['senior', 168], ['vocational', 3], ['college', 184]];
export const CHAYU_ECO_GUARDS = 373;

const SCHOOLS: Record<string, string> = {
  preschool: '察隅县幼儿园（演示）',
  primary: '察隅县完全小学（演示）',
  junior: '察隅县中学（演示）',
  senior: '林芝市第一高级中学（演示）',
  vocational: '林芝市职业技术学校（演示）',
  college: '西藏大学（演示）',
};
const AID: Record<string, [string, number]> = {
  preschool: ['preschool_aid', 1000],
  primary: ['boarding_subsidy', 1250],
  junior: ['boarding_subsidy', 1500],
  senior: ['senior_grant', 2000],
  vocational: ['yulu', 3000],
  college: ['student_loan', 8000],
};

interface PersonRow {
  county_code: string;
  id_number: string;
  name: string;
  household_no: string;
  village_code: string;
  birth_date: string;
}

async function personsOf(db: Db, countyCode: string): Promise<PersonRow[]> {
  const rows = await sql<PersonRow>`
    SELECT p.county_code, p.id_number, p.name, p.household_no, h.village_code, p.birth_date
    FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
    WHERE p.county_code = ${countyCode}
    ORDER BY p.birth_date DESC, p.id_number`.execute(db);
  return rows.rows;
}

const record = (p: PersonRow, kind: string, year: number, key: string, data: Record<string, unknown>): NewRecord => ({
  county_code: p.county_code,
  kind,
  year,
  record_key: key,
  place_code: p.village_code,
  household_no: p.household_no,
  id_number: p.id_number,
  registered: true,
  data: { name: p.name, ...data, demo: true },
});

/** Students and aid of 察隅 (school year 2018) and its 生态保护员. */
function chayuRecords(persons: PersonRow[]): NewRecord[] {
  const start = `${DEMO_STUDENT_YEAR}-09-01`;
  const out: NewRecord[] = [];
  const young = persons.filter((p) => p.birth_date <= `${DEMO_STUDENT_YEAR - 3}-09-01`);
  let next = 0;
  let n = 0;
  for (const [stage, count] of CHAYU_STUDENTS) {
    for (let i = 0; i < count && next < young.length; i++, n++) {
      const p = young[next++];
      const boarder = (stage === 'primary' || stage === 'junior') && n % 5 !== 0;
      out.push(record(p, 'edu_student', DEMO_STUDENT_YEAR, p.id_number, { stage, school: SCHOOLS[stage], grade: null, status: 'in_school', boarder, enrolledOn: null }));
      if (n % 30 === 29) continue;
      const [item, amount] = boarder || AID[stage][0] !== 'boarding_subsidy' ? AID[stage] : ['compulsory_other', 500];
      out.push(record(p, 'edu_aid', DEMO_STUDENT_YEAR, `${p.id_number}|${item}`, { stage, item, amount, paidOn: addDays(start, 45 + (n % 60)) }));
    }
  }
  const adults = persons.filter((p) => p.birth_date <= '1998-01-01' && p.birth_date >= '1960-01-01');
  const guards = Math.min(CHAYU_ECO_GUARDS, adults.length);
  for (let i = 0; i < guards; i++) {
    const p = adults[Math.floor((i * adults.length) / guards)];
    out.push(record(p, 'employment_post', DEMO_STUDENT_YEAR, `${p.id_number}|eco_guard`, { type: 'eco_guard', post: '村级生态保护员', startedOn: '2018-01-01', endedOn: null, monthlyPay: 292 }));
  }
  return out;
}

/** 龙山镇's 562 households moved in and their old houses pulled down by the seed's milestones (a few late). */
async function longshanRecords(db: Db, townshipCode: string): Promise<NewRecord[]> {
  const households = (
    await sql<{ county_code: string; household_no: string; village_code: string }>`
      SELECT h.county_code, h.household_no, h.village_code FROM household h
      WHERE h.county_code = ${townshipCode.slice(0, 6)} AND h.township_code = ${townshipCode} ORDER BY h.household_no`.execute(db)
  ).rows;
  const sites = ['龙山镇集中安置点一期（演示）', '龙山镇集中安置点二期（演示）', '龙山镇回龙寨安置点（演示）'];
  return households.map((h, i) => {
    const movedInOn = i % 40 === 39 ? addDays('2019-03-31', 10 + (i % 20)) : addDays('2018-11-01', i % 150);
    const demolishedOn = i % 50 === 49 ? null : i % 25 === 24 ? addDays('2019-09-30', 5 + (i % 10)) : addDays('2019-04-10', i % 170);
    return {
      county_code: h.county_code,
      kind: 'relocation_household',
      year: 2019,
      record_key: h.household_no,
      place_code: h.village_code,
      household_no: h.household_no,
      id_number: null,
      registered: true,
      data: { type: 'registered', site: sites[i % sites.length], movedInOn, demolishedOn, followUp: i % 3 === 0 ? '安置点扶贫车间务工' : '转移就业、产业分红', demo: true },
    };
  });
}

/** Write the demo ledgers (inside the demo load's transaction). */
export async function loadLedgerDemo(tx: Db, places: { chayu: string; longshanTownship: string }, at: Date): Promise<number> {
  const rows = [...chayuRecords(await personsOf(tx, places.chayu)), ...(await longshanRecords(tx, places.longshanTownship))];
  await upsertRecords(tx, rows, at, '演示数据');
  return rows.length;
}
