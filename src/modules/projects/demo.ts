/**
 * The project, fund and loan part of the demo, written in the demo load's transaction, set-based:
 * 龙山镇's 2019 industry lines of seed 000 as projects (with beneficiary households linked from
 * the demo registry), 龙陵县's 2019 funds allocated to them and partly disbursed, one village's
 * photovoltaic revenue, seed 003's per-person fund of 星子镇 as three sources shared 6:3:1, and
 * micro-loans of 龙山镇 households (repaid, current, due soon and overdue; an overdue loan opens
 * the household's risk type as the loan ledger does).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { splitByShares } from '../../domain/funds/money';
import { recordAudit, type AuditActor } from '../audit/service';
import { OVERDUE_LOAN_RISK_TYPE } from './loans';

const LONGSHAN = '530523101';
const LONGLING = '530523';
const XINGZI = '441882101';
const SEED_000 = 'seed 000：龙山镇2019年脱贫攻坚“春季攻势”行动方案';

/** [industry, type, scale, unit, output 万元, households covered, average income gain 元, yuan allocated 万元] */
export const LONGSHAN_LINES: [string, string, number, string, number, number | null, number | null, number][] = [
  ['烤烟', 'planting', 6600, '亩', 2546.7, 243, 14366, 300],
  ['核桃', 'planting', 53390, '亩', 2338, 817, null, 200],
  ['草果', 'planting', 7955, '亩', 1841, 84, null, 80],
  ['粮食、蔬菜、油料', 'planting', 20000, '亩', 4400, 1176, null, 150],
  ['茶叶', 'planting', 11000, '亩', 1590, 1091, null, 200],
  ['生猪', 'livestock', 14753, '头', 3709.44, 874, 8800, 500],
  ['家禽', 'livestock', 101570, '羽', 960, 1408, 1468, 120],
  ['肉牛', 'livestock', 3272, '头', 2452.8, null, null, 300],
  ['黄山羊', 'livestock', 4378, '头', 477, 28, 35860, 60],
  ['石斛', 'planting', 3500, '亩', 4200, null, null, 150],
  ['石斛枫斗加工', 'processing', 149, '吨', 2384, null, null, 200],
];

const wan = (x: number) => Math.round(x * 1_000_000); // 万元 → fen

