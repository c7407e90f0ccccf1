/**
 * The what-if of the policy targets that do not change a grade (issue 23): counties whose
 * verdict against the monitoring cap would change, households (and places) whose industry
 * income verdict would change, and the procedure settings the draft changes (risk elimination,
 * spot-check shares), which apply to cases started after activation. Grade changes — among them
 * Guangdong's identification line — are in the what-if's own transitions.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import type { PolicyRecord } from '../../domain/policy/record';
import { resolvePolicy } from '../../domain/policy/resolve';
import { recheckSampleChanges } from '../counties/service';
import { diffRules } from '../policy/service';
import { industryIncomeReport, monitoringCapReport } from './policyTargets';

export interface TargetChanges {
  capCounties: { code: string; name: string; overBefore: boolean; overAfter: boolean; before: string; after: string }[];
  industryHouseholds: { householdNo: string; headName: string; villageCode: string; before: string; after: string }[];
  industryPlaces: { code: string; name: string; supportedBefore: number; supportedAfter: number; meetingBefore: number; meetingAfter: number }[];
  procedureSettings: { path: string; field: string; before: unknown; after: unknown; note: string }[];
}

const PROCEDURE_PATHS = /^(procedures\.(riskElimination|countySpotCheckShare|monitoringEntryDays)|exitStandards\.countyCentralSpotCheckShare)/;

export async function targetChanges(db: Db, scope: PlaceScope, place: string, year: number, before: readonly PolicyRecord[], after: readonly PolicyRecord[]): Promise<TargetChanges> {
  const access = { scope, pairedCadreId: null };
  const options = { place, year };
  const [capBefore, capAfter] = [await monitoringCapReport(db, access, options, before), await monitoringCapReport(db, access, options, after)];
  const capCounties = capAfter.counties.flatMap((a) => {
    const b = capBefore.counties.find((c) => c.code === a.code)!;
    return b.reason === a.reason ? [] : [{ code: a.code, name: a.name, overBefore: b.over, overAfter: a.over, before: b.reason, after: a.reason }];
  });
  const [indBefore, indAfter] = [await industryIncomeReport(db, access, options, before), await industryIncomeReport(db, access, options, after)];
  const none = '不适用（未设产业增收目标）';
  const nos = new Set([...indBefore.households, ...indAfter.households].map((h) => h.householdNo));
  const industryHouseholds = [...nos].sort().flatMap((no) => {
    const b = indBefore.households.find((h) => h.householdNo === no);
    const a = indAfter.households.find((h) => h.householdNo === no);
    const before = b?.reason ?? none;
    const after = a?.reason ?? none;
    const h = (a ?? b)!;
    return before === after ? [] : [{ householdNo: no, headName: h.headName, villageCode: h.villageCode, before, after }];
  });
  const codes = new Set([...indBefore.byPlace, ...indAfter.byPlace].map((p) => p.code));
  const industryPlaces = [...codes].sort().flatMap((code) => {
    const b = indBefore.byPlace.find((p) => p.code === code);
    const a = indAfter.byPlace.find((p) => p.code === code);
    const row = { code, name: (a ?? b)!.name, supportedBefore: b?.supported ?? 0, supportedAfter: a?.supported ?? 0, meetingBefore: b?.meeting ?? 0, meetingAfter: a?.meeting ?? 0 };
    return row.supportedBefore === row.supportedAfter && row.meetingBefore === row.meetingAfter ? [] : [row];
  });
  const rulesBefore = resolvePolicy(before, place, year).rules;
  const rulesAfter = resolvePolicy(after, place, year).rules;
  const procedureSettings = diffRules({ procedures: rulesBefore.procedures, exitStandards: rulesBefore.exitStandards }, { procedures: rulesAfter.procedures, exitStandards: rulesAfter.exitStandards })
    .filter((d) => PROCEDURE_PATHS.test(d.path))
    .map((d) => ({ path: d.path, field: d.field, before: d.a, after: d.b, note: '适用于启用后发起的程序和抽查，不改变已办结的案件' }));
  const central = procedureSettings.find((s) => s.path === 'exitStandards.countyCentralSpotCheckShare');
  if (central) {
    // The places it changes: per province, how many of the counties declared exited the year before the centre would re-check.
    const provinces = await recheckSampleChanges(db, scope, place, year, rulesBefore.exitStandards.countyCentralSpotCheckShare, rulesAfter.exitStandards.countyCentralSpotCheckShare);
    const counts = provinces.map((p) => `${p.name}${year - 1} 年摘帽 ${p.exited} 个县，抽查由 ${p.before} 个变为 ${p.after} 个`).join('；');
    central.note = `${central.note}。${counts || `${year - 1} 年摘帽的县抽查个数不变`}`;
  }
  return { capCounties, industryHouseholds, industryPlaces, procedureSettings };
}
