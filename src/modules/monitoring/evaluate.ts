/**
 * One household through the pure rules for one year, from its registry rows: the reference the
 * bulk SQL must agree with, and the checklist a cadre explains to the family. "Its records of
 * that year": the income of that year (and the year before), the status the history gives for
 * that year, members born by the end of that year.
 */
import { assessHousehold } from '../../domain/assessment/assessHousehold';
import { fromRegistryRows, type HouseholdRow, type IncomeRow, type PersonRow } from '../../domain/assessment/fromRegistryRows';
import { gradeRisk, type RiskGrading } from '../../domain/assessment/gradeRisk';
import { suggestMonitoringCategory, type MonitoringSuggestion } from '../../domain/assessment/monitoringCategory';
import type { RiskEvent } from '../../domain/assessment/riskTypes';
import type { CriterionStatus, HouseholdAssessment, HouseholdFacts } from '../../domain/assessment/types';
import type { ResolvedPolicy } from '../../domain/policy/resolve';
import type { Criterion } from '../../domain/policy/rulesSchema';
import { schooling } from '../../domain/enums';
import { housingFromLedgers, RELOCATION_KIND, RENOVATION_KIND, schoolingFromStudent, type HousingLedgerRow } from '../../domain/ledgers/facts';
import { withMedicalFacts, type MedicalLedgerRow } from '../../domain/ledgers/medicalFacts';
import { encodeCriteria, encodeReasons } from './resultCodes';

export interface HouseholdRecordRow extends HouseholdRow {
  monitor_category: string | null;
  water_horizontal_m: number | null;
  water_vertical_m: number | null;
  open_risk_types: string[];
}

export interface PersonRecordRow extends PersonRow {
  birth_date: string;
  id_number?: string;
}

/** A member's row of the student register (学生名册), any school year. */
export interface StudentRecordRow {
  id: number;
  id_number: string;
  year: number;
  stage: string;
  status: string;
  school: string | null;
}

/** Where a member's fact came from: a ledger record, or the registry's own field. */
export interface FactSource {
  criterion: 'education' | 'housing' | 'medical' | 'income';
  /** The member the fact is about ('全户' for a household fact). */
  member: string;
  source: 'ledger' | 'registry';
  ledger: string | null;
  recordId: number | null;
  year: number;
  fact: string;
}

export interface StatusRecordRow {
  year: number;
  status: string;
  monitor_category: string | null;
}

export interface RiskEventRow {
  type: string;
  occurred_on: string;
  cost: number;
}

export interface HouseholdRecords {
  household: HouseholdRecordRow;
  persons: PersonRecordRow[];
  incomes: IncomeRow[];
  history: StatusRecordRow[];
  events: RiskEventRow[];
  /** The members' student-register rows (absent: none read). */
  students?: StudentRecordRow[];
  /** The household's 危房改造 and 易地扶贫搬迁 rows (absent: none read). */
  housing?: HousingLedgerRow[];
  /** The members' rows of the person ledgers of 健康, 兜底保障 and 就业 (absent: none read). */
  memberLedgers?: MedicalLedgerRow[];
}

/**
 * The status in `year`: the household's current status when no history record is later than
 * the year; otherwise the latest record up to the year, or 非贫困 before the first record.
 */
export function statusInYear(current: { status: string; monitor_category: string | null }, history: readonly StatusRecordRow[], year: number) {
  const last = Math.max(...history.map((h) => h.year));
  if (!history.length || last <= year) return { status: current.status, monitorCategory: current.monitor_category };
  const before = history.filter((h) => h.year <= year).sort((a, b) => b.year - a.year)[0];
  return before ? { status: before.status, monitorCategory: before.monitor_category } : { status: 'not_poor', monitorCategory: null };
}

export function factsForYear(records: HouseholdRecords, year: number): HouseholdFacts {
  const asOf = `${year}-12-31`;
  const h = records.household;
  const persons = records.persons
    .filter((p) => p.birth_date <= asOf)
    .map((p) => withMedicalFacts(withStudentFact(p, studentOf(records, p, year)), records.memberLedgers ?? [], year));
  const facts = fromRegistryRows(h, persons, records.incomes);
  const { status, monitorCategory } = statusInYear(h, records.history, year);
  const housing = housingFromLedgers(records.housing ?? [], year);
  return {
    ...facts,
    house: { ...facts.house, renovated: housing.renovated ?? facts.house.renovated, relocated: housing.relocated ?? facts.house.relocated },
    status,
    monitorCategory,
    exitYear: h.exit_year !== null && h.exit_year <= year ? h.exit_year : null,
    water: { ...facts.water, horizontalMetres: h.water_horizontal_m, verticalMetres: h.water_vertical_m },
  };
}

/** The register row of a member for the school year starting in `year`. */
function studentOf(records: HouseholdRecords, p: PersonRecordRow, year: number): StudentRecordRow | undefined {
  return p.id_number === undefined ? undefined : records.students?.find((s) => s.id_number === p.id_number && s.year === year);
}

