/**
 * Factories that build a fresh place subtree per test (no shared fixtures, no truncation):
 * a county under the test province 99 with a code no other test has used on this database.
 */
import { sql } from 'kysely';
import type { Database } from '../../src/db/database';
import { completeIdNumber } from '../../src/domain/idNumber';

export interface TestPlaces {
  provinceCode: string;
  cityCode: string;
  countyCode: string;
  townshipCodes: string[];
  villageCodes: string[];
}

/** A new county 99xxxx with `townships` townships of `villages` villages each. */
export async function createPlaceTree(database: Database, townships = 2, villages = 2): Promise<TestPlaces> {
  const { db } = database;
  await sql`CREATE SEQUENCE IF NOT EXISTS test_county_seq`.execute(db);
  const n = Number((await sql<{ n: string }>`SELECT nextval('test_county_seq') AS n`.execute(db)).rows[0].n);
  const countyCode = '99' + String(n % 10000).padStart(4, '0');
  const cityCode = countyCode.slice(0, 4);
  const rows: { code: string; name: string; level: number; parent_code: string | null }[] = [
    { code: '99', name: '测试省', level: 1, parent_code: null },
    { code: cityCode, name: `测试市${cityCode}`, level: 2, parent_code: '99' },
    { code: countyCode, name: `测试县${countyCode}`, level: 3, parent_code: cityCode },
  ];
  const townshipCodes: string[] = [];
  const villageCodes: string[] = [];
  for (let t = 1; t <= townships; t++) {
    const tc = countyCode + String(100 + t).padStart(3, '0');
    townshipCodes.push(tc);
    rows.push({ code: tc, name: `测试${t}镇`, level: 4, parent_code: countyCode });
    for (let v = 1; v <= villages; v++) {
      const vc = tc + String(200 + v).padStart(3, '0');
      villageCodes.push(vc);
      rows.push({ code: vc, name: `测试${t}镇${v}村村委会`, level: 5, parent_code: tc });
    }
  }
  await db.deleteFrom('place').where('code', 'like', countyCode + '%').execute();
  await db.insertInto('place').values(rows).onConflict((oc) => oc.column('code').doNothing()).execute();
  return { provinceCode: '99', cityCode, countyCode, townshipCodes, villageCodes };
}

/** A valid 18-digit ID number in the given county: birth date and a serial, odd for men. */
export function idNumberFor(countyCode: string, birth: string, serial: number, sex: 'M' | 'F' = 'M'): string {
  let seq = serial % 500;
  const last = sex === 'M' ? 2 * seq + 1 : 2 * seq;
  return completeIdNumber(countyCode + birth.replace(/-/g, '') + String(last % 1000).padStart(3, '0'));
}
