/**
 * The checklist's 事实来源 for 基本医疗 (签约, 慢病卡, 参保: the health ledgers' row over the
 * registry's field, as the assessment reads them) and for income (what 兜底保障 and 就业 ledgers
 * record for the members in the year: shown beside the income record, which the verdict reads;
 * POLICY §9: ledger checks list, they do not change §4's criteria).
 */
import { MEDICAL_FACTS, medicalFactOf } from '../../domain/ledgers/medicalFacts';
import { shapeOf, optionLabel } from '../../domain/ledgers/shapes';
import type { FactSource, HouseholdRecords } from './evaluate';

const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? '未登记' : v ? '是' : '否');

/** Per member: each health fact from its ledger row of `year`, or the registry's field. */
export function medicalSources(records: HouseholdRecords, year: number): FactSource[] {
  const asOf = `${year}-12-31`;
  const rows = records.memberLedgers ?? [];
  return records.persons
    .filter((p) => p.birth_date <= asOf)
    .flatMap((p) =>
      MEDICAL_FACTS.map((f): FactSource => {
        const fact = medicalFactOf(rows, p.id_number, year, f.column);
        if (fact) return { criterion: 'medical', member: p.name, source: 'ledger', ledger: shapeOf(f.kind)!.label, recordId: fact.row.id, year, fact: `${f.label}：${yesNo(fact.value)}` };
        return { criterion: 'medical', member: p.name, source: 'registry', ledger: null, recordId: null, year, fact: `${f.label}：${yesNo(p[f.column])}` };
      }),
    );
}

/** What the 兜底保障 and 就业 ledgers record as a member's income in `year` (one source per record). */
export const INCOME_LEDGERS: Readonly<Record<string, (d: Readonly<Record<string, unknown>>) => string>> = {
  employment_post: (d) => `${optionLabel(shapeOf('employment_post')!.fields[0], d.type)}“${d.post}” 月报酬 ${d.monthlyPay} 元，工资性收入`,
  employment_transfer: (d) => `转移就业 ${d.where} ${d.months} 个月，收入 ${d.income} 元，工资性收入`,
  employment_workshop: (d) => `扶贫车间“${d.workshop}” 月工资 ${d.monthlyPay} 元，工资性收入`,
  social_assistance: (d) => `${optionLabel(shapeOf('social_assistance')!.fields[0], d.type)} ${d.amount} 元（${d.startedOn} 起${d.endedOn ? `，${d.endedOn} 停保` : ''}），转移性收入`,
};

const ORDER = Object.keys(INCOME_LEDGERS);

export function incomeSources(records: HouseholdRecords, year: number): FactSource[] {
  const names = new Map(records.persons.map((p) => [p.id_number, p.name]));
  return (records.memberLedgers ?? [])
    .filter((r) => r.year === year && INCOME_LEDGERS[r.kind])
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.id - b.id)
    .map((r) => ({ criterion: 'income', member: names.get(r.id_number) ?? r.id_number, source: 'ledger', ledger: shapeOf(r.kind)!.label, recordId: r.id, year, fact: INCOME_LEDGERS[r.kind](r.data) }));
}
