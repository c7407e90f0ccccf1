/**
 * Who is monitored, as policy data per province and year: each of the three kinds at the
 * boundary of the range, the 口径 deciding which 合规自付 costs are deducted, what-if of a
 * draft line or 口径 (who enters, who leaves, with reasons), and a clock profile over its total
 * refused in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree } from '../helpers/factory';
import { makeTeam, setDay, withProcedureApp } from '../procedures/helpers';
import { activateRecord, policyAdmin, RANGE_2026 } from './helpers';

describe.each(testDatabases)('防止返贫致贫对象 on $name', ({ open }) => {
  const suite = withProcedureApp(open);

  async function county() {
    const { app, database, clock } = suite;
    setDay(clock, '2026-06-01');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    const admin = await policyAdmin(app, database);
    await activateRecord(admin, places.countyCode, 2026, { prevention: { rangeByYear: RANGE_2026 } }, '监测范围 2026');
    const make = (perCapita: number, formerlyPoor: boolean) => createHousehold(database, places, {
      status: formerlyPoor ? 'exited' : 'not_poor',
      identifiedYear: formerlyPoor ? 2016 : null,
      history: [],
      incomes: [{ year: 2026, wages: perCapita * 2 }],
    });
    return { places, team, admin, make };
  }

  it('lists each kind at the boundary of the province range, with the notice, and deducts only the 口径\'s 合规自付 costs', async () => {
    const { places, team, make } = await county();
    const unstableAt = await make(8100, true);
    const unstableOver = await make(8100.01, true);
    const marginalAt = await make(8100, false);
    const marginalOver = await make(8100.01, false);
    const sudden = await make(9100, false);
    const suddenShort = await make(9100, false);
    const c = await team.as('county');
    const put = (no: string, lines: unknown[]) => c.inject('PUT', `/api/v1/prevention/households/${no}/costs/2026`, { lines });
    expect((await put(sudden.householdNo, [{ item: 'medical_compliant', amount: 1500 }, { item: 'schooling_compliant', amount: 500 }, { item: 'medical_other', amount: 8000 }])).statusCode).toBe(200);
    expect((await put(suddenShort.householdNo, [{ item: 'medical_compliant', amount: 1999.98 }, { item: 'medical_other', amount: 8000 }])).statusCode).toBe(200);
    const bad = await put(sudden.householdNo, [{ item: 'rent', amount: 1 }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('支出项目（item）应为');

    const res = await c.inject('GET', `/api/v1/prevention/screening?place=${places.countyCode}&year=2026&all=true`);
    expect(res.statusCode, res.body).toBe(200);
    const kinds = Object.fromEntries(res.json().items.map((i: { householdNo: string; kind: string | null }) => [i.householdNo, i.kind]));
    expect(kinds).toEqual({
      [unstableAt.householdNo]: 'unstable', [unstableOver.householdNo]: null,
      [marginalAt.householdNo]: 'marginal', [marginalOver.householdNo]: null,
      [sudden.householdNo]: 'sudden', [suddenShort.householdNo]: null,
    });
    expect(res.json().ranges).toEqual(['监测范围 8100 元（2026 年；依据：测试省乡村振兴局关于2026年防止返贫致贫监测范围的通知）']);
    expect(res.json().counts).toMatchObject({ households: 6, inRange: 3, unstable: 1, marginal: 1, sudden: 1, notYetMonitored: 3 });
    const suddenRow = res.json().items.find((i: { householdNo: string }) => i.householdNo === sudden.householdNo);
    expect(suddenRow.reason).toBe('突发严重困难户：人均纯收入 9100 元，超过监测范围，但扣除合规自付医疗费用 1500 元、合规自付教育费用 500 元后人均 8100 元，不超过监测范围 8100 元（2026 年；依据：测试省乡村振兴局关于2026年防止返贫致贫监测范围的通知）');
    const inRange = await c.inject('GET', `/api/v1/prevention/screening?place=${places.countyCode}&year=2026`);
    expect(inRange.json().items).toHaveLength(3);
    const xlsx = await c.inject('GET', `/api/v1/prevention/screening.xlsx?place=${places.countyCode}&year=2026`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    expect((await suite.app.inject({ method: 'GET', url: `/api/v1/prevention/screening?place=${places.countyCode}&year=2026` })).statusCode).toBe(401);
    const other = await createPlaceTree(suite.database, 1, 1);
    const outside = await (await makeTeam(suite.app, suite.database, other)).as('county');
    expect((await outside.inject('GET', `/api/v1/prevention/screening?place=${places.countyCode}&year=2026`)).statusCode).toBe(404);
  });

  it('what-if of a draft line or 口径 lists who would enter and who would leave, with the reasons under both', async () => {
    const { places, admin, team, make } = await county();
    const at = await make(8100, true);
    const low = await make(7000, false);
    const sick = await make(9000, false);
    const c = await team.as('county');
    await c.inject('PUT', `/api/v1/prevention/households/${sick.householdNo}/costs/2026`, { lines: [{ item: 'medical_other', amount: 2000 }] });
    const lower = { regionCode: places.countyCode, effectiveYear: 2026, title: '测算：8000 元', rules: { prevention: { rangeByYear: { 2026: { upper: 8000, notice: '征求意见稿' } }, accounting: { deductedCosts: ['medical_compliant', 'medical_other', 'schooling_compliant'] } } } };
    const res = await admin.inject('POST', '/api/v1/prevention/what-if', { policy: lower, place: places.countyCode, year: 2026 });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ entering: 1, leaving: 1, before: { inRange: 2 }, after: { inRange: 2 } });
    const byNo = Object.fromEntries(r.changes.map((ch: { householdNo: string }) => [ch.householdNo, ch]));
    expect(byNo[at.householdNo]).toMatchObject({ change: 'leave', changeLabel: '移出范围', kindBefore: '脱贫不稳定户', kindAfter: null });
    expect(byNo[at.householdNo].reasonAfter).toContain('人均纯收入 8100 元，超过监测范围 8000 元（2026 年；依据：征求意见稿）');
    expect(byNo[sick.householdNo]).toMatchObject({ change: 'enter', kindBefore: null, kindAfter: '突发严重困难户' });
    expect(byNo[sick.householdNo].reasonAfter).toContain('扣除目录外自费医疗费用 2000 元后人均 8000 元');
    expect(byNo[low.householdNo]).toBeUndefined();
    // Nothing was saved: the screening still reads the active record.
    const still = await c.inject('GET', `/api/v1/prevention/screening?place=${places.countyCode}&year=2026`);
    expect(still.json().counts.inRange).toBe(2);
    expect((await c.inject('POST', '/api/v1/prevention/what-if', { policy: lower, year: 2026 })).statusCode).toBe(403);
  });

  it('refuses a clock profile whose steps exceed its total, naming the profile and the days', async () => {
    const { places, admin } = await county();
    const res = await admin.inject('POST', '/api/v1/policies', {
      regionCode: places.countyCode, effectiveYear: 2026, title: '错误的时限',
      rules: { prevention: { clock: { profile: 'local', profiles: { local: { label: '本县方案', unit: 'working', totalDays: 10, noticeMinDays: 5, source: '测试', steps: [
        { code: 'verification', label: '入户核实', days: 4, procedureSteps: ['village_review'] },
        { code: 'review_notice', label: '评议公示', days: 5, procedureSteps: ['public_notice'] },
        { code: 'county_decision', label: '审定', days: 3, procedureSteps: ['township_review', 'county_decision'] },
      ] } } } } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('时限方案「本县方案」（local）各步骤时限合计 12 个工作日（入户核实 4 + 评议公示 5 + 审定 3），超过总时限 10 个工作日');
  });
});
