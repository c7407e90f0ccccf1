/** A small registry in a fresh county for the registry tests: five households over four villages. */
import type { Database } from '../../src/db/database';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';

export interface SmallRegistry {
  places: TestPlaces;
  /** 王大明's household: village 1-1, poor, general, 因病, three members. */
  a: CreatedHousehold;
  /** 赵四: village 1-2, exited 2019, dibao, 因残 with 因病 among other causes. */
  b: CreatedHousehold;
  /** 王二: village 2-1, poor, tekun, 因学, one member. */
  c: CreatedHousehold;
  /** 钱五: village 2-2, monitored (marginal) since 2020, 因灾. */
  d: CreatedHousehold;
  /** 孙六: village 1-1, exited 2018, 缺技术, with a member named 王五. */
  e: CreatedHousehold;
}

export async function seedSmallRegistry(database: Database): Promise<SmallRegistry> {
  const places = await createPlaceTree(database, 2, 2);
  const [v11, v12, v21, v22] = places.villageCodes;
  const a = await createHousehold(database, places, {
    villageCode: v11,
    members: [
      { name: '王大明', relation: 'head', sex: 'M', birth: '1962-04-08' },
      { name: '李秀英', relation: 'spouse', sex: 'F', birth: '1964-09-21', columns: { health: 'chronic', phone: '13912345678' } },
      { name: '王小红', relation: 'daughter', sex: 'F', birth: '2008-02-14', columns: { schooling: 'junior' } },
    ],
    incomes: [
      { year: 2018, wages: 6000, transfer: 600 },
      { year: 2019, wages: 9000, productionNet: 1500, transfer: 1200, productionCost: 300 },
    ],
    history: [{ year: 2016, status: 'poor' }],
  });
  const b = await createHousehold(database, places, {
    villageCode: v12,
    attribute: 'dibao',
    status: 'exited',
    mainCause: 'disability',
    otherCauses: ['illness', 'labour'],
    exitYear: 2019,
    members: [{ name: '赵四', relation: 'head', sex: 'M', birth: '1958-01-30' }],
    history: [
      { year: 2016, status: 'poor' },
      { year: 2019, status: 'exited' },
    ],
    incomes: [{ year: 2019, wages: 3000, transfer: 2000 }],
  });
  const c = await createHousehold(database, places, {
    villageCode: v21,
    attribute: 'tekun',
    mainCause: 'schooling',
    members: [{ name: '王二', relation: 'head', sex: 'M', birth: '1970-07-07' }],
    history: [{ year: 2016, status: 'poor' }],
    incomes: [],
  });
  const d = await createHousehold(database, places, {
    villageCode: v22,
    status: 'monitored',
    monitorCategory: 'marginal',
    mainCause: 'disaster',
    identifiedYear: null,
    members: [
      { name: '钱五', relation: 'head', sex: 'M', birth: '1975-11-11' },
      { name: '周兰', relation: 'spouse', sex: 'F', birth: '1977-12-12' },
    ],
    history: [{ year: 2020, status: 'monitored', monitorCategory: 'marginal' }],
    incomes: [{ year: 2020, wages: 12000 }],
  });
  const e = await createHousehold(database, places, {
    villageCode: v11,
    status: 'exited',
    mainCause: 'skills',
    exitYear: 2018,
    members: [
      { name: '孙六', relation: 'head', sex: 'M', birth: '1966-06-06' },
      { name: '王五', relation: 'son', sex: 'M', birth: '1990-03-03' },
    ],
    history: [
      { year: 2016, status: 'poor' },
      { year: 2018, status: 'exited' },
    ],
  });
  return { places, a, b, c, d, e };
}