export async function loadProjectDemo(tx: Db, actor: AuditActor): Promise<void> {
  const lines = sql.join(LONGSHAN_LINES.map(([industry, type, scale, unit, output, households, gain, funds], i) =>
    sql`(${i}::int, ${industry}::text, ${type}::text, ${scale}::numeric, ${unit}::text, ${wan(output)}::bigint, ${households}::int, ${gain === null ? null : gain * 100}::bigint, ${wan(funds)}::bigint)`));
  await sql`
    WITH line(seq, industry, type, scale, unit, output_fen, households, gain_fen, funds_fen) AS (VALUES ${lines})
    INSERT INTO project (county_code, place_code, year, name, industry, type, scale, scale_unit, planned_output_fen, lead_department,
                         planned_start, planned_completion, started_on, status, benefit_link, covered_households, avg_income_gain_fen, note, created_by)
    SELECT ${LONGLING}, ${LONGSHAN}, 2019, '2019年龙山镇' || industry || CASE WHEN type = 'processing' THEN '' WHEN type = 'livestock' THEN '养殖' ELSE '种植' END,
           industry, type, scale, unit, output_fen, '产业办', '2019-02-15', '2019-12-31',
           CASE WHEN seq % 3 <> 2 THEN make_date(2019, 3, 1 + seq) END, CASE WHEN seq % 3 <> 2 THEN 'started' ELSE 'approved' END,
           CASE WHEN type = 'processing' THEN 'work' WHEN seq % 2 = 0 THEN 'order' ELSE 'shares' END, households, gain_fen, ${SEED_000}, ${actor.username}
    FROM line ORDER BY seq`.execute(tx);

  // Beneficiaries with their gain: as many of the township's registered households as the line covers.
  await sql`
    INSERT INTO project_beneficiary (county_code, project_id, household_no, income_gain_fen)
    SELECT p.county_code, p.id, h.household_no, p.avg_income_gain_fen
    FROM project p
    CROSS JOIN LATERAL (SELECT household_no FROM household h WHERE h.county_code = p.county_code AND h.township_code = ${LONGSHAN}
                        ORDER BY md5(h.household_no || p.industry) LIMIT p.covered_households) h
    WHERE p.county_code = ${LONGLING} AND p.place_code = ${LONGSHAN} AND p.year = 2019 AND p.avg_income_gain_fen IS NOT NULL`.execute(tx);

  // 龙陵县 2019 funds, allocated to the industry lines and a road, mostly disbursed.
  await sql`
    INSERT INTO fund_source (county_code, place_code, year, kind, name, doc_no, received_on, amount_fen, created_by) VALUES
      (${LONGLING}, ${LONGLING}, 2019, 'central', '2019年中央财政专项扶贫资金', '云财农〔2019〕1号', '2019-01-20', ${wan(2000)}, ${actor.username}),
      (${LONGLING}, ${LONGLING}, 2019, 'province', '2019年省级财政专项扶贫资金', '云财农〔2019〕8号', '2019-02-10', ${wan(1000)}, ${actor.username}),
      (${LONGLING}, ${LONGLING}, 2019, 'partner_city', '2019年上海市沪滇扶贫协作资金', null, '2019-03-05', ${wan(800)}, ${actor.username}),
      (${LONGLING}, ${LONGLING}, 2019, 'county', '2019年县级财政扶贫资金', null, '2019-03-01', ${wan(400)}, ${actor.username})`.execute(tx);
  await sql`
    INSERT INTO project (county_code, place_code, year, name, industry, type, scale, scale_unit, planned_output_fen, lead_department, planned_start, started_on, status, note, created_by)
    VALUES (${LONGLING}, ${LONGSHAN}, 2019, '2019年龙山镇产业路硬化', '道路', 'infrastructure', 12.5, 'km', NULL, '交通运输局', '2019-03-01', '2019-03-20', 'started', ${SEED_000}, ${actor.username})`.execute(tx);
  // Each line's amount from the central source first, the rest from the province and partner-city sources; the road from the county source.
  await sql`
    WITH p AS (SELECT id, type, industry, row_number() OVER (ORDER BY id) AS n FROM project WHERE county_code = ${LONGLING} AND year = 2019 AND place_code = ${LONGSHAN}),
    s AS (SELECT id, kind FROM fund_source WHERE county_code = ${LONGLING} AND year = 2019),
    plan(industry, amount_fen) AS (VALUES ${sql.join(LONGSHAN_LINES.map(([industry, , , , , , , funds]) => sql`(${industry}::text, ${wan(funds)}::bigint)`))}, ('道路'::text, ${wan(350)}::bigint))
    INSERT INTO fund_allocation (county_code, source_id, project_id, amount_fen, allocated_on, note, created_by)
    SELECT ${LONGLING}, (SELECT s.id FROM s WHERE s.kind = CASE WHEN p.type = 'infrastructure' THEN 'county' WHEN p.n % 3 = 0 THEN 'partner_city' WHEN p.n % 3 = 1 THEN 'central' ELSE 'province' END),
           p.id, plan.amount_fen, '2019-03-10', '资金定到项目', ${actor.username}
    FROM p JOIN plan ON plan.industry = p.industry`.execute(tx);
  await sql`
    UPDATE fund_source s SET allocated_fen = a.total FROM (SELECT source_id, sum(amount_fen) AS total FROM fund_allocation WHERE county_code = ${LONGLING} GROUP BY 1) a
    WHERE s.county_code = ${LONGLING} AND s.id = a.source_id`.execute(tx);
  await sql`
    INSERT INTO fund_disbursement (county_code, allocation_id, paid_on, voucher_no, amount_fen, payee, note, created_by)
    SELECT a.county_code, a.id, '2019-06-28', '龙财拨-2019-' || lpad(a.id::text, 4, '0'), a.amount_fen * 6 / 10, '龙山镇人民政府', '第一批拨付（60%）', ${actor.username}
    FROM fund_allocation a WHERE a.county_code = ${LONGLING}`.execute(tx);
  await sql`UPDATE fund_allocation SET disbursed_fen = amount_fen * 6 / 10 WHERE county_code = ${LONGLING}`.execute(tx);
  await sql`
    INSERT INTO pv_revenue (county_code, village_code, year, revenue_fen, welfare_jobs_fen, updated_by)
    SELECT ${LONGLING}, code, 2019, 20000000, 16500000, ${actor.username} FROM place WHERE parent_code = ${LONGSHAN} ORDER BY code LIMIT 1`.execute(tx);

  // Seed 003: 星子镇's 3608 persons × 20,000 yuan, shared province : 广州市 : 清远市 = 6 : 3 : 1.
  const [province, partner, city] = splitByShares(20000 * 3608 * 100, [6, 3, 1]);
  await sql`
    INSERT INTO fund_source (county_code, place_code, year, kind, name, doc_no, received_on, amount_fen, created_by)
    SELECT '441882', ${XINGZI}, 2016, kind, name, '连州市扶贫开发规划（2016—2018年）', '2016-04-01', amount, ${actor.username}
    FROM (VALUES ('province'::text, '省级财政扶贫投入（6/10）'::text, ${province}::bigint), ('partner_city', '广州市对口帮扶资金（3/10）', ${partner}::bigint), ('city', '清远市财政扶贫投入（1/10）', ${city}::bigint)) v(kind, name, amount)
    WHERE EXISTS (SELECT 1 FROM place WHERE code = ${XINGZI})`.execute(tx);

  await loadLoanDemo(tx, actor);
  await recordAudit(tx, { ...actor, action: 'project.demo_load', objectType: 'project', placeCode: LONGLING, note: '载入演示项目、资金和小额信贷' });
}

