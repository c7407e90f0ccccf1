import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Database } from '../../src/db/database';
import { importRegistry } from '../../src/modules/imports/service';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { registryRows, tempDir, writeCsv, writeXlsx, type Row } from './files';

async function registryOf(database: Database, countyCode: string) {
  const households = await database.db.selectFrom('household').selectAll().where('county_code', '=', countyCode).orderBy('household_no').execute();
  const persons = await database.db.selectFrom('person').selectAll().where('county_code', '=', countyCode).orderBy('id_number').execute();
  const incomes = await database.db.selectFrom('household_income').selectAll().where('county_code', '=', countyCode).orderBy('household_no').execute();
  const history = await database.db.selectFrom('household_status_history').selectAll().where('county_code', '=', countyCode).orderBy('household_no').execute();
  return { households, persons, incomes, history };
}

describe.each(testDatabases)('registry import on $name', ({ open }) => {
  let database: Database;
  const dir = tempDir();
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a CSV: households, persons with sex and birth from the ID, income and status history', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 4, 3);
    const path = writeCsv(dir, `happy-${places.countyCode}.csv`, rows);
    const report = await importRegistry(database, { path, fileName: 'happy.csv' }, { statusYear: 2019 });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ ok: true, rows: 12, households: { added: 4, updated: 0, unchanged: 0 }, persons: { added: 12, updated: 0, unchanged: 0 } });
    const { households, persons, incomes, history } = await registryOf(database, places.countyCode);
    expect(households).toHaveLength(4);
    const first = households[0];
    expect(first).toMatchObject({
      household_no: places.countyCode + '000001',
      village_code: places.villageCodes[0],
      township_code: places.villageCodes[0].slice(0, 9),
      head_name: '户主1',
      attribute: 'dibao',
      status: 'poor',
      main_cause: 'illness',
      other_causes: ['capital', 'labour'],
      size: 3,
    });
    expect(first.head_id_number).toBe(rows[0]['证件号码']);
    expect(persons).toHaveLength(12);
    const spouse = persons.find((p) => p.id_number === rows[1]['证件号码'])!;
    expect(spouse).toMatchObject({ name: '成员1-1', sex: 'F', relation: 'spouse', ethnicity: '01', insured_basic: true, household_no: first.household_no });
    expect(spouse.birth_date).toBe(`1962-02-${String(rows[1]['证件号码']).slice(12, 14)}`);
    expect(incomes).toHaveLength(4);
    expect(incomes[0]).toMatchObject({ year: 2019, wages: 9000, transfer: 1200, production_cost: 600, household_size: 3, per_capita_net: 3200 });
    expect(history.map((h) => [h.household_no, h.year, h.status])).toEqual(households.map((h) => [h.household_no, 2019, 'poor']));
  });

  it('imports the same registry from .xlsx', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 3, 2);
    const path = await writeXlsx(dir, `happy-${places.countyCode}.xlsx`, rows);
    const report = await importRegistry(database, { path, fileName: 'happy.xlsx' });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ ok: true, format: 'xlsx', rows: 6, households: { added: 3 }, persons: { added: 6 } });
    const { persons, incomes } = await registryOf(database, places.countyCode);
    expect(persons.map((p) => p.id_number).sort()).toEqual(rows.map((r) => r['证件号码']).sort());
    expect(incomes[0].per_capita_net).toBe((9000 + 1200 - 600) / 2);
  });
});

export type { Row, TestPlaces };