/** The member with the register's schooling fact where it says one (as the SQL's coalesce). */
function withStudentFact(p: PersonRecordRow, student: StudentRecordRow | undefined): PersonRecordRow {
  const fact = student && schoolingFromStudent(student.stage, student.status);
  return fact ? { ...p, schooling: fact.schooling, home_schooling: fact.homeSchooling } : p;
}

/**
 * Where each member's education fact came from in `year`: the student register record (学生名册,
 * its id and what it says) or the registry's field (schooling).
 */
export function educationSources(records: HouseholdRecords, year: number): FactSource[] {
  const asOf = `${year}-12-31`;
  return records.persons
    .filter((p) => p.birth_date <= asOf)
    .map((p): FactSource => {
      const student = studentOf(records, p, year);
      const fact = student && schoolingFromStudent(student.stage, student.status);
      if (student && fact) {
        const text = `${schoolingLabel(fact.schooling)}${fact.homeSchooling ? '（送教上门）' : ''}${student.school ? `，${student.school}` : ''}`;
        return { criterion: 'education', member: p.name, source: 'ledger', ledger: '学生名册', recordId: student.id, year, fact: text };
      }
      return { criterion: 'education', member: p.name, source: 'registry', ledger: null, recordId: null, year, fact: p.schooling ? schoolingLabel(p.schooling) : '未登记' };
    });
}

/** Where the household's 危房改造 / 易地扶贫搬迁 facts came from in `year`: the ledger's latest record, or the registry. */
export function housingSources(records: HouseholdRecords, year: number): FactSource[] {
  const asOf = `${year}-12-31`;
  const h = records.household;
  const pick = (kind: string, ledger: string, date: (r: HousingLedgerRow) => string | null, done: string, registry: boolean | null): FactSource => {
    const own = (records.housing ?? []).filter((r) => r.kind === kind && r.year <= year).sort((a, b) => b.year - a.year || b.id - a.id);
    const met = own.find((r) => { const d = date(r); return d !== null && d <= asOf; });
    const shown = met ?? own[0];
    if (!shown) return { criterion: 'housing', member: '全户', source: 'registry', ledger: null, recordId: null, year, fact: `${ledger}：${registry === null ? '未登记' : registry ? '是' : '否'}` };
    return { criterion: 'housing', member: '全户', source: 'ledger', ledger, recordId: shown.id, year: shown.year, fact: met ? `${done}（${date(met)}）` : `未${done}` };
  };
  return [
    pick(RENOVATION_KIND, '危房改造', (r) => r.acceptedOn, '竣工验收', h.house_renovated),
    pick(RELOCATION_KIND, '易地扶贫搬迁', (r) => r.movedInOn, '搬迁入住', h.relocated),
  ];
}

const schoolingLabel = (code: string) => (code === 'college' ? '高校' : (schooling.entries.find((e) => e.code === code)?.label ?? code));

export interface HouseholdEvaluation {
  assessment: HouseholdAssessment;
  grading: RiskGrading;
  suggestion: MonitoringSuggestion | null;
  /** Members born by the end of the year. */
  persons: number;
}

export function evaluateHousehold(records: HouseholdRecords, policy: ResolvedPolicy, year: number): HouseholdEvaluation {
  const facts = factsForYear(records, year);
  const assessment = assessHousehold(facts, policy, { year });
  const events: RiskEvent[] = records.events.map((e) => ({ type: e.type as RiskEvent['type'], date: e.occurred_on, cost: Number(e.cost) }));
  const grading = gradeRisk({ assessment, events, openRiskTypes: records.household.open_risk_types }, policy.rules);
  const suggestion = suggestMonitoringCategory({ status: facts.status, exitYear: facts.exitYear }, grading, policy.rules);
  return { assessment, grading, suggestion, persons: facts.members.length };
}

/** What a stored result keeps: codes of statuses and reasons (the sentences are derived again on demand). */
export interface CompactResult {
  outcome: string;
  /** resultCodes.encodeCriteria */
  criteria: string;
  riskGrade: string;
  /** resultCodes.encodeReasons */
  riskReasons: number;
  suggestedCategory: string | null;
  perCapitaNet: number | null;
  persons: number;
}

export function compactResult(e: HouseholdEvaluation): CompactResult {
  return {
    outcome: e.assessment.outcome,
    criteria: encodeCriteria(Object.fromEntries(e.assessment.criteria.map((c) => [c.criterion, c.status])) as Record<Criterion, CriterionStatus>),
    riskGrade: e.grading.grade,
    riskReasons: encodeReasons(e.grading.reasons.map((r) => r.code)),
    suggestedCategory: e.suggestion?.category ?? null,
    perCapitaNet: e.assessment.income.perCapitaNet,
    persons: e.persons,
  };
}
