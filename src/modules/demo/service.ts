/** Loading the demo registry: one transaction, COPY per county, progress through a callback. */
import type { Database } from '../../db/database';
import { CONSOLE_ACTOR, recordAudit, type AuditActor } from '../audit/service';
import { generateDemo, DEMO_SEED } from './generate';
import { CHAYU, DEMO_COUNTIES, DEMO_PLACE_PREFIXES, LONGSHAN, SHANGQIU_ANNEX, SHANGQIU_COUNTIES, XINGZI } from './plan';
import { townshipsOf } from './specs';
import { busiestPoorVillage, copyCountyRows, countHouseholdsByCounty, lockDemoLoad, readDemoPlaces, registryIsEmpty } from './queries';
import { createDemoUsers, pairCadreHouseholds } from '../users/service';
import { loadCampaignDemo } from '../supervision/service';
import { loadDemoTargets } from './targets';
import { loadVillageDemo } from '../villages/service';
import { loadProjectDemo } from '../projects/service';
import { loadCountyDemo } from '../counties/service';
import { linkDemoCadre, loadAssistanceDemo } from '../assistance/service';
import { loadLedgerDemo } from '../ledgers/service';
import { loadWorkTeamDemo } from '../rhythm/service';
import { closeCompareDemo, loadCompareDemo } from '../compare/service';

export interface DemoProgress {
  /** Counties written so far, of `total`. */
  done: number;
  total: number;
  message: string;
}

export interface DemoSummary {
  households: number;
  persons: number;
  milliseconds: number;
}

export interface LoadDemoOptions {
  onProgress?: (progress: DemoProgress) => void;
  seed?: string;
  /** Who loads it, for the audit trail (default: the server console). */
  actor?: AuditActor;
  /** Write only these demo counties' households (tests that need one county); default all. */
  counties?: readonly string[];
}

/** Refusal to load the demo twice (or over real households of the demo counties). */
export class DemoAlreadyLoadedError extends Error {
  constructor(readonly existing: Map<string, number>) {
    const order = (code: string) => DEMO_COUNTIES.indexOf(code);
    const list = [...existing].sort(([a], [b]) => order(a) - order(b)).map(([code, n]) => `${countyName(code)}（${code}）${n} 户`).join('、');
    super(`演示数据未载入：演示县已有登记户（${list}）。演示数据只能载入这些县还没有户的数据库，不会重复写入。`);
    this.name = 'DemoAlreadyLoadedError';
  }
}

export function countyName(code: string): string {
  return (
    SHANGQIU_COUNTIES.find((c) => c.code === code)?.name ??
    { [CHAYU.countyCode]: CHAYU.name, [XINGZI.countyCode]: '连州市', [LONGSHAN.countyCode]: '龙陵县' }[code] ??
    code
  );
}

/** True when the place table holds every township the demo plan names, with villages. */
export async function hasDemoPlaces(database: Database): Promise<boolean> {
  const places = await readDemoPlaces(database.db, DEMO_PLACE_PREFIXES);
  const named = [...SHANGQIU_ANNEX.map((a) => a.code), ...CHAYU.exits.map((e) => e.townshipCode), XINGZI.townshipCode, LONGSHAN.townshipCode];
  return named.every((code) => (places.get(code)?.villages.length ?? 0) > 0) && SHANGQIU_COUNTIES.every((c) => townshipsOf(places, c.code).length > 0);
}

/** True when no household is registered at all (the first start loads the demo then). */
export async function isRegistryEmpty(database: Database): Promise<boolean> {
  return registryIsEmpty(database.db);
}

/** Throws DemoAlreadyLoadedError when any demo county already has households. */
export async function assertDemoNotLoaded(database: Database): Promise<void> {
  const existing = await countHouseholdsByCounty(database.db, DEMO_COUNTIES);
  if (existing.size > 0) throw new DemoAlreadyLoadedError(existing);
}

/**
 * Generate the demo registry and write it in one transaction. Refuses (DemoAlreadyLoadedError)
 * when any demo county already has households; fails with a message naming the missing place
 * when the place table lacks the demo regions.
 */
