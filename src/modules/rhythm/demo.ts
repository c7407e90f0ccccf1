/**
 * Demo 驻村工作队 for 龙山镇 (seed 000 asks to 加强驻村工作队管理 and make full use of the teams;
 * it gives no names or sizes): every village of the township with registry households gets a
 * team of a 第一书记 and two members from new demo cadres, posted from 2018-03-01 (invented;
 * the cadres' unit says 演示数据), except that the first village is left without a team and the
 * second with two members, so the page's flags have something to show. Set-based, in the demo
 * load's transaction.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';

export async function loadWorkTeamDemo(tx: Db, townshipCode: string): Promise<void> {
  await sql`
    WITH v AS (
      SELECT village_code, row_number() OVER (ORDER BY village_code) AS rn
      FROM (SELECT DISTINCT village_code FROM household WHERE county_code = ${townshipCode.slice(0, 6)} AND township_code = ${townshipCode}) d
    ),
    slots AS (
      SELECT v.village_code, v.rn, s.slot FROM v CROSS JOIN generate_series(1, 3) AS s(slot)
      WHERE v.rn > 1 AND NOT (v.rn = 2 AND s.slot = 3)
    ),
    c AS (
      INSERT INTO cadre (name, unit, rank, visit_role, place_code)
      SELECT (ARRAY['李','王','张','刘','陈','杨','赵','黄','周','吴'])[1 + (rn * 3 + slot) % 10]
             || (ARRAY['明','华','强','军','平','刚','伟','芳','敏','静'])[1 + (rn * 7 + slot * 3) % 10]
             || (ARRAY['东','林','波','辉','勇','涛','燕','丽','杰','鹏'])[1 + (rn + slot * 5) % 10],
             CASE slot WHEN 1 THEN '龙陵县直机关（演示数据）' ELSE '龙山镇人民政府（演示数据）' END,
             'section_chief', 'pairing_cadre', village_code
      FROM slots
      RETURNING id, place_code
    )
    INSERT INTO village_team_member (village_code, cadre_id, role, started_on)
    SELECT place_code, id, CASE WHEN row_number() OVER (PARTITION BY place_code ORDER BY id) = 1 THEN 'first_secretary' ELSE 'team_member' END, DATE '2018-03-01'
    FROM c`.execute(tx);
}
