/**
 * 新增农户: a household and its members entered in a form go through the import itself (one
 * household written as a small file and imported), so a form and a spreadsheet are checked by
 * the same rules and give the same errors, with the column (field) named in Chinese. A number
 * already used in the county is refused: an existing household is changed on its card.
 */
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { scopeContains, type PlaceScope } from '../../db/placeScope';
import type { AuditActor } from '../audit/service';
import { COLUMNS } from './columns';
import { householdNumberTaken } from './householdFormQueries';
import { importRegistry, type ImportReport } from './service';

const HOUSEHOLD_KEYS = ['household_no', 'village_code', 'attribute', 'status', 'monitor_category', 'identified_year', 'planned_exit_year', 'main_cause', 'other_causes', 'phone', 'food_secure', 'clothing_secure', 'house_grade'] as const;
const PERSON_KEYS = ['name', 'id_number', 'relation', 'ethnicity', 'education', 'schooling', 'health', 'disability_grade', 'labour', 'work_status', 'insured_basic', 'person_phone'] as const;

const HEADER = new Map(COLUMNS.map((c) => [c.key, c.header]));
const cell = z.string().trim().max(200, '内容过长（最多 200 字）').optional();
const fields = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, cell])) as Record<K, typeof cell>);

export const newHouseholdInput = z.strictObject({
  /** The business year the household's status is recorded for (业务年度). */
  year: z.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度不早于 2000').max(2100, '年度不晚于 2100'),
  dryRun: z.boolean().default(false),
  household: fields(HOUSEHOLD_KEYS),
  members: z.array(fields(PERSON_KEYS)).min(1, '至少填写一位家庭成员（户主）').max(30, '一户最多 30 人'),
});
export type NewHouseholdInput = z.input<typeof newHouseholdInput>;

export class HouseholdFormRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problems: { member: number | null; field: string; value: string; message: string }[],
  ) {
    super(message);
  }
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The form as the import's CSV: one row per member, the household's fields on every row. */
function formCsv(input: z.output<typeof newHouseholdInput>): { csv: string; memberOfRow: (row: number) => number | null } {
  const hKeys = HOUSEHOLD_KEYS.filter((k) => input.household[k]);
  const pKeys = PERSON_KEYS.filter((k) => input.members.some((m) => m[k]));
  const lines = [[...hKeys, ...pKeys].map((k) => HEADER.get(k)!).map(quote).join(',')];
  for (const m of input.members) lines.push([...hKeys.map((k) => input.household[k]!), ...pKeys.map((k) => m[k] ?? '')].map(quote).join(','));
  return { csv: lines.join('\n') + '\n', memberOfRow: (row) => (row >= 2 ? row - 1 : null) };
}

/** Checks (dry run) or adds the household; its number and the import's report on success, HouseholdFormRefused otherwise. */
export async function addHouseholdFromForm(
  database: Database,
  raw: unknown,
  options: { scope: PlaceScope; actor: AuditActor; today?: Date },
): Promise<{ householdNo: string | undefined; report: ImportReport }> {
  const input = newHouseholdInput.parse(raw);
  const no = input.household.household_no;
  const village = input.household.village_code;
  if (no && village && /^\d{12}$/.test(village) && scopeContains(options.scope, village) && (await householdNumberTaken(database.db, village.slice(0, 6), no))) {
    throw new HouseholdFormRefused(`户编号“${no}”在本县已有农户：已有的户请在其一户一档中修改或新增成员`, 409, [{ member: null, field: '户编号', value: no, message: '本县已有此户编号' }]);
  }
  const { csv, memberOfRow } = formCsv(input);
  const path = join(tmpdir(), `fupin-form-${randomUUID()}.csv`);
  await writeFile(path, '\uFEFF' + csv, 'utf8');
  try {
    const report = await importRegistry(database, { path, fileName: '新增农户.csv' }, { dryRun: input.dryRun, scope: options.scope, actor: options.actor, statusYear: input.year, today: options.today });
    if (!report.ok) {
      const problems = report.errors.map((p) => ({ member: memberOfRow(p.row), field: p.column, value: p.value, message: p.message }));
      const first = problems[0];
      const where = first.member === null ? '' : `第 ${first.member} 位成员的`;
      throw new HouseholdFormRefused(
        `${where}【${first.field || '表单'}】${first.value ? `“${first.value}”` : ''}：${first.message}${problems.length > 1 ? `（另有 ${problems.length - 1} 处问题）` : ''}；没有写入任何数据`,
        400,
        problems,
      );
    }
    return { householdNo: no, report };
  } finally {
    await rm(path, { force: true });
  }
}
