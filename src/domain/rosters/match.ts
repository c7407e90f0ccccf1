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

/** One data row through the mapping: the row, or its problems (each naming row, column and value). */
export function parseRosterRow(index: ReadonlyMap<RosterField, number>, headers: readonly string[], rowNo: number, cells: readonly (string | null)[], ctx: RowContext): { row: RosterRow } | { problems: RosterRowProblem[] } {
  const problems: RosterRowProblem[] = [];
  const cell = (f: RosterField) => {
    const i = index.get(f);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const refuse = (f: RosterField, value: string, why: string) => {
    const column = headers[index.get(f)!]?.trim() || fieldSpec(f).label;
    problems.push({ row: rowNo, field: column, value, message: `第 ${rowNo} 行「${column}」列的值「${value}」${why}` });
  };
  const rawId = cell('idNumber');
  const id = parseIdNumber(rawId, ctx.today);
  if (!id.ok) refuse('idNumber', rawId, `不是有效的身份证号：${id.reason}`);
  const fields: RosterRow['fields'] = {};
  const place = cell('placeCode');
  if (place) {
    if (!/^\d{6,12}$/.test(place)) refuse('placeCode', place, '不是行政区划代码（6 至 12 位数字）');
    else if (!(place.startsWith(ctx.place) || ctx.place.startsWith(place))) refuse('placeCode', place, `不在本次上传的范围（${ctx.place}）内`);
    else fields.placeCode = place;
  }
  const status = cell('status');
  if (status) {
    const code = codeOf(householdStatus, status);
    if (!code) refuse('status', status, `不是户类型，应为：${allowedLabels(householdStatus)}`);
    else fields.status = code;
  }
  const category = cell('monitorCategory');
  if (category) {
    const code = codeOf(monitorCategory, category);
    if (!code) refuse('monitorCategory', category, `不是监测对象类别，应为：${allowedLabels(monitorCategory)}`);
    else fields.monitorCategory = code;
  }
  const assistance = cell('assistance');
  if (assistance) {
    const code = ASSISTANCE[assistance.replace(/\s+/g, '')];
    if (!code) refuse('assistance', assistance, '不是救助类型，应为：低保、特困、无');
    else fields.assistance = code;
  }
  const grade = cell('disabilityGrade');
  if (grade) {
    const g = GRADES[grade.replace(/\s+/g, '')];
    if (!g) refuse('disabilityGrade', '***', '不是残疾等级，应为 1 至 4 或 一级 至 四级');
    else fields.disabilityGrade = String(g);
  }
  if (problems.length || !id.ok) return { problems };
  return { row: { rowNo, idNumber: id.idNumber, name: cell('name') || null, fields } };
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

const assistanceOf = (attribute: string): Assistance => (attribute === 'dibao' || attribute === 'tekun' ? attribute : 'none');
const NOT_AT_RISK = new Set(['exited', 'risk_eliminated', 'not_poor']);

/** The fields on which the roster and the registry disagree. */
export function conflictsOf(row: RosterRow, facts: RegistryFacts): Conflict[] {
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
  return out;
}

/** A conflict as shown: health facts masked. */
export const maskedConflict = (c: Conflict): Conflict => (c.sensitive ? { ...c, registry: '***', roster: '***' } : c);
