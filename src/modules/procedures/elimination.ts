/**
 * Risk elimination, re-marking and reverting as run from 2026. Elimination also needs the
 * household out of the monitoring range by the province's 收支核算口径 (合规自付 costs deducted:
 * rigid costs solved) and no open risk (the risk gone); the measures still under contract are
 * named in the reason, as they keep running to term. Re-marking a new risk and reverting an
 * elimination found wrong are procedures that need their reason written.
 */
import type { Db } from '../../db/database';
import { labelOf, monitorCategory as monitorCategories } from '../../domain/enums';
import { classifyHousehold, rangeFor } from '../../domain/prevention/kinds';
import type { PolicyRules } from '../../domain/policy/record';
import { badRequest } from '../../server/errors';
import { costsByItem, incomeItemsOf, runningMeasures } from './eliminationQueries';
import type { ProcedureHousehold } from './householdQueries';

/** Problems of the 2026 conditions (none where the rules carry no 防止返贫致贫 section). */
export async function preventionProblems(db: Db, h: ProcedureHousehold, rules: PolicyRules, year: number, riskReasons: { code: string; text: string }[]): Promise<string[]> {
  const problems = riskReasons.filter((r) => r.code === 'open_risk').map((r) => `风险尚未消除：${r.text}`);
  const p = rules.prevention;
  const range = p ? rangeFor(p, year) : null;
  if (!p || !range) return problems;
  const found = await incomeItemsOf(db, h.county_code, h.household_no, year);
  if (!found) return problems;
  const verdict = classifyHousehold(p, range, { formerlyPoor: h.identified_year !== null, size: found.size || h.size, income: found.income, costs: await costsByItem(db, h.county_code, h.household_no, year), previousPerCapita: null });
  if (verdict.kind) problems.push(`按收支核算口径仍在监测范围内（${year} 年）：${verdict.reason}`);
  return problems;
}

/** The measures that keep running after elimination, as a sentence ('' when none). */
export async function continuingMeasures(db: Db, h: ProcedureHousehold, today: string): Promise<string> {
  const running = await runningMeasures(db, h.county_code, h.household_no, today);
  if (!running.length) return '';
  return `；合同期内的帮扶措施继续执行至期满：${running.map((m) => `${m.label}${m.endedOn ? `（至 ${m.endedOn}）` : ''}`).join('、')}`;
}

const reasonOf = (what: string, reason: string | undefined) => {
  const text = reason?.trim();
  if (!text) throw badRequest(`${what}须写明原因（reason）`);
  return text;
};

export function checkedCategory(category: string | undefined): string {
  if (!category || !monitorCategories.entries.some((e) => e.code === category)) {
    throw badRequest(`监测对象类别（monitorCategory）应为 ${monitorCategories.entries.map((e) => `${e.code} ${e.label}`).join('、')} 之一，实为 ${JSON.stringify(category ?? null)}`);
  }
  return category;
}

export function remarkParams(reason: string | undefined, category: string | undefined) {
  const text = reasonOf('风险再标注', reason);
  const monitorCategory = checkedCategory(category);
  return { reason: `风险再标注为${labelOf(monitorCategories, monitorCategory)}：${text}`, monitorCategory };
}

export function revertParams(reason: string | undefined) {
  return { reason: `消除回退（撤销风险消除）：${reasonOf('消除回退', reason)}` };
}
