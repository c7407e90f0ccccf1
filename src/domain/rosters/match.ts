/**
 * A roster row read, matched and compared (issue 25 item 6), as pure rules: the row's fields
 * checked (the ID number normalised and its check digit verified, the place inside the upload's
 * place, closed lists), the registry category a matched person's household falls in, and the
 * field-by-field conflicts between the roster and the registry.
 */
import { allowedLabels, codeOf, householdStatus, labelOf, monitorCategory } from '../enums';
import { parseIdNumber } from '../idNumber';
import { fieldSpec, type RosterField } from './fields';

export interface RosterRowProblem { row: number; field: string; value: string; message: string }

/** Assistance a roster may record: 低保, 特困 or none. */
export type Assistance = 'dibao' | 'tekun' | 'none';
const ASSISTANCE: Record<string, Assistance> = { 低保: 'dibao', 低保户: 'dibao', 农村低保: 'dibao', 特困: 'tekun', 特困供养: 'tekun', 特困人员: 'tekun', 五保: 'tekun', 无: 'none', 否: 'none' };
const ASSISTANCE_LABEL: Record<Assistance, string> = { dibao: '低保', tekun: '特困供养', none: '无' };
const GRADES: Record<string, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 一级: 1, 二级: 2, 三级: 3, 四级: 4 };

export interface RosterRow {
  rowNo: number;
  idNumber: string;
  name: string | null;
  /** The other mapped fields, as codes (status, monitorCategory, assistance) or text. */
  fields: Partial<Record<Exclude<RosterField, 'idNumber' | 'name'>, string>>;
}

export interface RowContext {
  /** The place the roster is uploaded for (a county or below). */
  place: string;
  today: Date;
}

/** The trimmed cell of a mapped field ('' when the field is not mapped). */
function cellOf(index: ReadonlyMap<RosterField, number>, cells: readonly (string | null)[], f: RosterField): string {
  const i = index.get(f);
  if (i === undefined) return '';
  const v = cells[i];
  return v ? v.trim() : '';
}

/** A problem naming the row, the file's column and the value. */
function refusal(index: ReadonlyMap<RosterField, number>, headers: readonly string[], rowNo: number, f: RosterField, value: string, why: string): RosterRowProblem {
  const column = headers[index.get(f)!]?.trim() || fieldSpec(f).label;
  return { row: rowNo, field: column, value, message: `第 ${rowNo} 行「${column}」列的值「${value}」${why}` };
}

/** The fields other than the ID number and name, checked: a code or text, or why not (no closures: this runs once per row of a million-row roster). */
function checkField(f: RosterField, text: string, ctx: RowContext): { value: string } | { why: string; shown?: string } {
  switch (f) {
    case 'placeCode':
      if (!/^\d{6,12}$/.test(text)) return { why: '不是行政区划代码（6 至 12 位数字）' };
      if (!(text.startsWith(ctx.place) || ctx.place.startsWith(text))) return { why: `不在本次上传的范围（${ctx.place}）内` };
      return { value: text };
    case 'status': {
      const code = codeOf(householdStatus, text);
      return code ? { value: code } : { why: `不是户类型，应为：${allowedLabels(householdStatus)}` };
    }
    case 'monitorCategory': {
      const code = codeOf(monitorCategory, text);
      return code ? { value: code } : { why: `不是监测对象类别，应为：${allowedLabels(monitorCategory)}` };
    }
    case 'assistance': {
      const code = ASSISTANCE[text] ?? ASSISTANCE[text.replace(/\s+/g, '')];
      return code ? { value: code } : { why: '不是救助类型，应为：低保、特困、无' };
    }
    default: {
      const g = GRADES[text] ?? GRADES[text.replace(/\s+/g, '')];
      return g ? { value: String(g) } : { why: '不是残疾等级，应为 1 至 4 或 一级 至 四级', shown: '***' };
    }
  }
}

/** The fields of a row that has none of the checked fields (shared: never written to). */
const NO_FIELDS: RosterRow['fields'] = Object.freeze({});

const CHECKED: readonly Exclude<RosterField, 'idNumber' | 'name'>[] = ['placeCode', 'status', 'monitorCategory', 'assistance', 'disabilityGrade'];

/** One data row through the mapping: the row, or its problems (each naming row, column and value). */
export function parseRosterRow(index: ReadonlyMap<RosterField, number>, headers: readonly string[], rowNo: number, cells: readonly (string | null)[], ctx: RowContext): { row: RosterRow } | { problems: RosterRowProblem[] } {
  let problems: RosterRowProblem[] | null = null;
  const rawId = cellOf(index, cells, 'idNumber');
  const id = parseIdNumber(rawId, ctx.today);
  if (!id.ok) problems = [refusal(index, headers, rowNo, 'idNumber', rawId, `不是有效的身份证号：${id.reason}`)];
  let fields: RosterRow['fields'] | null = null;
  for (let k = 0; k < CHECKED.length; k++) {
    const f = CHECKED[k];
    const text = cellOf(index, cells, f);
    if (text === '') continue;
    const checked = checkField(f, text, ctx);
    if ('value' in checked) (fields ??= {})[f] = checked.value;
    else (problems ??= []).push(refusal(index, headers, rowNo, f, checked.shown ?? text, checked.why));
  }
  if (problems || !id.ok) return { problems: problems ?? [] };
  return { row: { rowNo, idNumber: id.idNumber, name: cellOf(index, cells, 'name') || null, fields: fields ?? NO_FIELDS } };
}

