/**
 * Demo data of 县摘帽 (invented, plausible; every record's note says 演示数据): 察隅县 and 睢县
 * declared exited in 2018, 民权县 and 宁陵县 in 2019, each with a county-level 三率一度 survey
 * of its exit year; 夏邑县 surveyed in 2019 with an approval short of 90%; the centre's 2019
 * re-check of the counties exited in 2018 (seed "demo-2019"), 察隅县 passing and 睢县 failing
 * on its wrong-exit rate (复查未通过, with a rectification opened). Real exit years and figures
 * are not from the seeds: see docs/counties.md.
 */
import type { Db } from '../../db/database';
import { ALL_PLACES } from '../../db/placeScope';
import type { AuditActor } from '../audit/service';
import { placeNames } from '../places/service';
import { recordSurvey } from '../quality/service';
import { insertExit } from './queries';
import { drawRecheck, recordRecheck } from './recheck';

export const DEMO_NOTE = '演示数据（虚构的摘帽年度和抽查数字，非 seed 所给）';

const EXITS = [
  { county: '540425', year: 2018, approvedOn: '2018-09-28', rural: 27400, sampled: 620, missed: 3, exited: 480, wrong: 4, respondents: 300, satisfied: 289 },
  { county: '411422', year: 2018, approvedOn: '2018-10-12', rural: 712000, sampled: 2400, missed: 12, exited: 1800, wrong: 22, respondents: 1200, satisfied: 1131 },
  { county: '411421', year: 2019, approvedOn: '2019-05-09', rural: 768000, sampled: 2600, missed: 9, exited: 1900, wrong: 17, respondents: 1300, satisfied: 1234 },
  { county: '411423', year: 2019, approvedOn: '2019-05-09', rural: 541000, sampled: 2200, missed: 7, exited: 1500, wrong: 11, respondents: 1100, satisfied: 1052 },
];

/** Written after the registry demo (each survey and the re-check run in their own transaction). */
export async function loadCountyDemo(db: Db, actor: AuditActor): Promise<void> {
  const at = new Date('2019-06-30T02:00:00.000Z');
  const who = { ...actor, at };
  const known = await placeNames(db, [...EXITS.map((e) => e.county), '411426']);
  if (known.size < EXITS.length + 1) return; // the demo's places are not all loaded (a partial demo)
  for (const e of EXITS) {
    await recordSurvey(db, ALL_PLACES, {
      placeCode: e.county, year: e.year, surveyedOn: `${e.year}-03-15`, ruralPopulation: e.rural, personsSampled: e.sampled, missedPersons: e.missed,
      exitedPersonsSampled: e.exited, wronglyExitedPersons: e.wrong, respondents: e.respondents, satisfied: e.satisfied, note: DEMO_NOTE,
    }, who);
    await insertExit(db, { county_code: e.county, year: e.year, approved_on: e.approvedOn, status: 'exited', note: DEMO_NOTE, recorded_by: actor.username, recorded_at: at });
  }
  await recordSurvey(db, ALL_PLACES, {
    placeCode: '411426', year: 2019, surveyedOn: '2019-03-20', ruralPopulation: 1020000, personsSampled: 3000, missedPersons: 21,
    exitedPersonsSampled: 2200, wronglyExitedPersons: 30, respondents: 1500, satisfied: 1327, note: DEMO_NOTE,
  }, who);
  const centre = { audit: actor, username: actor.username ?? '(系统)', role: 'policy_admin', placeCode: '0', at, today: '2019-06-30' };
  const draw = await drawRecheck(db, ALL_PLACES, { year: 2019, place: '0', seed: 'demo-2019' }, centre);
  for (const county of draw.sample) {
    const failing = county === '411422';
    await recordRecheck(db, ALL_PLACES, county, 2019, {
      checkedOn: '2019-06-20', ruralPopulation: county === '540425' ? 27400 : 712000, personsSampled: 800, missedPersons: 4,
      exitedPersonsSampled: 500, wronglyExitedPersons: failing ? 12 : 5, respondents: 400, satisfied: failing ? 371 : 383,
    }, centre);
  }
}
