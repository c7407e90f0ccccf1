/**
 * Registry rows for the e2e journey in a fresh test place tree: households of varied status,
 * attribute and cause with realistic names, members, status history and income, made with
 * the shared `createHousehold` factory so the list, the filters and the card show real data.
 */
import type { Database } from '../../src/db/database';
import { createHousehold, type CreatedHousehold, type HouseholdSpec, type MemberSpec, type TestPlaces } from '../helpers/factory';

export interface SeedHousehold extends CreatedHousehold {
  status: string;
}

const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const MEN = ['建国', '德福', '志强', '保山', '永胜', '春生', '国庆', '长青', '红军', '金柱'];
const WOMEN = ['秀英', '桂兰', '玉梅', '凤芝', '淑珍', '春花', '翠萍', '素芳'];
const SONS = ['小明', '浩然', '子轩', '宇航'];
const DAUGHTERS = ['欣怡', '梓涵', '雨桐', '佳琪'];
const STATUSES = ['poor', 'poor', 'exited', 'poor', 'monitored', 'exited', 'returned', 'poor'];
const ATTRIBUTES = ['general', 'general', 'dibao', 'general', 'tekun', 'dibao'];
const CAUSES = ['illness', 'disability', 'illness', 'labour', 'skills', 'schooling', 'capital', 'illness', 'disaster'];

function membersOf(i: number): MemberSpec[] {
  const surname = SURNAMES[i % SURNAMES.length];
  const size = 1 + (i % 4);
  const members: MemberSpec[] = [
    {
      name: surname + MEN[(i * 3) % MEN.length],
      relation: 'head',
      sex: 'M',
      columns: { education: 'primary', health: i % 3 === 0 ? 'serious' : 'chronic', labour: 'weak', work_status: 'farming', insured_basic: true, insured_serious: true, insured_pension: true, family_doctor: true, chronic_card: i % 3 !== 0 },
    },
  ];
  const adult = { education: 'junior', health: 'healthy', labour: 'ordinary', work_status: 'in_county', insured_basic: true, insured_serious: true, insured_pension: true, family_doctor: true };
  const pupil = { education: 'primary', schooling: 'junior', health: 'healthy', labour: 'none', work_status: 'none', insured_basic: true, insured_serious: true, family_doctor: true };
  if (size >= 2) members.push({ name: SURNAMES[(i + 5) % SURNAMES.length] + WOMEN[i % WOMEN.length], relation: 'spouse', sex: 'F', columns: adult });
  if (size >= 3) members.push({ name: surname + SONS[i % SONS.length], relation: 'son', sex: 'M', birth: `20${10 + (i % 6)}-0${1 + (i % 9)}-2${i % 8}`, columns: pupil });
  if (size >= 4) members.push({ name: surname + DAUGHTERS[i % DAUGHTERS.length], relation: 'daughter', sex: 'F', birth: `20${10 + (i % 6)}-1${i % 3}-0${1 + (i % 9)}`, columns: pupil });
  return members;
}

function specOf(places: TestPlaces, i: number): HouseholdSpec {
  const status = STATUSES[i % STATUSES.length];
  const exitYear = status === 'exited' ? 2018 + (i % 2) : null;
  return {
    villageCode: places.villageCodes[i % places.villageCodes.length],
    status,
    attribute: ATTRIBUTES[i % ATTRIBUTES.length],
    mainCause: CAUSES[i % CAUSES.length],
    otherCauses: i % 3 === 0 ? ['skills'] : [],
    monitorCategory: status === 'monitored' ? 'marginal' : null,
    exitYear,
    phone: `1380371${String(1000 + i).slice(-4)}`,
    members: membersOf(i),
    history: [2016, 2017, 2018, 2019].map((year) => ({
      year,
      status: exitYear !== null && year >= exitYear ? 'exited' : year < 2019 || status === 'exited' ? 'poor' : status,
      monitorCategory: year === 2019 && status === 'monitored' ? 'marginal' : null,
      reason: year === 2016 ? '精准识别建档立卡' : year === exitYear ? '达到脱贫标准，经民主评议、公示后退出' : null,
    })),
    incomes: [2018, 2019].map((year) => ({ year, wages: 5200 + 900 * (i % 7) + (year - 2018) * 1500, productionNet: 2400, property: 300, transfer: 1800, productionCost: 800 })),
    columns: {
      planned_exit_year: 2020,
      food_secure: true,
      clothing_secure: true,
      house_grade: i % 5 === 0 ? 'C' : 'B',
      house_renovated: i % 5 === 0,
      relocated: false,
      water_lpd: 60,
      water_quality_ok: true,
      water_trip_minutes: 0,
      water_piped: true,
      water_outage_days: 3,
      water_scarce_area: false,
    },
  };
}

const TOWNSHIPS = ['城关镇', '李集乡', '马头镇', '太平乡'];
const VILLAGES = ['王庄', '刘楼', '张营', '李集', '赵寨', '孙庄', '周堂', '吴桥', '郑集', '陈楼', '杨湾', '黄岗'];

/** Names of the test tree as the pages show them. */
export interface PlaceNames {
  province: string;
  city: string;
  county: string;
  townships: string[];
  villages: string[];
}

/**
 * Give the test tree ordinary-looking names (示范县, 城关镇, 王庄村村委会…) so the screenshots
 * read like a real county. Only for a database of its own: the test province 99 is shared.
 */
export async function nameTestPlaces(database: Database, places: TestPlaces): Promise<PlaceNames> {
  const names: PlaceNames = {
    province: '示范省',
    city: '示范市',
    county: '示范县',
    townships: places.townshipCodes.map((_, i) => TOWNSHIPS[i % TOWNSHIPS.length]),
    villages: places.villageCodes.map((_, i) => VILLAGES[i % VILLAGES.length] + '村村委会'),
  };
  const renames: [string, string][] = [
    [places.provinceCode, names.province],
    [places.cityCode, names.city],
    [places.countyCode, names.county],
    ...places.townshipCodes.map((code, i): [string, string] => [code, names.townships[i]]),
    ...places.villageCodes.map((code, i): [string, string] => [code, names.villages[i]]),
  ];
  for (const [code, name] of renames) await database.db.updateTable('place').set({ name }).where('code', '=', code).execute();
  return names;
}

/** `count` households spread over the tree's villages in turn; household i has 1–4 members. */
export async function seedHouseholds(database: Database, places: TestPlaces, count: number): Promise<SeedHousehold[]> {
  const households: SeedHousehold[] = [];
  for (let i = 0; i < count; i++) {
    const spec = specOf(places, i);
    households.push({ ...(await createHousehold(database, places, spec)), status: spec.status! });
  }
  return households;
}