/** What the registry holds on a matched person (and the household). */
export interface RegistryFacts {
  householdNo: string;
  villageCode: string;
  personName: string;
  status: string;
  monitorCategory: string | null;
  attribute: string;
  disabilityGrade: number | null;
}

/**
 * The registry as matching reads it: a person's facts by ID number. The facts of a county are
 * read as one text per person (fields joined by U+001F) and unpacked only when a row matches:
 * reading one column per person costs what the bare join's reading of the keys costs.
 */
export class PackedRegistry {
  constructor(private readonly packed: ReadonlyMap<string, string>) {}

  get size(): number {
    return this.packed.size;
  }

  get(id: string): RegistryFacts | undefined {
    const text = this.packed.get(id);
    return text === undefined ? undefined : unpackFacts(text);
  }
}

export const FACTS_SEPARATOR = '\u001f';

/** household_no, village_code, name, status, monitor_category, attribute, disability_grade ('' for none). */
export function unpackFacts(text: string): RegistryFacts {
  const f = text.split(FACTS_SEPARATOR);
  return { householdNo: f[0], villageCode: f[1], personName: f[2], status: f[3], monitorCategory: f[4] || null, attribute: f[5], disabilityGrade: f[6] ? Number(f[6]) : null };
}

/** Registry categories a roster row falls in; 'unmatched' when nobody in the place has the ID. */
export const ROSTER_CATEGORIES: Record<string, string> = {
  exited: '脱贫户', monitored: '监测对象', risk_eliminated: '风险已消除', poor: '未脱贫户', returned: '返贫户', not_poor: '一般农户（在册）', deregistered: '已注销',
  unmatched: '不在本地登记',
};

export const categoryOf = (facts: RegistryFacts | undefined): string => facts?.status ?? 'unmatched';

export interface Conflict {
  field: string;
  registry: string;
  roster: string;
  /** Why it matters, when it is more than a difference. */
  note?: string;
  /** The values are health facts: masked on every page and export. */
  sensitive?: boolean;
}

const NO_CONFLICTS: readonly Conflict[] = Object.freeze([]);

const assistanceOf = (attribute: string): Assistance => (attribute === 'dibao' || attribute === 'tekun' ? attribute : 'none');
const NOT_AT_RISK = new Set(['exited', 'risk_eliminated', 'not_poor']);

/** The fields on which the roster and the registry disagree. */
export function conflictsOf(row: RosterRow, facts: RegistryFacts): readonly Conflict[] {
  if (row.name === null && row.fields.status === undefined && row.fields.monitorCategory === undefined && row.fields.assistance === undefined && row.fields.disabilityGrade === undefined) return NO_CONFLICTS;
  const out: Conflict[] = [];
  if (row.name && row.name !== facts.personName) out.push({ field: '姓名', registry: facts.personName, roster: row.name });
  const f = row.fields;
  if (f.status && f.status !== facts.status) {
    out.push({ field: '户类型', registry: labelOf(householdStatus, facts.status), roster: labelOf(householdStatus, f.status) });
  }
  if (f.monitorCategory && f.monitorCategory !== facts.monitorCategory) {
    out.push({ field: '监测对象类别', registry: facts.monitorCategory ? labelOf(monitorCategory, facts.monitorCategory) : '（非监测对象）', roster: labelOf(monitorCategory, f.monitorCategory) });
  }
  if (f.assistance && f.assistance !== assistanceOf(facts.attribute)) {
    const onAssistance = f.assistance !== 'none';
    out.push({
      field: '救助类型', registry: ASSISTANCE_LABEL[assistanceOf(facts.attribute)], roster: ASSISTANCE_LABEL[f.assistance as Assistance],
      note: onAssistance && NOT_AT_RISK.has(facts.status) ? `在册为「${labelOf(householdStatus, facts.status)}」，名单显示新纳入${ASSISTANCE_LABEL[f.assistance as Assistance]}：应核实是否有返贫致贫风险` : undefined,
    });
  }
  if (f.disabilityGrade && Number(f.disabilityGrade) !== facts.disabilityGrade) {
    out.push({ field: '残疾等级', registry: facts.disabilityGrade ? String(facts.disabilityGrade) : '无', roster: f.disabilityGrade, sensitive: true });
  }
  return out.length ? out : NO_CONFLICTS;
}

/** A conflict as shown: health facts masked. */
export const maskedConflict = (c: Conflict): Conflict => (c.sensitive ? { ...c, registry: '***', roster: '***' } : c);
