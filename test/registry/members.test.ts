import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { testDatabases } from '../helpers/databases';
import { idNumberFor } from '../helpers/factory';
import { seedSmallRegistry } from './seed';
import { registryApp, signIn, type Client } from './session';

const mask = (id: string) => id.slice(0, 6) + '********' + id.slice(-4);

describe.each(testDatabases)('member and household changes on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await open();
    app = await registryApp(database);
  });
  /** The registry of a test, and a county operator of its county signed in as `as`. */
  let as: Client;
  async function seed() {
    const r = await seedSmallRegistry(database);
    as = await signIn(app, database, 'county_operator', r.places.countyCode);
    return r;
  }
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const card = async (householdNo: string) => (await as.inject('GET', `/api/v1/households/${householdNo}`)).json();
  const addMember = (householdNo: string, payload: object) => as.inject('POST', `/api/v1/households/${householdNo}/members`, payload);
  const patchMember = (householdNo: string, memberKey: string, payload: object) => as.inject('PATCH', `/api/v1/households/${householdNo}/members/${memberKey}`, payload);
  const patchHousehold = (householdNo: string, payload: object) => as.inject('PATCH', `/api/v1/households/${householdNo}`, payload);
  /** The member key of the member named `name` on a household's card. */
  const keyOf = async (householdNo: string, name: string): Promise<string> => {
    const member = (await card(householdNo)).members.find((m: { name: string }) => m.name === name);
    if (!member) throw new Error(`户 ${householdNo} 没有成员 ${name}`);
    return member.memberKey;
  };

  it('adds a member: sex and birth date from the ID, labels accepted, size and updated_at kept right', async () => {
    const r = await seed();
    const before = await card(r.a.householdNo);
    const id = idNumberFor(r.places.countyCode, '2012-06-01', 401, 'F');
    const res = await addMember(r.a.householdNo, { idNumber: id, name: '王小花', relation: '之女', education: '小学', schooling: 'primary', insuredBasic: true });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      householdNo: r.a.householdNo,
      member: { idNumber: mask(id), name: '王小花', sex: 'F', birthDate: '2012-**-**', relation: 'daughter', education: 'primary', schooling: 'primary', insuredBasic: true, health: null },
    });
    const after = await card(r.a.householdNo);
    expect(after.household.size).toBe(4);
    expect(after.members).toHaveLength(4);
    expect(after.household.updatedAt > before.household.updatedAt).toBe(true);
  });

  it('converts a 15-digit ID number when adding', async () => {
    const r = await seed();
    const full = idNumberFor(r.places.countyCode, '1980-02-29', 402, 'M');
    const fifteen = full.slice(0, 6) + full.slice(8, 17);
    const res = await addMember(r.c.householdNo, { idNumber: fifteen, name: '王三', relation: 'sibling' });
    expect(res.statusCode).toBe(201);
    expect(res.json().member).toMatchObject({ idNumber: mask(full), sex: 'M', birthDate: '1980-**-**' });
  });

  it('refuses an ID number already in a household, naming both households, and changes nothing', async () => {
    const r = await seed();
    const taken = r.b.members[0].idNumber;
    const res = await addMember(r.a.householdNo, { idNumber: taken, name: '赵四', relation: 'other' });
    expect(res.statusCode).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(r.a.householdNo);
    expect(error.message).toContain(r.b.householdNo);
    expect(error.message).toContain('赵四');
    expect(error.message).not.toContain(taken);
    expect((await card(r.a.householdNo)).household.size).toBe(3);
    const again = await addMember(r.b.householdNo, { idNumber: taken, name: '赵四', relation: 'other' });
    expect(again.statusCode).toBe(409);
    expect((await card(r.b.householdNo)).members).toHaveLength(1);
  });

  it('refuses a second head and bad input with the field and value named', async () => {
    const r = await seed();
    const free = idNumberFor(r.places.countyCode, '1990-01-01', 403);
    const head = await addMember(r.a.householdNo, { idNumber: free, name: '王某', relation: 'head' });
    expect(head.statusCode).toBe(409);
    expect(head.json().error.message).toContain('王大明');
    const badCheck = free.slice(0, 17) + (free[17] === '1' ? '2' : '1');
    const cases: [object, string[]][] = [
      [{ idNumber: badCheck, name: '甲', relation: 'son' }, ['证件号码', badCheck, '校验位']],
      [{ idNumber: '41142619901301001X', name: '甲', relation: 'son' }, ['证件号码', '19901301']],
      [{ idNumber: free, name: '甲', relation: '表哥' }, ['与户主关系', '表哥', '之子']],
      [{ idNumber: free, name: '', relation: 'son' }, ['姓名', 'name']],
      [{ idNumber: free, relation: 'son' }, ['姓名', '不能为空']],
      [{ idNumber: free, name: '甲', relation: 'son', disabilityGrade: 5 }, ['残疾等级', '5']],
      [{ idNumber: free, name: '甲', relation: 'son', insuredBasic: 'yes' }, ['基本医疗保险', 'yes']],
      [{ idNumber: free, name: '甲', relation: 'son', salary: 100 }, ['salary']],
    ];
    for (const [payload, words] of cases) {
      const res = await addMember(r.a.householdNo, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      for (const w of words) expect(res.json().error.message, JSON.stringify(payload)).toContain(w);
    }
    expect((await card(r.a.householdNo)).household.size).toBe(3);
    const unknown = await addMember('NO-SUCH', { idNumber: free, name: '甲', relation: 'son' });
    expect(unknown.statusCode).toBe(404);
  });

  it('updates a member and corrects an ID number, keeping the head fields of the household in step', async () => {
    const r = await seed();
    const no = r.a.householdNo;
    const spouseKey = await keyOf(no, '李秀英');
    const res = await patchMember(no, spouseKey, { name: '李秀兰', health: '患有大病', phone: null });
    expect(res.statusCode).toBe(200);
    expect(res.json().member).toMatchObject({ memberKey: spouseKey, name: '李秀兰', health: 'serious', phone: null, relation: 'spouse' });

    const headKey = await keyOf(no, '王大明');
    const corrected = idNumberFor(r.places.countyCode, '1961-12-30', 404, 'M');
    const fix = await patchMember(no, headKey, { idNumber: corrected, name: '王大民' });
    expect(fix.statusCode).toBe(200);
    expect(fix.json().member).toMatchObject({ memberKey: headKey, idNumber: mask(corrected), birthDate: '1961-**-**', sex: 'M', name: '王大民' });
    const after = await card(no);
    expect(after.household.headName).toBe('王大民');
    expect(after.household.headIdNumber).toBe(mask(corrected));
    expect(after.household.size).toBe(3);
    expect(await keyOf(no, '王大民')).toBe(headKey);

    const handOver = await patchMember(no, headKey, { relation: 'other' });
    expect(handOver.statusCode).toBe(200);
    const newHead = await patchMember(no, spouseKey, { relation: '户主' });
    expect(newHead.statusCode).toBe(200);
    const card2 = await card(no);
    expect(card2.household.headName).toBe('李秀兰');
    expect(card2.household.headIdNumber).toBe(mask(r.a.members[1].idNumber));
  });

  it('refuses to correct an ID number to one registered elsewhere, naming both households', async () => {
    const r = await seed();
    const daughterKey = await keyOf(r.a.householdNo, '王小红');
    const res = await patchMember(r.a.householdNo, daughterKey, { idNumber: r.d.members[1].idNumber });
    expect(res.statusCode).toBe(409);
    const message = res.json().error.message;
    expect(message).toContain(r.a.householdNo);
    expect(message).toContain(r.d.householdNo);
    expect(message).toContain('周兰');
    expect(message).toContain('王小红');
    const second = await patchMember(r.a.householdNo, daughterKey, { relation: 'head' });
    expect(second.statusCode).toBe(409);
    expect((await card(r.a.householdNo)).members.map((m: { name: string }) => m.name)).toEqual(['王大明', '李秀英', '王小红']);
  });

  it('refuses bad member changes and unknown persons', async () => {
    const r = await seed();
    const no = r.a.householdNo;
    const key = await keyOf(no, '王大明');
    const empty = await patchMember(no, key, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('没有要修改的字段');
    const badEnum = await patchMember(no, key, { education: '博士后' });
    expect(badEnum.statusCode).toBe(400);
    expect(badEnum.json().error.message).toContain('博士后');
    const sex = await patchMember(no, key, { sex: 'F' });
    expect(sex.statusCode).toBe(400);
    expect(sex.json().error.message).toContain('sex');
    const badId = await patchMember(no, key, { idNumber: '41142619901301001X' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.message).toContain('19901301');
    const badKey = await patchMember(no, '12345', { name: '甲' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.message).toContain('成员编号');
    expect(badKey.json().error.message).toContain('12345');
    const byIdNumber = await patchMember(no, r.a.members[0].idNumber, { name: '甲' });
    expect(byIdNumber.statusCode).toBe(400);
    const nobody = await patchMember(no, '00000000-0000-4000-8000-000000000000', { name: '甲' });
    expect(nobody.statusCode).toBe(404);
    const otherHousehold = await patchMember(r.c.householdNo, key, { name: '甲' });
    expect(otherHousehold.statusCode).toBe(404);
    expect((await as.inject('PATCH', `/api/v1/persons/${r.a.members[0].idNumber}`, { name: '甲' })).statusCode).toBe(404);
    expect((await card(no)).members.map((m: { name: string }) => m.name)).toEqual(['王大明', '李秀英', '王小红']);
  });

  it('updates a household record and refuses status and bad values', async () => {
    const r = await seed();
    const res = await patchHousehold(r.c.householdNo, {
      attribute: '低保贫困户',
      houseGrade: 'B',
      waterLpd: 42.5,
      waterPiped: true,
      otherCauses: ['因病', 'labour'],
      phone: '0370-5551234',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().household).toMatchObject({ attribute: 'dibao', houseGrade: 'B', waterLpd: 42.5, waterPiped: true, otherCauses: ['illness', 'labour'], phone: '037*****1234', size: 1 });
    const cases: [object, string[]][] = [
      [{ status: 'exited' }, ['status']],
      [{ identifiedYear: 1900 }, ['识别年度', '1900']],
      [{ mainCause: '因懒' }, ['主要致贫原因', '因懒']],
      [{ otherCauses: ['因病', '因懒'] }, ['其他致贫原因', 'otherCauses.1', '因懒']],
      [{ waterOutageDays: 400 }, ['年累计断水天数', '400']],
      [{}, ['没有要修改的字段']],
    ];
    for (const [payload, words] of cases) {
      const bad = await patchHousehold(r.c.householdNo, payload);
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      for (const w of words) expect(bad.json().error.message).toContain(w);
    }
    expect((await patchHousehold('NO-SUCH', { relocated: true })).statusCode).toBe(404);
    expect((await card(r.c.householdNo)).household.status).toBe('poor');
  });
});
