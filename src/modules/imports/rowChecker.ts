/**
 * Checks each row of a registry sheet as it streams past and turns a valid row into one line of
 * COPY text for the staging table. Within the file it also checks what needs memory of earlier
 * rows: a household's columns are the same on all its rows, one head per household, an ID
 * number in one household only.
 */
import { parseIdNumber } from '../../domain/idNumber';
import { restoreNeutralised } from '../../domain/spreadsheetSafe';
import { columnByKey, HOUSEHOLD_COLUMNS, PERSON_COLUMNS, PLACE_NAME_KEYS, type ColumnSpec, type HeaderLayout } from './columns';
import { CELL_TEXT, COPY_NULL, CellProblem, columnReader, detach, lostPrecision, readCell, type CellReader } from './cells';
import { TextStore } from './copyBuffer';
import { IdNumberSet } from './idNumberSet';
import { EXAMPLE_ROW_MESSAGE, isExampleRow } from './example';
import type { ProblemList } from './problems';
import type { SheetRow } from '../../spreadsheet';

interface HouseholdSeen {
  /** Position in RowChecker.list. */
  index: number;
  no: string;
  firstRow: number;
  /** The household's trimmed cells joined by \u001f, to compare later rows with (a handle in RowChecker.signatures). */
  signature: number;
  valid: boolean;
  /** COPY text of the household columns until one valid row carries it into staging. */
  part: string | null;
  headRow: number;
  headNameGiven: string;
}

const SEPARATOR = '\u001f';
const HOUSEHOLD_NULLS = HOUSEHOLD_COLUMNS.map(() => COPY_NULL).join('\t');
const idColumn = columnByKey('id_number');
const noColumn = columnByKey('household_no');
const at = (key: string) => HOUSEHOLD_COLUMNS.findIndex((c) => c.key === key);
const STATUS = at('status');
const MONITOR = at('monitor_category');
const VILLAGE_CODE = at('village_code');
const HEAD_NAME = at('head_name');
const INCOME_YEAR = at('income_year');
const PLACE_NAMES = PLACE_NAME_KEYS.map(at);
const EVENT_TYPE = at('event_type');
const EVENT_DATE = at('event_date');
const EVENT_COST = at('event_cost');
const INCOME_AMOUNTS = HOUSEHOLD_COLUMNS.flatMap((c, i) => (c.level === 'income' && c.kind === 'money' ? [i] : []));
const RELATION = PERSON_COLUMNS.findIndex((c) => c.key === 'relation');
const NAME = PERSON_COLUMNS.findIndex((c) => c.key === 'name');

export class RowChecker {
  readonly households = new Map<string, HouseholdSeen>();
  private readonly list: HouseholdSeen[] = [];
  /** ID number → index of its household, for duplicates within the file. */
  private readonly ids: IdNumberSet;
  private readonly signatures = new TextStore('utf16le');
  private readonly householdAt: Int32Array;
  private readonly personAt: Int32Array;
  private readonly noAt: number;
  private readonly idAt: number;
  private readonly current: string[];
  private readonly householdReaders: CellReader[] = HOUSEHOLD_COLUMNS.map(columnReader);
  private readonly personReaders: CellReader[] = PERSON_COLUMNS.map(columnReader);
  private previous: HouseholdSeen | null = null;
  private previousCells: string[] = [];
  /** The staging line being built: row, carrier, household number, ID, sex, birth date, person columns, household part. */
  private readonly line: string[] = new Array(7 + PERSON_COLUMNS.length).fill('');
  rows = 0;
  staged = 0;

  constructor(
    layout: HeaderLayout,
    private readonly problems: ProblemList,
    private readonly today: Date = new Date(),
    /** About how many rows to expect (sizes the ID number table; capped at 4 million). */
    rowsHint = 0,
    /** Whether a household may leave 收入年度 empty (the import was given the business year). */
    private readonly blankIncomeYearAllowed = true,
  ) {
    this.ids = new IdNumberSet(Math.min(Math.max(rowsHint, 1 << 16), 1 << 22));
    const position = (c: ColumnSpec) => layout.positions.get(c) ?? -1;
    this.householdAt = Int32Array.from(HOUSEHOLD_COLUMNS.map(position));
    this.personAt = Int32Array.from(PERSON_COLUMNS.map(position));
    this.noAt = position(noColumn);
    this.idAt = position(idColumn);
    this.current = HOUSEHOLD_COLUMNS.map(() => '');
  }

  /** One data row: its COPY line when valid, otherwise null with its problems recorded. */
  check(row: SheetRow): string | null {
    const fields = this.checkFields(row);
    return fields === null ? null : fields.join('\t') + '\n';
  }

