/** Counts of households and persons by risk grade and by outcome, and the child level of a place. */
export const GRADES = ['red', 'yellow', 'green', 'undetermined'] as const;
export const OUTCOMES = ['meets', 'does_not_meet', 'undetermined'] as const;

export interface Count {
  households: number;
  persons: number;
}

export interface Tally {
  grades: Record<(typeof GRADES)[number], Count>;
  outcomes: Record<(typeof OUTCOMES)[number], Count>;
}

export interface TallyRow {
  risk_grade: string;
  outcome: string;
  households: number;
  persons: number;
}

const zero = (): Count => ({ households: 0, persons: 0 });

export function tally(rows: readonly TallyRow[]): Tally {
  const t: Tally = {
    grades: Object.fromEntries(GRADES.map((g) => [g, zero()])) as Tally['grades'],
    outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, zero()])) as Tally['outcomes'],
  };
  for (const r of rows) {
    const g = t.grades[r.risk_grade as keyof Tally['grades']];
    const o = t.outcomes[r.outcome as keyof Tally['outcomes']];
    if (g) {
      g.households += r.households;
      g.persons += r.persons;
    }
    if (o) {
      o.households += r.households;
      o.persons += r.persons;
    }
  }
  return t;
}

/** The code length of a place's children ('0' → provinces; a village has none: itself). */
export function childLengthOf(place: string): number {
  return ({ 1: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 } as Record<number, number>)[place.length] ?? 12;
}
