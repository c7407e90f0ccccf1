/**
 * Matching a roster row by row (pure, kept in memory): each data row is read through the
 * mapping, a repeated ID number is refused naming the row it repeats, and a good row is matched
 * to the registry facts of the place by its normalised ID number — the category it falls in and
 * its conflicts. The importer feeds it a file; the benchmark feeds it a million generated rows.
 */
import type { RosterField } from './fields';
import { categoryOf, conflictsOf, parseRosterRow, type Conflict, type RegistryFacts, type RosterRow, type RosterRowProblem, type RowContext } from './match';

/** A row as matched: one object per roster row (a million-row roster holds a million of them until written). */
export interface MatchedRow extends RosterRow { category: string; facts: RegistryFacts | undefined; conflicts: readonly Conflict[] }

export class RosterMatcher {
  readonly rows: MatchedRow[] = [];
  readonly problems: RosterRowProblem[] = [];
  matched = 0;
  withConflicts = 0;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly index: ReadonlyMap<RosterField, number>,
    private readonly headers: readonly string[],
    private readonly ctx: RowContext,
    private readonly registry: { get(id: string): RegistryFacts | undefined },
  ) {}

  add(rowNo: number, cells: readonly (string | null)[]): void {
    const parsed = parseRosterRow(this.index, this.headers, rowNo, cells, this.ctx);
    if ('problems' in parsed) {
      for (const p of parsed.problems) this.problems.push(p);
      return;
    }
    const row = parsed.row;
    const earlier = this.seen.get(row.idNumber);
    if (earlier !== undefined) {
      const column = this.headers[this.index.get('idNumber')!];
      this.problems.push({ row: rowNo, field: column, value: row.idNumber, message: `第 ${rowNo} 行「${column}」列的身份证号与第 ${earlier} 行重复（同一号码的不同写法按同一人计）` });
      return;
    }
    this.seen.set(row.idNumber, rowNo);
    const facts = this.registry.get(row.idNumber);
    const conflicts = facts ? conflictsOf(row, facts) : [];
    if (facts) this.matched++;
    if (conflicts.length) this.withConflicts++;
    this.rows.push({ rowNo: row.rowNo, idNumber: row.idNumber, name: row.name, fields: row.fields, category: categoryOf(facts), facts, conflicts });
  }
}
