/**
 * A hand-counted registry for the report tests: one county of two townships with two villages
 * each, households with known members, causes and status histories.
 *
 *   T1V1  A poor, 因病, 2 persons           (2016 poor)
 *   T1V1  B poor, 因残, 3 persons           (2016 poor)
 *   T1V1  C exited 2018, 因病, 2 persons    (2016 poor, 2018 exited)
 *   T1V2  D returned 2019, 因学, 4 persons  (2016 poor, 2017 exited, 2019 returned)
 *   T2V1  E poor, 因病, 1 person            (2017 poor)
 *   T2V1  F poor, no cause, 2 persons       (2016 poor)
 *
 * End of 2019, remaining poor (未脱贫 + 返贫): 5 households, 12 persons —
 * 因病 A+E 2 households 3 persons, 因残 B 1/3, 因学 D 1/4, unrecorded F 1/2.
 * End of 2017: A, B, C, E, F remaining — 因病 3 households 5 persons, 因残 1/3, unrecorded 1/2; D exited that year.
 */
import type { Database } from '../../src/db/database';
import { createHousehold, createPlaceTree, type CreatedHousehold, type MemberSpec, type TestPlaces } from '../helpers/factory';

const people = (n: number): MemberSpec[] => Array.from({ length: n }, (_, i) => ({ relation: i === 0 ? 'head' : 'other' }));

export interface ReportFixture {
  places: TestPlaces;
  households: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', CreatedHousehold>;
}

export async function buildReportFixture(database: Database): Promise<ReportFixture> {
  const places = await createPlaceTree(database, 2, 2);
  const [t1v1, t1v2, t2v1] = [places.villageCodes[0], places.villageCodes[1], places.villageCodes[2]];
  const households = {
    A: await createHousehold(database, places, { villageCode: t1v1, mainCause: 'illness', members: people(2), history: [{ year: 2016, status: 'poor' }] }),
    B: await createHousehold(database, places, { villageCode: t1v1, mainCause: 'disability', members: people(3), history: [{ year: 2016, status: 'poor' }] }),
    C: await createHousehold(database, places, {
      villageCode: t1v1, mainCause: 'illness', status: 'exited', exitYear: 2018, members: people(2),
      history: [{ year: 2016, status: 'poor' }, { year: 2018, status: 'exited' }],
    }),
    D: await createHousehold(database, places, {
      villageCode: t1v2, mainCause: 'schooling', status: 'returned', members: people(4),
      history: [{ year: 2016, status: 'poor' }, { year: 2017, status: 'exited' }, { year: 2019, status: 'returned' }],
    }),
    E: await createHousehold(database, places, { villageCode: t2v1, mainCause: 'illness', members: people(1), history: [{ year: 2017, status: 'poor' }] }),
    F: await createHousehold(database, places, { villageCode: t2v1, mainCause: null, members: people(2), history: [{ year: 2016, status: 'poor' }] }),
  };
  return { places, households };
}