  /**
   * One data row: the fields of its staging line when valid (an array reused for the next row:
   * row, carrier 't'/'f', household number, ID number, sex, birth date, the person columns, then
   * the household columns as one COPY text on the household's first valid row), otherwise null.
   */
  checkFields(row: SheetRow): readonly string[] | null {
    const { cells } = row;
    const rawNo = cellText(cells, this.noAt);
    if (rawNo === '' && cells.every((c) => c.trim() === '')) return null;
    this.rows++;
    if (isExampleRow(rawNo, cellText(cells, this.idAt))) {
      this.problems.add(row.row, noColumn.header, rawNo, EXAMPLE_ROW_MESSAGE);
      return null;
    }
    let household: HouseholdSeen | null = null;
    if (rawNo === '') {
      this.problems.add(row.row, noColumn.header, '', '户编号不能为空');
    } else if (this.previous !== null && rawNo === this.previous.no && kindAt(row, this.noAt) === CELL_TEXT) {
      // The household of the row before (its number read and checked then): the common case.
      household = this.householdOf(row, this.previous.no);
    } else {
      const no = readCell(noColumn, rawNo, kindAt(row, this.noAt));
      if (no instanceof CellProblem) this.problems.add(row.row, noColumn.header, rawNo, no.message);
      else household = this.householdOf(row, this.previous !== null && this.previous.no === no ? this.previous.no : detach(no));
    }
    const personOk = this.person(row, household);
    if (!personOk || household === null || !household.valid || this.previous !== household) return null;
    const line = this.line;
    line[0] = String(row.row);
    line[2] = household.no;
    if (household.part !== null) {
      line[1] = 't';
      line[line.length - 1] = household.part;
      household.part = null;
    } else {
      line[1] = 'f';
      line[line.length - 1] = HOUSEHOLD_NULLS;
    }
    this.staged++;
    return line;
  }

  /** The household of a row; `previous` is left pointing at it only when this row agrees with its first row. */
  private householdOf(row: SheetRow, no: string): HouseholdSeen {
    const { cells } = row;
    const current = this.current;
    for (let i = 0; i < current.length; i++) {
      const p = this.householdAt[i];
      current[i] = cellText(cells, p);
    }
    let seen = this.previous !== null && this.previous.no === no ? this.previous : this.households.get(no);
    if (seen === undefined) {
      seen = this.newHousehold(row, no, current);
      this.households.set(no, seen);
      this.list.push(seen);
      this.previousCells = current.slice();
      this.previous = seen;
      return seen;
    }
    const first = seen === this.previous ? this.previousCells : this.signatures.text(seen.signature).split(SEPARATOR);
    let same = true;
    for (let i = 0; i < current.length; i++) {
      if (current[i] !== first[i]) {
        same = false;
        const header = HOUSEHOLD_COLUMNS[i].header;
        this.problems.add(
          row.row,
          header,
          current[i],
          `与户 ${no} 第${seen.firstRow}行的“${header}”（${first[i] || '空'}）不一致：同一户的户级信息在每一行必须相同`,
        );
      }
    }
    if (same && seen !== this.previous) {
      this.previousCells = first;
      this.previous = seen;
    } else if (!same) {
      this.previous = null;
    }
    return seen;
  }

  /** Records a problem of a household column on the household's first row; false (the household is not valid). */
  private householdProblem(row: SheetRow, current: string[], i: number, message: string): false {
    this.problems.add(row.row, HOUSEHOLD_COLUMNS[i].header, current[i], message);
    return false;
  }

  private newHousehold(row: SheetRow, no: string, current: string[]): HouseholdSeen {
    const parts: string[] = [];
    let valid = true;
    for (let i = 0; i < current.length; i++) {
      const column = HOUSEHOLD_COLUMNS[i];
      const text = current[i];
      if (text === '') {
        if (column.required) valid = this.householdProblem(row, current, i, `${column.header}不能为空`);
        parts.push(COPY_NULL);
        continue;
      }
      const value = this.householdReaders[i](text, kindAt(row, this.householdAt[i]));
      if (value instanceof CellProblem) {
        valid = this.householdProblem(row, current, i, value.message);
        parts.push(COPY_NULL);
      } else parts.push(value);
    }
    if (parts[STATUS] === 'monitored' && current[MONITOR] === '') valid = this.householdProblem(row, current, MONITOR, '户状态为“监测对象”时须填写监测对象类别');
    if (current[VILLAGE_CODE] === '' && PLACE_NAMES.some((i) => current[i] === '')) {
      valid = this.householdProblem(row, current, VILLAGE_CODE, '村代码为空时须填写省、市、县、乡镇、村的名称');
    }
    if (current[INCOME_YEAR] === '' && INCOME_AMOUNTS.some((i) => current[i] !== '')) valid = this.householdProblem(row, current, INCOME_YEAR, '填写了收入时须同时填写收入年度');
    else if (current[INCOME_YEAR] === '' && !this.blankIncomeYearAllowed) valid = this.householdProblem(row, current, INCOME_YEAR, '收入年度为空：请填写，或在导入时给出业务年度');
    if (current[EVENT_COST] !== '' || current[EVENT_TYPE] !== '' || current[EVENT_DATE] !== '') {
      if (current[EVENT_TYPE] === '') valid = this.householdProblem(row, current, EVENT_TYPE, '填写了风险事件时须同时填写风险事件类型');
      if (current[EVENT_DATE] === '') valid = this.householdProblem(row, current, EVENT_DATE, '填写了风险事件时须同时填写风险发生日期');
    }
    if (parts[EVENT_DATE] !== COPY_NULL && parts[EVENT_DATE] > this.today.toISOString().slice(0, 10)) valid = this.householdProblem(row, current, EVENT_DATE, '风险发生日期晚于今天');
    if (parts[EVENT_COST] !== COPY_NULL && Number(parts[EVENT_COST]) < 0) valid = this.householdProblem(row, current, EVENT_COST, '风险刚性支出不能为负数');
    return {
      index: this.list.length,
      no,
      firstRow: row.row,
      signature: this.signatures.add(current.join(SEPARATOR)),
      valid,
      part: parts.join('\t'),
      headRow: 0,
      headNameGiven: detach(current[HEAD_NAME]),
    };
  }