/**
 * 40 loans of 龙山镇 households: 24 from 2019 repaid, 4 from 2019 overdue (risk opened), 12
 * recent ones issued 1–12 months before today, some due within the month.
 */
async function loadLoanDemo(tx: Db, actor: AuditActor): Promise<void> {
  await sql`
    WITH h AS (SELECT county_code, household_no, village_code, row_number() OVER (ORDER BY md5(household_no)) AS n
               FROM household WHERE county_code = ${LONGLING} AND township_code = ${LONGSHAN} ORDER BY md5(household_no) LIMIT 40)
    INSERT INTO loan (county_code, household_no, village_code, lender, contract_no, amount_fen, term_months, installments, annual_rate, subsidy_rate,
                      purpose, issued_on, repaid_fen, status, overdue_since, created_by)
    SELECT county_code, household_no, village_code, CASE WHEN n % 2 = 0 THEN '龙陵县农村信用合作联社' ELSE '农业银行龙陵县支行' END,
           'LL-XD-' || lpad(n::text, 4, '0'),
           (CASE WHEN n % 3 = 0 THEN 50000 WHEN n % 3 = 1 THEN 30000 ELSE 20000 END) * 100,
           CASE WHEN n <= 28 THEN 36 ELSE 12 END, 1, 0.0435, 0.0435,
           CASE WHEN n % 4 = 0 THEN '发展烤烟种植' WHEN n % 4 = 1 THEN '生猪养殖' WHEN n % 4 = 2 THEN '肉牛养殖' ELSE '茶叶种植' END,
           CASE WHEN n <= 28 THEN make_date(2019, 1 + (n % 12)::int, 10) ELSE (current_date - make_interval(months => (n - 28)::int))::date END,
           CASE WHEN n <= 24 THEN (CASE WHEN n % 3 = 0 THEN 50000 WHEN n % 3 = 1 THEN 30000 ELSE 20000 END) * 100 ELSE 0 END,
           CASE WHEN n <= 24 THEN 'repaid' WHEN n <= 28 THEN 'overdue' ELSE 'active' END,
           CASE WHEN n > 24 AND n <= 28 THEN make_date(2022, 1 + (n % 12)::int, 10) END,
           ${actor.username}
    FROM h`.execute(tx);
  await sql`
    INSERT INTO loan_repayment (county_code, loan_id, seq, paid_on, principal_fen, interest_fen, note, created_by)
    SELECT county_code, id, 1, (issued_on + make_interval(months => term_months::int))::date, amount_fen, amount_fen * 435 / 10000 * 3, '到期还本付息', ${actor.username}
    FROM loan WHERE county_code = ${LONGLING} AND status = 'repaid'`.execute(tx);
  await sql`
    UPDATE household h SET open_risk_types = array_append(h.open_risk_types, ${OVERDUE_LOAN_RISK_TYPE})
    FROM loan l WHERE l.county_code = ${LONGLING} AND l.status = 'overdue' AND h.county_code = l.county_code AND h.household_no = l.household_no
      AND NOT (${OVERDUE_LOAN_RISK_TYPE} = ANY(h.open_risk_types))`.execute(tx);
}