export async function loadDemo(database: Database, options: LoadDemoOptions = {}): Promise<DemoSummary> {
  const started = Date.now();
  const report = options.onProgress ?? (() => {});
  await assertDemoNotLoaded(database);
  const places = await readDemoPlaces(database.db, DEMO_PLACE_PREFIXES);
  const total = options.counties?.length ?? DEMO_COUNTIES.length;
  let households = 0;
  let persons = 0;
  const compareCounties = [DEMO_USER_TOWNSHIP.slice(0, 6), LONGSHAN.countyCode].filter((c) => !options.counties || options.counties.includes(c));
  await database.session((s) =>
    s.db.transaction().execute(async (tx) => {
      await lockDemoLoad(tx);
      const again = await countHouseholdsByCounty(tx, DEMO_COUNTIES);
      if (again.size > 0) throw new DemoAlreadyLoadedError(again);
      let done = 0;
      for (const rows of generateDemo(places, options.seed ?? DEMO_SEED)) {
        if (options.counties && !options.counties.includes(rows.countyCode)) continue;
        await copyCountyRows(s, rows);
        households += rows.households.length;
        persons += rows.persons.length;
        done++;
        report({ done, total, message: `演示数据：${countyName(rows.countyCode)} ${rows.households.length} 户 ${rows.persons.length} 人已写入（${done}/${total}）` });
      }
      await loadCampaignDemo(tx, options.actor ?? CONSOLE_ACTOR, DEMO_COUNTIES);
      await loadDemoTargets(tx);
      await loadProjectDemo(tx, options.actor ?? CONSOLE_ACTOR);
      await loadAssistanceDemo(tx, { chayu: CHAYU.countyCode, township: DEMO_USER_TOWNSHIP });
      await loadLedgerDemo(tx, { chayu: CHAYU.countyCode, longshanTownship: LONGSHAN.townshipCode }, new Date());
      await loadVillageDemo(tx);
      await loadWorkTeamDemo(tx, LONGSHAN.townshipCode);
      await loadCompareDemo(tx, options.actor ?? CONSOLE_ACTOR, compareCounties);
      await recordAudit(tx, {
        ...(options.actor ?? CONSOLE_ACTOR),
        action: 'registry.demo_load',
        objectType: 'household',
        placeCode: '0',
        after: { households, persons, counties: [...DEMO_COUNTIES] },
        note: '载入演示数据',
      });
    }),
  );
  await loadCountyDemo(database.db, options.actor ?? CONSOLE_ACTOR);
  // 清退 deregisters households: only in 龙陵县, whose seed figures count every household of 龙山镇 whatever its status.
  await closeCompareDemo(database.db, options.actor ?? CONSOLE_ACTOR, {
    removed: { counties: compareCounties.filter((c) => c === LONGSHAN.countyCode), perCounty: 2 },
    monitoring: { counties: compareCounties, perCounty: 2 },
  });
  await createDemoAccounts(database);
  return { households, persons, milliseconds: Date.now() - started };
}

/** Demo township for the demo users: 桑堌乡 of 夏邑县 (seed 001's 桑固乡), listed for supervision. */
export const DEMO_USER_TOWNSHIP = '411426207';

/** One user per role scoped to 夏邑县 / 桑堌乡 / its busiest poor village; the cadre paired with ten of its households. */
async function createDemoAccounts(database: Database): Promise<void> {
  const village = await busiestPoorVillage(database.db, DEMO_USER_TOWNSHIP, 10);
  if (!village) return;
  const ids = await createDemoUsers(database.db, {
    countyCode: DEMO_USER_TOWNSHIP.slice(0, 6),
    townshipCode: DEMO_USER_TOWNSHIP,
    villageCode: village.villageCode,
  });
  if (ids.cadre) await pairCadreHouseholds(database.db, ids.cadre, village.households);
  if (ids.cadre) await linkDemoCadre(database.db, ids.cadre, village.villageCode, village.households);
}

export { loadDemoTargets } from './targets';