  /** Fill the person columns of `line` (ID number, sex, birth date, then PERSON_COLUMNS); false when the row has errors. */
  private person(row: SheetRow, household: HouseholdSeen | null): boolean {
    const { cells } = row;
    const line = this.line;
    let ok = true;
    const idText = cellText(cells, this.idAt);
    if (idText === '') {
      ok = false;
      this.problems.add(row.row, idColumn.header, '', '证件号码不能为空');
    } else if (lostPrecision(idText, kindAt(row, this.idAt))) {
      ok = false;
      this.problems.add(row.row, idColumn.header, idText, '证件号码被 Excel 存成了数字，后几位已丢失（精度只有15位）；请把该列设为“文本”格式后重新填写');
    } else {
      const id = parseIdNumber(idText, this.today);
      if (!id.ok) {
        ok = false;
        this.problems.add(row.row, idColumn.header, idText, id.reason);
      } else {
        line[3] = id.idNumber;
        line[4] = id.sex;
        line[5] = id.birthDate;
        if (household !== null) ok = this.uniqueId(row.row, id.idNumber, household) && ok;
      }
    }
    let relation = '';
    let name = '';
    for (let i = 0; i < PERSON_COLUMNS.length; i++) {
      const column = PERSON_COLUMNS[i];
      const p = this.personAt[i];
      const text = cellText(cells, p);
      let value: string;
      if (text === '') {
        if (column.required) {
          ok = false;
          this.problems.add(row.row, column.header, '', `${column.header}不能为空`);
        }
        value = COPY_NULL;
      } else {
        const read = this.personReaders[i](text, kindAt(row, p));
        if (read instanceof CellProblem) {
          ok = false;
          this.problems.add(row.row, column.header, text, read.message);
          value = COPY_NULL;
        } else value = read;
      }
      if (i === RELATION) relation = value;
      else if (i === NAME) name = text;
      line[6 + i] = value;
    }
    if (relation === 'head' && household !== null) ok = this.head(row.row, household, name) && ok;
    return ok;
  }

  private uniqueId(row: number, id: string, household: HouseholdSeen): boolean {
    const first = this.ids.claim(id, household.index);
    if (first === -1) return true;
    const owner = this.list[first];
    const message =
      owner === household
        ? `证件号码 ${id} 在户 ${household.no} 中重复出现`
        : `证件号码 ${id} 已出现在本文件的户 ${owner.no} 中，本行属于户 ${household.no}：一人只能属于一户`;
    this.problems.add(row, idColumn.header, id, message);
    return false;
  }

  private head(row: number, household: HouseholdSeen, name: string): boolean {
    if (household.headRow !== 0 && household.headRow !== row) {
      this.problems.add(row, '与户主关系', '户主', `户 ${household.no} 已有户主（第${household.headRow}行），一户只能有一个户主`);
      return false;
    }
    household.headRow = row;
    if (household.headNameGiven !== '' && household.headNameGiven !== name) {
      this.problems.add(row, '户主姓名', household.headNameGiven, `户主姓名“${household.headNameGiven}”与关系为户主的成员“${name}”不一致`);
      return false;
    }
    return true;
  }
}

/**
 * The trimmed text of a cell; the ' that our exports put before text starting like a formula
 * (= + - @) is taken off again, so that an exported file imports unchanged.
 */
function cellText(cells: string[], position: number): string {
  if (position < 0 || position >= cells.length) return '';
  let text = cells[position];
  if (text.length === 0) return text;
  // Most cells have nothing to trim: look at both ends before calling trim().
  if (mayBeSpace(text.charCodeAt(0)) || mayBeSpace(text.charCodeAt(text.length - 1))) text = text.trim();
  return text.charCodeAt(0) === 39 ? restoreNeutralised(text) : text;
}

/** True for every character String.prototype.trim() removes (and a few more, which only cost a trim() call). */
function mayBeSpace(c: number): boolean {
  return c <= 32 || (c >= 0x7f && c <= 0xa0) || c === 0x1680 || (c >= 0x2000 && c <= 0x205f) || c === 0x3000 || c === 0xfeff;
}

function kindAt(row: SheetRow, position: number): number {
  return row.kinds === null || position < 0 ? CELL_TEXT : (row.kinds[position] ?? CELL_TEXT);
}
